using System.Data.Common;
using System.Globalization;
using System.Text.Json.Serialization;
using Automation.Data.Reports;
using Automation.Data.Schema;
using Automation.Engine.Accounting;

namespace Automation.Data;

/// <summary>What ledger aggregates are grouped by.</summary>
public enum LedgerGrouping
{
    /// <summary>One row over everything the filter selects.</summary>
    Total,
    /// <summary>Per case.</summary>
    Case,
    /// <summary>Per definition version (process id and version).</summary>
    Definition,
    /// <summary>Per step: definition version and node.</summary>
    Step,
    /// <summary>Per calendar month (UTC) of the step's end.</summary>
    Month,
    /// <summary>Per KldB occupation code of the role that did the step.</summary>
    Occupation,
}

/// <summary>Which ledger entries a query covers; every part is optional.</summary>
/// <param name="From">Steps ending at or after this instant.</param>
/// <param name="To">Steps ending before this instant.</param>
/// <param name="ProcessId">Only this process.</param>
/// <param name="DefinitionVersion">Only this definition version, e.g. <c>wohngeld@2</c>.</param>
/// <param name="CaseId">Only this case.</param>
/// <param name="Occupation">Only this occupation code.</param>
public sealed record LedgerFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? ProcessId = null,
    string? DefinitionVersion = null, Guid? CaseId = null, string? Occupation = null);

/// <summary>
/// One group of ledger cells, after the privacy gate: working time, labour cost and the staff-time carbon components are measured where
/// the gate released a cell and standard time where it did not (<see cref="Basis"/> and <see cref="Notes"/> say which);
/// the standard figures and the other carbon components are always there. A measured value the gate withholds is never
/// part of it.
/// </summary>
public sealed record LedgerAggregate
{
    /// <summary>Group key: case id, definition version, month (yyyy-MM, Europe/Berlin, of the case's end), occupation code, or <c>total</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Node id for <see cref="LedgerGrouping.Step"/>, else null.</summary>
    public string? NodeId { get; init; }

    /// <summary>Node name (step), process id (definition, case), else null.</summary>
    public string? Label { get; init; }

    /// <summary>Ledger entries (priced steps).</summary>
    public required long Entries { get; init; }

    /// <summary>Ended cases.</summary>
    public required long Cases { get; init; }

    /// <summary>Completed cases (the basis of the per-case means).</summary>
    public required long CompletedCases { get; init; }

    /// <summary>Standard minutes (Zeitwerttabelle or annotated minutes).</summary>
    public required double StandardMinutes { get; init; }

    /// <summary>Staff minutes: measured where released, else standard.</summary>
    public required double StaffMinutes { get; init; }

    /// <summary>Labour cost, €, on <see cref="StaffMinutes"/>.</summary>
    public required double LabourCostEur { get; init; }

    /// <summary>
    /// Energy and carbon per component (<see cref="CarbonComponents.All"/>); the staff-time components on the same basis as
    /// <see cref="StaffMinutes"/>.
    /// </summary>
    public required ComponentSums Carbon { get; init; }

    /// <summary>Citizens' trips (societal figure, outside the authority's inventory).</summary>
    public required double CitizenTrips { get; init; }

    /// <summary>Citizens' kilometres.</summary>
    public required double CitizenKm { get; init; }

    /// <summary>E-mails, letters avoided and PDF pages of connector steps, with the avoided post carbon.</summary>
    public DeliverySums Deliveries { get; init; } = DeliverySums.Zero;

    /// <summary>Inside the SCI boundary, gCO2e.</summary>
    public double SciCarbonG => Carbon.SciG;

    /// <summary>On what the working time rests.</summary>
    public required Reports.FigureBasis Basis { get; init; }

