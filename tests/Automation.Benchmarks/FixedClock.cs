namespace Automation.Benchmarks;

/// <summary>A clock that stands still, so a ledger fold "as of" a date folds the same months on every run.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
