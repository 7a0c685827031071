using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace Automation.Data;

/// <summary>
/// Group commit: independent cases' write units queue up and are written several per transaction by a few writer
/// loops (one on SQLite, whose single writer would only contend, several on PostgreSQL). Each unit stays
/// all-or-nothing through its own savepoint.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    /// <summary>Name of the meter with the writers' figures (for dotnet-counters or an OpenTelemetry exporter).</summary>
    public const string MeterName = "Automation.Data";

    // On SQLite the one writer is what limits throughput: its busy time per unit says how close to the limit a node runs.
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<double> BusySeconds = Meter.CreateCounter<double>("automation.writer.busy", "s",
        "Time the writers spent writing and committing groups of write units.");

    private static readonly Counter<long> UnitsWritten = Meter.CreateCounter<long>("automation.writer.units", "{unit}",
        "Write units (one case's run until it waits) the writers took, committed or not.");

    private readonly CaseStore store;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] writers;
    private readonly int maxBatch;
    private volatile StorageException? stopped;

    public GroupCommitter(CaseStore store, int writers, int maxBatch)
    {
        this.store = store;
        this.maxBatch = maxBatch;
        this.writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Set when the database failed in a way that stops all work (disk full, read-only).</summary>
    public StorageException? Stopped => stopped;

    public Task<CommitOutcome> SubmitAsync(CaseWrite unit)
    {
        if (stopped is { } s) return Task.FromException<CommitOutcome>(s);
        CaseStore.Prepare(unit);
        var pending = new Pending(unit);
        if (!queue.Writer.TryWrite(pending)) return Task.FromException<CommitOutcome>(new ObjectDisposedException(nameof(GroupCommitter)));
        return pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(maxBatch);
        var units = new List<CaseWrite>(maxBatch);
        WriterSession? session = null;
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var p)) batch.Add(p);
            if (batch.Count == 0) continue;
            if (stopped is { } halted)
            {
                foreach (var p in batch) p.Done.TrySetException(halted);
                continue;
            }
            units.Clear();
            foreach (var p in batch) units.Add(p.Unit);
            try
            {
                session ??= await store.OpenSessionAsync();
                var started = Stopwatch.GetTimestamp();
                CommitOutcome[] outcomes;
                using (await store.Database.EnterWriteAsync(CancellationToken.None)) outcomes = await store.WriteAsync(session, units);
                BusySeconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                UnitsWritten.Add(units.Count);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(outcomes[i]);
            }
            catch (StorageException e)
            {
                if (IsFatal(e)) stopped = e;
                foreach (var p in batch) p.Done.TrySetException(e);
                session = await DropAsync(session);
            }
#pragma warning disable CA1031 // A writer loop must survive to report every failure to its caller.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var p in batch) p.Done.TrySetException(e);
                session = await DropAsync(session);
            }
        }
        await DropAsync(session);
    }

    /// <summary>A failed connection is not reused: the next batch opens a new one.</summary>
    private static async Task<WriterSession?> DropAsync(WriterSession? session)
    {
        if (session is not null) await session.DisposeAsync();
        return null;
    }

    private static bool IsFatal(StorageException e) =>
        e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 8 or 10 or 13 }
        || PostgresErrors.SqlState(e.InnerException) is PostgresErrors.DiskFull or PostgresErrors.ReadOnly;

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(writers);
    }

    private sealed class Pending(CaseWrite unit)
    {
        public CaseWrite Unit { get; } = unit;

        public TaskCompletionSource<CommitOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