    /// <summary>Why standard time stands in for measured time (German), empty when it does nowhere.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}

/// <summary>
/// Ledger queries for the API and its CSV: groups of gated cells (<see cref="Reports.LedgerCells"/>), so the privacy gate
/// applies exactly as on the dashboards. A filter by case, or a grouping by case, is finer than a cell and is always
/// valued at standard time.
/// </summary>
public static class LedgerQueries
{
    /// <summary>Aggregates the entries selected by <paramref name="filter"/>, grouped by <paramref name="grouping"/>.</summary>
    public static async Task<IReadOnlyList<LedgerAggregate>> AggregateAsync(AutomationDatabase database, LedgerGrouping grouping, LedgerFilter filter,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(filter);
        if (grouping == LedgerGrouping.Case || filter.CaseId is not null) return await ByCaseAsync(database, grouping, filter, ct);
        long? definitionId = null;
        if (filter.DefinitionVersion is not null)
        {
            definitionId = await DefinitionIdAsync(database, filter.DefinitionVersion, ct);
            if (definitionId is null) return [];
        }
        var selection = await Reports.LedgerCells.ReadAsync(database, filter.From?.ToUnixTimeMilliseconds() ?? 0, filter.To?.ToUnixTimeMilliseconds() ?? long.MaxValue,
            filter.ProcessId, definitionId, withDurations: false, ct);
        var cells = selection.Cells.Where(c => c.Priced > 0 && (filter.Occupation is null || c.Occupation == filter.Occupation)).ToList();
        // Cases per definition version, month and status; an occupation filter or a grouping below the version counts the groups' own cases.
        long CasesOf(IEnumerable<Reports.GatedCell> group, bool completedOnly, Func<Reports.CaseMonthKey, string, bool> match) =>
            grouping is LedgerGrouping.Step or LedgerGrouping.Occupation || filter.Occupation is not null
                ? group.Where(c => !completedOnly || c.CaseStatus == "Completed").GroupBy(c => (c.DefinitionId, c.MonthStart, c.CaseStatus, c.NodeId)).Sum(g => g.Sum(c => c.Cases))
                : selection.CaseMonths.Where(kv => (!completedOnly || kv.Key.Status == "Completed") && match(kv.Key, kv.Value.ProcessId)).Sum(kv => kv.Value.Cases);
        IEnumerable<(string Key, string? Node, string? Label, List<Reports.GatedCell> Cells, Func<Reports.CaseMonthKey, string, bool> Match)> groups = grouping switch
        {
            LedgerGrouping.Definition => cells.GroupBy(c => c.DefinitionId).Select(g => (Label(g), (string?)null, (string?)g.First().ProcessId, g.ToList(),
                (Func<Reports.CaseMonthKey, string, bool>)((k, _) => k.DefinitionId == g.Key))),
            LedgerGrouping.Step => cells.GroupBy(c => (c.DefinitionId, c.NodeId)).Select(g => (Label(g), (string?)g.Key.NodeId,
                g.Select(c => c.NodeName).Max(StringComparer.Ordinal), g.ToList(), (Func<Reports.CaseMonthKey, string, bool>)((_, _) => false))),
            LedgerGrouping.Month => cells.GroupBy(c => c.MonthStart).Select(g => (Reports.ReportPeriod.MonthOf(g.Key).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                (string?)null, (string?)null, g.ToList(), (Func<Reports.CaseMonthKey, string, bool>)((k, _) => k.MonthStart == g.Key))),
            LedgerGrouping.Occupation => cells.GroupBy(c => c.Occupation ?? "").Select(g => (g.Key, (string?)null, (string?)null, g.ToList(),
                (Func<Reports.CaseMonthKey, string, bool>)((_, _) => false))),
            _ => cells.Count == 0 ? [] : [("total", null, null, cells, (_, _) => true)],
        };
        return groups.Select(g => Aggregate(g.Key, g.Node, g.Label, g.Cells, CasesOf(g.Cells, false, g.Match), CasesOf(g.Cells, true, g.Match)))
            .OrderBy(a => a.Key, StringComparer.Ordinal).ThenBy(a => a.NodeId, StringComparer.Ordinal).ToList();
    }

    private static string Label(IEnumerable<Reports.GatedCell> cells) => cells.Select(c => c.DefinitionVersion).Max(StringComparer.Ordinal) ?? "";

    private static LedgerAggregate Aggregate(string key, string? node, string? label, IReadOnlyList<Reports.GatedCell> cells, long cases, long completed)
    {
        var figures = Reports.LedgerFigures.Of(cells);
        return new LedgerAggregate
        {
            Key = key, NodeId = node, Label = label, Entries = figures.Steps, Cases = cases, CompletedCases = completed,
            StandardMinutes = cells.Sum(c => c.StandardMinutes), StaffMinutes = figures.StaffMinutes, LabourCostEur = figures.LabourCostEur,
            Carbon = figures.Carbon, CitizenTrips = cells.Sum(c => c.CitizenTrips), CitizenKm = cells.Sum(c => c.CitizenKm),
            Deliveries = DeliverySums.Sum(cells.Select(c => c.Deliveries)),
            Basis = figures.Basis, Notes = figures.Notes,
        };
    }

