using System.Data.Common;
using System.Globalization;
using Automation.Data.Schema;

namespace Automation.Data.Reports;

/// <summary>
/// Folds ended cases into <c>ledger_cells</c>: every step of a case that ended (completed, terminated or cancelled) goes
/// into the cell of its definition version and node, the calendar month in which the case ended and how it ended. A case
/// is folded once, when it ends; so distinct cases add up across folds and a cell of a past month never changes again.
/// </summary>
/// <remarks>
/// The fold takes the cases that ended after <c>cases_through</c> and at least <see cref="GraceMs"/> ago, which every
/// writer has committed by then (a case's end time is its commit time within milliseconds; several nodes' clocks may
/// differ by less than the grace). A case stored later with an end time before <c>cases_through</c> (an import, a test)
/// is only folded by a rebuild.
/// </remarks>
internal static class LedgerCellFold
{
    /// <summary>How long after its end a case is folded.</summary>
    public const long GraceMs = 120_000;

    /// <summary>Case statuses that end a case.</summary>
    public const string EndedStatuses = "'Completed', 'Terminated', 'Cancelled'";

    private const int CasesPerRead = 500;

    /// <summary>Folds the cases that ended up to <paramref name="now"/> − grace; false when none had ended or another node moved first.</summary>
    public static async Task<bool> FoldAsync(DbConnection connection, long now, CancellationToken ct)
    {
        var from = await Scalar(connection, null, "SELECT cases_through FROM ledger_rollup_state WHERE id = 1", ct);
        var cut = now - GraceMs;
        if (cut <= from) return false;
        var ended = await EndedCasesAsync(connection, null, $"ended_at > {from.ToString(CultureInfo.InvariantCulture)} AND ended_at <= {cut.ToString(CultureInfo.InvariantCulture)}", ct);
        var cases = await NotFoldedAsync(connection, null, ended, ct);
        var aggregate = await AggregateAsync(connection, null, cases, null, ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var advance = CaseStore.Command(connection, tx, "UPDATE ledger_rollup_state SET cases_through = @cut WHERE id = 1 AND cases_through = @from"))
        {
            CaseStore.Add(advance, "@cut", cut);
            CaseStore.Add(advance, "@from", from);
            // Another node folded these cases first: its fold stands.
            if (await advance.ExecuteNonQueryAsync(ct) != 1) return false;
        }
        if (!await MarkFoldedAsync(connection, tx, cases, ct)) return false;
        await WriteAsync(connection, tx, aggregate, ct);
        await tx.CommitAsync(ct);
        return cases.Count > 0;
    }

    /// <summary>
    /// In the entry-id fold's transaction: folds the cases whose ledger entries in (<paramref name="fromEntry"/>,
    /// <paramref name="toEntry"/>] arrived after their end time was already passed by <c>cases_through</c> (imported or
    /// late-committed cases), and that no fold has taken yet.
    /// </summary>
    public static async Task FoldLateAsync(DbConnection connection, DbTransaction tx, long fromEntry, long toEntry, CancellationToken ct)
    {
        var range = $"id IN (SELECT case_id FROM ledger_entries WHERE entry_id > {fromEntry.ToString(CultureInfo.InvariantCulture)} " +
            $"AND entry_id <= {toEntry.ToString(CultureInfo.InvariantCulture)}) AND ended_at <= (SELECT cases_through FROM ledger_rollup_state WHERE id = 1)";
        var cases = await NotFoldedAsync(connection, tx, await EndedCasesAsync(connection, tx, range, ct), ct);
        if (cases.Count == 0) return;
        var aggregate = await AggregateAsync(connection, tx, cases, null, ct);
        if (!await MarkFoldedAsync(connection, tx, cases, ct)) throw new InvalidOperationException("A case was folded twice at once.");
        await WriteAsync(connection, tx, aggregate, ct);
    }

