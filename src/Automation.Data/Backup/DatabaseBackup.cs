using System.Globalization;
using Automation.Engine.Texts;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Automation.Data.Backup;

/// <summary>A backup or restore that was refused or failed; the message says why and what to do.</summary>
public sealed class BackupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BackupException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public BackupException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public BackupException() : base(Texte.Get("Sicherung_Gescheitert")) { }
}

/// <summary>What a backup or restore did.</summary>
/// <param name="Path">The file written (backup) or read (restore).</param>
/// <param name="SchemaVersion">The last migration the copied database has.</param>
/// <param name="Cases">Cases in the copy.</param>
/// <param name="Bytes">Size of the backup file.</param>
public sealed record BackupResult(string Path, string SchemaVersion, long Cases, long Bytes);

/// <summary>
/// Online backup and restore of the server's database. SQLite: the backup API copies every page under one read
/// transaction, so the copy is one consistent point in time while the server goes on writing; PostgreSQL: pg_dump
/// (a consistent snapshot too) and pg_restore in one transaction. A restore checks the copy's schema version and
/// refuses a database that is in use.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Writes a backup of <paramref name="database"/> to the new file <paramref name="target"/>.</summary>
    /// <param name="database">The live database (the server may be running on it).</param>
    /// <param name="target">A file that does not exist yet; a backup never overwrites.</param>
    /// <param name="postgresBin">PostgreSQL only: folder of pg_dump, else it is looked up on the PATH.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="BackupException">The target exists, the database cannot be read, or pg_dump is missing or failed.</exception>
    public static async Task<BackupResult> BackupAsync(DatabaseOptions database, string target, string? postgresBin = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(target);
        var path = Path.GetFullPath(target);
        if (File.Exists(path)) throw new BackupException(Texte.Format(Texte.Get("Sicherung_DateiVorhanden"), path));
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        // Written beside the target and renamed when complete, so a file with the target's name is always a whole backup.
        var partial = path + ".partial";
        File.Delete(partial);
        try
        {
            var result = database.Provider == DatabaseProvider.Sqlite
                ? await BackupSqliteAsync(database, partial, ct)
                : await PostgresDump.DumpAsync(database, partial, postgresBin, ct);
            File.Move(partial, path);
            return result with { Path = path, Bytes = new FileInfo(path).Length };
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Replaces <paramref name="database"/> with the backup in <paramref name="source"/>.</summary>
    /// <param name="source">A file written by <see cref="BackupAsync"/>.</param>
    /// <param name="database">Where to restore; must not be in use (stop the server first).</param>
    /// <param name="replace">Whether an existing database with data may be overwritten.</param>
    /// <param name="postgresBin">PostgreSQL only: folder of pg_restore, else it is looked up on the PATH.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="BackupException">
    /// The backup is missing, damaged, not of this server or from a newer version; the target is in use, or holds data
    /// and <paramref name="replace"/> is false.
    /// </exception>
    public static async Task<BackupResult> RestoreAsync(string source, DatabaseOptions database, bool replace, string? postgresBin = null,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(database);
        var path = Path.GetFullPath(source);
        if (!File.Exists(path)) throw new BackupException(Texte.Format(Texte.Get("Sicherung_DateiFehlt"), path));
        var known = await KnownMigrationsAsync(database);
        return database.Provider == DatabaseProvider.Sqlite
            ? await RestoreSqliteAsync(path, database, known, replace, ct)
            : await PostgresDump.RestoreAsync(path, database, known, replace, postgresBin, ct);
    }

    private static async Task<IReadOnlyList<string>> KnownMigrationsAsync(DatabaseOptions database)
    {
        await using var db = new AutomationDatabase(database);
        await using var context = db.CreateContext();
        return [.. Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetMigrations(context.Database).Order(StringComparer.Ordinal)];
    }

    /// <summary>Refuses a copy whose schema this build does not know; returns its last migration.</summary>
    internal static string CheckSchema(IReadOnlyList<string> applied, IReadOnlyList<string> known, string what)
    {
        if (applied.Count == 0) throw new BackupException(Texte.Format(Texte.Get("Sicherung_OhneSchema"), what));
        var unknown = applied.Where(m => !known.Contains(m, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new BackupException(Texte.Format(Texte.Get("Sicherung_SchemaNeuer"), what, unknown.Order(StringComparer.Ordinal).Last(),
                known.Count > 0 ? known[^1] : Texte.Get("Grundlage_none")));
        }
        return applied.Order(StringComparer.Ordinal).Last();
    }

    private static async Task<BackupResult> BackupSqliteAsync(DatabaseOptions database, string partial, CancellationToken ct)
    {
        await using var db = new AutomationDatabase(database);
        var live = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (!File.Exists(live)) throw new BackupException(Texte.Format(Texte.Get("Sicherung_DatenbankFehlt"), Path.GetFullPath(live)));
        await using (var source = (SqliteConnection)await db.OpenAsync(ct))
        await using (var copy = new SqliteConnection(FileConnection(partial, SqliteOpenMode.ReadWriteCreate)))
        {
            await copy.OpenAsync(ct);
            // One step over all pages: one read transaction on the live database, so the copy is one point in time
            // (WAL lets the server's writer go on meanwhile) and never restarts because of a concurrent write.
            source.BackupDatabase(copy);
            // The copy stands alone: rollback journal, no write-ahead log beside it.
            await ExecuteAsync(copy, "PRAGMA journal_mode=DELETE", ct);
        }
        return await DescribeSqliteAsync(partial, ct);
    }

    private static async Task<BackupResult> RestoreSqliteAsync(string source, DatabaseOptions database, IReadOnlyList<string> known, bool replace,
        CancellationToken ct)
    {
        var backup = await DescribeSqliteAsync(source, ct);
        var schema = CheckSchema(await SqliteMigrationsAsync(source, ct), known, $"The backup {source}");
        var target = Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        var directory = Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var exists = File.Exists(target) && new FileInfo(target).Length > 0;
        try
        {
            await using var destination = new SqliteConnection(FileConnection(target, SqliteOpenMode.ReadWriteCreate));
            await destination.OpenAsync(ct);
            // Exclusive locking first: the lock the next statement takes is then held until the copy is complete, so a
            // server starting meanwhile waits instead of reading half a database.
            await ExecuteAsync(destination, "PRAGMA locking_mode=EXCLUSIVE", ct);
            if (exists)
            {
                // Leaving WAL mode needs the only connection to the file: every running server (and any other program
                // holding it open) keeps one, so this is the test for "in use". A crashed server's log is applied first.
                string? mode;
                try
                {
                    mode = await ScalarAsync(destination, "PRAGMA journal_mode=DELETE", ct, timeoutSeconds: 2) as string;
                }
                catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
                {
                    mode = null;
                }
                if (!string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase))
                    throw new BackupException(Texte.Format(Texte.Get("Sicherung_InGebrauch"), target));
                if (!replace && await ScalarAsync(destination, "SELECT COUNT(*) FROM sqlite_master", ct) is long tables && tables > 0)
                    throw new BackupException(Texte.Format(Texte.Get("Sicherung_HatDaten"), target));
            }
            await ExecuteAsync(destination, "BEGIN EXCLUSIVE; COMMIT;", ct);
            await using (var from = new SqliteConnection(FileConnection(source, SqliteOpenMode.ReadOnly)))
            {
                await from.OpenAsync(ct);
                from.BackupDatabase(destination);
            }
            if (await ScalarAsync(destination, "PRAGMA integrity_check", ct) is not "ok")
                throw new BackupException(Texte.Format(Texte.Get("Sicherung_IntegritaetNachher"), target));
        }
        catch (SqliteException e)
        {
            throw new BackupException(Texte.Format(Texte.Get("Sicherung_NichtWiederhergestellt"), target, e.Message), e);
        }
        return backup with { SchemaVersion = schema };
    }

    private static async Task<BackupResult> DescribeSqliteAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(FileConnection(file, SqliteOpenMode.ReadOnly));
        try
        {
            await connection.OpenAsync(ct);
            var check = await ScalarAsync(connection, "PRAGMA integrity_check", ct) as string;
            if (check != "ok") throw new BackupException(Texte.Format(Texte.Get("Sicherung_Beschaedigt"), file, check));
            var migrations = await SqliteMigrationsAsync(connection, ct);
            var cases = migrations.Count == 0 ? 0 : Convert.ToInt64(await ScalarAsync(connection, "SELECT COUNT(*) FROM cases", ct), CultureInfo.InvariantCulture);
            return new BackupResult(file, migrations.Count == 0 ? "" : migrations[^1], cases, new FileInfo(file).Length);
        }
        catch (SqliteException e)
        {
            throw new BackupException(Texte.Format(Texte.Get("Sicherung_Unlesbar"), file, e.Message), e);
        }
    }

    private static async Task<List<string>> SqliteMigrationsAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(FileConnection(file, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(ct);
        return await SqliteMigrationsAsync(connection, ct);
    }

    private static async Task<List<string>> SqliteMigrationsAsync(SqliteConnection connection, CancellationToken ct)
    {
        var migrations = new List<string>();
        if (await ScalarAsync(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'", ct) is not 1L)
            return migrations;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) migrations.Add(reader.GetString(0));
        return migrations;
    }

    // Unpooled: a pooled connection would keep the file open after the backup or restore is done.
    private static string FileConnection(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct, int timeoutSeconds = 30)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = timeoutSeconds;
        return await cmd.ExecuteScalarAsync(ct);
    }

    /// <summary>The cases in a PostgreSQL database (for the restore's report).</summary>
    internal static async Task<long> CountCasesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM cases", connection);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
