using System.Globalization;
using System.Text.Json.Serialization;
using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Data;

/// <summary>
/// Totals of one definition version's ledger on the standard basis (no measured working time): standard minutes, labour
/// cost and the gCO2e of each carbon component, those that follow the staff minutes priced on the standard minutes.
/// </summary>
public sealed class ComponentTotals
{
    private readonly decimal[] grams;

    private ComponentTotals(decimal standardMinutes, decimal labourCostStandardEur, decimal[] grams)
    {
        StandardMinutes = standardMinutes;
        LabourCostStandardEur = labourCostStandardEur;
        this.grams = grams;
    }

    /// <summary>Nothing.</summary>
    public static ComponentTotals Zero { get; } = new(0, 0, new decimal[CarbonComponents.All.Count]);

    /// <summary>Standard minutes.</summary>
    public decimal StandardMinutes { get; }

    /// <summary>Labour cost on standard minutes, €.</summary>
    public decimal LabourCostStandardEur { get; }

    /// <summary>gCO2e of one component.</summary>
    public decimal this[CarbonComponent component]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(component);
            return grams[component.Index];
        }
    }

    /// <summary>SCI carbon: the components inside the boundary, gCO2e.</summary>
    public decimal SciCarbonG => CarbonComponents.In(SciPlacement.Inside).Sum(c => grams[c.Index]);

    /// <summary>The components as JSON fields named like the cells' columns (<c>workplaceStandardG</c>, <c>deviceStandardG</c>, <c>computeG</c>, …).</summary>
    [JsonExtensionData]
    public Dictionary<string, object> Components => CarbonComponents.All.ToDictionary(c => ComponentColumns.CarbonField(c, standardBasis: true), c => (object)grams[c.Index],
        StringComparer.Ordinal);

    /// <summary>
    /// Totals of one entry: <paramref name="gramsOf"/> gives each component's gCO2e as priced; those that follow the staff
    /// minutes are scaled to the standard minutes when the entry was measured.
    /// </summary>
    public static ComponentTotals Of(decimal standardMinutes, decimal labourCostEur, Func<CarbonComponent, decimal> gramsOf, bool measured, decimal staffMinutes)
    {
        ArgumentNullException.ThrowIfNull(gramsOf);
        // Labour cost and the staff-time components are linear in staff minutes: on the standard basis they scale by standard / effective.
        decimal ToStandard(decimal value) => !measured ? value : staffMinutes > 0 ? value * standardMinutes / staffMinutes : 0;
        return new(standardMinutes, ToStandard(labourCostEur),
            [.. CarbonComponents.All.Select(c => c.FollowsStaffTime ? ToStandard(gramsOf(c)) : gramsOf(c))]);
    }

    /// <summary>Sum of two totals.</summary>
    public ComponentTotals Plus(ComponentTotals o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(StandardMinutes + o.StandardMinutes, LabourCostStandardEur + o.LabourCostStandardEur, [.. grams.Select((g, i) => g + o.grams[i])]);
    }
}

/// <summary>One definition version in a recomputation report.</summary>
/// <param name="DefinitionVersion">Process id and version.</param>
/// <param name="Entries">Entries recomputed.</param>
/// <param name="Changed">Entries priced with at least one other factor version or value.</param>
/// <param name="Old">Totals as stored.</param>
/// <param name="New">Totals under the current factor table.</param>
public sealed record RecomputedDefinition(string DefinitionVersion, long Entries, long Changed, ComponentTotals Old, ComponentTotals New);

/// <summary>A factor version that would price entries differently: stored key@version against the new one.</summary>
/// <param name="Old">Stored key@version, or null when the factor was not used before.</param>
/// <param name="New">key@version now, or null when no longer used.</param>
/// <param name="Entries">Entries affected.</param>
public sealed record RecomputedFactor(string? Old, string? New, long Entries);

/// <summary>An entry that could not be priced under the current factors.</summary>
/// <param name="CaseId">Case.</param>
/// <param name="Sequence">Step.</param>
/// <param name="Reason">Why.</param>
public sealed record RecomputationFailure(Guid CaseId, int Sequence, string Reason);

/// <summary>
/// The report of recomputing stored ledger entries under the current factor table. Stored entries are not changed:
/// published figures keep the factor versions they name.
/// </summary>
/// <param name="FactorSet">Factor set recomputed with.</param>
/// <param name="ComputedAt">When.</param>
/// <param name="Definitions">Old against new per definition version.</param>
/// <param name="Factors">Factor versions that changed, with the entries each affects.</param>
/// <param name="Failures">Entries that could not be priced (first 100).</param>
public sealed record LedgerRecomputationReport(string FactorSet, DateTimeOffset ComputedAt, IReadOnlyList<RecomputedDefinition> Definitions,
    IReadOnlyList<RecomputedFactor> Factors, IReadOnlyList<RecomputationFailure> Failures);