    /// <summary>Per case, or filtered to one case: finer than a cell, so on the standard basis only.</summary>
    private static async Task<IReadOnlyList<LedgerAggregate>> ByCaseAsync(AutomationDatabase database, LedgerGrouping grouping, LedgerFilter filter, CancellationToken ct)
    {
        const string Measured = "l.staff_minutes_basis = 'Measured'";
        const string ToStandard = "CASE WHEN " + Measured + " THEN CASE WHEN l.staff_minutes > 0 THEN {0} * l.standard_minutes / l.staff_minutes ELSE 0 END ELSE {0} END";
        var where = new List<string> { $"c.status IN ({Reports.LedgerCellFold.EndedStatuses})" };
        if (filter.From is not null) where.Add("c.ended_at >= @from");
        if (filter.To is not null) where.Add("c.ended_at < @to");
        if (filter.ProcessId is not null) where.Add("l.process_id = @process");
        if (filter.DefinitionVersion is not null) where.Add("l.definition_version = @version");
        if (filter.CaseId is not null) where.Add("l.case_id = @case");
        if (filter.Occupation is not null) where.Add("l.occupation = @occupation");
        var sql = "SELECT l.case_id, l.definition_version, l.node_id, l.node_name, l.process_id, l.occupation, c.status, c.ended_at, l.standard_minutes, " +
            string.Format(CultureInfo.InvariantCulture, ToStandard, "l.labour_cost_eur") + ", " + StandardComponents(ToStandard, "l.") + ", " +
            "l.citizen_trips, l.citizen_km, CASE WHEN " + Measured + " THEN 1 ELSE 0 END, " + string.Join(", ", DeliverySums.Columns.Select(c => "l." + c)) +
            " FROM ledger_entries l JOIN cases c ON c.id = l.case_id WHERE " +
            string.Join(" AND ", where);
        var components = ComponentColumns.Step.Count;
        var groups = new SortedDictionary<(string Key, string Node), List<(string Case, bool Completed, string? Label, double[] V, ComponentSums Carbon, bool Measured, DeliverySums Deliveries)>>();
        await using (var connection = await database.OpenAsync(ct))
        await using (var cmd = CaseStore.Command(connection, null, sql))
        {
            AddFilterParameters(cmd, filter);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var version = r.GetString(1);
                var (key, node, label) = grouping switch
                {
                    LedgerGrouping.Case => (r.GetString(0), "", version),
                    LedgerGrouping.Definition => (version, "", r.GetString(4)),
                    LedgerGrouping.Step => (version, r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)),
                    LedgerGrouping.Month => (Reports.ReportPeriod.MonthOf(Long(r, 7)).ToString("yyyy-MM", CultureInfo.InvariantCulture), "", null),
                    LedgerGrouping.Occupation => (r.IsDBNull(5) ? "" : r.GetString(5), "", null),
                    _ => ("total", "", (string?)null),
                };
                double[] values = [Double(r, 8), Double(r, 9), Double(r, 10 + components), Double(r, 11 + components)];
                var carbon = ComponentSums.Read(i => Double(r, 10 + i));
                if (!groups.TryGetValue((key, node), out var list)) groups[(key, node)] = list = [];
                list.Add((r.GetString(0), r.GetString(6) == "Completed", label, values, carbon, Long(r, 12 + components) == 1,
                    DeliverySums.Read(i => Double(r, i), 13 + components)));
            }
        }
        return groups.Select(g =>
        {
            double Sum(int i) => g.Value.Sum(v => v.V[i]);
            return new LedgerAggregate
            {
                Key = g.Key.Key, NodeId = g.Key.Node.Length == 0 ? null : g.Key.Node, Label = g.Value.Select(v => v.Label).Max(StringComparer.Ordinal),
                Entries = g.Value.Count, Cases = g.Value.Select(v => v.Case).Distinct(StringComparer.Ordinal).Count(),
                CompletedCases = g.Value.Where(v => v.Completed).Select(v => v.Case).Distinct(StringComparer.Ordinal).Count(),
                StandardMinutes = Sum(0), StaffMinutes = Sum(0), LabourCostEur = Sum(1), Carbon = ComponentSums.Sum(g.Value.Select(v => v.Carbon)),
                CitizenTrips = Sum(2), CitizenKm = Sum(3), Deliveries = DeliverySums.Sum(g.Value.Select(v => v.Deliveries)),
                Basis = g.Value.Any(v => v.Measured) ? Reports.FigureBasis.Standard : Reports.FigureBasis.NotMeasured,
                Notes = g.Value.Any(v => v.Measured) ? [PrivacyGate.Reason(CellRelease.StandardPartial)!] : [],
            };
        }).ToList();
    }

    private static async Task<long?> DefinitionIdAsync(AutomationDatabase database, string label, CancellationToken ct)
    {
        var at = label.LastIndexOf('@');
        if (at <= 0 || !int.TryParse(label.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return null;
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, "SELECT id FROM definitions WHERE process_id = @p AND version = @v");
        CaseStore.Add(cmd, "@p", label[..at]);
        CaseStore.Add(cmd, "@v", version);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The entries of one case, step by step, on the standard basis: standard minutes, labour cost and the staff-time
    /// components priced on them, the other carbon components and the factor versions used. One person's measured time
    /// is never part of it (only whether the step was measured).
    /// </summary>
    public static async Task<IReadOnlyList<CaseLedgerLine>> CaseEntriesAsync(AutomationDatabase database, Guid caseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string Measured = "staff_minutes_basis = 'Measured'";
        const string ToStandard = "CASE WHEN " + Measured + " THEN CASE WHEN staff_minutes > 0 THEN {0} * standard_minutes / staff_minutes ELSE 0 END ELSE {0} END";
        var sql = "SELECT sequence, definition_version, node_id, node_name, actor, outcome, ended_at, occupation, pay_level, standard_minutes, " +
            "CASE WHEN " + Measured + " THEN 1 ELSE 0 END, " +
            string.Format(CultureInfo.InvariantCulture, ToStandard, "labour_cost_eur") + ", " + StandardComponents(ToStandard, "") + ", " +
            "citizen_trips, citizen_km, factor_set, factors, " + string.Join(", ", DeliverySums.Columns) + ", ai_tokens, ai_size_class FROM ledger_entries WHERE case_id = @case ORDER BY sequence";
        var next = 12 + ComponentColumns.Step.Count;
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, sql);
        CaseStore.Add(cmd, "@case", CaseStore.Id(caseId));
        var lines = new List<CaseLedgerLine>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            lines.Add(new CaseLedgerLine
            {
                Sequence = (int)Long(r, 0),
                DefinitionVersion = r.GetString(1),
                NodeId = r.GetString(2),
                NodeName = r.IsDBNull(3) ? null : r.GetString(3),
                Actor = r.GetString(4),
                Outcome = r.GetString(5),
                EndedAt = DateTimeOffset.FromUnixTimeMilliseconds(Long(r, 6)),
                Occupation = r.IsDBNull(7) ? null : r.GetString(7),
                PayLevel = r.IsDBNull(8) ? null : r.GetString(8),
                StandardMinutes = Double(r, 9),
                Measured = Long(r, 10) == 1,
                LabourCostStandardEur = Double(r, 11),
                Carbon = ComponentSums.Read(i => Double(r, 12 + i)),
                CitizenTrips = Double(r, next),
                CitizenKm = Double(r, next + 1),
                FactorSet = r.GetString(next + 2),
                Factors = r.GetString(next + 3).Split(',', StringSplitOptions.RemoveEmptyEntries),
                Deliveries = DeliverySums.Read(i => Double(r, i), next + 4),
                AiTokens = Double(r, r.FieldCount - 2),
                AiSizeClass = r.IsDBNull(r.FieldCount - 1) ? null : r.GetString(r.FieldCount - 1),
            });
        }
        return lines;
    }

    /// <summary>
    /// The component columns (<see cref="ComponentColumns.Step"/> order) as select expressions: those that follow the staff
    /// minutes through <paramref name="toStandard"/> (a format with the column as {0}), the others as stored.
    /// </summary>
    private static string StandardComponents(string toStandard, string prefix) => string.Join(", ", ComponentColumns.Step.Select(c =>
        c.Component.FollowsStaffTime ? string.Format(CultureInfo.InvariantCulture, toStandard, prefix + c.Name) : prefix + c.Name));

    internal static string WhereClause(LedgerFilter f)
    {
        var parts = new List<string>();
        if (f.From is not null || f.To is not null) parts.Add(Reports.LedgerRollup.EndedWithin(f.From is null ? null : "@from", f.To is null ? null : "@to"));
        if (f.ProcessId is not null) parts.Add("process_id = @process");
        if (f.DefinitionVersion is not null) parts.Add("definition_version = @version");
        if (f.CaseId is not null) parts.Add("case_id = @case");
        if (f.Occupation is not null) parts.Add("occupation = @occupation");
        return parts.Count == 0 ? "" : " WHERE " + string.Join(" AND ", parts);
    }

    internal static void AddFilterParameters(DbCommand cmd, LedgerFilter f)
    {
        if (f.From is { } from) CaseStore.Add(cmd, "@from", from.ToUnixTimeMilliseconds());
        if (f.To is { } to) CaseStore.Add(cmd, "@to", to.ToUnixTimeMilliseconds());
        if (f.ProcessId is not null) CaseStore.Add(cmd, "@process", f.ProcessId);
        if (f.DefinitionVersion is not null) CaseStore.Add(cmd, "@version", f.DefinitionVersion);
        if (f.CaseId is { } id) CaseStore.Add(cmd, "@case", CaseStore.Id(id));
        if (f.Occupation is not null) CaseStore.Add(cmd, "@occupation", f.Occupation);
    }

    private static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static double Double(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
}

