namespace Automation.Engine.Runtime;

/// <summary>A clock that only moves when told to: fast-forwards timers in dry runs, tests and simulation.</summary>
public sealed class VirtualClock : TimeProvider
{
    private DateTimeOffset now;

    /// <summary>Creates a clock standing at <paramref name="start"/>.</summary>
    public VirtualClock(DateTimeOffset start) => now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;

    /// <summary>Moves the clock forward (never backward).</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        if (instant > now) now = instant;
    }

    /// <summary>Moves the clock forward by a span.</summary>
    public void Advance(TimeSpan span)
    {
        if (span > TimeSpan.Zero) now += span;
    }
}