    /// <summary>The cases of <paramref name="cases"/> that are not in <c>ledger_folded_cases</c>.</summary>
    private static async Task<List<EndedCase>> NotFoldedAsync(DbConnection connection, DbTransaction? tx, List<EndedCase> cases, CancellationToken ct)
    {
        var folded = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cases.Count; i += CasesPerRead)
        {
            await using var read = InList(connection, tx, "SELECT case_id FROM ledger_folded_cases WHERE case_id IN ({0})", cases.Skip(i).Take(CasesPerRead));
            await using var r = await read.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) folded.Add(r.GetString(0));
        }
        return folded.Count == 0 ? cases : cases.Where(c => !folded.Contains(c.Id)).ToList();
    }

    /// <summary>Records the cases as folded; false when another fold took one of them first.</summary>
    private static async Task<bool> MarkFoldedAsync(DbConnection connection, DbTransaction tx, List<EndedCase> cases, CancellationToken ct)
    {
        await using var mark = new Statement(connection, tx, "INSERT INTO ledger_folded_cases (case_id) VALUES (@p0) ON CONFLICT (case_id) DO NOTHING", 1);
        foreach (var c in cases)
        {
            if (await mark.RunAsync(ct, c.Id) != 1) return false;
        }
        return true;
    }

    /// <summary>A command whose <c>{0}</c> is a list of parameters holding the cases' ids.</summary>
    private static DbCommand InList(DbConnection connection, DbTransaction? tx, string sql, IEnumerable<EndedCase> cases)
    {
        var command = CaseStore.Command(connection, tx);
        var names = new List<string>();
        foreach (var c in cases)
        {
            var name = "@c" + names.Count.ToString(CultureInfo.InvariantCulture);
            names.Add(name);
            CaseStore.Add(command, name, c.Id);
        }
#pragma warning disable CA2100 // Parameter names only.
        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql, string.Join(", ", names));