/// <summary>One step of a case's ledger on the standard basis (no measured working time).</summary>
public sealed record CaseLedgerLine
{
    /// <summary>Step sequence in the case.</summary>
    public required int Sequence { get; init; }

    /// <summary>Definition version.</summary>
    public required string DefinitionVersion { get; init; }

    /// <summary>Node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Node name.</summary>
    public string? NodeName { get; init; }

    /// <summary>Human, Automated or AiAssisted.</summary>
    public required string Actor { get; init; }

    /// <summary>Completed, Interrupted or Failed.</summary>
    public required string Outcome { get; init; }

    /// <summary>End of the step.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>KldB occupation code of the role.</summary>
    public string? Occupation { get; init; }

    /// <summary>Pay level of the role.</summary>
    public string? PayLevel { get; init; }

    /// <summary>Standard minutes.</summary>
    public required double StandardMinutes { get; init; }

    /// <summary>Whether working time was measured for the step (its value is only available in aggregates).</summary>
    public required bool Measured { get; init; }

    /// <summary>Labour cost on standard minutes, €.</summary>
    public required double LabourCostStandardEur { get; init; }

    /// <summary>Energy and carbon per component, the staff-time components on standard minutes.</summary>
    [JsonIgnore]
    public ComponentSums Carbon { get; init; } = ComponentSums.Zero;

    /// <summary>The components as JSON fields (<c>workplaceStandardWh</c>, <c>workplaceStandardG</c>, <c>deviceStandardG</c>, <c>computeWh</c>, …).</summary>
    [JsonExtensionData]
    public Dictionary<string, object> Components => Carbon.Fields(standardBasis: true);

    /// <summary>Citizens' trips.</summary>
    public required double CitizenTrips { get; init; }

    /// <summary>Citizens' kilometres.</summary>
    public required double CitizenKm { get; init; }

    /// <summary>E-mails, letters avoided and PDF pages the step's connector measured, with the avoided post carbon.</summary>
    public required DeliverySums Deliveries { get; init; }

    /// <summary>Factor set name.</summary>
    public required string FactorSet { get; init; }

    /// <summary>Factor versions used (key@version).</summary>
    public required IReadOnlyList<string> Factors { get; init; }

    /// <summary>Tokens a language model processed for the step, as its server reported them (0: none measured).</summary>
    public double AiTokens { get; init; }

    /// <summary>The model's size class that priced those tokens, if any.</summary>
    public string? AiSizeClass { get; init; }
}
