using System.Runtime.CompilerServices;
using Npgsql;

namespace Automation.Data;

/// <summary>
/// What the server asks of Npgsql's exceptions. Apart, and never inlined, so that the hot paths that check a failure
/// (opening a connection, committing a unit) do not load Npgsql on a SQLite server when the JIT optimises them: code
/// loads the types its method names, even in a branch that never runs.
/// </summary>
internal static class PostgresErrors
{
    /// <summary>Disk full (the server cannot extend a file).</summary>
    public const string DiskFull = "53100";

    /// <summary>The database or transaction is read-only.</summary>
    public const string ReadOnly = "25006";

    /// <summary>A unique constraint refused a row.</summary>
    public const string UniqueViolation = "23505";

    /// <summary>Whether the exception comes from Npgsql.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool IsNpgsql(Exception e) => e is NpgsqlException;

    /// <summary>The SQLSTATE of a PostgreSQL error, null for anything else.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string? SqlState(Exception? e) => (e as PostgresException)?.SqlState;

    /// <summary>Whether Npgsql could not reach the server (a transient failure or a timeout while connecting).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool IsUnreachable(Exception e) =>
        e is NpgsqlException { IsTransient: true } || (e is NpgsqlException && e.InnerException is TimeoutException);
}
