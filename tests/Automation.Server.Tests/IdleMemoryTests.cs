using Automation.Server.Infrastructure;

namespace Automation.Server.Tests;

/// <summary>When the server hands memory back: only once it is quiet, and only when there is something worth handing back.</summary>
public sealed class IdleMemoryTests
{
    private const long MB = 1024 * 1024;

    // What an idle server allocates per period: the job worker's and connector worker's polls, about 150 KB/s.
    private static readonly long IdleAllocation = (long)(150 * 1024 * IdleMemory.Period.TotalSeconds);

    [Fact]
    public void A_quiet_server_after_a_large_export_compacts()
    {
        var start = 0L;
        var afterExport = start + 120 * MB;
        Assert.True(IdleMemory.ShouldCompact(afterExport, afterExport + IdleAllocation, atLastCompaction: start));
    }

    [Fact]
    public void A_server_under_load_never_compacts_however_much_it_allocated()
    {
        // Requests keep coming: 10 MB in the last period, 500 MB since the last compaction.
        Assert.False(IdleMemory.ShouldCompact(490 * MB, 500 * MB, atLastCompaction: 0));
        // Just above an idle server's rate is not quiet either: a trickle of page views.
        Assert.False(IdleMemory.ShouldCompact(100 * MB, 100 * MB + 3 * MB, atLastCompaction: 0));
    }

    [Fact]
    public void An_idle_server_does_not_compact_again_and_again()
    {
        // Right after a compaction, a minute of idle polling is not worth another full collection.
        var compactedAt = 200 * MB;
        var now = compactedAt;
        var compactions = 0;
        for (var period = 0; period < 12; period++)
        {
            var before = now;
            now += IdleAllocation;
            if (IdleMemory.ShouldCompact(before, now, compactedAt))
            {
                compactions++;
                compactedAt = now;
            }
        }
        Assert.Equal(0, compactions);
    }

    [Fact]
    public void A_server_that_goes_quiet_after_its_start_compacts_in_the_first_quiet_period()
    {
        // The start allocates some 35 MB (EF Core's model, the definitions, the first request's routing tables).
        var afterStart = 35 * MB;
        Assert.False(IdleMemory.ShouldCompact(0, afterStart, atLastCompaction: 0));
        Assert.True(IdleMemory.ShouldCompact(afterStart, afterStart + IdleAllocation, atLastCompaction: 0));
    }
}
