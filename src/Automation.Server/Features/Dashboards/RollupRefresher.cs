using Automation.Data.Reports;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Dashboards;

/// <summary>
/// Keeps the ledger cells current: every <c>Automation:RollupRefreshSeconds</c> (default 60; 0 switches it off) it folds
/// the cases that ended since the last refresh into <c>ledger_cells</c> (<see cref="LedgerRollup"/>). The queries read
/// the unfolded rest directly, so a slower interval only costs speed, never correctness. Safe on several nodes.
/// </summary>
internal sealed partial class RollupRefresher(WorkflowHostAccessor accessor, IConfiguration configuration, ILogger<RollupRefresher> logger) : BackgroundService
{
    /// <summary>Configuration key of the interval in seconds.</summary>
    public const string IntervalKey = ServerOptions.Section + ":RollupRefreshSeconds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue(IntervalKey, 60);
        if (seconds <= 0 || !configuration.GetValue(ServerOptions.Section + ":RunScheduler", true)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        try
        {
            do
            {
                if (!accessor.IsStarted) continue;
                try
                {
                    await new LedgerRollup(accessor.Host.Database).RefreshAsync(ct: stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; until then the dashboards read the newer entries directly.
                    LogFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Server shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the ledger rollup failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
