using System.Data.Common;

namespace Automation.Data;

/// <summary>
/// A writer loop's connection with its commands kept by SQL text, so each statement is parsed once and then only
/// re-bound (SQLite keeps the prepared statement of a command whose text does not change).
/// </summary>
internal sealed class WriterSession(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);

    public DbConnection Connection { get; } = connection;

    public DbTransaction? Transaction { get; set; }

    /// <summary>The command for this SQL, enlisted in the current transaction, with no parameters.</summary>
    public DbCommand Command(string sql)
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
        foreach (var cmd in commands.Values) await cmd.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
