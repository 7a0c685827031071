using Automation.Data;
using Automation.Data.Backup;
using Automation.Engine.Texts;

namespace Automation.Cli;

/// <summary>
/// <c>automation backup &lt;target&gt; --sqlite &lt;file&gt; | --postgres "&lt;cs&gt;" [--pg-bin &lt;dir&gt;]</c> and
/// <c>automation restore &lt;source&gt; --sqlite &lt;file&gt; | --postgres "&lt;cs&gt;" [--replace] [--pg-bin &lt;dir&gt;]</c>.
/// </summary>
internal static class BackupCommands
{
    public static int Backup(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var (file, database, _, bin) = Parse("backup", args, allowReplace: false);
        return Run("backup", stderr, async () =>
        {
            var result = await DatabaseBackup.BackupAsync(database, file, bin);
            stdout.WriteLine(Texte.Format(Texte.CliSicherungGeschrieben, database.Describe(), result.Path, result.Bytes, result.Cases, result.SchemaVersion));
            // The keys are files, not rows: without them sessions end and the ledger's people count starts over.
            stdout.WriteLine(Texte.CliSchluesselSichern);
        });
    }

    public static int Restore(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var (file, database, replace, bin) = Parse("restore", args, allowReplace: true);
        return Run("restore", stderr, async () =>
        {
            var result = await DatabaseBackup.RestoreAsync(file, database, replace, bin);
            stdout.WriteLine(Texte.Format(Texte.CliWiederhergestellt, database.Describe(), result.Path, result.Cases, result.SchemaVersion));
        });
    }

    private static (string File, DatabaseOptions Database, bool Replace, string? Bin) Parse(string command, IReadOnlyList<string> args, bool allowReplace)
    {
        var usage = command == "backup" ? Texte.CliBackupAufruf : Texte.CliRestoreAufruf;
        string? file = null, sqlite = null, postgres = null, bin = null;
        var replace = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--sqlite" when i + 1 < args.Count: sqlite = args[++i]; break;
                case "--postgres" when i + 1 < args.Count: postgres = args[++i]; break;
                case "--pg-bin" when i + 1 < args.Count: bin = args[++i]; break;
                case "--replace" when allowReplace: replace = true; break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && file is null: file = a; break;
                default: throw new UsageException(Texte.Format(Texte.CliArgumentUnerwartet, command, args[i], usage));
            }
        }
        if (file is null || (sqlite is null) == (postgres is null)) throw new UsageException(Texte.Format(Texte.CliAufruf, usage));
        var database = sqlite is not null ? DatabaseOptions.SqliteFile(sqlite) : new DatabaseOptions(DatabaseProvider.Postgres, postgres!);
        return (file, database, replace, bin);
    }

    private static int Run(string command, TextWriter stderr, Func<Task> action)
    {
        try
        {
            action().GetAwaiter().GetResult();
            return CommandLine.Ok;
        }
        catch (Exception e) when (e is BackupException or StorageException)
        {
            stderr.WriteLine($"automation {command}: {e.Message}");
            return CommandLine.Failed;
        }
    }
}
