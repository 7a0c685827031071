namespace Automation.Server.Infrastructure;

/// <summary>
/// Gives memory back to the system once the server has gone quiet after allocating a lot: the start (EF Core's model,
/// the demo files, the first requests' routing tables), an export, a recalculation. The garbage collector would keep
/// those pages committed until load came; one compacting collection in a quiet moment returns them
/// (docs/operator-guide.md, memory).
/// </summary>
internal sealed class IdleMemory(TimeProvider clock) : BackgroundService
{
    /// <summary>How often the allocation counter is read.</summary>
    internal static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    // An idle server still allocates (the job worker's and connector worker's polls, about 150 KB/s): below this per
    // period counts as quiet.
    private const long QuietBytes = 2 * 1024 * 1024;

    // Less than this since the last compaction is not worth a full collection.
    private const long WorthBytes = 16 * 1024 * 1024;

    /// <summary>Whether to compact now, given the allocation counter a period ago, now, and at the last compaction.</summary>
    internal static bool ShouldCompact(long before, long now, long atLastCompaction) =>
        now - before < QuietBytes && now - atLastCompaction >= WorthBytes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        long atLastCompaction = 0;
        var before = GC.GetTotalAllocatedBytes();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalAllocatedBytes();
                if (ShouldCompact(before, now, atLastCompaction))
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    now = GC.GetTotalAllocatedBytes();
                    atLastCompaction = now;
                }
                before = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
