using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Automation.Data.Reports;

/// <summary>
/// The monthly ledger rollup behind the dashboards: <c>ledger_monthly</c> (sums per case, calendar month and step
/// group) and <c>ledger_monthly_cases</c> (sums per case, month and process), kept incrementally from the ledger
/// entries above a watermark (<c>ledger_rollup_state</c>). Nothing on the per-case write path touches it: a background
/// refresher folds new entries in, and <see cref="ImpactQueries"/> reads the rollup for whole months plus the live
/// rows above the watermark (and partial months), so figures are always current. The fold also keeps
/// <c>ledger_days</c>, each day's entry-id range, through which <see cref="EndedWithin"/> finds the entries of any
/// time range without a time index on the step rows.
/// </summary>
/// <remarks>
/// Entry ids (<c>entry_id</c> of the view <c>ledger_entries</c>): on SQLite the rowid of the step row, which only grows
/// because step rows are never deleted and writers commit one at a time (a VACUUM may renumber rowids: rebuild
/// afterwards); on PostgreSQL the identity column <c>steps.entry_id</c>. There, an id handed out by an open transaction
/// could become visible after a higher one, so the highest id is read under a brief SHARE lock on steps, which waits
/// for the open writers to commit. Two nodes: a session advisory lock lets
/// one refresher work at a time, and the watermark moves only from the value the fold started at.
/// </remarks>
public sealed class LedgerRollup(AutomationDatabase database)
{
    /// <summary>Most entries folded in one transaction, so a refresh never holds SQLite's write lock for long.</summary>
    public const int DefaultChunk = 100_000;

    // pg_advisory_lock key: "ledger_rollup" as a fixed 64-bit number.
    private const long AdvisoryKey = 0x6C65_6467_726F_6C6C;

    // SQLite. Not MAX(entry_id): over the view's filter SQLite would scan every step row; backwards from the end it stops at the first priced one.
    private const string LastEntryId = "SELECT entry_id FROM ledger_entries ORDER BY entry_id DESC LIMIT 1";

    /// <summary>Milliseconds per day of <c>ledger_days</c> (UTC days: the map only has to cover, not to match a calendar).</summary>
    internal const long DayMs = 86_400_000;

    private const string Sums = "staff_minutes, labour_cost_eur, workplace_g, compute_g, ai_g, paper_g, post_g, embodied_g, citizen_g";

    /// <summary>Folds every entry written so far into the rollup, in chunks; returns how many chunks were folded.</summary>
    public async Task<int> RefreshAsync(int chunk = DefaultChunk, CancellationToken ct = default)
    {
        var folded = 0;
        while (await RefreshChunkAsync(chunk, ct)) folded++;
        return folded;
    }

    /// <summary>
    /// Folds at most <paramref name="chunk"/> entry ids above the watermark in one transaction. Returns false when
    /// there is nothing to fold or another node is refreshing.
    /// </summary>
    public async Task<bool> RefreshChunkAsync(int chunk = DefaultChunk, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        try
        {
            await using var connection = await database.OpenAsync(ct);
            if (database.Provider == DatabaseProvider.Sqlite) return await FoldAsync(connection, chunk, null, ct);
            if (!await Scalar<bool>(connection, null, "SELECT pg_try_advisory_lock(@key)", ct, ("@key", AdvisoryKey))) return false;
            try
            {
                long committed;
                await using (var tx = await connection.BeginTransactionAsync(ct))
                {
                    await Execute(connection, tx, "SET LOCAL lock_timeout = '10s'; LOCK TABLE steps IN SHARE MODE", ct);
                    // Under the lock no writer is between taking an id and committing: every id the sequence has handed
                    // out is committed or gone for good, so its last value is the exact top (gaps are harmless).
                    committed = await Scalar<long?>(connection, tx, "SELECT pg_sequence_last_value(pg_get_serial_sequence('steps', 'entry_id'))", ct) ?? 0;
                    await tx.CommitAsync(ct);
                }
                return await FoldAsync(connection, chunk, committed, ct);
            }
            finally
            {
                await Execute(connection, null, "SELECT pg_advisory_unlock(" + AdvisoryKey.ToString(CultureInfo.InvariantCulture) + ")", CancellationToken.None);
            }
        }
        catch (DbException e)
        {
            throw database.Translate(e);
        }
    }

