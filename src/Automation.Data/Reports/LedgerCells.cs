using System.Data.Common;
using System.Globalization;
using Automation.Data.Schema;
using Automation.Engine.Accounting;

namespace Automation.Data.Reports;

/// <summary>
/// A cell after the privacy gate: the figures it may show. Working time, labour cost, the components that follow the
/// staff minutes (workplace electricity and devices) and waiting time are the measured ones only when <see cref="Release"/>
/// is <see cref="CellRelease.Measured"/>; otherwise the standard ones (the measured values are never read into this type).
/// </summary>
internal sealed record GatedCell
{
    public required long DefinitionId { get; init; }
    public required string? DefinitionVersion { get; init; }
    public required string ProcessId { get; init; }
    public required string NodeId { get; init; }
    public required string? NodeName { get; init; }
    public required string Kind { get; init; }
    public required string Actor { get; init; }
    public required string? Occupation { get; init; }
    public required long MonthStart { get; init; }
    public required string CaseStatus { get; init; }
    public required long Executions { get; init; }
    public required long Priced { get; init; }
    public required long Cases { get; init; }
    public required bool HumanWork { get; init; }
    public required CellRelease Release { get; init; }
    public required bool DurationsReleased { get; init; }
    public required double StaffMinutes { get; init; }
    public required double StandardMinutes { get; init; }
    public required double LabourCostEur { get; init; }
    public required ComponentSums Carbon { get; init; }
    public required double CitizenTrips { get; init; }
    public required double CitizenKm { get; init; }
    public required DeliverySums Deliveries { get; init; }
    public required double DurationMs { get; init; }
    public required double WaitingMs { get; init; }

    /// <summary>Standard minutes shown in place of withheld measured ones.</summary>
    public double StandInMinutes => Release.IsStandIn() ? StandardMinutes : 0;

    /// <summary>Duration (series 0) and waiting (series 1) histograms, when released and asked for.</summary>
    public IReadOnlyDictionary<(int Series, int Bucket), long>? Buckets { get; init; }

    /// <summary>Gates a cell's sums (<see cref="CellSums.Columns"/> order).</summary>
    public static GatedCell Of(CellKey key, string processId, string? definitionVersion, string? nodeName, string kind, string actor, string? occupation,
        long executions, long priced, long cases, long measuredSteps, long people, bool humanWork, IReadOnlyList<double> sums, bool monthClosed, bool partial)
    {
        var counts = new CellCounts(cases, people, measuredSteps, humanWork, monthClosed && !partial);
        var release = PrivacyGate.Decide(counts);
        if (partial && release != CellRelease.NothingMeasured) release = CellRelease.StandardPartial;
        var measured = release == CellRelease.NothingMeasured || release == CellRelease.Measured;
        return new GatedCell
        {
            DefinitionId = key.DefinitionId,
            DefinitionVersion = definitionVersion,
            ProcessId = processId,
            NodeId = key.NodeId,
            NodeName = nodeName,
            Kind = kind,
            Actor = actor,
            Occupation = occupation,
            MonthStart = key.MonthStart,
            CaseStatus = key.Status,
            Executions = executions,
            Priced = priced,
            Cases = cases,
            HumanWork = humanWork,
            Release = release,
            DurationsReleased = !partial && PrivacyGate.ReleasesDurations(counts),
            StandardMinutes = sums[CellSums.StandardMinutes],
            StaffMinutes = sums[measured ? CellSums.StaffMinutes : CellSums.StandardMinutes],
            LabourCostEur = sums[measured ? CellSums.LabourCostEur : CellSums.LabourCostStandardEur],
            Carbon = CellSums.Carbon(sums, measured),
            CitizenTrips = sums[CellSums.CitizenTrips],
            CitizenKm = sums[CellSums.CitizenKm],
            Deliveries = DeliverySums.Read(i => sums[i], CellSums.Deliveries),
            DurationMs = sums[CellSums.DurationMs],
            WaitingMs = sums[measured ? CellSums.WaitingMs : CellSums.WaitingStandardMs],
        };
    }
}

/// <summary>The cells of a time range and the ended cases they come from, after the gate.</summary>
/// <param name="Cells">Gated cells.</param>
/// <param name="CaseMonths">Ended cases per definition version, month and status.</param>
internal sealed record CellSelection(IReadOnlyList<GatedCell> Cells, IReadOnlyDictionary<CaseMonthKey, (string ProcessId, long Cases)> CaseMonths);

