using System.Diagnostics;
using Automation.Data;
using Automation.Data.Reports;
using Automation.Engine.Texts;

namespace Automation.Cli;

/// <summary>
/// <c>automation rollup --sqlite &lt;file&gt; | --postgres "&lt;connection string&gt;" [--rebuild]</c>: folds the ledger
/// entries written since the last refresh into the dashboards' monthly rollup, or with --rebuild builds it again from
/// the whole ledger (e.g. after a SQLite VACUUM or a repair of ledger rows).
/// </summary>
internal static class RollupCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var rebuild = args.Contains("--rebuild");
        var rest = args.Where(a => a != "--rebuild").ToList();
        if (rest.Count != 2 || rest[0] is not ("--sqlite" or "--postgres"))
            throw new UsageException(Texte.CliRollupAufruf);
        if (rest[0] == "--sqlite" && !File.Exists(rest[1])) throw new UsageException(Texte.Format(Texte.CliKeineDatenbankdatei, "rollup", rest[1]));
        var options = rest[0] == "--sqlite" ? DatabaseOptions.SqliteFile(rest[1]) : new DatabaseOptions(DatabaseProvider.Postgres, rest[1]);
        return RunAsync(options, rebuild, stdout, stderr).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(DatabaseOptions options, bool rebuild, TextWriter stdout, TextWriter stderr)
    {
        await using var database = new AutomationDatabase(options);
        try
        {
            await database.MigrateAsync();
            var rollup = new LedgerRollup(database);
            var watch = Stopwatch.StartNew();
            if (rebuild) await rollup.RebuildAsync();
            else await rollup.RefreshAsync();
            stdout.WriteLine(Texte.Format(rebuild ? Texte.CliRollupNeu : Texte.CliRollupAktualisiert, options.Describe(), await rollup.WatermarkAsync(), watch.Elapsed.TotalSeconds));
            return CommandLine.Ok;
        }
        catch (StorageException e)
        {
            stderr.WriteLine($"automation rollup: {e.Message}");
            return CommandLine.Failed;
        }
    }
}
