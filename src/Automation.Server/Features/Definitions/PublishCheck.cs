using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Texts;
using Automation.Engine.Validation;
using Automation.Server.Connectors;
using Automation.Server.Features.Register;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Definitions;

/// <summary>What publishing a file would find: the engine's diagnostics (validator and pricing) and the register's gaps.</summary>
/// <param name="Set">The file as read.</param>
/// <param name="Diagnostics">The engine's diagnostics, the ones a deploy checks.</param>
/// <param name="Missing">Steps whose register entries would block publishing (empty while there are errors: publishing stops there).</param>
/// <param name="Findings">Both as the API and the pages report them: German text, element id and label.</param>
internal sealed record CheckResult(DefinitionSet Set, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<MissingStep> Missing, IReadOnlyList<DiagnosticDto> Findings)
{
    /// <summary>Whether the file can be stored (as a draft).</summary>
    public bool Storable => !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Code != ConnectorPublishCheck.AiWithoutReview);

    /// <summary>Whether publishing would succeed without an administrator's override.</summary>
    public bool Publishable => !Diagnostics.HasErrors() && Missing.Count == 0;
}

/// <summary>
/// The check behind the modeler's "Prüfen", the upload report and the API's /validate: the same gates publishing passes,
/// in the same order (<see cref="Automation.Data.DefinitionCatalog.Check"/>, then <see cref="RegisterService.MissingBeforeStoreAsync"/>),
/// so a check without errors means publishing goes through.
/// </summary>
internal sealed class PublishCheck(WorkflowHostAccessor accessor, RegisterService register, ConnectorPublishCheck connectors)
{
    /// <summary>Checks a file without storing it.</summary>
    public async Task<CheckResult> CheckAsync(string source, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var set = DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(source)), fileName);
        var diagnostics = accessor.Host.Definitions.Check(set);
        // Deploying runs the same connector check first (RegisterService.DeployAsync).
        if (!diagnostics.HasErrors())
        {
            var findings = connectors.Check(set);
            var review = await register.ReviewFindingsBeforeStoreAsync(findings, set.Processes, ct);
            diagnostics = [.. diagnostics, .. findings.Where(d => d.Code != ConnectorPublishCheck.AiWithoutReview), .. review];
        }
        // Publishing checks the register after storing, and the review rule does not stop storing.
        var missing = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Code != ConnectorPublishCheck.AiWithoutReview)
            ? [] : await register.MissingBeforeStoreAsync(set.Processes, ct);
        return new CheckResult(set, diagnostics, missing, PublishFindings.From(set, diagnostics, missing));
    }
}

/// <summary>How the check and publishing word their findings: one conversion for both, so their lists can only differ in substance.</summary>
internal static class PublishFindings
{
    /// <summary>Code of a step whose register entry is missing or incomplete.</summary>
    public const string RegisterIncomplete = "register-incomplete";

    /// <summary>
    /// The engine's diagnostics and the register gaps as findings: errors first, then warnings and hints, each in file
    /// order; German text from <see cref="Texte"/>, the element's label from <paramref name="set"/>.
    /// </summary>
    public static IReadOnlyList<DiagnosticDto> From(DefinitionSet? set, IEnumerable<Diagnostic> diagnostics, IEnumerable<MissingStep> missing)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(missing);
        var labels = set?.LabelsById() ?? [];
        string? Label(string? id) => id is not null && labels.TryGetValue(id, out var label) ? label : null;
        // The connector check words its own findings (step, field and connector in the sentence); the engine's are worded by code.
        var engine = diagnostics.Select(d => new DiagnosticDto(d.Severity.ToString().ToLowerInvariant(), d.Code,
            ConnectorPublishCheck.IsOwnCode(d.Code) ? d.Message : Texte.Diagnose(d),
            d.ElementId, d.Position?.Line, d.Position?.Column, Label(d.ElementId)));
        var gaps = missing.Select(m => new DiagnosticDto("error", RegisterIncomplete, RegisterText(m.Fields), m.ElementId, null, null,
            Label(m.ElementId) ?? m.StepName));
        return engine.Concat(gaps)
            .OrderBy(d => d.Severity switch { "error" => 0, "warning" => 1, _ => 2 }).ThenBy(d => d.Line ?? int.MaxValue)
            .ToList();
    }

    /// <summary>The German sentence for a register gap, naming the missing fields by their form labels.</summary>
    public static string RegisterText(IEnumerable<string> fields) =>
        $"Im Transparenzregister fehlen Angaben zu diesem Schritt: {string.Join(", ", fields.Select(RegisterRules.Label))}.";

}
