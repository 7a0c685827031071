using System.Security.Claims;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Drafts;

/// <summary>
/// REST endpoints of the modeler's drafts, always the caller's own. Browser sessions send the anti-forgery header on every
/// write (UseApiAntiforgery); the body limit is the upload limit (<see cref="ServerOptions.MaxUploadBytes"/>).
/// </summary>
internal static class DraftEndpoints
{
    public static void MapDraftEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/drafts").WithTags("Entwürfe").RequireAuthorization(Policies.DefinitionsWrite);

        group.MapGet("/", async (string? processId, ClaimsPrincipal user, ModelerDrafts drafts, CancellationToken ct) =>
                TypedResults.Ok(await drafts.ListAsync(user.UserName(), processId is not null, processId, ct)))
            .WithSummary("Die eigenen Entwürfe des Modelers, neueste zuerst (mit processId nur die dieses Prozesses).");

        group.MapGet("/{id:long}", async (long id, ClaimsPrincipal user, ModelerDrafts drafts, CancellationToken ct) =>
                TypedResults.Text((await drafts.GetAsync(user.UserName(), id, ct)).Xml, "application/xml; charset=utf-8"))
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Das BPMN-XML eines eigenen Entwurfs.");

        group.MapPost("/", async (HttpRequest request, string? processId, ClaimsPrincipal user, ModelerDrafts drafts, IOptions<ServerOptions> options, CancellationToken ct) =>
            {
                var created = await drafts.CreateAsync(user.UserName(), processId, await ReadAsync(request, options.Value, ct), ct);
                return TypedResults.Created($"/api/drafts/{created.Id}", created);
            })
            .Accepts<string>("application/xml", "text/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Speichert das BPMN-XML als neuen Entwurf (processId: der bearbeitete Prozess, leer bei einem neuen Diagramm).");

        group.MapPut("/{id:long}", async (long id, HttpRequest request, ClaimsPrincipal user, ModelerDrafts drafts, IOptions<ServerOptions> options, CancellationToken ct) =>
                TypedResults.Ok(await drafts.UpdateAsync(user.UserName(), id, await ReadAsync(request, options.Value, ct), ct)))
            .Accepts<string>("application/xml", "text/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Überschreibt einen eigenen Entwurf.");

        group.MapDelete("/{id:long}", async (long id, ClaimsPrincipal user, ModelerDrafts drafts, CancellationToken ct) =>
            {
                await drafts.DeleteAsync(user.UserName(), id, ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Verwirft einen eigenen Entwurf.");
    }

    private static async Task<string> ReadAsync(HttpRequest request, ServerOptions options, CancellationToken ct) =>
        (await BodyReader.ReadUploadAsync(request, options.MaxUploadBytes, ct)).Text;
}
