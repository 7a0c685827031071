using System.Diagnostics;
using System.Globalization;
using System.Text;
using Automation.Engine.Texts;
using Npgsql;

namespace Automation.Data.Backup;

/// <summary>
/// Backup and restore on PostgreSQL through its own tools: pg_dump (custom format, one consistent snapshot while the
/// server runs) and pg_restore (in one transaction). The connection's password goes to them in the environment
/// (PGPASSWORD), never on a command line.
/// </summary>
internal static class PostgresDump
{
    private const string HistoryTable = "__EFMigrationsHistory";

    public static async Task<BackupResult> DumpAsync(DatabaseOptions database, string partial, string? bin, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await RunAsync(Tool("pg_dump", bin), ["--format=custom", "--no-password", "--file=" + partial], connection, ct);
        var migrations = await MigrationsInDumpAsync(partial, bin, connection, ct);
        await using var data = new NpgsqlConnection(Unpooled(database));
        await data.OpenAsync(ct);
        // Counted after the dump: a figure for the report, not a promise about the snapshot.
        return new BackupResult(partial, migrations.Count == 0 ? "" : migrations[^1], await DatabaseBackup.CountCasesAsync(data, ct), 0);
    }

    public static async Task<BackupResult> RestoreAsync(string source, DatabaseOptions database, IReadOnlyList<string> known, bool replace,
        string? bin, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var schema = DatabaseBackup.CheckSchema(await MigrationsInDumpAsync(source, bin, connection, ct), known, $"The backup {source}");
        await using (var target = new NpgsqlConnection(Unpooled(database)))
        {
            await target.OpenAsync(ct);
            await using var others = new NpgsqlCommand(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", target);
            var sessions = Convert.ToInt64(await others.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            if (sessions > 0)
            {
                throw new BackupException(Texte.Format(Texte.Get("Sicherung_PostgresInGebrauch"), database.Describe(), sessions));
            }
            await using var tables = new NpgsqlCommand("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", target);
            if (!replace && Convert.ToInt64(await tables.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0)
                throw new BackupException(Texte.Format(Texte.Get("Sicherung_HatDaten"), database.Describe()));
        }
        // One transaction: a failing restore leaves the database as it was.
        await RunAsync(Tool("pg_restore", bin),
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--no-password",
             "--dbname=" + connection.Database, source], connection, ct);
        await using var restored = new NpgsqlConnection(Unpooled(database));
        await restored.OpenAsync(ct);
        return new BackupResult(source, schema, await DatabaseBackup.CountCasesAsync(restored, ct), new FileInfo(source).Length);
    }

    // A pooled connection would stay open after the command and count as a session using the database.
    private static string Unpooled(DatabaseOptions database) =>
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString;

    /// <summary>The migration ids in a dump, read from the table's COPY data without touching any database.</summary>
    private static async Task<List<string>> MigrationsInDumpAsync(string dump, string? bin, NpgsqlConnectionStringBuilder connection, CancellationToken ct)
    {
        var text = await RunAsync(Tool("pg_restore", bin), ["--data-only", "--table=" + HistoryTable, "--file=-", dump], connection, ct, readOutput: true);
        var migrations = new List<string>();
        var inCopy = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("COPY ", StringComparison.Ordinal) && line.Contains(HistoryTable, StringComparison.Ordinal)) inCopy = true;
            else if (inCopy && line.StartsWith("\\.", StringComparison.Ordinal)) inCopy = false;
            else if (inCopy && line.Length > 0) migrations.Add(line.Split('\t')[0]);
        }
        migrations.Sort(StringComparer.Ordinal);
        return migrations;
    }

    private static string Tool(string name, string? bin)
    {
        if (bin is not null)
        {
            var given = Path.Combine(bin, name);
            return File.Exists(given) ? given : throw new BackupException(Texte.Format(Texte.Get("Sicherung_WerkzeugFehltIn"), name, bin));
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new BackupException(Texte.Format(Texte.Get("Sicherung_WerkzeugFehlt"), name));
    }

    private static async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, NpgsqlConnectionStringBuilder connection,
        CancellationToken ct, bool readOutput = false)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        start.Environment["PGUSER"] = connection.Username;
        if (!string.IsNullOrEmpty(connection.Password)) start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start) ?? throw new BackupException(Texte.Format(Texte.Get("Sicherung_WerkzeugStartet"), tool));
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var stdout = await output;
        var stderr = await error;
        if (process.ExitCode != 0)
        {
            var message = new StringBuilder(Texte.Format(Texte.Get("Sicherung_WerkzeugGescheitert"), Path.GetFileName(tool), process.ExitCode, $"{connection.Host}:{connection.Port}/{connection.Database}"));
            if (stderr.Length > 0) message.Append(": ").Append(stderr.Trim());
            throw new BackupException(message.ToString());
        }
        return readOutput ? stdout : "";
    }
}