/// <summary>
/// The explicit "recompute history" operation of the server: re-prices stored entries from their recorded inputs
/// (the definition's node annotations, actor, times, measured minutes) under the factor table in force and
/// reports old against new per definition version and component. Rows are streamed, not held.
/// </summary>
public static class LedgerRecomputer
{
    /// <summary>Recomputes the entries <paramref name="filter"/> selects (case, definition version, process, period).</summary>
    public static async Task<LedgerRecomputationReport> RecomputeAsync(WorkflowHost host, LedgerFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(filter);
        var factors = host.Factors.Current;
        var definitions = new Dictionary<string, (long Entries, long Changed, ComponentTotals Old, ComponentTotals New)>(StringComparer.Ordinal);
        var factorChanges = new Dictionary<(string?, string?), long>();
        var failures = new List<RecomputationFailure>();
        var sql = "SELECT case_id, sequence, process_id, definition_id, definition_version, node_id, node_name, actor, outcome, started_at, ended_at, " +
            "authority, factors, staff_minutes_basis, standard_minutes, staff_minutes, labour_cost_eur, " +
            string.Join(", ", CarbonComponents.All.Select(c => c.CarbonColumn)) + ", transfer_gb, emails_sent, letters_avoided, pdf_pages, ai_tokens, ai_size_class FROM ledger_entries" + LedgerQueries.WhereClause(filter) + " ORDER BY definition_version, case_id, sequence";
        await using var connection = await host.Database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, sql);
        LedgerQueries.AddFilterParameters(cmd, filter);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var caseId = Guid.Parse(r.GetString(0));
            var sequence = r.GetInt32(1);
            var processId = r.GetString(2);
            var version = r.GetString(4);
            var measured = r.GetString(13) == nameof(QuantityBasis.Measured);
            var standard = (decimal)r.GetDouble(14);
            var staff = (decimal)r.GetDouble(15);
            var old = ComponentTotals.Of(standard, (decimal)r.GetDouble(16), c => (decimal)r.GetDouble(17 + c.Index), measured, staff);
            definitions.TryGetValue(version, out var line);
            line.Entries++;
            line.Old = (line.Old ?? ComponentTotals.Zero).Plus(old);
            line.New ??= ComponentTotals.Zero;
            try
            {
                var definition = await host.Definitions.GetAsync(r.GetInt64(3), ct);
                var node = (definition.Process.Id == processId ? definition.Process
                        : definition.Set.Processes.FirstOrDefault(p => p.Id == processId))?.FindNode(r.GetString(5))
                    ?? throw new AccountingException(Texte.Format(Texte.BuchungElementNichtInDefinition, r.GetString(5), processId, version)) { Code = "step-node-missing" };
                var actor = Enum.Parse<ActorKind>(r.GetString(7));
                var start = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9));
                var end = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10));
                var step = new StepEvent(caseId, processId, sequence, node.Id, r.IsDBNull(6) ? null : r.GetString(6), node.Kind, actor, start, end,
                    Enum.Parse<StepOutcome>(r.GetString(8)), null);
                // The same measurement the host priced with: the working minutes of a measured human step, and what a
                // connector measured (its data transfer and deliveries).
                var at = 17 + CarbonComponents.All.Count;
                decimal? Stored(int offset) => r.GetDouble(at + offset) is > 0 and var v ? (decimal)v : null;
                var (transfer, emails, letters, pages, tokens) = (Stored(0), Stored(1), Stored(2), Stored(3), Stored(4));
                var sizeClass = r.IsDBNull(at + 5) ? null : r.GetString(at + 5);
                var measurement = measured || transfer is not null || emails is not null || letters is not null || pages is not null || tokens is not null
                    ? new StepMeasurement(WorkingMinutes: measured ? staff : null, TransferGigabytes: transfer, EmailsSent: emails, LettersAvoided: letters,
                        PdfPages: pages, AiTokens: tokens, AiSizeClass: sizeClass)
                    : null;
                var priced = LedgerCalculator.Price(step, node, version, measurement, factors, Enum.Parse<AuthorityType>(r.GetString(11)));
                var pricedMeasured = priced.StaffMinutesBasis == QuantityBasis.Measured;
                line.New = line.New.Plus(ComponentTotals.Of(priced.StandardMinutes, priced.LabourCostEur, c => priced.Carbon[c].CarbonG, pricedMeasured,
                    priced.StaffMinutes));
                var changes = Changes(r.GetString(12), priced.Factors);
                if (changes.Count > 0) line.Changed++;
                foreach (var change in changes) factorChanges[change] = factorChanges.GetValueOrDefault(change) + 1;
            }
            catch (Exception e) when (e is AccountingException or NotFoundException or KeyNotFoundException or ArgumentException)
            {
                if (failures.Count < 100) failures.Add(new RecomputationFailure(caseId, sequence, e.Message));
            }
            definitions[version] = line;
        }
        return new LedgerRecomputationReport(factors.Name, DateTimeOffset.UtcNow,
            definitions.OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => new RecomputedDefinition(d.Key, d.Value.Entries, d.Value.Changed, d.Value.Old!, d.Value.New!)).ToList(),
            factorChanges.OrderBy(c => c.Key.Item1 ?? c.Key.Item2, StringComparer.Ordinal)
                .Select(c => new RecomputedFactor(c.Key.Item1, c.Key.Item2, c.Value)).ToList(),
            failures);
    }

    private static List<(string?, string?)> Changes(string stored, IReadOnlyList<FactorVersion> now)
    {
        static string KeyOf(string id) => id[..id.LastIndexOf('@')];
        var before = stored.Split(',', StringSplitOptions.RemoveEmptyEntries).ToDictionary(KeyOf, id => id, StringComparer.Ordinal);
        var after = now.ToDictionary(f => f.Key, f => f.Id, StringComparer.Ordinal);
        var changes = new List<(string?, string?)>();
        foreach (var key in before.Keys.Union(after.Keys, StringComparer.Ordinal))
        {
            var o = before.GetValueOrDefault(key);
            var n = after.GetValueOrDefault(key);
            if (!string.Equals(o, n, StringComparison.Ordinal)) changes.Add((o, n));
        }
        return changes;
    }
}
