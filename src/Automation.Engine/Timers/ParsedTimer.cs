using System.Globalization;
using Automation.Engine.Model;
using Cronos;

namespace Automation.Engine.Timers;

/// <summary>A validated timer that computes its due times. Immutable; create it with <see cref="TimerSchedule.TryParse(TimerDefinition, out ParsedTimer?, out string?)"/>.</summary>
public sealed class ParsedTimer
{
    private readonly DateTimeOffset? date;
    private readonly DateTimeOffset? until;
    private readonly IsoDuration? period;
    private readonly int? repetitions;
    private readonly CronExpression? cron;

    private ParsedTimer(TimerDefinition definition, TimeZoneInfo timeZone, DateTimeOffset? date = null, DateTimeOffset? until = null,
        IsoDuration? period = null, int? repetitions = null, CronExpression? cron = null)
    {
        Definition = definition;
        TimeZone = timeZone;
        this.date = date;
        this.until = until;
        this.period = period;
        this.repetitions = repetitions;
        this.cron = cron;
    }

    internal static ParsedTimer ForDate(TimerDefinition definition, TimeZoneInfo zone, DateTimeOffset date) =>
        new(definition, zone, date: date);

    internal static ParsedTimer ForDuration(TimerDefinition definition, TimeZoneInfo zone, IsoDuration duration) =>
        new(definition, zone, period: duration);

    internal static ParsedTimer ForCycle(TimerDefinition definition, TimeZoneInfo zone, int? repetitions, DateTimeOffset? start,
        DateTimeOffset? end, IsoDuration period) => new(definition, zone, date: start, until: end, period: period, repetitions: repetitions);

    internal static ParsedTimer ForCron(TimerDefinition definition, TimeZoneInfo zone, CronExpression cron) =>
        new(definition, zone, cron: cron);

    /// <summary>The timer as written in the definition.</summary>
    public TimerDefinition Definition { get; }

    /// <summary>The kind of timer.</summary>
    public TimerKind Kind => Definition.Kind;

    /// <summary>Zone of cron occurrences, offset-less dates and calendar units.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Whether the timer can fire more than once (cron, or a cycle with more than one repetition).</summary>
    public bool IsRepeating => Kind == TimerKind.Cron || (Kind == TimerKind.Cycle && repetitions is null or > 1);

    /// <summary>Start of a cycle given as <c>R[n]/start/…</c>, else null.</summary>
    public DateTimeOffset? CycleStart => Kind == TimerKind.Cycle ? date : null;

    /// <summary>End of a cycle given as <c>R[n]/duration/end</c>: it does not fire later. Null otherwise.</summary>
    public DateTimeOffset? CycleEnd => until;

    /// <summary>Number of repetitions of a bounded cycle; null for unbounded cycles and other kinds.</summary>
    public int? Repetitions => repetitions;

    /// <summary>
    /// The next time the timer is due.
    /// </summary>
    /// <param name="after">
    /// Date and duration: the time the timer was activated. Cycle without start: the activation time, then the
    /// previous due time. Cycle with start and cron: only occurrences later than this count.
    /// </param>
    /// <param name="occurrencesSoFar">How often the timer has already fired.</param>
    /// <returns>
    /// Date: the date, once (even if it has passed, so an overdue timer fires at once). Duration: after + duration,
    /// once. Cycle: after + period (not beyond the end of <c>R[n]/duration/end</c>), or the first start + k·period
    /// later than <paramref name="after"/> (k counts from the start, so missed occurrences use up repetitions), until
    /// the repetitions are exhausted. Cron: the next
    /// occurrence in <see cref="TimeZone"/>. Null when the timer will not fire again.
    /// </returns>
    public DateTimeOffset? NextDue(DateTimeOffset after, int occurrencesSoFar)
    {
        switch (Kind)
        {
            case TimerKind.Date:
                return occurrencesSoFar == 0 ? date : null;
            case TimerKind.Duration:
                return occurrencesSoFar == 0 && period!.TryAddTo(after, 1, TimeZone, out var due) ? due : null;
            case TimerKind.Cycle:
                if (repetitions is { } n && occurrencesSoFar >= n) return null;
                if (date is not { } start)
                {
                    return period!.TryAddTo(after, 1, TimeZone, out var next) && (until is null || next <= until) ? next : null;
                }
                return NextCycleOccurrence(start, after, occurrencesSoFar);
            default:
                return cron!.GetNextOccurrence(after, TimeZone);
        }
    }

    private DateTimeOffset? NextCycleOccurrence(DateTimeOffset start, DateTimeOffset after, int occurrencesSoFar)
    {
        long k = occurrencesSoFar;
        // Jump close to 'after' by the average period so long-running cycles need few steps; months vary in length.
        if (after > start)
        {
            var estimate = (after - start).Ticks / period!.ApproximateTicks - 1;
            if (estimate > k) k = estimate;
        }
        if (repetitions is { } n && k >= n) k = n;
        while (k > occurrencesSoFar && Occurrence(start, k - 1) is { } earlier && earlier > after) k--;
        while (true)
        {
            if (repetitions is { } max && k >= max) return null;
            if (Occurrence(start, k) is not { } candidate) return null;
            if (candidate > after) return candidate;
            k++;
        }
    }

    private DateTimeOffset? Occurrence(DateTimeOffset start, long k) =>
        period!.TryAddTo(start, k, TimeZone, out var result) ? result : null;

    /// <summary>
    /// A short German description, e.g. "einmalig am 01.03.2025 08:00", "nach 5 Tagen",
    /// "alle 10 Minuten, 3-mal", "Cron 0 8 * * 1-5".
    /// </summary>
    public string Describe()
    {
        switch (Kind)
        {
            case TimerKind.Date:
                return "einmalig am " + Local(date!.Value);
            case TimerKind.Duration:
                return period!.IsZero ? "sofort" : "nach " + period.DescribeDative();
            case TimerKind.Cycle:
                var text = period!.DescribeEvery();
                if (date is { } start) text += " ab " + Local(start);
                if (until is { } end) text += " bis " + Local(end);
                if (repetitions is { } n) text += ", " + n.ToString(CultureInfo.InvariantCulture) + "-mal";
                return text;
            default:
                return "Cron " + Definition.Expression.Trim();
        }
    }

    private string Local(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, TimeZone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Definition.Expression}";
}
