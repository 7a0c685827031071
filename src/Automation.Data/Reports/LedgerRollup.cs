using System.Data.Common;
using System.Globalization;

namespace Automation.Data.Reports;

/// <summary>
/// The rollup behind every report: <c>ledger_cells</c>, the ledger's figures per definition version, node, calendar month
/// in which the case ended and how it ended (folded by <see cref="LedgerCellFold"/> when cases end; the unit of the
/// privacy gate), and <c>ledger_days</c>, each day's entry-id range, through which <see cref="EndedWithin"/> finds the
/// entries of any time range without a time index on the step rows. Nothing on the per-case write path touches it: a
/// background refresher folds, and the queries read the cases that ended since then directly (valued at standard time).
/// </summary>
/// <remarks>
/// Entry ids (<c>entry_id</c> of the view <c>ledger_entries</c>): on SQLite the rowid of the step row, which only grows
/// because step rows are never deleted and writers commit one at a time (a VACUUM may renumber rowids: rebuild
/// afterwards); on PostgreSQL the identity column <c>steps.entry_id</c>. There, an id handed out by an open transaction
/// could become visible after a higher one, so the highest id is read under a brief SHARE lock on steps, which waits
/// for the open writers to commit. Two nodes: a session advisory lock lets
/// one refresher work at a time, and the watermark moves only from the value the fold started at.
/// </remarks>
public sealed class LedgerRollup(AutomationDatabase database, TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>Most entries folded in one transaction, so a refresh never holds SQLite's write lock for long.</summary>
    public const int DefaultChunk = 100_000;

    // pg_advisory_lock key: "ledger_rollup" as a fixed 64-bit number.
    private const long AdvisoryKey = 0x6C65_6467_726F_6C6C;

    // SQLite. Not MAX(entry_id): over the view's filter SQLite would scan every step row; backwards from the end it stops at the first priced one.
    private const string LastEntryId = "SELECT entry_id FROM ledger_entries ORDER BY entry_id DESC LIMIT 1";

    /// <summary>Milliseconds per day of <c>ledger_days</c> (UTC days: the map only has to cover, not to match a calendar).</summary>
    internal const long DayMs = 86_400_000;

    /// <summary>
    /// Folds every entry written so far into the rollup, in chunks, then the cases that ended; returns how many chunks
    /// were folded. On PostgreSQL it waits while another node refreshes (then finds little left) rather than leaving
    /// the rest to that node, which may be about to finish.
    /// </summary>
    public async Task<int> RefreshAsync(int chunk = DefaultChunk, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        try
        {
            await using var connection = await database.OpenAsync(ct);
            var postgres = database.Provider == DatabaseProvider.Postgres;
            if (postgres) await Execute(connection, null, "SELECT pg_advisory_lock(" + AdvisoryKey.ToString(CultureInfo.InvariantCulture) + ")", ct);
            try
            {
                var folded = 0;
                while (await FoldChunkAsync(connection, chunk, ct)) folded++;
                await LedgerCellFold.FoldAsync(connection, clock.GetUtcNow().ToUnixTimeMilliseconds(), ct);
                return folded;
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

    /// <summary>Folds the cases that ended since the last fold into <c>ledger_cells</c> (<see cref="LedgerCellFold"/>); false when there were none.</summary>
    public async Task<bool> FoldCasesAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            if (database.Provider == DatabaseProvider.Sqlite) return await LedgerCellFold.FoldAsync(connection, clock.GetUtcNow().ToUnixTimeMilliseconds(), ct);
            if (!await Scalar<bool>(connection, null, "SELECT pg_try_advisory_lock(@key)", ct, ("@key", AdvisoryKey))) return false;
            try
            {
                return await LedgerCellFold.FoldAsync(connection, clock.GetUtcNow().ToUnixTimeMilliseconds(), ct);
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

    /// <summary>Every case that ended at or before this instant (Unix ms) is in the cells.</summary>
    public async Task<long> CasesThroughAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            return await Scalar<long?>(connection, null, "SELECT cases_through FROM ledger_rollup_state WHERE id = 1", ct) ?? 0;
        }
        catch (DbException e)
        {
            throw database.Translate(e);
        }
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
            if (database.Provider == DatabaseProvider.Sqlite) return await FoldChunkAsync(connection, chunk, ct);
            if (!await Scalar<bool>(connection, null, "SELECT pg_try_advisory_lock(@key)", ct, ("@key", AdvisoryKey))) return false;
            try
            {
                return await FoldChunkAsync(connection, chunk, ct);
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

    /// <summary>One chunk on a connection that holds the advisory lock (PostgreSQL) or will take the write lock (SQLite).</summary>
    private async Task<bool> FoldChunkAsync(DbConnection connection, int chunk, CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.Sqlite) return await FoldAsync(connection, chunk, null, ct);
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
                await Execute(connection, tx, "DELETE FROM ledger_cells; DELETE FROM ledger_case_months; DELETE FROM ledger_cell_people; DELETE FROM ledger_cell_durations; " +
                    "DELETE FROM ledger_folded_cases; DELETE FROM ledger_days; " +
                    "UPDATE ledger_rollup_state SET watermark = 0, refreshed_at = 0, cases_through = 0 WHERE id = 1", ct);
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

    private async Task<bool> FoldAsync(DbConnection connection, int chunk, long? committed, CancellationToken ct)
    {
        // SQLite: BEGIN IMMEDIATE takes the write lock, so no writer commits while the highest entry id is read.
        await using var tx = await connection.BeginTransactionAsync(ct);
        var from = await Scalar<long?>(connection, tx, "SELECT watermark FROM ledger_rollup_state WHERE id = 1", ct) ?? 0;
        var top = committed ?? await Scalar<long?>(connection, tx, LastEntryId, ct) ?? 0;
        var to = Math.Min(top, from + chunk);
        if (to <= from) return false;

        var range = ("@from", (object)from);
        var upto = ("@to", (object)to);
        // Entry ids only grow, so a day's first id stays and its last id moves up.
        await using (var days = Command(connection, tx, $"""
            INSERT INTO ledger_days (day, first_entry_id, last_entry_id)
            SELECT ended_at / {DayMs.ToString(CultureInfo.InvariantCulture)} AS d, MIN(entry_id), MAX(entry_id) FROM ledger_entries {FoldRange} GROUP BY d
            ON CONFLICT (day) DO UPDATE SET last_entry_id = excluded.last_entry_id
            """, range, upto))
        {
            await days.ExecuteNonQueryAsync(ct);
        }
        await LedgerCellFold.FoldLateAsync(connection, tx, from, to, ct);
        await using var advance = Command(connection, tx, "UPDATE ledger_rollup_state SET watermark = @to, refreshed_at = @now WHERE id = 1 AND watermark = @from",
            range, upto, ("@now", clock.GetUtcNow().ToUnixTimeMilliseconds()));
        if (await advance.ExecuteNonQueryAsync(ct) != 1)
        {
            // Another node moved the watermark first: its fold stands, this one is dropped.
            await tx.RollbackAsync(ct);
            return false;
        }
        await tx.CommitAsync(ct);
        return true;
    }

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
