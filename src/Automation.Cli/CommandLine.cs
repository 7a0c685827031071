using Automation.Engine.Model;
using Automation.Engine.Reading;
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

    private const string Help = """
        automation — validate and run BPMN 2.0 and Elsa 3 process definitions and DMN decisions

        usage:
          automation validate <file>... [--json]
              Reads and validates each file; prints every diagnostic with file, line, element id and label,
              once each, in the order of the file; --json prints one JSON document instead.
              Exit 0 when all are valid, 1 when any is invalid, 2 on usage errors. `run` exits 1 on every
              file `validate` calls invalid (a file without any process included).
          automation decide <file.dmn> [--decision <id>] [--vars '{json}'] [--json]
              Evaluates a DMN decision (DMN 1.1–1.5, Camunda 7 and 8 exports) with its required decisions:
              decision tables with every hit policy and FEEL literal expressions. Default decision: the only
              one, else the first that no other decision requires. Prints each decision evaluated with its
              inputs, the matched rules (index, id, outputs, annotation) and the result; --json prints one JSON
              document (file, decision, name, value, rows, decisions[], warnings). `validate` reads .dmn
              files too. Exit 0 done, 1 invalid file, unknown decision or hit-policy violation, 2 usage/--vars.
          automation run <file> [--vars '{json}'] [--process <id>] [--business-key <key>] [--json]
                         [--ledger [--authority Kommune|Land|Bund|Sozialversicherung]]
              Runs one case in memory: human tasks are completed automatically (with --vars values or
              defaults), timers fast-forwarded on a virtual clock, messages simulated. Script output
              (writeLine) goes to standard output, the step trail to standard error; --json prints one
              JSON document with steps, output and variables instead.
              --ledger prices every executed task with the default factors (de-2025): staff minutes
              (standard, from the Zeitwerttabelle), labour cost for the authority type (default Kommune),
              energy and gCO2e per component, citizens' trips apart, and the SCI score per completed case.
              With --json it adds "ledger" (each entry with its components and the factor values used:
              key, value, unit, source, year, status, version) and "totals" (with SCI and its boundary).
              A step the ledger cannot price (e.g. a Zeitwert cell that is '–') stops the run with exit 1.
              Method and sources: docs/methodology.md.
          automation simulate <file> --cases N --seed S [--scenario scenario.json] [--json]
              What-if simulation (a forecast, never a measurement): N cases per replication run through the
              same interpreter on a virtual clock, with arrivals per working day, branch probabilities, step
              durations (standard times or set by hand) and staff capacity per role, so queues emerge. The
              scenario file (docs/simulation.md) sets all of these and lists the scenarios (automate, aiAssist,
              remove a step, change a role's capacity). Prints per scenario: cases completed, lead time, staff
              hours and FTE by occupation, EUR, gCO2e per case by component and the carbon balance of each
              automated step, with 90 % intervals. Same seed, same result. Exit 0 done, 1 invalid input.
          automation migrate --sqlite <file> | --postgres "<connection string>"
              Applies pending database schema migrations (the server also applies them at start).
              Refuses a database whose schema is newer than this version. Exit 0 done, 1 failed.
          automation rollup --sqlite <file> | --postgres "<connection string>" [--rebuild]
              Folds new ledger entries into the dashboards' monthly rollup (the server does this every
              Automation:RollupRefreshSeconds); --rebuild builds it again from the whole ledger.
              Exit 0 done, 1 failed.
          automation backup <target file> --sqlite <file> | --postgres "<connection string>" [--pg-bin <dir>]
              Online backup while the server runs. SQLite: the backup API copies one consistent point in time
              into a new file (never overwrites one). PostgreSQL: runs pg_dump (custom format) from the PATH or
              --pg-bin. Back up the DataProtectionKeysPath folder as well. Exit 0 done, 1 failed.
          automation restore <backup file> --sqlite <file> | --postgres "<connection string>" [--replace] [--pg-bin <dir>]
              Restores a backup. Refuses a database that is in use (stop the server first), a backup from a
              newer version and, without --replace, a database that holds data. PostgreSQL: pg_restore in one
              transaction. Exit 0 done, 1 failed.
        """;

    /// <summary>Runs the command line with the given writers.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Count == 0 ? stderr : stdout).WriteLine(Help);
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
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"automation: {e.Message}");
            stderr.WriteLine("Try 'automation --help'.");
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
}

/// <summary>Wrong command-line usage; exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
