using System.Globalization;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Decisions;

/// <summary>
/// Maps a decision result to the value a business rule task stores, with Camunda 7's <c>mapDecisionResult</c> semantics
/// (and Camunda 8's: the decision's output), as plain variable values (numbers double, dates ISO text).
/// </summary>
internal static class DecisionResults
{
    /// <summary>The mapped result.</summary>
    /// <exception cref="DecisionException">singleEntry or singleResult with several matched rules, singleEntry or collectEntries with several outputs.</exception>
    public static object? Map(DecisionResult result, DecisionResultMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows;
        switch (mapping)
        {
            case DecisionResultMapping.DecisionOutput:
                return ToVariable(result.Value);
            case DecisionResultMapping.ResultList:
                return rows.Select(r => ToVariable(r)).ToList();
            case DecisionResultMapping.SingleResult:
                if (rows.Count > 1) throw NotMappable(result, mapping, rows.Count);
                return rows.Count == 0 ? null : ToVariable(rows[0]);
            case DecisionResultMapping.SingleEntry:
                if (rows.Count > 1) throw NotMappable(result, mapping, rows.Count);
                if (rows.Count == 0) return null;
                if (rows[0].Count > 1) throw NotMappable(result, mapping, rows[0].Count);
                return rows[0].Count == 0 ? null : ToVariable(rows[0].Values.First());
            case DecisionResultMapping.CollectEntries:
                if (rows.FirstOrDefault(r => r.Count > 1) is { } wide) throw NotMappable(result, mapping, wide.Count);
                return rows.Select(r => r.Count == 0 ? null : ToVariable(r.Values.First())).ToList();
            default:
                throw new ArgumentOutOfRangeException(nameof(mapping), mapping, null);
        }
    }

    /// <summary>A decision value as a case variable: dates as ISO text, numbers as double, lists and maps recursively.</summary>
    public static object? ToVariable(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => ToVariable(kv.Value), StringComparer.Ordinal),
        string s => s,
        System.Collections.IEnumerable list => list.Cast<object?>().Select(ToVariable).ToList(),
        _ => Variables.Normalize(value),
    };

    private static DecisionException NotMappable(DecisionResult result, DecisionResultMapping mapping, int count)
    {
        var name = mapping switch
        {
            DecisionResultMapping.SingleEntry => "singleEntry",
            DecisionResultMapping.SingleResult => "singleResult",
            _ => "collectEntries",
        };
        var rules = string.Join(", ", result.Explanations.Count == 0 ? [] : result.Explanations[^1].MatchedRules.Select(r => r.Id ?? r.Index.ToString(CultureInfo.InvariantCulture)));
        return new DecisionException(DiagnosticCodes.DecisionResultNotMappable, $"mapDecisionResult {name} cannot map {count} entries",
            result.DecisionId, [], [result.DecisionName, name, count.ToString(CultureInfo.InvariantCulture), rules]);
    }
}
