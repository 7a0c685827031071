using Automation.Data;
using Automation.Engine.Decisions;
using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Decisions;

/// <summary>A decision of a checked file: its id (the key it is published under) and name.</summary>
internal sealed record CheckedDecision(string Id, string Name);

/// <summary>What "Prüfen" found: valid means publishing would store it; the findings with line, decision and rule.</summary>
internal sealed record DecisionCheckResponse(bool Valid, IReadOnlyList<CheckedDecision> Decisions, IReadOnlyList<DiagnosticDto> Diagnostics);

/// <summary>
/// The editor's "Prüfen": the DMN file read as publishing reads it (<see cref="DecisionCatalog.Read"/>, the upload's one
/// validation), nothing stored. A text that is no DMN file at all (not XML, another format, no decision) is a bad request.
/// </summary>
internal sealed record CheckDecision(string Xml, string FileName) : IRequest<DecisionCheckResponse>
{
    /// <summary>Reads the file as the upload does; a file that yields no decision at all is refused with its first error.</summary>
    internal static DecisionModel ReadOrRefuse(string xml, string fileName)
    {
        if (string.IsNullOrWhiteSpace(xml)) throw new BadInputException("xml", Texte.EntscheidungXmlFehlt, "dmn-xml-missing");
        var model = DecisionCatalog.Read(xml, fileName);
        if (model.Decisions.Count == 0 && model.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } unreadable)
        {
            var where = unreadable.Position is { } p ? $" ({Texte.Format(Texte.EntscheidungZeile, p.Line)})" : "";
            throw new BadInputException("xml", Texte.Diagnose(unreadable) + where, unreadable.Code);
        }
        return model;
    }

    internal sealed class Handler : IRequestHandler<CheckDecision, DecisionCheckResponse>
    {
        public ValueTask<DecisionCheckResponse> Handle(CheckDecision request, CancellationToken cancellationToken)
        {
            var model = ReadOrRefuse(request.Xml, request.FileName);
            return ValueTask.FromResult(new DecisionCheckResponse(!model.HasErrors,
                [.. model.Decisions.Select(d => new CheckedDecision(d.Id, d.Name))], DecisionFiles.Findings(model)));
        }
    }
}
