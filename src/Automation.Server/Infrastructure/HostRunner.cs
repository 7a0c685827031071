using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Microsoft.Extensions.Options;

namespace Automation.Server.Infrastructure;

/// <summary>
/// Holds the durable workflow host for request handlers. The host is created asynchronously (it migrates the
/// database), so it lives here rather than as a plain singleton registration.
/// </summary>
internal sealed class WorkflowHostAccessor
{
    private WorkflowHost? host;

    /// <summary>The running host.</summary>
    /// <exception cref="StorageException">The host has not started or has stopped.</exception>
    public WorkflowHost Host => Volatile.Read(ref host) ?? throw new StorageException(Texte.ServerWorkflowHostLaeuft);

    /// <summary>Whether the host is running.</summary>
    public bool IsStarted => Volatile.Read(ref host) is not null;

    /// <summary>Whether the start finished (users repaired, first start seeded): only then may a client rely on the server.</summary>
    public bool IsReady => Volatile.Read(ref ready) && IsStarted;

    private bool ready;

    public void MarkReady() => Volatile.Write(ref ready, true);

    /// <summary>Whether the host could not start, so that the server stopped (the process then exits with 1).</summary>
    public bool Failed => Volatile.Read(ref failed);

    private bool failed;

    public void MarkFailed() => Volatile.Write(ref failed, true);

    public void Set(WorkflowHost value) => Volatile.Write(ref host, value);

    /// <summary>Removes the host and returns it; only the first of several concurrent callers gets it.</summary>
    public WorkflowHost? Take() => Interlocked.Exchange(ref host, null);
}

/// <summary>
/// Starts the workflow host with the server and disposes it on shutdown; seeds an empty database, usually through
/// <see cref="SetupProcess"/> before the host starts here.
/// </summary>
internal sealed partial class HostRunner(
    WorkflowHostAccessor accessor,
    IOptions<ServerOptions> options,
    SetupProcess setup,
    Seeder seeder,
    UserStore users,
    ILoggerFactory loggerFactory,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<HostRunner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // SQLite's calls complete synchronously: without this the whole start would run before Kestrel's
        // (hosted services start concurrently, see Program.cs, but each only from its first real await).
        await Task.Yield();
        var phases = new StartPhases(logger);
        WorkflowHost host;
        try
        {
            await setup.WaitAsync(logger, cancellationToken);
            phases.Done("setup process");
            host = await StartWorkflowHostAsync(options.Value.RunScheduler, cancellationToken);
        }
        catch (StorageException e)
        {
            // As for settings the server cannot run with (Program.cs): one German line and an exit code, no stack trace.
            await Console.Error.WriteLineAsync(Texte.Format(Texte.ServerStartFehler, e.Message));
            accessor.MarkFailed();
            // Stopping while the host still starts would cancel Kestrel's start, which throws out of Program.
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return;
        }
        phases.Done("workflow host");
        accessor.Set(host);
        await users.RepairNormalizedNamesAsync(cancellationToken);
        phases.Done("user names");
        await seeder.SeedAsync(host, armSetupLink: true, cancellationToken);
        phases.Done("seeding");
        accessor.MarkReady();
    }

    /// <summary>
    /// Starts the host for <see cref="SetupProcess"/>: migrated, no timers or jobs, user names repaired. Seeding is the
    /// caller's, without the setup link: that is armed by the serving process, which alone can accept it.
    /// <see cref="StopAsync"/> ends it.
    /// </summary>
    public async Task<WorkflowHost> StartForSetupAsync(CancellationToken cancellationToken)
    {
        var host = await StartWorkflowHostAsync(runScheduler: false, cancellationToken);
        accessor.Set(host);
        await users.RepairNormalizedNamesAsync(cancellationToken);
        return host;
    }

    private Task<WorkflowHost> StartWorkflowHostAsync(bool runScheduler, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var database = settings.Database.ToOptions();
        var description = database.Describe();
        LogStarting(logger, description);
        var defaults = new WorkflowHostOptions();
        var scripts = settings.Scripts;
        scripts.Validate();
        return WorkflowHost.StartAsync(database, new WorkflowHostOptions
            {
                RunScheduler = runScheduler,
                AssigneeRetention = TimeSpan.FromDays(Math.Max(0, settings.AssigneeRetentionDays)),
                CaseRetention = settings.CaseRetentionPeriod(),
                Clock = clock,
                WorkerPseudonymKey = Features.Ledger.PseudonymKey.LoadOrCreate(settings.DataProtectionKeysPath),
                ScriptLimits = scripts.TimeoutMilliseconds is { } timeout
                    ? defaults.ScriptLimits with { Timeout = TimeSpan.FromMilliseconds(timeout) }
                    : defaults.ScriptLimits,
                InlineScriptBudget = scripts.InlineBudgetMilliseconds is { } inline ? TimeSpan.FromMilliseconds(inline) : defaults.InlineScriptBudget,
                ScriptThreads = scripts.Threads ?? defaults.ScriptThreads,
                ScriptRunBudget = scripts.RunBudgetSeconds is { } run ? TimeSpan.FromSeconds(run) : defaults.ScriptRunBudget,
            },
            loggerFactory, cancellationToken);
    }

    // The generic host may stop twice at once (WebApplication.Run's shutdown wait and an explicit StopAsync, as
    // WebApplicationFactory does), so only the caller that takes the host disposes it.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (accessor.Take() is { } host) await host.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting the workflow host on {Database}")]
    private static partial void LogStarting(ILogger logger, string database);
}