/// <summary>
/// Reads the ledger as gated cells for a range of case end times: the folded cells of the calendar months inside the
/// range, plus the cases that ended in the partial months at its ends or since the last fold, summed on the fly and
/// valued at standard time (<see cref="CellRelease.StandardPartial"/>, <see cref="CellRelease.StandardMonthOpen"/>).
/// Every figure of the dashboards, exports and reports comes through here.
/// </summary>
internal static class LedgerCells
{
    /// <summary>Reads the cells of cases that ended in [<paramref name="fromMs"/>, <paramref name="toMs"/>).</summary>
    public static async Task<CellSelection> ReadAsync(AutomationDatabase database, long fromMs, long toMs, string? processId, long? definitionId,
        bool withDurations, CancellationToken ct)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            long casesThrough;
            await using (var state = CaseStore.Command(connection, null, "SELECT cases_through FROM ledger_rollup_state WHERE id = 1"))
            {
                casesThrough = Convert.ToInt64(await state.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
            }
            var (wholeFrom, wholeTo) = WholeMonths(fromMs, toMs);
            var cells = new List<GatedCell>();
            var caseMonths = new Dictionary<CaseMonthKey, (string ProcessId, long Cases)>();
            if (wholeFrom < wholeTo) await ReadFoldedAsync(connection, wholeFrom, wholeTo, casesThrough, processId, definitionId, withDurations, cells, caseMonths, ct);

            // The rest: partial months at either end, and whole months' cases that ended after the last fold.
            // (from, to, whether from itself belongs, partial month)
            var ranges = new List<(long From, long To, bool FromIncluded, bool Partial)>();
            if (wholeFrom >= wholeTo) ranges.Add((fromMs, toMs, true, true));
            else
            {
                if (fromMs < wholeFrom) ranges.Add((fromMs, wholeFrom, true, true));
                if (casesThrough < wholeFrom) ranges.Add((wholeFrom, wholeTo, true, false));
                else if (casesThrough < wholeTo) ranges.Add((casesThrough, wholeTo, false, false));
                if (wholeTo < toMs) ranges.Add((wholeTo, toMs, true, true));
            }
            foreach (var (from, to, fromIncluded, partial) in ranges)
            {
                var lower = (fromIncluded ? "ended_at >= " : "ended_at > ") + from.ToString(CultureInfo.InvariantCulture);
                var upper = to == long.MaxValue ? "" : $" AND ended_at < {to.ToString(CultureInfo.InvariantCulture)}";
                var ended = await LedgerCellFold.EndedCasesAsync(connection, null, lower + upper, ct);
                var live = await LedgerCellFold.AggregateAsync(connection, null, ended, processId, ct);
                foreach (var (key, sum) in live.Cells.Where(c => definitionId is null || c.Key.DefinitionId == definitionId))
                {
                    cells.Add(GatedCell.Of(key, sum.ProcessId, sum.DefinitionVersion, sum.NodeName, sum.Kind, sum.Actor, sum.Occupation, sum.Executions, sum.Priced,
                        sum.Cases, sum.MeasuredSteps, sum.Workers.Count, sum.HumanWork, sum.Sums, monthClosed: false, partial: partial));
                }
                foreach (var (key, value) in live.CaseMonths.Where(c => definitionId is null || c.Key.DefinitionId == definitionId))
                {
                    caseMonths[key] = (value.ProcessId, caseMonths.GetValueOrDefault(key).Cases + value.Cases);
                }
            }
            return new CellSelection(cells, caseMonths);
        }
        catch (DbException e)
        {
            throw database.Translate(e);
        }
    }

    /// <summary>The calendar months (Europe/Berlin) that lie wholly inside [from, to): their start and end; equal when none.</summary>
    public static (long From, long To) WholeMonths(long fromMs, long toMs)
    {
        var first = ReportPeriod.MonthOf(Math.Max(fromMs, 0));
        var start = ReportPeriod.StartOfDayMs(first);
        if (start < fromMs) start = ReportPeriod.StartOfDayMs(first.AddMonths(1));
        if (toMs == long.MaxValue) return (start, long.MaxValue);
        var last = ReportPeriod.MonthOf(toMs);
        var end = ReportPeriod.StartOfDayMs(last);
        return end > start ? (start, end) : (start, start);
    }

    /// <summary>End of the Europe/Berlin month that starts at <paramref name="monthStart"/>, Unix ms.</summary>
    public static long MonthEnd(long monthStart) => ReportPeriod.StartOfDayMs(ReportPeriod.MonthOf(monthStart).AddMonths(1));

    private static async Task ReadFoldedAsync(DbConnection connection, long from, long to, long casesThrough, string? processId, long? definitionId,
        bool withDurations, List<GatedCell> cells, Dictionary<CaseMonthKey, (string, long)> caseMonths, CancellationToken ct)
    {
        var filter = (processId is null ? "" : " AND process_id = @process") + (definitionId is null ? "" : " AND definition_id = @definition");
        var upper = to == long.MaxValue ? "" : " AND month_start < @to";
        void Parameters(DbCommand command)
        {
            CaseStore.Add(command, "@from", from);
            if (to != long.MaxValue) CaseStore.Add(command, "@to", to);
            if (processId is not null) CaseStore.Add(command, "@process", processId);
            if (definitionId is not null) CaseStore.Add(command, "@definition", definitionId);
        }
        var sums = CellSums.Columns;
#pragma warning disable CA2100 // Column names and filters are constants; values are parameters.
        await using (var read = CaseStore.Command(connection, null,
            "SELECT definition_id, month_start, node_id, case_status, process_id, definition_version, node_name, kind, actor, occupation, executions, priced, " +
            $"cases, measured_steps, people, human_work, {string.Join(", ", sums)} FROM ledger_cells WHERE month_start >= @from{upper}{filter}"))
        {
            Parameters(read);
            await using var r = await read.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var key = new CellKey(Long(r, 0), Long(r, 1), r.GetString(2), r.GetString(3));
                var values = new double[sums.Count];
                for (var i = 0; i < values.Length; i++) values[i] = r.IsDBNull(16 + i) ? 0 : Convert.ToDouble(r.GetValue(16 + i), CultureInfo.InvariantCulture);
                cells.Add(GatedCell.Of(key, r.GetString(4), Text(r, 5), Text(r, 6), r.GetString(7), r.GetString(8), Text(r, 9), Long(r, 10), Long(r, 11), Long(r, 12),
                    Long(r, 13), Long(r, 14), Long(r, 15) == 1, values, monthClosed: MonthEnd(key.MonthStart) <= casesThrough, partial: false));
            }
        }
        await using (var read = CaseStore.Command(connection, null,
            $"SELECT definition_id, month_start, case_status, process_id, cases FROM ledger_case_months WHERE month_start >= @from{upper}{filter}"))
        {
            Parameters(read);
            await using var r = await read.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) caseMonths[new CaseMonthKey(Long(r, 0), Long(r, 1), r.GetString(2))] = (r.GetString(3), Long(r, 4));
        }
        if (!withDurations) return;
        var released = cells.Where(c => c.DurationsReleased).ToDictionary(c => new CellKey(c.DefinitionId, c.MonthStart, c.NodeId, c.CaseStatus));
        if (released.Count == 0) return;
        var buckets = new Dictionary<CellKey, Dictionary<(int, int), long>>();
        var definitions = string.Join(", ", released.Keys.Select(k => k.DefinitionId).Distinct().Select(d => d.ToString(CultureInfo.InvariantCulture)));
        await using (var read = CaseStore.Command(connection, null,
            "SELECT definition_id, month_start, node_id, case_status, series, bucket, count FROM ledger_cell_durations " +
            $"WHERE month_start >= @from{upper} AND definition_id IN ({definitions})"))
#pragma warning restore CA2100
        {
            CaseStore.Add(read, "@from", from);
            if (to != long.MaxValue) CaseStore.Add(read, "@to", to);
            await using var r = await read.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var key = new CellKey(Long(r, 0), Long(r, 1), r.GetString(2), r.GetString(3));
                var series = (int)Long(r, 4);
                // Series 1 is waiting on measured minutes, 2 on standard minutes: the cell's release picks one, shown as series 1.
                if (!released.TryGetValue(key, out var cell) || series == (cell.Release.IsStandIn() ? 1 : 2)) continue;
                if (!buckets.TryGetValue(key, out var map)) buckets[key] = map = [];
                map[(Math.Min(series, 1), (int)Long(r, 5))] = Long(r, 6);
            }
        }
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (buckets.TryGetValue(new CellKey(c.DefinitionId, c.MonthStart, c.NodeId, c.CaseStatus), out var map)) cells[i] = c with { Buckets = map };
        }
    }

    private static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
