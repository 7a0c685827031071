using System.Data.Common;

namespace Automation.Data;

/// <summary>
/// A writer loop's connection. Each unit runs behind a savepoint. On SQLite (in-process) statements run one by one
/// from commands kept by SQL text, so each is parsed once and only re-bound; on PostgreSQL a unit's statements go
/// to the server as one batch, one round trip per unit.
/// </summary>
internal sealed class WriterSession(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);
    private readonly bool batching = connection.CanCreateBatch;
    private readonly List<int> expectOne = [];
    private DbBatch? batch;

    public DbConnection Connection { get; } = connection;

    public DbTransaction? Transaction { get; set; }

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
            Command("SAVEPOINT u").ExecuteNonQuery();
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
        var cmd = Command(sql);
        foreach (var (name, value) in parameters) AddParameter(cmd.CreateParameter(), cmd.Parameters, name, value);
        var rows = await cmd.ExecuteNonQueryAsync(ct);
        return !mustAffectOne || rows == 1;
    }

    /// <summary>Ends a unit; false when a statement that had to change one row did not.</summary>
    public async Task<bool> FlushAsync(CancellationToken ct)
    {
        if (!batching)
        {
            await Command("RELEASE SAVEPOINT u").ExecuteNonQueryAsync(ct);
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
        await Command("ROLLBACK TO SAVEPOINT u").ExecuteNonQueryAsync(ct);
        if (!batching) await Command("RELEASE SAVEPOINT u").ExecuteNonQueryAsync(ct);
    }

    private void Add(string sql, (string Name, object? Value)[] parameters)
    {
        var command = batch!.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) AddParameter(command.CreateParameter(), command.Parameters, name, value);
        batch.BatchCommands.Add(command);
    }

    private static void AddParameter(DbParameter p, DbParameterCollection into, string name, object? value)
    {
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        into.Add(p);
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
        foreach (var cmd in commands.Values) await cmd.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
