using System.Diagnostics;

namespace Automation.Engine.Expressions;

/// <summary>
/// Bounds a host puts on every script that runs on the current thread while the scope is open, on top of the
/// per-evaluation <see cref="ScriptLimits"/>: one time budget for all of them together, and a cancellation token.
/// Engine calls are synchronous, so the scope is per thread; scopes nest, and the innermost one applies.
/// </summary>
/// <remarks>
/// The host opens an <see cref="Inline"/> scope around runs on threads that must not be held (timer firing, job
/// delivery, request threads): a run whose scripts need more is abandoned with
/// <see cref="ScriptBudgetExceededException"/> and run again on the host's script threads under a
/// <see cref="ForRun"/> scope, whose overrun fails the script with a timeout like the per-evaluation limit does.
/// </remarks>
public sealed class ScriptBudget : IDisposable
{
    [ThreadStatic]
    private static ScriptBudget? current;

    private readonly ScriptBudget? outer;
    private readonly long deadline;

    private ScriptBudget(TimeSpan? time, bool inline, CancellationToken cancellation)
    {
        if (time is { } t) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero);
        Time = time;
        IsInline = inline;
        Cancellation = cancellation;
        deadline = time is { } span ? Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        outer = current;
        current = this;
    }

    /// <summary>
    /// Scripts in this scope may take <paramref name="time"/> together; past it the engine call throws
    /// <see cref="ScriptBudgetExceededException"/> and must be discarded (its case state is half-run).
    /// </summary>
    public static ScriptBudget Inline(TimeSpan time, CancellationToken cancellation = default) => new(time, true, cancellation);

    /// <summary>Scripts in this scope may take <paramref name="time"/> together; past it the running script fails with a timeout.</summary>
    public static ScriptBudget ForRun(TimeSpan time, CancellationToken cancellation = default) => new(time, false, cancellation);

    /// <summary>Only a cancellation token: a running script stops when it is cancelled (<see cref="OperationCanceledException"/>).</summary>
    public static ScriptBudget Cancellable(CancellationToken cancellation) => new(null, false, cancellation);

    /// <summary>The innermost open scope of this thread.</summary>
    internal static ScriptBudget? Current => current;

    /// <summary>The time all scripts of the scope may take together; null for none.</summary>
    public TimeSpan? Time { get; }

    /// <summary>Whether an overrun abandons the run instead of failing the script.</summary>
    public bool IsInline { get; }

    /// <summary>Stops running scripts when cancelled.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Time left, or null when the scope has no time budget.</summary>
    internal TimeSpan? Remaining => deadline == long.MaxValue
        ? null
        : TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    /// <summary>Closes the scope (on its thread, innermost first, as <c>using</c> does); the scope opened before applies again.</summary>
    public void Dispose() => current = outer;
}
