using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Dashboards;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Reports;

/// <summary>An archived report without its bytes.</summary>
/// <param name="Id">Row id (download address /api/reports/{id}/datei).</param>
/// <param name="Name">Report name.</param>
/// <param name="ProcessId">Process; null: all processes.</param>
/// <param name="Period">Month, "yyyy-MM".</param>
/// <param name="GeneratedAt">When the workbook was generated.</param>
/// <param name="FactorIds">Factor versions used by the ledger rows it covers.</param>
/// <param name="FileName">File name of the download.</param>
/// <param name="Sha256">SHA-256 of the file, hex.</param>
internal sealed record ArchivedReport(long Id, string Name, string? ProcessId, string Period, DateTimeOffset GeneratedAt,
    IReadOnlyList<string> FactorIds, string FileName, string Sha256)
{
    /// <summary>Download address.</summary>
    public string Url => $"/api/reports/{Id}/datei";
}

/// <summary>A stored file.</summary>
internal sealed record ArchivedFile(byte[] Content, string FileName, string Sha256);

/// <summary>API of the report archive (read only).</summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Berichtsarchiv").RequireAuthorization(Policies.Dashboards);

        group.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListArchivedReports(), ct)))
            .WithSummary("Archivierte Monatsberichte mit Erstellungszeit und verwendeten Faktorversionen (neueste zuerst).");

        group.MapGet("/{id:long}/datei", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (long id, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new GetArchivedFile(id), ct) is { } file
                    ? TypedResults.File(file.Content, DashboardEndpoints.XlsxType, file.FileName)
                    : ProblemResults.Of(StatusCodes.Status404NotFound, "not-found", Texte.Format(Texte.ServerGibtKeinenArchiviertenBerichtNummer, id)))
            .ProducesFile(DashboardEndpoints.XlsxType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Die unveränderte Excel-Datei eines archivierten Berichts.");
    }
}
