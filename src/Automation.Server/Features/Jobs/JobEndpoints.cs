using System.Security.Claims;
using System.Text.Json.Serialization;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;

namespace Automation.Server.Features.Jobs;

/// <summary>A background job as the API shows it.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Kind">What it does ("simulation", "workbook", "employment-report", "import").</param>
/// <param name="Title">German title.</param>
/// <param name="Status">running, succeeded, failed or cancelled.</param>
/// <param name="Progress">Share done, 0 to 1.</param>
/// <param name="Started">Start time.</param>
/// <param name="Finished">End time, null while running.</param>
/// <param name="Error">German reason when failed or cancelled.</param>
internal sealed record JobDto(Guid Id, string Kind, string Title, string Status, double Progress, DateTimeOffset Started, DateTimeOffset? Finished,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    public static JobDto From(BackgroundJob job) =>
        new(job.Id, job.Kind, job.Title, job.Status.ToString().ToLowerInvariant(), job.Progress, job.Started, job.Finished, job.Error);
}

/// <summary>The signed-in user's background jobs: state and progress for the pages that poll, and cancelling.</summary>
internal static class JobEndpoints
{
    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Aufträge").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", (ClaimsPrincipal user, BackgroundJobs jobs) => TypedResults.Ok(jobs.ListFor(user.UserName()).Select(JobDto.From).ToList()))
            .WithSummary("Die eigenen Hintergrundaufträge (z. B. Simulationen), neueste zuerst; beendete bleiben 30 Minuten.");
        group.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, BackgroundJobs jobs) =>
                TypedResults.Ok(JobDto.From(jobs.Find(id, user.UserName()) ?? throw Unknown(id))))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Stand und Fortschritt eines eigenen Auftrags; Aufträge anderer Benutzer sind unbekannt (404).");
        group.MapPost("/{id:guid}/cancel", (Guid id, ClaimsPrincipal user, BackgroundJobs jobs) =>
                jobs.Cancel(id, user.UserName()) ? TypedResults.Ok(JobDto.From(jobs.Find(id, user.UserName())!)) : throw Unknown(id))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Bricht einen laufenden eigenen Auftrag ab; er endet kurz danach mit dem Stand „cancelled“.");
        group.MapGet("/{id:guid}/datei", (Guid id, ClaimsPrincipal user, BackgroundJobs jobs) =>
                jobs.Find(id, user.UserName())?.File is { } file
                    ? TypedResults.File(file.Content, file.ContentType, file.FileName)
                    : throw new NotFoundException(Texte.Format(Texte.ServerAuftragHatDateiErUnbekannt, id)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Die Datei eines eigenen, fertigen Auftrags (z. B. Excel-Bericht); sie bleibt so lange wie der Auftrag.");
    }

    private static NotFoundException Unknown(Guid id) => new(Texte.Format(Texte.ServerGibtKeinenLaufendenKuerzlichBeendeten, id));
}
