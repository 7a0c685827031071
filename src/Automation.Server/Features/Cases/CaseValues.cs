using System.Globalization;
using System.Text.Json;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Cases;

/// <summary>One entered value of a case as the case page shows it.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Label">The asking form field's label; the variable name when no form asked for it.</param>
/// <param name="Text">The value in German notation.</param>
/// <param name="Technical">No form field asks for it: the page shows the name as a process variable, not as a label.</param>
internal sealed record CaseValue(string Name, string Label, string Text, bool Technical = false);

/// <summary>
/// The variables of a case in readable German: labelled by the form field that asked for them (any node of the
/// version), formatted de-DE. A variable no form asks for (set by a script, a connector or a decision) keeps its name,
/// marked as a process variable: a label guessed from camelCase ("Ki Antragsart") would read as German and be wrong. Called only with a case the person already sees (<see cref="GetCase"/>), whose variables
/// the API shows them too; who entered a value is not recorded, so no person is named.
/// </summary>
internal sealed record GetCaseValues(long DefinitionId, IReadOnlyDictionary<string, object?> Variables) : IRequest<IReadOnlyList<CaseValue>>
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<GetCaseValues, IReadOnlyList<CaseValue>>
    {
        public async ValueTask<IReadOnlyList<CaseValue>> Handle(GetCaseValues request, CancellationToken cancellationToken)
        {
            var definition = await accessor.Host.Definitions.GetAsync(request.DefinitionId, cancellationToken);
            var fields = definition.Process.Nodes.SelectMany(n => n.FormFields)
                .GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            return request.Variables
                .Select(kv => fields.TryGetValue(kv.Key, out var f)
                    ? new CaseValue(kv.Key, f.Label, Format(kv.Value, f.Type))
                    : new CaseValue(kv.Key, kv.Key, Format(kv.Value, null), Technical: true))
                .OrderBy(v => v.Technical).ThenBy(v => v.Label, StringComparer.Create(German, ignoreCase: true)).ToList();
        }
    }

    /// <summary>A value in German notation: ja/nein, 1.234,5, 11.11.2026; a file field by its file name; lists and objects as compact JSON.</summary>
    internal static string Format(object? value, string? type) => value switch
    {
        null => "–",
        bool b => b ? "ja" : "nein",
        double d when type == "long" || (type is null && Math.Abs(d % 1) < double.Epsilon && Math.Abs(d) < 1e15) => d.ToString("#,##0", German),
        double d => d.ToString("#,##0.##########", German),
        string s when type is "date" or null && DateOnly.TryParseExact(s.Length >= 10 ? s[..10] : s, "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var day) && (s.Length == 10 || type == "date") => day.ToString("dd.MM.yyyy", German),
        string s => s,
        // A file field's value describes a case document; the page lists the document itself under "Dokumente".
        IReadOnlyDictionary<string, object?> document when type == "file" && document.GetValueOrDefault("name") is string name => name,
        _ => JsonSerializer.Serialize(value, Compact),
    };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
