using System.ComponentModel;
using System.Diagnostics;
using Automation.Data;
using Automation.Engine.Texts;

namespace Automation.Server.Infrastructure;

/// <summary>
/// Sets up a database that needs it (migrations; on a new database also the first start's data) in a child process of
/// this server, started with <see cref="Switch"/>, while this process gets Kestrel ready. What EF Core's migrator and
/// the seeding load (the migrations' models, the sample processes' checks and scripts, password hashing) stays mapped
/// until a process ends, so the serving process would carry it for its whole life: about 60 MB (docs/operator-guide.md,
/// memory). EF Core's own guidance is to apply migrations apart from the application, too. A database without pending
/// migrations needs no child, nor does SQLite in memory; a server hosted by another program (tests) cannot start
/// itself and sets up in process as before.
/// </summary>
internal sealed partial class SetupProcess
{
    /// <summary>Command-line switch: set up the database (migrate, seed a new one) and exit; also for a deployment step.</summary>
    public const string Switch = "--setup";

    private readonly Task<Outcome?> running;
    private Process? child;

    private SetupProcess(Func<SetupProcess, Task<Outcome?>>? start) =>
        running = start is null ? Task.FromResult<Outcome?>(null) : Task.Run(() => start(this));

    private sealed record Outcome(int ProcessId, int ExitCode, TimeSpan Elapsed);

    /// <summary>No child: whatever the database needs is done in this process (which is the child, or cannot start one).</summary>
    public static SetupProcess InThisProcess { get; } = new(null);

    /// <summary>Begins checking the database and, when it needs setting up, starts the child; <paramref name="args"/> are this process's.</summary>
    public static SetupProcess Begin(DatabaseOptions database, IReadOnlyList<string> args)
    {
        if (database.IsInMemory || System.Reflection.Assembly.GetEntryAssembly() != typeof(SetupProcess).Assembly || Environment.ProcessPath is null)
            return InThisProcess;
        return new SetupProcess(self => self.RunChildIfNeededAsync(database, args));
    }

    private async Task<Outcome?> RunChildIfNeededAsync(DatabaseOptions database, IReadOnlyList<string> args)
    {
        try
        {
            await using (var db = new AutomationDatabase(database))
            {
                if (!await db.NeedsMigrationAsync()) return null;
            }
            var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            // Run as `dotnet Automation.Server.dll`, the child needs the assembly; the apphost is the server itself.
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") info.ArgumentList.Add(typeof(SetupProcess).Assembly.Location);
            foreach (var a in args) info.ArgumentList.Add(a);
            info.ArgumentList.Add(Switch);
            var clock = Stopwatch.StartNew();
            // Output and environment are inherited: the child logs into this server's log with the same settings.
            using var process = Process.Start(info);
            if (process is null) return null;
            Volatile.Write(ref child, process);
            await process.WaitForExitAsync();
            return new Outcome(process.Id, process.ExitCode, clock.Elapsed);
        }
        catch (Exception e) when (e is StorageException or Win32Exception)
        {
            // Unreachable or not startable: the start in this process sets up as before and reports the problem there.
            return null;
        }
    }

    /// <summary>Waits for the child, if one runs; stopping the server stops it too.</summary>
    /// <exception cref="StorageException">The child failed; what went wrong is in its log lines.</exception>
    public async Task WaitAsync(ILogger logger, CancellationToken cancellationToken)
    {
        Outcome? outcome;
        try
        {
            outcome = await running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (Volatile.Read(ref child) is { } process)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It has just exited.
                }
            }
            throw;
        }
        if (outcome is null) return;
        if (outcome.ExitCode != 0) throw new StorageException(Texte.Format(Texte.ServerEinrichtungFehlgeschlagen, outcome.ProcessId, Switch, outcome.ExitCode));
        LogSetUp(logger, outcome.ProcessId, outcome.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The child's work: the workflow host migrates, the seeder fills a new database, and the demo cases' automated
    /// steps (the AI step's suggestions) run, so that the serving process starts with nothing due; then the process ends.
    /// </summary>
    /// <returns>The process exit code: 0, or 1 with the reason in German on standard error.</returns>
    public static async Task<int> RunHereAsync(IServiceProvider services)
    {
        var runner = services.GetRequiredService<HostRunner>();
        try
        {
            try
            {
                var phases = new StartPhases(services.GetRequiredService<ILogger<SetupProcess>>());
                var host = await runner.StartForSetupAsync(CancellationToken.None);
                phases.Done("workflow host");
                var demo = await services.GetRequiredService<Seeder>().SeedAsync(host, armSetupLink: false, CancellationToken.None);
                phases.Done("seeding");
                if (demo) await services.GetRequiredService<Connectors.ConnectorWorker>().RunDueAsync(host, DemoStepRounds, CancellationToken.None);
                phases.Done("demo steps");
            }
            finally
            {
                await runner.StopAsync(CancellationToken.None);
            }
            return 0;
        }
        catch (StorageException e)
        {
            await Console.Error.WriteLineAsync(Texte.Format(Texte.ServerStartFehler, e.Message));
            return 1;
        }
    }

    // A demo process has a few automated steps in a row at most; a loop of them is left to the serving process.
    private const int DemoStepRounds = 5;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database set up by child process {ProcessId} in {Seconds:0.00} s")]
    private static partial void LogSetUp(ILogger logger, int processId, double seconds);
}