    /// <summary>Empties the rollup and sets the watermark to 0: queries read the ledger directly until refreshes catch up.</summary>
    public async Task ResetAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            var postgres = database.Provider == DatabaseProvider.Postgres;
            if (postgres) await Execute(connection, null, "SELECT pg_advisory_lock(" + AdvisoryKey.ToString(CultureInfo.InvariantCulture) + ")", ct);
            try
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, tx, "DELETE FROM ledger_monthly; DELETE FROM ledger_monthly_cases; DELETE FROM ledger_days; UPDATE ledger_rollup_state SET watermark = 0, refreshed_at = 0 WHERE id = 1", ct);
                await tx.CommitAsync(ct);
            }
            finally
            {
                if (postgres) await Execute(connection, null, "SELECT pg_advisory_unlock(" + AdvisoryKey.ToString(CultureInfo.InvariantCulture) + ")", CancellationToken.None);
            }
        }
        catch (DbException e)
        {
            throw database.Translate(e);
        }
    }

    /// <summary>Builds the rollup again from the whole ledger (<see cref="ResetAsync"/>, then <see cref="RefreshAsync"/>).</summary>
    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await ResetAsync(ct);
        await RefreshAsync(DefaultChunk, ct);
    }

    /// <summary>The highest entry id folded in.</summary>
    public async Task<long> WatermarkAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            return await Scalar<long?>(connection, null, "SELECT watermark FROM ledger_rollup_state WHERE id = 1", ct) ?? 0;
        }
        catch (DbException e)
        {
            throw database.Translate(e);
        }
    }

    private const string FoldRange = "WHERE entry_id > @from AND entry_id <= @to";

    /// <summary>
    /// A condition on <c>ledger_entries</c>: the entry ended at or after <paramref name="from"/> and before
    /// <paramref name="to"/> (SQL expressions of Unix ms, usually parameters; null for an open end). The entries are
    /// found by entry id: those above the watermark, and those in the id range <c>ledger_days</c> gives for the days the
    /// range touches; the end time itself is then checked on each. Watermark and days come from the statement's
    /// snapshot, in which the fold moved both together.
    /// </summary>
    internal static string EndedWithin(string? from, string? to)
    {
        var day = DayMs.ToString(CultureInfo.InvariantCulture);
        var days = (from, to) switch
        {
            (not null, not null) => $"day >= {from} / {day} AND day <= ({to} - 1) / {day}",
            (not null, null) => $"day >= {from} / {day}",
            (null, not null) => $"day <= ({to} - 1) / {day}",
            _ => "1 = 1",
        };
        return "(entry_id > (SELECT COALESCE(MAX(watermark), 0) FROM ledger_rollup_state)"
            + $" OR entry_id BETWEEN (SELECT MIN(first_entry_id) FROM ledger_days WHERE {days}) AND (SELECT MAX(last_entry_id) FROM ledger_days WHERE {days}))"
            + (from is null ? "" : $" AND ended_at >= {from}")
            + (to is null ? "" : $" AND ended_at < {to}");
    }

    private static async Task<bool> FoldAsync(DbConnection connection, int chunk, long? committed, CancellationToken ct)
    {
        // SQLite: BEGIN IMMEDIATE takes the write lock, so no writer commits while the highest entry id is read.
        await using var tx = await connection.BeginTransactionAsync(ct);
        var from = await Scalar<long?>(connection, tx, "SELECT watermark FROM ledger_rollup_state WHERE id = 1", ct) ?? 0;
        var top = committed ?? await Scalar<long?>(connection, tx, LastEntryId, ct) ?? 0;
        var to = Math.Min(top, from + chunk);
        if (to <= from) return false;

        var range = ("@from", (object)from);
        var upto = ("@to", (object)to);
        var span = new List<long>(2);
        await using (var read = Command(connection, tx, "SELECT MIN(ended_at), MAX(ended_at) FROM ledger_entries WHERE entry_id > @from AND entry_id <= @to", range, upto))
        await using (var r = await read.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct) && !r.IsDBNull(0)) span.AddRange([Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)]);
        }
        if (span.Count == 2)
        {
            var month = MonthStartSql("ended_at", span[0], span[1]);
            const string where = FoldRange;
            var figures = $"COUNT(*), SUM(CASE WHEN actor = 'Automated' THEN 1 ELSE 0 END), SUM(CASE WHEN actor = 'AiAssisted' THEN 1 ELSE 0 END), {SumOf(Sums)}";
            var add = "steps = {0}.steps + excluded.steps, automated_steps = {0}.automated_steps + excluded.automated_steps, ai_steps = {0}.ai_steps + excluded.ai_steps, "
                + string.Join(", ", Sums.Split(", ").Select(c => $"{c} = {{0}}.{c} + excluded.{c}"));
            await using (var fine = Command(connection, tx, $"""
                INSERT INTO ledger_monthly (process_id, month_start, case_id, node_id, actor, outcome, occupation, staffed, node_name, steps, automated_steps, ai_steps, {Sums})
                SELECT process_id, {month} AS m, case_id, node_id, actor, outcome, COALESCE(occupation, '') AS occ, CASE WHEN staff_minutes > 0 THEN 1 ELSE 0 END AS st,
                       MAX(node_name), {figures}
                FROM ledger_entries {where}
                GROUP BY process_id, m, case_id, node_id, actor, outcome, occ, st
                ON CONFLICT (process_id, month_start, case_id, node_id, actor, outcome, occupation, staffed) DO UPDATE SET
                    node_name = CASE WHEN ledger_monthly.node_name IS NULL OR excluded.node_name > ledger_monthly.node_name THEN excluded.node_name ELSE ledger_monthly.node_name END,
                    {string.Format(CultureInfo.InvariantCulture, add, "ledger_monthly")}
                """, range, upto))
            {
                await fine.ExecuteNonQueryAsync(ct);
            }
            await using (var coarse = Command(connection, tx, $"""
                INSERT INTO ledger_monthly_cases (process_id, month_start, case_id, steps, automated_steps, ai_steps, {Sums})
                SELECT process_id, {month} AS m, case_id, {figures}
                FROM ledger_entries {where}
                GROUP BY process_id, m, case_id
                ON CONFLICT (process_id, month_start, case_id) DO UPDATE SET {string.Format(CultureInfo.InvariantCulture, add, "ledger_monthly_cases")}
                """, range, upto))
            {
                await coarse.ExecuteNonQueryAsync(ct);
            }
        }
        // Entry ids only grow, so a day's first id stays and its last id moves up.
        await using (var days = Command(connection, tx, $"""
            INSERT INTO ledger_days (day, first_entry_id, last_entry_id)
            SELECT ended_at / {DayMs.ToString(CultureInfo.InvariantCulture)} AS d, MIN(entry_id), MAX(entry_id) FROM ledger_entries {FoldRange} GROUP BY d
            ON CONFLICT (day) DO UPDATE SET last_entry_id = excluded.last_entry_id
            """, range, upto))
        {
            await days.ExecuteNonQueryAsync(ct);
        }
        await using var advance = Command(connection, tx, "UPDATE ledger_rollup_state SET watermark = @to, refreshed_at = @now WHERE id = 1 AND watermark = @from",
            range, upto, ("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        if (await advance.ExecuteNonQueryAsync(ct) != 1)
        {
            // Another node moved the watermark first: its fold stands, this one is dropped.
            await tx.RollbackAsync(ct);
            return false;
        }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// A SQL expression mapping a Unix-ms column to the start of its calendar month in Europe/Berlin, for values
    /// between <paramref name="min"/> and <paramref name="max"/>: nested CASE on month boundaries (binary search), so
    /// both databases evaluate it without calendar functions.
    /// </summary>
    internal static string MonthStartSql(string column, long min, long max)
    {
        var starts = new List<long>();
        var first = MonthOf(min);
        var last = MonthOf(max);
        for (var m = first; m <= last; m = m.AddMonths(1)) starts.Add(ReportPeriod.StartOfDayMs(m));
        var sql = new StringBuilder();
        void Build(int lo, int hi)
        {
            if (lo == hi)
            {
                sql.Append(starts[lo].ToString(CultureInfo.InvariantCulture));
                return;
            }
            var mid = (lo + hi) / 2;
            sql.Append(CultureInfo.InvariantCulture, $"CASE WHEN {column} < {starts[mid + 1]} THEN ");
            Build(lo, mid);
            sql.Append(" ELSE ");
            Build(mid + 1, hi);
            sql.Append(" END");
        }
        Build(0, starts.Count - 1);
        return sql.ToString();
    }

    /// <summary>First day of the Europe/Berlin month holding a Unix-ms instant.</summary>
    internal static DateOnly MonthOf(long ms)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), ReportPeriod.Zone);
        return new DateOnly(local.Year, local.Month, 1);
    }

    private static string SumOf(string columns) => string.Join(", ", columns.Split(", ").Select(c => $"SUM({c})"));

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var command = CaseStore.Command(connection, tx, sql);
        foreach (var (name, value) in parameters) CaseStore.Add(command, name, value);
        return command;
    }

    private static async Task Execute(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, tx, sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> Scalar<T>(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        var value = await command.ExecuteScalarAsync(ct);
        if (value is null or DBNull) return default!;
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }
}
