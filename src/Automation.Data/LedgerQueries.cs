using System.Data.Common;
using System.Globalization;

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
/// Figures that come from measured working time: effective staff minutes (measured where present), labour cost and
/// workplace energy and carbon priced on them. Shown only for groups that pass <see cref="LedgerPrivacy"/>.
/// </summary>
/// <param name="MeasuredMinutes">Sum of measured working minutes.</param>
/// <param name="StaffMinutes">Effective staff minutes (measured where present, else standard).</param>
/// <param name="LabourCostEur">Labour cost on effective minutes, €.</param>
/// <param name="WorkplaceWh">Workplace energy on effective minutes, Wh.</param>
/// <param name="WorkplaceG">Workplace carbon on effective minutes, gCO2e.</param>
/// <param name="SciCarbonG">Workplace (effective) + compute + AI inference + embodied, gCO2e.</param>
public sealed record MeasuredFigures(double MeasuredMinutes, double StaffMinutes, double LabourCostEur, double WorkplaceWh, double WorkplaceG, double SciCarbonG);

/// <summary>
/// One group of ledger entries, aggregated in the database. Standard-basis figures and carbon components are always
/// present; figures from measured working time are in <see cref="Measured"/>, or null and marked
/// <see cref="Suppressed"/> when the group is too small for them.
/// </summary>
public sealed record LedgerAggregate
{
    /// <summary>Group key: case id, definition version, month (yyyy-MM), occupation code, or <c>total</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Node id for <see cref="LedgerGrouping.Step"/>, else null.</summary>
    public string? NodeId { get; init; }

    /// <summary>Node name (step), process id (definition, case), else null.</summary>
    public string? Label { get; init; }

    /// <summary>Ledger entries (priced steps).</summary>
    public required long Entries { get; init; }

    /// <summary>Distinct cases.</summary>
    public required long Cases { get; init; }

    /// <summary>Entries whose staff minutes were measured.</summary>
    public required long MeasuredEntries { get; init; }

    /// <summary>Standard minutes (Zeitwerttabelle or annotated minutes).</summary>
    public required double StandardMinutes { get; init; }

    /// <summary>Labour cost priced on standard minutes, €.</summary>
    public required double LabourCostStandardEur { get; init; }

    /// <summary>Workplace energy on standard minutes, Wh.</summary>
    public required double WorkplaceStandardWh { get; init; }

    /// <summary>Workplace carbon on standard minutes, gCO2e.</summary>
    public required double WorkplaceStandardG { get; init; }

    /// <summary>Compute energy, Wh.</summary>
    public required double ComputeWh { get; init; }

    /// <summary>Compute carbon, gCO2e.</summary>
    public required double ComputeG { get; init; }

    /// <summary>AI inference energy, Wh.</summary>
    public required double AiWh { get; init; }

    /// <summary>AI inference carbon, gCO2e.</summary>
    public required double AiG { get; init; }

    /// <summary>Paper, gCO2e.</summary>
    public required double PaperG { get; init; }

    /// <summary>Post, gCO2e.</summary>
    public required double PostG { get; init; }

    /// <summary>Embodied server share (SCI M), gCO2e.</summary>
    public required double EmbodiedG { get; init; }

    /// <summary>Citizens' trips (societal figure, outside the authority's inventory).</summary>
    public required double CitizenTrips { get; init; }

    /// <summary>Citizens' kilometres.</summary>
    public required double CitizenKm { get; init; }

    /// <summary>Citizens' travel, gCO2e.</summary>
    public required double CitizenG { get; init; }

    /// <summary>SCI carbon on standard minutes: workplace (standard) + compute + AI inference + embodied, gCO2e.</summary>
    public double SciCarbonStandardG => WorkplaceStandardG + ComputeG + AiG + EmbodiedG;

    /// <summary>Figures from measured working time, or null when <see cref="Suppressed"/>.</summary>
    public MeasuredFigures? Measured { get; init; }

    /// <summary>Why <see cref="Measured"/> is withheld (German, for pages and exports), or null.</summary>
    public string? Suppressed { get; init; }
}

