using System.Collections.Concurrent;
using Automation.Engine.Expressions;
using Microsoft.Extensions.Logging;

namespace Automation.Data;

/// <summary>Where the host runs engine calls: inline under the inline script budget, or on the script threads.</summary>
public sealed partial class WorkflowHost
{
    /// <summary>How long a definition whose run needed the script threads goes there directly.</summary>
    private static readonly TimeSpan SlowMemory = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Task, byte> handedOver = new();
    private readonly ConcurrentDictionary<long, long> slowUntil = new();

    /// <summary>
    /// Runs an engine call: inline under <see cref="WorkflowHostOptions.InlineScriptBudget"/> (throwing
    /// <see cref="ScriptBudgetExceededException"/> when its scripts need longer), or on the script threads.
    /// </summary>
    private ValueTask<T> RunEngineAsync<T>(bool onScriptThreads, Func<T> call, CancellationToken ct)
    {
        if (onScriptThreads) return new ValueTask<T>(scripts.RunAsync(call, ct));
        using (ScriptBudget.Inline(options.InlineScriptBudget, ct)) return new ValueTask<T>(call());
    }

    /// <summary>
    /// Marks the definition as slow and, for a background caller, hands the rest of the run to the script threads and
    /// throws <see cref="RunHandedOverException"/>; a request goes on there itself.
    /// </summary>
    private void MoveToScriptThreads(long definitionId, bool background, Func<CancellationToken, Task> rest)
    {
        slowUntil[definitionId] = Environment.TickCount64 + (long)SlowMemory.TotalMilliseconds;
        if (!background) return;
        HandOver(rest);
        throw new RunHandedOverException();
    }

    // A definition whose run needed the script threads sends its next runs there at once for a while, instead of
    // spending the inline budget of a timer or job thread on each of them again.
    private bool KnownSlow(long definitionId) => slowUntil.TryGetValue(definitionId, out var until) && Environment.TickCount64 < until;

    /// <summary>Starts the rest of a run on the script threads without waiting; the host waits for it when it stops.</summary>
    private void HandOver(Func<CancellationToken, Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopping: the wait or job stays in the database and is picked up again after the restart.
            }
#pragma warning disable CA1031 // Nobody awaits this run; its failure is logged and its timer or job comes again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogHandedOverFailed(logger, e);
            }
        });
        handedOver[task] = 0;
        task.ContinueWith(t => handedOver.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A run handed to the script threads failed; its timer or job is tried again.")]
    private static partial void LogHandedOverFailed(ILogger logger, Exception e);
}
