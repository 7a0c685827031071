using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Automation.Data;

/// <summary>
/// A writer loop's connection. A unit runs behind a savepoint where it may need undoing alone (see CaseStore). On SQLite (in-process) statements run one by one
/// on SQLite's own prepared statements, kept by SQL text and bound by position: binding by name through
/// Microsoft.Data.Sqlite cost about a microsecond per parameter, which was most of the writer's time. On PostgreSQL a
/// unit's statements go to the server as one batch, one round trip per unit.
/// </summary>
internal sealed class WriterSession(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreparedStatement> statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PositionalStatement> positional = new(StringComparer.Ordinal);
    private readonly bool batching = connection.CanCreateBatch;
    private readonly List<int> expectOne = [];
    private DbBatch? batch;

    public DbConnection Connection { get; } = connection;

    public DbTransaction? Transaction { get; set; }

    /// <summary>Whether statements are queued and sent as batches (PostgreSQL) rather than run one by one (SQLite).</summary>
    public bool Batching => batching;

    /// <summary>
    /// Starts a group (PostgreSQL): the statements of several units queued into one batch without savepoints, so the
    /// whole group costs one round trip. <see cref="FlushGroupAsync"/> says whether every unit's checks held.
    /// </summary>
    public void BeginGroup()
    {
        batch?.Dispose();
        batch = Connection.CreateBatch();
        batch.Transaction = Transaction;
        expectOne.Clear();
    }

    /// <summary>Sends a group; false when a statement that had to change one row did not (the caller rolls back).</summary>
    public async Task<bool> FlushGroupAsync(CancellationToken ct)
    {
        await batch!.ExecuteNonQueryAsync(ct);
        return expectOne.All(index => batch.BatchCommands[index].RecordsAffected == 1);
    }

    /// <summary>Starts a unit: a savepoint the unit rolls back to on conflict.</summary>
    public void BeginUnit()
    {
        if (batching)
        {
            batch?.Dispose();
            batch = Connection.CreateBatch();
            batch.Transaction = Transaction;
            expectOne.Clear();
            Add("SAVEPOINT u", []);
        }
        else
        {
            Run("SAVEPOINT u", []);
        }
    }

    /// <summary>
    /// Runs (SQLite) or queues (PostgreSQL) a statement. With <paramref name="mustAffectOne"/> a statement that does
    /// not change exactly one row makes the unit conflict: SQLite reports it at once, PostgreSQL at <see cref="FlushAsync"/>.
    /// </summary>
    public async Task<bool> ExecAsync(string sql, bool mustAffectOne, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        if (batching)
        {
            if (mustAffectOne) expectOne.Add(batch!.BatchCommands.Count);
            Add(sql, parameters);
            return true;
        }
        var rows = Run(sql, parameters);
        return !mustAffectOne || rows == 1;
    }

    /// <summary>
    /// Runs a multi-row SQLite INSERT whose parameters are the given columns of the rows in order (row by row, column by
    /// column), bound by position: no names, no parameter list per statement.
    /// </summary>
    public void InsertRows(string sql, object?[][] rows, int start, int count, int[] columns)
    {
        var db = ((SqliteConnection)Connection).Handle!;
        if (!statements.TryGetValue(sql, out var statement))
        {
            statement = new PreparedStatement(Prepare(db, sql), []);
            statements[sql] = statement;
        }
        var native = statement.Handle.DangerousGetHandle();
        var position = 1;
        for (var r = start; r < start + count; r++)
        {
            var row = rows[r];
            foreach (var c in columns) SqliteBinding.Bind(native, position++, row[c]);
        }
        if (position - 1 != raw.sqlite3_bind_parameter_count(statement.Handle)) throw new InvalidOperationException($"{position - 1} values given for: {sql}");
        Step(db, statement.Handle);
    }

    /// <summary>Ends a unit; false when a statement that had to change one row did not.</summary>
    public async Task<bool> FlushAsync(CancellationToken ct)
    {
        if (!batching)
        {
            Run("RELEASE SAVEPOINT u", []);
            return true;
        }
        await batch!.ExecuteNonQueryAsync(ct);
        foreach (var index in expectOne)
        {
            if (batch.BatchCommands[index].RecordsAffected != 1) return false;
        }
        return true;
    }

    /// <summary>Undoes the current unit's writes; the transaction goes on with the next unit.</summary>
    public async Task RollbackUnitAsync(CancellationToken ct)
    {
        if (batching)
        {
            await Command("ROLLBACK TO SAVEPOINT u").ExecuteNonQueryAsync(ct);
            return;
        }
        Run("ROLLBACK TO SAVEPOINT u", []);
        Run("RELEASE SAVEPOINT u", []);
    }

    /// <summary>
    /// Runs one SQLite statement and returns the rows it changed. A statement's parameters are always passed in the
    /// same order, so their positions are looked up once, at the first run.
    /// </summary>
    private int Run(string sql, (string Name, object? Value)[] parameters)
    {
        var db = ((SqliteConnection)Connection).Handle!;
        if (!statements.TryGetValue(sql, out var statement))
        {
            var handle = Prepare(db, sql);
            // Every parameter is bound on every run (bindings are not cleared between runs).
            var count = raw.sqlite3_bind_parameter_count(handle);
            if (count != parameters.Length)
            {
                handle.Dispose();
                throw new InvalidOperationException($"{parameters.Length} parameters given for {count} in: {sql}");
            }
            statement = new PreparedStatement(handle, new int[parameters.Length]);
            for (var i = 0; i < parameters.Length; i++)
            {
                statement.Positions[i] = raw.sqlite3_bind_parameter_index(handle, parameters[i].Name);
                if (statement.Positions[i] == 0) throw new InvalidOperationException($"Parameter {parameters[i].Name} is not in: {sql}");
            }
            statements[sql] = statement;
        }
        var native = statement.Handle.DangerousGetHandle();
        for (var i = 0; i < parameters.Length; i++) SqliteBinding.Bind(native, statement.Positions[i], parameters[i].Value);
        return Step(db, statement.Handle);
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(raw.sqlite3_prepare_v2(db, sql, out var handle), db);
        return handle;
    }

    /// <summary>Runs a bound statement to its end and resets it; returns the rows it changed.</summary>
    private static int Step(sqlite3 db, sqlite3_stmt stmt)
    {
        try
        {
            var rc = raw.sqlite3_step(stmt);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
            return raw.sqlite3_changes(db);
        }
        finally
        {
            // No clear_bindings: every run binds every parameter again, and text is copied by SQLite when bound.
            raw.sqlite3_reset(stmt);
        }
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    /// <summary>
    /// Queues a PostgreSQL statement with positional parameters ($1, $2 …): Npgsql then sends the text as it is. With
    /// named parameters it parsed and rewrote every statement of every batch, which cost more client time than the rest
    /// of the unit. A statement's parameters are always passed in the same order, so the rewrite is done once.
    /// </summary>
    private void Add(string sql, (string Name, object? Value)[] parameters)
    {
        if (!positional.TryGetValue(sql, out var statement))
        {
            statement = PositionalStatement.From(sql, parameters);
            positional[sql] = statement;
        }
        var command = batch!.CreateBatchCommand();
        command.CommandText = statement.Sql;
        foreach (var index in statement.Order)
        {
            var p = command.CreateParameter();
            p.Value = parameters[index].Value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        batch.BatchCommands.Add(command);
    }

    private DbCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var cmd))
        {
            cmd = Connection.CreateCommand();
            cmd.CommandText = sql;
            commands[sql] = cmd;
        }
        cmd.Transaction = Transaction;
        cmd.Parameters.Clear();
        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        batch?.Dispose();
        foreach (var statement in statements.Values) statement.Handle.Dispose();
        foreach (var cmd in commands.Values) await cmd.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

/// <summary>A statement SQLite has compiled, and where each of its named parameters sits (none for positional inserts).</summary>
internal sealed record PreparedStatement(sqlite3_stmt Handle, int[] Positions);

/// <summary>A statement rewritten from named to positional parameters, and which given parameter fills each position.</summary>
internal sealed partial record PositionalStatement(string Sql, int[] Order)
{
    /// <summary>Rewrites <c>@name</c> to <c>$n</c> in order of first use; a name used twice keeps its position.</summary>
    /// <exception cref="InvalidOperationException">The statement uses a parameter that is not given.</exception>
    public static PositionalStatement From(string sql, (string Name, object? Value)[] parameters)
    {
        var order = new List<int>();
        var text = ParameterName().Replace(sql, m =>
        {
            var index = Array.FindIndex(parameters, p => string.Equals(p.Name, m.Value, StringComparison.Ordinal));
            if (index < 0) throw new InvalidOperationException($"Parameter {m.Value} is not given for: {sql}");
            var position = order.IndexOf(index);
            if (position < 0)
            {
                order.Add(index);
                position = order.Count - 1;
            }
            return "$" + (position + 1).ToString(CultureInfo.InvariantCulture);
        });
        return new PositionalStatement(text, [.. order]);
    }

    [GeneratedRegex("@[A-Za-z_][A-Za-z0-9_]*", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