/// <summary>
/// Ledger queries: grouping and sums run in the database (GROUP BY); only one row per group comes back. The privacy
/// rules of <see cref="LedgerPrivacy"/> are applied here, so every API, export and page gets the same protection.
/// </summary>
public static class LedgerQueries
{
    /// <summary>Aggregates the entries selected by <paramref name="filter"/>, grouped by <paramref name="grouping"/>.</summary>
    public static async Task<IReadOnlyList<LedgerAggregate>> AggregateAsync(AutomationDatabase database, LedgerGrouping grouping, LedgerFilter filter,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(filter);
        var (key, node, label) = grouping switch
        {
            LedgerGrouping.Case => ("case_id", "NULL", "MAX(definition_version)"),
            LedgerGrouping.Definition => ("definition_version", "NULL", "MAX(process_id)"),
            LedgerGrouping.Step => ("definition_version", "node_id", "MAX(node_name)"),
            LedgerGrouping.Month => (database.Provider == DatabaseProvider.Sqlite
                ? "strftime('%Y-%m', ended_at / 1000, 'unixepoch')"
                : "to_char(to_timestamp(ended_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')", "NULL", "NULL"),
            LedgerGrouping.Occupation => ("COALESCE(occupation, '')", "NULL", "NULL"),
            _ => ("'total'", "NULL", "NULL"),
        };
        // Labour cost and workplace energy are linear in staff minutes, so their standard-basis values follow from
        // the stored effective ones by the ratio standard / effective.
        const string Measured = "staff_minutes_basis = 'Measured'";
        const string ToStandard = "CASE WHEN " + Measured + " THEN CASE WHEN staff_minutes > 0 THEN {0} * standard_minutes / staff_minutes ELSE 0 END ELSE {0} END";
        var groupBy = grouping switch
        {
            LedgerGrouping.Total => "",
            LedgerGrouping.Step => $" GROUP BY {key}, {node}",
            _ => $" GROUP BY {key}",
        };
        var sql = $"SELECT {key}, {node}, {label}, COUNT(*), COUNT(DISTINCT case_id), " +
            $"SUM(CASE WHEN {Measured} THEN 1 ELSE 0 END), COUNT(DISTINCT CASE WHEN {Measured} THEN case_id END), COUNT(DISTINCT worker_key), " +
            "SUM(standard_minutes), " +
            "SUM(" + string.Format(CultureInfo.InvariantCulture, ToStandard, "labour_cost_eur") + "), " +
            "SUM(" + string.Format(CultureInfo.InvariantCulture, ToStandard, "workplace_wh") + "), " +
            "SUM(" + string.Format(CultureInfo.InvariantCulture, ToStandard, "workplace_g") + "), " +
            "SUM(compute_wh), SUM(compute_g), SUM(ai_wh), SUM(ai_g), SUM(paper_g), SUM(post_g), SUM(embodied_g), " +
            "SUM(citizen_trips), SUM(citizen_km), SUM(citizen_g), " +
            $"SUM(CASE WHEN {Measured} THEN staff_minutes ELSE 0 END), SUM(staff_minutes), SUM(labour_cost_eur), SUM(workplace_wh), SUM(workplace_g) " +
            "FROM ledger_entries" + WhereClause(filter) + groupBy + (grouping == LedgerGrouping.Total ? "" : " ORDER BY 1, 2");
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null, sql);
        AddFilterParameters(cmd, filter);
        var rows = new List<LedgerAggregate>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var entries = Long(reader, 3);
            // A total over nothing is still one row in SQL; it is no group.
            if (entries == 0) continue;
            var aggregate = new LedgerAggregate
            {
                Key = reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "",
                NodeId = reader.IsDBNull(1) ? null : reader.GetString(1),
                Label = reader.IsDBNull(2) ? null : reader.GetString(2),
                Entries = entries,
                Cases = Long(reader, 4),
                MeasuredEntries = Long(reader, 5),
                StandardMinutes = Double(reader, 8),
                LabourCostStandardEur = Double(reader, 9),
                WorkplaceStandardWh = Double(reader, 10),
                WorkplaceStandardG = Double(reader, 11),
                ComputeWh = Double(reader, 12),
                ComputeG = Double(reader, 13),
                AiWh = Double(reader, 14),
                AiG = Double(reader, 15),
                PaperG = Double(reader, 16),
                PostG = Double(reader, 17),
                EmbodiedG = Double(reader, 18),
                CitizenTrips = Double(reader, 19),
                CitizenKm = Double(reader, 20),
                CitizenG = Double(reader, 21),
            };
            var measured = new MeasuredFigures(Double(reader, 22), Double(reader, 23), Double(reader, 24), Double(reader, 25), Double(reader, 26),
                Double(reader, 26) + aggregate.ComputeG + aggregate.AiG + aggregate.EmbodiedG);
            rows.Add(LedgerPrivacy.Apply(aggregate, measured, measuredCases: Long(reader, 6), people: Long(reader, 7)));
        }
        return rows;
    }

    /// <summary>
    /// The entries of one case, step by step, on the standard basis: standard minutes, labour cost and workplace
    /// figures priced on them, the other carbon components and the factor versions used. One person's measured time
    /// is never part of it (only whether the step was measured).
    /// </summary>
    public static async Task<IReadOnlyList<CaseLedgerLine>> CaseEntriesAsync(AutomationDatabase database, Guid caseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string Measured = "staff_minutes_basis = 'Measured'";
        const string ToStandard = "CASE WHEN " + Measured + " THEN CASE WHEN staff_minutes > 0 THEN {0} * standard_minutes / staff_minutes ELSE 0 END ELSE {0} END";
        var sql = "SELECT sequence, definition_version, node_id, node_name, actor, outcome, ended_at, occupation, pay_level, standard_minutes, " +
            "CASE WHEN " + Measured + " THEN 1 ELSE 0 END, " +
            string.Format(CultureInfo.InvariantCulture, ToStandard, "labour_cost_eur") + ", " +
            string.Format(CultureInfo.InvariantCulture, ToStandard, "workplace_wh") + ", " +
            string.Format(CultureInfo.InvariantCulture, ToStandard, "workplace_g") + ", " +
            "compute_wh, compute_g, ai_wh, ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, citizen_g, factor_set, factors " +
            "FROM ledger_entries WHERE case_id = @case ORDER BY sequence";
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
                WorkplaceStandardWh = Double(r, 12),
                WorkplaceStandardG = Double(r, 13),
                ComputeWh = Double(r, 14),
                ComputeG = Double(r, 15),
                AiWh = Double(r, 16),
                AiG = Double(r, 17),
                PaperG = Double(r, 18),
                PostG = Double(r, 19),
                EmbodiedG = Double(r, 20),
                CitizenTrips = Double(r, 21),
                CitizenKm = Double(r, 22),
                CitizenG = Double(r, 23),
                FactorSet = r.GetString(24),
                Factors = r.GetString(25).Split(',', StringSplitOptions.RemoveEmptyEntries),
            });
        }
        return lines;
    }

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

    /// <summary>Workplace energy on standard minutes, Wh.</summary>
    public required double WorkplaceStandardWh { get; init; }

    /// <summary>Workplace carbon on standard minutes, gCO2e.</summary>
    public required double WorkplaceStandardG { get; init; }

    /// <summary>Compute energy, Wh.</summary>
    public required double ComputeWh { get; init; }

    /// <summary>Compute carbon, gCO2e.</summary>
    public required double ComputeG { get; init; }

    /// <summary>AI inference energy, Wh.</summary>
    public required double AiWh { get; init; }

    /// <summary>AI inference carbon, gCO2e.</summary>
    public required double AiG { get; init; }

    /// <summary>Paper, gCO2e.</summary>
    public required double PaperG { get; init; }

    /// <summary>Post, gCO2e.</summary>
    public required double PostG { get; init; }

    /// <summary>Embodied server share, gCO2e.</summary>
    public required double EmbodiedG { get; init; }

    /// <summary>Citizens' trips.</summary>
    public required double CitizenTrips { get; init; }

    /// <summary>Citizens' kilometres.</summary>
    public required double CitizenKm { get; init; }

    /// <summary>Citizens' travel, gCO2e.</summary>
    public required double CitizenG { get; init; }

    /// <summary>Factor set name.</summary>
    public required string FactorSet { get; init; }

    /// <summary>Factor versions used (key@version).</summary>
    public required IReadOnlyList<string> Factors { get; init; }
}