#pragma warning restore CA2100
        return command;
    }

    /// <summary>The ended cases whose end time satisfies <paramref name="endedWhere"/> (a condition built from integer literals).</summary>
    public static async Task<List<EndedCase>> EndedCasesAsync(DbConnection connection, DbTransaction? tx, string endedWhere, CancellationToken ct)
    {
        var cases = new List<EndedCase>();
#pragma warning disable CA2100 // The condition is built from integer literals.
        await using var read = CaseStore.Command(connection, tx,
            $"SELECT id, definition_id, process_id, status, ended_at FROM cases WHERE status IN ({EndedStatuses}) AND ({endedWhere})");
#pragma warning restore CA2100
        await using var r = await read.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            cases.Add(new EndedCase(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetString(2), r.GetString(3),
                MonthStart(Convert.ToInt64(r.GetValue(4), CultureInfo.InvariantCulture))));
        }
        return cases;
    }

    /// <summary>Sums the steps of <paramref name="cases"/> into cells (only the steps of <paramref name="processId"/> when given).</summary>
    public static async Task<CellAggregate> AggregateAsync(DbConnection connection, DbTransaction? tx, IReadOnlyList<EndedCase> cases, string? processId,
        CancellationToken ct)
    {
        var aggregate = new CellAggregate();
        if (cases.Count == 0) return aggregate;
        var latest = await LatestDefinitionsAsync(connection, tx, ct);
        for (var i = 0; i < cases.Count; i += CasesPerRead)
        {
            await ReadStepsAsync(connection, tx, cases.Skip(i).Take(CasesPerRead).ToList(), latest, processId, aggregate, ct);
        }
        return aggregate;
    }

    /// <summary>Start of the Europe/Berlin month holding an instant, Unix ms.</summary>
    public static long MonthStart(long ms) => ReportPeriod.StartOfDayMs(ReportPeriod.MonthOf(ms));

    private static async Task<Dictionary<string, long>> LatestDefinitionsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var latest = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var read = CaseStore.Command(connection, tx, "SELECT process_id, MAX(id) FROM definitions GROUP BY process_id");
        await using var r = await read.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) latest[r.GetString(0)] = Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture);
        return latest;
    }

    /// <summary>The step columns the fold reads; <see cref="StepRow.Read"/> takes them by these positions.</summary>
    private static readonly string StepColumns = string.Join(", ", [
        "case_id", "process_id", "node_id", "node_name", "kind", "actor", "started_at", "ended_at", "definition_id", "definition_version", "occupation",
        "standard_minutes", "staff_minutes", "staff_minutes_basis", "labour_cost_eur", .. ComponentColumns.Step.Select(c => c.Name),
        "citizen_trips", "citizen_km", "worker_key", "factor_set", .. DeliverySums.Columns]);

    private static async Task ReadStepsAsync(DbConnection connection, DbTransaction? tx, List<EndedCase> cases, Dictionary<string, long> latest, string? processId,
        CellAggregate aggregate, CancellationToken ct)
    {
        var byId = cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        await using var read = InList(connection, tx, $"SELECT {StepColumns} FROM steps WHERE case_id IN ({{0}})"
            + (processId is null ? "" : " AND process_id = @process") + " ORDER BY case_id, sequence", cases);
        if (processId is not null) CaseStore.Add(read, "@process", processId);
        await using var r = await read.ExecuteReaderAsync(ct);
        // A case's steps of a called process carry that process's definition on their priced rows; its events use it too.
        var calledDefinitions = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = new List<StepRow>();
        string? current = null;
        while (await r.ReadAsync(ct))
        {
            var row = StepRow.Read(r);
            if (row.CaseId != current)
            {
                Flush();
                current = row.CaseId;
            }
            rows.Add(row);
        }
        Flush();

        void Flush()
        {
            if (rows.Count == 0) return;
            var c = byId[rows[0].CaseId];
            calledDefinitions.Clear();
            var definitions = new HashSet<(long, string)>();
            foreach (var row in rows)
            {
                if (row.DefinitionId is { } d && row.ProcessId != c.ProcessId) calledDefinitions[row.ProcessId] = d;
            }
            foreach (var row in rows)
            {
                var definition = row.DefinitionId
                    ?? (row.ProcessId == c.ProcessId ? c.DefinitionId
                        : calledDefinitions.TryGetValue(row.ProcessId, out var called) ? called : latest.GetValueOrDefault(row.ProcessId, c.DefinitionId));
                var key = new CellKey(definition, c.MonthStart, row.NodeId, c.Status);
                if (!aggregate.Cells.TryGetValue(key, out var cell)) aggregate.Cells[key] = cell = new CellSum(row.ProcessId);
                cell.Add(row, c.Id);
                definitions.Add((definition, row.ProcessId));
            }
            foreach (var (definition, process) in definitions)
            {
                var key = new CaseMonthKey(definition, c.MonthStart, c.Status);
                aggregate.CaseMonths[key] = (process, aggregate.CaseMonths.GetValueOrDefault(key).Cases + 1);
            }
            rows.Clear();
        }
    }

    private static async Task WriteAsync(DbConnection connection, DbTransaction tx, CellAggregate aggregate, CancellationToken ct)
    {
        // Parameters are made once per statement and only their values change: Npgsql prepares a statement after a few
        // executions, and a prepared statement keeps the parameter objects it was prepared with.
        await using var months = new Statement(connection, tx, """
            INSERT INTO ledger_case_months (definition_id, month_start, case_status, process_id, cases) VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (definition_id, month_start, case_status) DO UPDATE SET cases = ledger_case_months.cases + excluded.cases
            """, 5);
        foreach (var (key, (process, count)) in aggregate.CaseMonths) await months.RunAsync(ct, key.DefinitionId, key.MonthStart, key.Status, process, count);

        var sums = CellSums.Columns;
        var columns = "definition_id, month_start, node_id, case_status, process_id, definition_version, node_name, kind, actor, occupation, executions, priced, " +
            "cases, measured_steps, people, human_work, " + string.Join(", ", sums);
        var values = string.Join(", ", Enumerable.Range(0, 16 + sums.Count).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        var add = string.Join(", ", new[] { "executions", "priced", "cases", "measured_steps" }.Concat(sums).Select(c => $"{c} = ledger_cells.{c} + excluded.{c}"));
        await using var upsert = new Statement(connection, tx, $"""
            INSERT INTO ledger_cells ({columns}) VALUES ({values})
            ON CONFLICT (definition_id, month_start, node_id, case_status) DO UPDATE SET {add},
                definition_version = COALESCE(excluded.definition_version, ledger_cells.definition_version),
                node_name = COALESCE(excluded.node_name, ledger_cells.node_name), occupation = COALESCE(excluded.occupation, ledger_cells.occupation),
                human_work = CASE WHEN excluded.human_work > ledger_cells.human_work THEN excluded.human_work ELSE ledger_cells.human_work END
            """, 16 + sums.Count);
        await using var person = new Statement(connection, tx, """
            INSERT INTO ledger_cell_people (definition_id, month_start, node_id, case_status, worker_key) VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (definition_id, month_start, node_id, case_status, worker_key) DO NOTHING
            """, 5);
        await using var people = new Statement(connection, tx,
            "UPDATE ledger_cells SET people = people + @p4 WHERE definition_id = @p0 AND month_start = @p1 AND node_id = @p2 AND case_status = @p3", 5);
        await using var bucket = new Statement(connection, tx, """
            INSERT INTO ledger_cell_durations (definition_id, month_start, node_id, case_status, series, bucket, count) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)
            ON CONFLICT (definition_id, month_start, node_id, case_status, series, bucket) DO UPDATE SET count = ledger_cell_durations.count + excluded.count
            """, 7);
        foreach (var (key, cell) in aggregate.Cells)
        {
            object?[] fixedValues = [key.DefinitionId, key.MonthStart, key.NodeId, key.Status, cell.ProcessId, cell.DefinitionVersion, cell.NodeName, cell.Kind,
                cell.Actor, cell.Occupation, cell.Executions, cell.Priced, cell.Cases, cell.MeasuredSteps, 0L, cell.HumanWork ? 1 : 0];
            await upsert.RunAsync(ct, [.. fixedValues, .. cell.Sums.Select(v => (object?)v)]);
            long added = 0;
            foreach (var worker in cell.Workers) added += await person.RunAsync(ct, key.DefinitionId, key.MonthStart, key.NodeId, key.Status, worker);
            if (added > 0) await people.RunAsync(ct, key.DefinitionId, key.MonthStart, key.NodeId, key.Status, added);
            foreach (var ((series, b), count) in cell.Buckets) await bucket.RunAsync(ct, key.DefinitionId, key.MonthStart, key.NodeId, key.Status, series, b, count);
        }
    }

    /// <summary>A statement with parameters @p0 … @pN-1 made once; each run sets their values.</summary>
    private sealed class Statement : IAsyncDisposable
    {
        private readonly DbCommand command;

        public Statement(DbConnection connection, DbTransaction tx, string sql, int parameters)
        {
            command = CaseStore.Command(connection, tx, sql);
            for (var i = 0; i < parameters; i++) CaseStore.Add(command, "@p" + i.ToString(CultureInfo.InvariantCulture), null);
        }

        public Task<int> RunAsync(CancellationToken ct, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
            return command.ExecuteNonQueryAsync(ct);
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }

    private static async Task<long> Scalar(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = CaseStore.Command(connection, tx, sql);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }


    /// <summary>One step row as the fold needs it; the ledger figures are 0 on an unpriced row.</summary>
    internal sealed record StepRow(string CaseId, string ProcessId, string NodeId, string? NodeName, string Kind, string Actor, long Duration,
        long? DefinitionId, string? DefinitionVersion, string? Occupation, bool Priced, bool Measured, string? WorkerKey, double[] Sums)
    {
        /// <summary>Position of the first component column in <see cref="StepColumns"/>.</summary>
        private const int FirstComponent = 15;

        public static StepRow Read(DbDataReader r)
        {
            double D(int i) => r.IsDBNull(i) ? 0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            var measured = S(13) == "Measured";
            var standard = D(11);
            var effective = D(12);
            // Labour cost and the staff-time components are linear in staff minutes: their standard values follow by the ratio.
            double ToStandard(double value) => !measured ? value : effective > 0 ? value * standard / effective : 0;
            var duration = Math.Max(0, Convert.ToInt64(r.GetValue(7), CultureInfo.InvariantCulture) - Convert.ToInt64(r.GetValue(6), CultureInfo.InvariantCulture));
            var sums = new double[CellSums.Columns.Count];
            sums[CellSums.StandardMinutes] = standard;
            sums[CellSums.LabourCostStandardEur] = ToStandard(D(14));
            sums[CellSums.StaffMinutes] = effective;
            sums[CellSums.MeasuredMinutes] = measured ? effective : 0;
            sums[CellSums.LabourCostEur] = D(14);
            for (var i = 0; i < CellSums.Components.Count; i++)
            {
                var value = D(FirstComponent + i);
                var (at, standardAt) = CellSums.Components[i];
                sums[at] = value;
                if (standardAt >= 0) sums[standardAt] = ToStandard(value);
            }
            var next = FirstComponent + CellSums.Components.Count;
            sums[CellSums.CitizenTrips] = D(next);
            sums[CellSums.CitizenKm] = D(next + 1);
            sums[CellSums.DurationMs] = duration;
            sums[CellSums.WaitingMs] = Math.Max(0, duration - effective * 60_000);
            sums[CellSums.WaitingStandardMs] = Math.Max(0, duration - standard * 60_000);
            for (var i = 0; i < DeliverySums.Columns.Count; i++) sums[CellSums.Deliveries + i] = D(next + 4 + i);
            return new StepRow(r.GetString(0), r.GetString(1), r.GetString(2), S(3), r.GetString(4), r.GetString(5), duration,
                r.IsDBNull(8) ? null : Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture), S(9), S(10), S(next + 3) is not null, measured, S(next + 2), sums);
        }
    }

    /// <summary>A cell's sums in one fold, in <see cref="CellSums.Columns"/> order.</summary>
    internal sealed class CellSum(string processId)
    {
        public string ProcessId { get; } = processId;
        public string? DefinitionVersion { get; private set; }
        public string? NodeName { get; private set; }
        public string Kind { get; private set; } = "";
        public string Actor { get; private set; } = "";
        public string? Occupation { get; private set; }
        public long Executions { get; private set; }
        public long Priced { get; private set; }
        public long MeasuredSteps { get; private set; }
        public bool HumanWork { get; private set; }
        public double[] Sums { get; } = new double[CellSums.Columns.Count];
        public long Cases { get; private set; }
        public HashSet<string> Workers { get; } = new(StringComparer.Ordinal);
        public Dictionary<(int Series, int Bucket), long> Buckets { get; } = [];

        private string? lastCase;

        /// <summary>Adds a step; a case's steps arrive together (ordered by case), so a change of case id counts a new case.</summary>
        public void Add(StepRow row, string caseId)
        {
            if (!string.Equals(caseId, lastCase, StringComparison.Ordinal))
            {
                Cases++;
                lastCase = caseId;
            }
            DefinitionVersion ??= row.DefinitionVersion;
            NodeName ??= row.NodeName;
            Kind = row.Kind;
            Actor = row.Actor;
            Occupation ??= row.Occupation;
            Executions++;
            if (row.Priced) Priced++;
            if (row.Measured) MeasuredSteps++;
            var staffed = row.Sums[CellSums.StandardMinutes] > 0 || row.Sums[CellSums.StaffMinutes] > 0;
            HumanWork |= row.Actor == "Human" || staffed;
            if (row.WorkerKey is not null) Workers.Add(row.WorkerKey);
            for (var i = 0; i < Sums.Length; i++) Sums[i] += row.Sums[i];
            Count(0, row.Sums[CellSums.DurationMs]);
            Count(1, row.Sums[CellSums.WaitingMs]);
            Count(2, row.Sums[CellSums.WaitingStandardMs]);
        }

        private void Count(int series, double ms)
        {
            var key = (series, DurationHistogram.Bucket(ms));
            Buckets[key] = Buckets.GetValueOrDefault(key) + 1;
        }
    }
}

/// <summary>A case that ended, with the month (Europe/Berlin) it ended in.</summary>
internal sealed record EndedCase(string Id, long DefinitionId, string ProcessId, string Status, long MonthStart);

/// <summary>The key of a cell.</summary>
internal readonly record struct CellKey(long DefinitionId, long MonthStart, string NodeId, string Status);

/// <summary>The key of a count of ended cases.</summary>
internal readonly record struct CaseMonthKey(long DefinitionId, long MonthStart, string Status);

/// <summary>Steps summed into cells, and the cases per definition version, month and status.</summary>
internal sealed class CellAggregate
{
    /// <summary>Cells.</summary>
    public Dictionary<CellKey, LedgerCellFold.CellSum> Cells { get; } = [];

    /// <summary>Cases per definition version, month and status, with the version's process.</summary>
    public Dictionary<CaseMonthKey, (string ProcessId, long Cases)> CaseMonths { get; } = [];
}
