using Automation.Data;
using Automation.Engine.Texts;

namespace Automation.Cli;

/// <summary><c>automation migrate --sqlite &lt;file&gt; | --postgres "&lt;connection string&gt;"</c>: applies pending schema migrations.</summary>
internal static class MigrateCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count != 2 || args[0] is not ("--sqlite" or "--postgres"))
            throw new UsageException(Texte.Format(Texte.CliDatenbankAufruf, "migrate"));
        var options = args[0] == "--sqlite" ? DatabaseOptions.SqliteFile(args[1]) : new DatabaseOptions(DatabaseProvider.Postgres, args[1]);
        return RunAsync(options, stdout, stderr).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(DatabaseOptions options, TextWriter stdout, TextWriter stderr)
    {
        await using var database = new AutomationDatabase(options);
        try
        {
            await database.MigrateAsync();
            stdout.WriteLine(Texte.Format(Texte.CliSchemaAktuell, options.Describe()));
            return CommandLine.Ok;
        }
        catch (StorageException e)
        {
            stderr.WriteLine($"automation migrate: {e.Message}");
            return CommandLine.Failed;
        }
    }
}