/// <summary>
/// The staff-privacy rules for measured working time (docs/methodology.md, "Staff privacy"): figures from measured
/// minutes leave the database only summed over at least <see cref="MinCases"/> cases and at least
/// <see cref="MinPeople"/> distinct people; smaller groups keep their standard-basis figures and are marked.
/// </summary>
public static class LedgerPrivacy
{
    /// <summary>Fewest cases a measured figure may be aggregated over.</summary>
    public const int MinCases = 5;

    /// <summary>Fewest distinct people a measured figure may be aggregated over.</summary>
    public const int MinPeople = 5;

    /// <summary>Attaches <paramref name="measured"/> to the group if it passes both thresholds, else marks it suppressed.</summary>
    /// <param name="aggregate">The group's always-visible figures.</param>
    /// <param name="measured">Its figures from measured time.</param>
    /// <param name="measuredCases">Distinct cases with measured entries.</param>
    /// <param name="people">Distinct keyed pseudonyms behind the measured entries (entries whose pseudonym was purged add none).</param>
    public static LedgerAggregate Apply(LedgerAggregate aggregate, MeasuredFigures measured, long measuredCases, long people)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(measured);
        // Nothing measured: the effective figures are the standard ones and reveal no one's working time.
        if (aggregate.MeasuredEntries == 0) return aggregate with { Measured = measured };
        if (measuredCases < MinCases)
            return aggregate with { Suppressed = $"Gemessene Zeiten unterdrückt: weniger als {MinCases} Vorgänge mit Messung" };
        if (people < MinPeople)
            return aggregate with { Suppressed = $"Gemessene Zeiten unterdrückt: weniger als {MinPeople} Personen" };
        return aggregate with { Measured = measured };
    }
}
