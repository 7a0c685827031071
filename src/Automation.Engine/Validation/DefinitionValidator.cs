using Automation.Engine.Model;

namespace Automation.Engine.Validation;

/// <summary>
/// Checks a read definition set for what would stop or mislead execution: broken references, graph structure,
/// unparsable expressions and timers, unknown or cyclic calls. Reader diagnostics are included in the result.
/// </summary>
public static class DefinitionValidator
{
    /// <summary>Validates every process of a set.</summary>
    /// <param name="set">The set as read.</param>
    /// <param name="resolveExternalProcess">
    /// Finds processes called by id that are not in <paramref name="set"/> (for example published definitions);
    /// null when only the set itself counts.
    /// </param>
    /// <returns>The reader's diagnostics followed by the validator's, each with file, element id and position where known.</returns>
    public static IReadOnlyList<Diagnostic> Validate(DefinitionSet set, Func<string, ProcessDefinition?>? resolveExternalProcess = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        var found = new List<Diagnostic>(set.Diagnostics.Select(d => LenientInDescriptive(set, d)));
        var report = new Report(set.FileName, found);
        // Elements the reader reported as unsupported are missing from the model on purpose; checks that would
        // complain about their absence again are skipped for them.
        var unsupported = set.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnsupportedElement && d.ElementId is not null)
            .Select(d => d.ElementId!).ToHashSet(StringComparer.Ordinal);
        IdSyntax.Check(set, report);
        CheckDuplicateIds(set, report);
        foreach (var process in set.Processes)
        {
            // BPMN gives a process marked isExecutable="false" no execution semantics: its findings are warnings.
            CheckProcess(process, unsupported, process.IsExecutable ? report : report.Descriptive(process.Id));
        }
        CallGraph.Check(set, resolveExternalProcess, report);
        if (set.Processes.Count == 0 && !found.HasErrors())
            report.Error(DiagnosticCodes.NoProcess, "the file holds no process (only participants or empty definitions): nothing to store or run", null, null);
        // One finding once (readers may meet an element twice), in the order of the file; file-level ones first.
        return found.Distinct().OrderBy(d => d.Position?.Line ?? 0).ThenBy(d => d.Position?.Column ?? 0).ToList();
    }

    /// <summary>
    /// The reader's one finding that only matters for running: an expression in a language the engine does not run. In a
    /// process marked not executable it is a warning like the checks' findings; were it started, the expression would
    /// be an incident where it is evaluated, never run as another language.
    /// </summary>
    private static Diagnostic LenientInDescriptive(DefinitionSet set, Diagnostic diagnostic) =>
        diagnostic is { Severity: DiagnosticSeverity.Error, Code: DiagnosticCodes.UnsupportedExpressionLanguage, ElementId: { } id }
        && set.Processes.FirstOrDefault(p => p.FindNode(id) is not null || p.FindFlow(id) is not null) is { IsExecutable: false } process
            ? Report.AsWarning(diagnostic, process.Id)
            : diagnostic;

    /// <summary>
    /// The errors the checks find in one process regardless of its isExecutable flag: a process marked not executable
    /// publishes with warnings, but only starts when these are none.
    /// </summary>
    internal static IReadOnlyList<Diagnostic> StrictErrors(ProcessDefinition process) => Strict.GetValue(process, p =>
    {
        var found = new List<Diagnostic>();
        CheckProcess(p, [], new Report(null, found));
        return found.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    });

    // Definitions are immutable: each is checked strictly once, not at every start of a case.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ProcessDefinition, IReadOnlyList<Diagnostic>> Strict = [];

    private static void CheckProcess(ProcessDefinition process, HashSet<string> unsupported, Report report)
    {
        var checker = new ProcessChecker(process, unsupported, report);
        checker.CheckFlows();
        checker.CheckNodes();
        checker.CheckStartEvents();
        checker.CheckReachability();
    }

    /// <summary>Whether any diagnostic is an error.</summary>
    public static bool HasErrors(this IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>Ids must be unique across all nodes and flows of a file (the model keeps the first of duplicates).</summary>
    private static void CheckDuplicateIds(DefinitionSet set, Report report)
    {
        var elements = set.Processes.SelectMany(p => p.Nodes.Select(n => (n.Id, n.Position)).Concat(p.Flows.Select(f => (f.Id, f.Position))));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var (id, _) in elements)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
            total++;
        }
        if (counts.Count == total) return;
        // Only the occurrences of duplicated ids are put in document order, to report each after its first use.
        var seen = new Dictionary<string, SourcePosition?>(StringComparer.Ordinal);
        foreach (var (id, position) in elements.Where(e => counts[e.Id] > 1)
                     .OrderBy(e => e.Position?.Line ?? int.MaxValue).ThenBy(e => e.Position?.Column ?? 0))
        {
            if (seen.TryAdd(id, position)) continue;
            var first = seen[id] is { } p ? $" (first used at {p})" : "";
            report.Error(DiagnosticCodes.DuplicateId, $"duplicate id {id}{first}", id, position);
        }
    }
}
