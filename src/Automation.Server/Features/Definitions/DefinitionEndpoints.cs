using System.Security.Claims;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Decisions;
using Automation.Server.Features.Drafts;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Definitions;

/// <summary>REST endpoints for process definitions.</summary>
internal static class DefinitionEndpoints
{
    public static void MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitionen");

        group.MapPost("/", async Task<Results<Created<DeployResponse>, Created<DecisionPublishResponse>>> (HttpRequest request, bool? publish,
            string? fileName, string? overrideReason, long? draftId, ClaimsPrincipal user, IMediator mediator, ModelerDrafts drafts,
            IOptions<ServerOptions> options, CancellationToken ct) =>
        {
            var (text, name) = await ReadAsync(request, fileName, options.Value, ct);
            if (DecisionFiles.IsDmn(name, text))
            {
                // Decisions have no drafts: a version exists once it is published.
                if (publish != true) throw new BadInputException("publish", Texte.EntscheidungNurVeroeffentlicht);
                var decisions = await mediator.Send(new PublishDecisions(user, text, name), ct);
                return TypedResults.Created("/api/decisions", decisions);
            }
            var result = await mediator.Send(new DeployDefinition(text, name, publish ?? false, overrideReason), ct);
            // Published: the draft it came from has done its job. Only the publisher's own draft goes; another id is left alone.
            if (publish == true && draftId is { } draft) await drafts.TryDeleteAsync(user.UserName(), draft, ct);
            return TypedResults.Created($"/api/definitions/{(result.Versions.Count > 0 ? result.Versions[0].ProcessId : "")}/versions", result);
        })
        .RequireAuthorization(Policies.DefinitionsWrite)
        .Accepts<string>("application/xml", "application/json", "text/xml", "multipart/form-data")
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithSummary("Lädt eine BPMN-, Elsa-JSON- oder DMN-Datei hoch (DMN: jede Entscheidung als neue Version, nur mit publish=true; sonst als neue Version; mit ?publish=true veröffentlicht, wenn das Transparenzregister vollständig ist; Administration: overrideReason; draftId: der eigene Entwurf, der nach dem Veröffentlichen gelöscht wird).");

        group.MapPost("/validate", async (HttpRequest request, string? fileName, IMediator mediator, IOptions<ServerOptions> options, CancellationToken ct) =>
        {
            var (text, name) = await ReadAsync(request, fileName, options.Value, ct);
            if (DecisionFiles.IsDmn(name, text))
            {
                var model = Automation.Data.DecisionCatalog.Read(text, name);
                return TypedResults.Ok(new ValidateResponse(!model.HasErrors, !model.HasErrors, [.. model.Decisions.Select(d => d.Id)], DecisionFiles.Findings(model)));
            }
            return TypedResults.Ok(await mediator.Send(new ValidateDefinition(text, name), ct));
        })
        .RequireAuthorization(Policies.DefinitionsWrite)
        .Accepts<string>("application/xml", "application/json", "text/xml", "multipart/form-data")
        .WithSummary("Prüft eine Definition oder DMN-Datei, ohne sie zu speichern, und liefert die Befunde.");

        group.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListDefinitions(), ct)))
            .RequireAuthorization(Policies.DefinitionsRead)
            .WithSummary("Alle Prozesse mit ihren Versionen.");

        group.MapGet("/{processId}/versions", async (string processId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListVersions(processId), ct)))
            .RequireAuthorization(Policies.DefinitionsRead)
            .WithSummary("Die Versionen eines Prozesses.");

        group.MapGet("/{id:long}/source", async (long id, IMediator mediator, CancellationToken ct) =>
            {
                var source = await mediator.Send(new GetSource(id), ct);
                return TypedResults.Text(source.Text, source.Format == "bpmn" ? "application/xml; charset=utf-8" : "application/json; charset=utf-8");
            })
            .RequireAuthorization(Policies.DefinitionsRead)
            .Produces<string>(StatusCodes.Status200OK, "application/xml", "application/json")
            .WithSummary("Der Quelltext einer Version (BPMN-XML oder Elsa-JSON).");

        group.MapPost("/{id:long}/publish", async (long id, string? overrideReason, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new PublishVersion(id, overrideReason), ct)))
            .RequireAuthorization(Policies.DefinitionsWrite)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Veröffentlicht eine Version (eine ältere wird als neue Version erneut veröffentlicht); gesperrt, solange Registereinträge fehlen.");

        group.MapGet("/{processId}/diff", async (string processId, int from, int to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Text(await mediator.Send(new DiffVersions(processId, from, to), ct), "text/plain; charset=utf-8"))
            .RequireAuthorization(Policies.DefinitionsRead)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithSummary("Unified-Diff der Quelltexte zweier Versionen.");

        group.MapGet("/{processId}/changes", async (string processId, int from, int to, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ElementChanges(processId, from, to), ct)))
            .RequireAuthorization(Policies.DefinitionsRead)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("BPMN-Elemente, die zwischen zwei Versionen hinzukamen, entfielen oder sich änderten (nach ID, mit geänderten Attributen); bei Elsa-JSON bpmn=false und eine leere Liste.");
    }

    private static async Task<(string Text, string FileName)> ReadAsync(HttpRequest request, string? fileName, ServerOptions options, CancellationToken ct)
    {
        var (text, uploadedName) = await BodyReader.ReadUploadAsync(request, options.MaxUploadBytes, ct);
        if (string.IsNullOrWhiteSpace(text)) throw new BadInputException("file", Texte.ServerDateiLeer);
        var name = fileName ?? uploadedName;
        if (string.IsNullOrWhiteSpace(name))
        {
            // Without a name the content decides: XML is BPMN, anything else is read as Elsa JSON.
            name = text.TrimStart().StartsWith('<') ? "upload.bpmn" : "upload.json";
        }
        return (text, Path.GetFileName(name));
    }
}
