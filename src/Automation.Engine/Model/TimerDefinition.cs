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
public sealed record TimerDefinition(TimerKind Kind, string Expression)
{
    /// <summary>
    /// For a timer written as an expression (<c>${dueDate}</c>, <c>=duration("P" + string(days) + "D")</c>): the text to
    /// evaluate in its declared language when the timer is armed; its value is then read as <see cref="Kind"/>. Null for an
    /// ISO 8601 or cron literal.
    /// </summary>
    internal DeclaredExpression? Evaluated { get; init; }
}
