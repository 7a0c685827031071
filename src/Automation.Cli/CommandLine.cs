using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Cli;

/// <summary>Parses the command line and dispatches to a command. Exit codes: 0 success, 1 failure, 2 usage error.</summary>
public static class CommandLine
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for an invalid definition or a case that did not end.</summary>
    public const int Failed = 1;

    /// <summary>Exit code for wrong usage.</summary>
    public const int Usage = 2;

    /// <summary>Runs the command line with the given writers.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Count == 0 ? stderr : stdout).WriteLine(Texte.CliHilfe);
            return args.Count == 0 ? Usage : Ok;
        }
        try
        {
            return args[0] switch
            {
                "validate" => ValidateCommand.Run(args.Skip(1).ToList(), stdout, stderr),
                "decide" => DecideCommand.Run(args.Skip(1).ToList(), stdout, stderr),
                "run" => RunCommand.Run(RunArguments.Parse(args.Skip(1).ToList()), stdout, stderr),
                "migrate" => MigrateCommand.Run(args.Skip(1).ToList(), stdout, stderr),
                "rollup" => RollupCommand.Run(args.Skip(1).ToList(), stdout, stderr),
                "simulate" => SimulateCommand.Run(args.Skip(1).ToList(), stdout, stderr),
                "backup" => BackupCommands.Backup(args.Skip(1).ToList(), stdout, stderr),
                "restore" => BackupCommands.Restore(args.Skip(1).ToList(), stdout, stderr),
                _ => throw new UsageException(Texte.Format(Texte.CliUnbekannterBefehl, args[0])),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"automation: {e.Message}");
            stderr.WriteLine(Texte.CliHilfeHinweis);
            return Usage;
        }
    }

    /// <summary>Reads and validates a file, resolving call activities within the file.</summary>
    internal static (DefinitionSet Set, IReadOnlyList<Diagnostic> Diagnostics) Load(string path)
    {
        var set = DefinitionReader.ReadFile(path);
        var diagnostics = DefinitionValidator.Validate(set);
        return (set, diagnostics);
    }

    /// <summary>A finding of the engine as `validate` prints it: where, severity, code, the German text, the element.</summary>
    internal static string Finding(Diagnostic d, string file)
    {
        var where = d.Position is { } p ? $"{d.File ?? file}:{p.Line}:{p.Column}" : d.File ?? file;
        var element = d.ElementId is null ? "" : $" id={d.ElementId}";
        return $"{where}: {Texte.Schwere(d.Severity.ToString().ToLowerInvariant())} {d.Code}: {Texte.Diagnose(d)}{element}";
    }
}

/// <summary>Wrong command-line usage; exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
