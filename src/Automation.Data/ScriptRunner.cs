using System.Collections.Concurrent;
using Automation.Engine.Expressions;

namespace Automation.Data;

/// <summary>
/// The host's script threads: a few dedicated threads (not the .NET thread pool, which timers, jobs and requests
/// share) that run the engine calls whose scripts needed longer than the inline budget. Work waits in order; each
/// call runs under a <see cref="ScriptBudget.ForRun"/> budget, so no call holds a thread for longer than that.
/// </summary>
internal sealed class ScriptRunner : IDisposable
{
    private readonly BlockingCollection<Action> queue = new();
    private readonly int threadCount;
    private readonly TimeSpan runBudget;
    private readonly List<Thread> threads = [];
    private readonly Lock gate = new();
    private bool started;

    public ScriptRunner(int threads, TimeSpan runBudget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        threadCount = threads;
        this.runBudget = runBudget;
    }

    /// <summary>Runs <paramref name="call"/> on a script thread; the continuation does not run there.</summary>
    public Task<T> RunAsync<T>(Func<T> call, CancellationToken ct)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        StartThreads();
        try
        {
            queue.Add(() =>
            {
                if (ct.IsCancellationRequested)
                {
                    done.TrySetCanceled(ct);
                    return;
                }
                try
                {
                    using (ScriptBudget.ForRun(runBudget, ct)) done.TrySetResult(call());
                }
#pragma warning disable CA1031 // Handed to the awaiting caller.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    done.TrySetException(e);
                }
            }, ct);
        }
        catch (InvalidOperationException)
        {
            // Disposed: the host is stopping.
            done.TrySetCanceled(ct);
        }
        return done.Task;
    }

    // Started on first use: most hosts (tests, benchmarks, quiet nodes) never run a slow script.
    private void StartThreads()
    {
        if (Volatile.Read(ref started)) return;
        lock (gate)
        {
            if (started) return;
            for (var i = 0; i < threadCount; i++)
            {
                var thread = new Thread(Work) { IsBackground = true, Name = $"Automation script {i + 1}" };
                threads.Add(thread);
                thread.Start();
            }
            Volatile.Write(ref started, true);
        }
    }

    private void Work()
    {
        foreach (var item in queue.GetConsumingEnumerable()) item();
    }

    /// <summary>Lets queued work finish and stops the threads.</summary>
    public void Dispose()
    {
        queue.CompleteAdding();
        lock (gate)
        {
            foreach (var thread in threads) thread.Join();
        }
        queue.Dispose();
    }
}
