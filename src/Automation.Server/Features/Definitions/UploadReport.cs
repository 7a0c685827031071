using System.Text;
using Automation.Engine.Reading;
using Automation.Server.Features.Register;
using Mediator;

namespace Automation.Server.Features.Definitions;

/// <summary>One finding as the upload page shows it: German text, element id and label, line.</summary>
internal sealed record UploadFinding(string Severity, string Code, string Text, string? ElementId, string? Label, int? Line);

/// <summary>A step that will need a register entry before publishing (done by software, or assisted by it).</summary>
internal sealed record UploadRegisterStep(string ProcessId, string ElementId, string? Label, string Actor);

/// <summary>The validation report of an upload: the API's findings (<see cref="ValidateDefinition"/>) in German.</summary>
internal sealed record UploadReport(string FileName, IReadOnlyList<string> Processes, IReadOnlyList<UploadFinding> Findings,
    IReadOnlyList<UploadRegisterStep> RegisterSteps)
{
    /// <summary>Errors that block storing and publishing.</summary>
    public int Errors => Findings.Count(f => f.Severity == "error");

    /// <summary>Validates through the same request as the API's /validate and adds the element labels.</summary>
    public static async Task<UploadReport> BuildAsync(IMediator mediator, string source, string fileName, CancellationToken ct)
    {
        var result = await mediator.Send(new ValidateDefinition(source, fileName), ct);
        // The labels come from a second read: the API's response carries ids only and stays as it is.
        var set = DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(source)), fileName);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var process in set.Processes)
        {
            if (process.Name is { Length: > 0 } processName) labels.TryAdd(process.Id, processName);
            foreach (var node in process.Nodes.Where(n => !string.IsNullOrWhiteSpace(n.Name))) labels.TryAdd(node.Id, node.Name!);
        }
        var findings = result.Diagnostics
            .OrderBy(d => d.Severity switch { "error" => 0, "warning" => 1, _ => 2 }).ThenBy(d => d.Line ?? 0)
            .Select(d => new UploadFinding(d.Severity, d.Code, DiagnosticTexts.For(d.Code), d.ElementId,
                d.ElementId is { } id && labels.TryGetValue(id, out var label) ? label : null, d.Line))
            .ToList();
        var steps = set.Processes.SelectMany(p => RegisterRules.StepsOf(p)
            .Select(n => new UploadRegisterStep(p.Id, n.Id, n.Name, RegisterRules.ActorLabel(n)))).ToList();
        return new UploadReport(fileName, result.Processes, findings, steps);
    }
}
