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

    public void Set(WorkflowHost value) => Volatile.Write(ref host, value);

    /// <summary>Removes the host and returns it; only the first of several concurrent callers gets it.</summary>
    public WorkflowHost? Take() => Interlocked.Exchange(ref host, null);
}

/// <summary>Starts the workflow host with the server and disposes it on shutdown; seeds an empty database.</summary>
internal sealed partial class HostRunner(
    WorkflowHostAccessor accessor,
    IOptions<ServerOptions> options,
    Seeder seeder,
    UserStore users,
    ILoggerFactory loggerFactory,
    TimeProvider clock,
    ILogger<HostRunner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // SQLite's calls complete synchronously: without this the whole start would run before Kestrel's
        // (hosted services start concurrently, see Program.cs, but each only from its first real await).
        await Task.Yield();
        var phases = new StartPhases(logger);
        var settings = options.Value;
        var database = settings.Database.ToOptions();
        var description = database.Describe();
        LogStarting(logger, description);
        var defaults = new WorkflowHostOptions();
        var scripts = settings.Scripts;
        scripts.Validate();
        var host = await WorkflowHost.StartAsync(database, new WorkflowHostOptions
            {
                RunScheduler = settings.RunScheduler,
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
        phases.Done("workflow host");
        accessor.Set(host);
        await users.RepairNormalizedNamesAsync(cancellationToken);
        phases.Done("user names");
        await seeder.SeedAsync(host, cancellationToken);
        phases.Done("seeding");
        accessor.MarkReady();
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
