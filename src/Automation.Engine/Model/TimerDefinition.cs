namespace Automation.Engine.Model;

/// <summary>The kind of a timer expression.</summary>
public enum TimerKind
{
    /// <summary>ISO 8601 date-time: fires once at that instant.</summary>
    Date,
    /// <summary>ISO 8601 duration: fires once after that time.</summary>
    Duration,
    /// <summary>ISO 8601 repeating interval (R[n]/[start/]duration).</summary>
    Cycle,
    /// <summary>Cron expression (5 fields, or 6 with seconds).</summary>
    Cron,
}

/// <summary>A timer of a timer event or an Elsa Delay, Timer or Cron activity.</summary>
/// <param name="Kind">How <paramref name="Expression"/> is read.</param>
/// <param name="Expression">The expression as written in the source.</param>
public sealed record TimerDefinition(TimerKind Kind, string Expression);
