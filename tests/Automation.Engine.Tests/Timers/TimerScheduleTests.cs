using Automation.Engine.Model;
using Automation.Engine.Timers;

namespace Automation.Engine.Tests.Timers;

public class TimerScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimerSchedule.FindTimeZone("Europe/Berlin");

    private static ParsedTimer Parse(TimerKind kind, string expression)
    {
        Assert.True(TimerSchedule.TryParse(new TimerDefinition(kind, expression), Berlin, out var parsed, out var error), error);
        return parsed;
    }

    private static string Error(TimerKind kind, string expression)
    {
        Assert.False(TimerSchedule.TryParse(new TimerDefinition(kind, expression), Berlin, out var parsed, out var error));
        Assert.Null(parsed);
        return error;
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void BerlinIsKnownHereAndTheDefault()
    {
        Assert.NotEqual(TimeZoneInfo.Utc, Berlin);
        Assert.Equal(Berlin.Id, TimerSchedule.DefaultTimeZone.Id);
        Assert.Equal(TimeZoneInfo.Utc, TimerSchedule.FindTimeZone("Nowhere/Atlantis"));
    }

    [Fact]
    public void DateWithOffsetFiresOnce()
    {
        var timer = Parse(TimerKind.Date, "2025-03-01T08:00:00Z");
        Assert.False(timer.IsRepeating);
        Assert.Equal(At("2025-03-01T08:00:00Z"), timer.NextDue(At("2025-01-01T00:00:00Z"), 0));
        Assert.Equal(At("2025-03-01T08:00:00Z"), timer.NextDue(At("2025-06-01T00:00:00Z"), 0));
        Assert.Null(timer.NextDue(At("2025-03-01T08:00:00Z"), 1));
        Assert.Equal("einmalig am 01.03.2025 09:00", timer.Describe());
    }

    [Fact]
    public void DateWithoutOffsetIsReadInTheZone()
    {
        Assert.Equal(At("2025-07-01T06:00:00Z"), Parse(TimerKind.Date, "2025-07-01T08:00:00").NextDue(At("2025-01-01T00:00:00Z"), 0));
        Assert.Equal(At("2025-01-31T23:00:00Z"), Parse(TimerKind.Date, "2025-02-01").NextDue(At("2025-01-01T00:00:00Z"), 0));
        Assert.Equal("einmalig am 01.03.2025 08:00", Parse(TimerKind.Date, "2025-03-01T08:00").Describe());
    }

    [Theory]
    [InlineData("PT5S", "2025-01-10T10:00:05Z", "nach 5 Sekunden")]
    [InlineData("pt1m", "2025-01-10T10:01:00Z", "nach 1 Minute")]
    [InlineData("PT0.5S", "2025-01-10T10:00:00.5Z", "nach 0,5 Sekunden")]
    [InlineData("P5D", "2025-01-15T10:00:00Z", "nach 5 Tagen")]
    [InlineData("P2W", "2025-01-24T10:00:00Z", "nach 2 Wochen")]
    [InlineData("PT1H", "2025-01-10T11:00:00Z", "nach 1 Stunde")]
    [InlineData("P1Y2M10DT2H30M", "2026-03-20T12:30:00Z", "nach 1 Jahr, 2 Monaten, 10 Tagen, 2 Stunden und 30 Minuten")]
    [InlineData("PT0S", "2025-01-10T10:00:00Z", "sofort")]
    public void DurationFiresOnceAfterTheActivation(string expression, string expected, string description)
    {
        var timer = Parse(TimerKind.Duration, expression);
        var start = At("2025-01-10T10:00:00Z");
        Assert.Equal(At(expected), timer.NextDue(start, 0));
        Assert.Null(timer.NextDue(start, 1));
        Assert.False(timer.IsRepeating);
        Assert.Equal(description, timer.Describe());
    }

    [Fact]
    public void MonthsAreCalendarMonthsAcrossTheYearEnd()
    {
        var oneMonth = Parse(TimerKind.Duration, "P1M");
        Assert.Equal(At("2025-01-31T09:00:00+01:00"), oneMonth.NextDue(At("2024-12-31T09:00:00+01:00"), 0));
        Assert.Equal(At("2025-02-28T09:00:00+01:00"), Parse(TimerKind.Duration, "P2M").NextDue(At("2024-12-31T09:00:00+01:00"), 0));

        // With a start, occurrence k is start + k months, so the day of month does not drift after February.
        var monthly = Parse(TimerKind.Cycle, "R/2024-11-30T08:00:00/P1M");
        var due = new List<DateTimeOffset>();
        var after = At("2024-11-01T00:00:00Z");
        for (var i = 0; i < 5; i++)
        {
            var next = monthly.NextDue(after, i)!.Value;
            due.Add(next);
            after = next;
        }
        Assert.Equal(
        [
            At("2024-11-30T08:00:00+01:00"), At("2024-12-30T08:00:00+01:00"), At("2025-01-30T08:00:00+01:00"),
            At("2025-02-28T08:00:00+01:00"), At("2025-03-30T08:00:00+02:00"),
        ], due);
        Assert.Equal("jeden Monat ab 30.11.2024 08:00", monthly.Describe());
    }

    [Fact]
    public void BoundedCycleIsExhaustedAfterItsRepetitions()
    {
        var timer = Parse(TimerKind.Cycle, "R3/PT10M");
        Assert.True(timer.IsRepeating);
        Assert.Equal(3, timer.Repetitions);
        var t0 = At("2025-05-05T10:00:00Z");
        Assert.Equal(At("2025-05-05T10:10:00Z"), timer.NextDue(t0, 0));
        Assert.Equal(At("2025-05-05T10:20:00Z"), timer.NextDue(At("2025-05-05T10:10:00Z"), 1));
        Assert.Equal(At("2025-05-05T10:30:00Z"), timer.NextDue(At("2025-05-05T10:20:00Z"), 2));
        Assert.Null(timer.NextDue(At("2025-05-05T10:30:00Z"), 3));
        Assert.Equal("alle 10 Minuten, 3-mal", timer.Describe());
    }

    [Fact]
    public void UnboundedCycleNeverEnds()
    {
        var timer = Parse(TimerKind.Cycle, "R/PT1H");
        Assert.True(timer.IsRepeating);
        Assert.Null(timer.Repetitions);
        Assert.Equal(At("2025-05-05T11:00:00Z"), timer.NextDue(At("2025-05-05T10:00:00Z"), 100_000));
        Assert.Equal("jede Stunde", timer.Describe());
        Assert.False(Parse(TimerKind.Cycle, "R1/PT1H").IsRepeating);
    }

    [Fact]
    public void CycleWithStartFiresAtStartPlusPeriodsAndSkipsMissedOnes()
    {
        var timer = Parse(TimerKind.Cycle, "R3/2025-01-01T08:00:00Z/P1D");
        Assert.Equal(At("2025-01-01T08:00:00Z"), timer.CycleStart);
        Assert.Equal(At("2025-01-01T08:00:00Z"), timer.NextDue(At("2024-12-20T00:00:00Z"), 0));
        Assert.Equal(At("2025-01-02T08:00:00Z"), timer.NextDue(At("2025-01-01T08:00:00Z"), 1));
        Assert.Equal(At("2025-01-03T08:00:00Z"), timer.NextDue(At("2025-01-02T08:00:00Z"), 2));
        Assert.Null(timer.NextDue(At("2025-01-03T08:00:00Z"), 3));
        // Activated late: the past occurrences count against the repetitions.
        Assert.Equal(At("2025-01-03T08:00:00Z"), timer.NextDue(At("2025-01-02T10:00:00Z"), 0));
        Assert.Null(timer.NextDue(At("2025-01-05T00:00:00Z"), 0));
        Assert.Equal("jeden Tag ab 01.01.2025 09:00, 3-mal", timer.Describe());
    }

    [Fact]
    public void LongRunningUnboundedCycleWithStartJumpsToTheNextOccurrence()
    {
        var timer = Parse(TimerKind.Cycle, "R/2020-01-01T00:00:00Z/PT1S");
        Assert.Equal(At("2025-01-01T00:00:01Z"), timer.NextDue(At("2025-01-01T00:00:00Z"), 0));
        var byEnd = Parse(TimerKind.Cycle, "R2/2025-01-01T08:00:00Z/2025-01-01T08:30:00Z");
        Assert.Equal(At("2025-01-01T08:30:00Z"), byEnd.NextDue(At("2025-01-01T08:00:00Z"), 1));
        Assert.Equal("alle 30 Minuten ab 01.01.2025 09:00, 2-mal", byEnd.Describe());
    }

    [Fact]
    public void CycleWithEndStopsThere()
    {
        var timer = Parse(TimerKind.Cycle, "R/PT1H/2025-01-01T12:00:00Z");
        Assert.Equal(At("2025-01-01T12:00:00Z"), timer.CycleEnd);
        Assert.Equal(At("2025-01-01T12:00:00Z"), timer.NextDue(At("2025-01-01T11:00:00Z"), 3));
        Assert.Null(timer.NextDue(At("2025-01-01T11:30:00Z"), 4));
        Assert.Equal("jede Stunde bis 01.01.2025 13:00", timer.Describe());
        Assert.Null(Parse(TimerKind.Cycle, "R2/PT1H/2030-01-01T00:00:00Z").NextDue(At("2025-01-01T00:00:00Z"), 2));
    }

    [Fact]
    public void DailyCycleKeepsTheWallClockTimeAcrossDst()
    {
        var timer = Parse(TimerKind.Cycle, "R/2025-03-29T08:00:00/P1D");
        Assert.Equal(At("2025-03-30T08:00:00+02:00"), timer.NextDue(At("2025-03-29T08:00:00+01:00"), 1));
    }

    [Fact]
    public void CronWithFiveFieldsFindsTheNextWorkingDay()
    {
        var timer = Parse(TimerKind.Cron, "0 8 * * 1-5");
        Assert.True(timer.IsRepeating);
        // Friday 09:00 → Monday 08:00.
        Assert.Equal(At("2025-03-10T08:00:00+01:00"), timer.NextDue(At("2025-03-07T09:00:00+01:00"), 7));
        Assert.Equal("Cron 0 8 * * 1-5", timer.Describe());
    }

    [Fact]
    public void CronWithSixFieldsHasSeconds()
    {
        var timer = Parse(TimerKind.Cron, "30 0 8 * * *");
        Assert.Equal(At("2025-03-07T08:00:30+01:00"), timer.NextDue(At("2025-03-07T07:00:00+01:00"), 0));
    }

    [Theory]
    [InlineData("0 0 8 ? * MON-FRI *")]
    [InlineData("0 0 8 ? * 2-6")]
    [InlineData("0 0 8 ? * 2,3,4,5,6 *")]
    public void QuartzCronIsTranslated(string expression)
    {
        var timer = Parse(TimerKind.Cron, expression);
        // Saturday → Monday; Sunday is Quartz day 1.
        Assert.Equal(At("2025-03-10T08:00:00+01:00"), timer.NextDue(At("2025-03-08T09:00:00+01:00"), 0));
        Assert.Equal(At("2025-03-11T08:00:00+01:00"), timer.NextDue(At("2025-03-10T08:00:00+01:00"), 1));
    }

    [Fact]
    public void QuartzNthWeekdayKeepsItsOccurrenceNumber()
    {
        // Quartz 2#1: first Monday of the month.
        var timer = Parse(TimerKind.Cron, "0 0 8 ? * 2#1");
        Assert.Equal(At("2025-04-07T08:00:00+02:00"), timer.NextDue(At("2025-03-08T00:00:00+01:00"), 0));
    }

    [Fact]
    public void DailyCronFollowsBerlinDaylightSavingTime()
    {
        var daily = Parse(TimerKind.Cron, "0 8 * * *");
        // Spring forward on 30 March 2025: 08:00 local is 06:00 UTC instead of 07:00.
        var spring = daily.NextDue(At("2025-03-29T08:00:00+01:00"), 1)!.Value;
        Assert.Equal(At("2025-03-30T06:00:00Z"), spring);
        Assert.Equal(TimeSpan.FromHours(2), spring.Offset);
        // Fall back on 26 October 2025.
        Assert.Equal(At("2025-10-26T07:00:00Z"), daily.NextDue(At("2025-10-25T08:00:00+02:00"), 1));
        // 02:30 does not exist on 30 March; the run is not skipped.
        var night = Parse(TimerKind.Cron, "30 2 * * *");
        var shifted = night.NextDue(At("2025-03-29T03:00:00+01:00"), 1)!.Value;
        Assert.Equal(new DateTime(2025, 3, 30), shifted.Date);
        Assert.Equal(TimeSpan.FromHours(2), shifted.Offset);
    }

    [Theory]
    [InlineData(TimerKind.Duration, "PT5X", "timer 'PT5X' is not an ISO 8601 duration")]
    [InlineData(TimerKind.Duration, "P", "timer 'P' is not an ISO 8601 duration")]
    [InlineData(TimerKind.Duration, "P1DT", "timer 'P1DT' is not an ISO 8601 duration")]
    [InlineData(TimerKind.Duration, "00:00:05", "timer '00:00:05' is not an ISO 8601 duration")]
    [InlineData(TimerKind.Duration, "P1.5M", "timer 'P1.5M' has fractional years or months, which have no fixed length")]
    [InlineData(TimerKind.Date, "01.03.2025", "timer '01.03.2025' is not an ISO 8601 date")]
    [InlineData(TimerKind.Date, "2025-02-30T08:00:00Z", "timer '2025-02-30T08:00:00Z' is not an ISO 8601 date")]
    [InlineData(TimerKind.Cycle, "R5", "timer 'R5' is not an ISO 8601 repeating interval (R[n]/[start/]duration or R[n]/duration/end)")]
    [InlineData(TimerKind.Cycle, "PT10M", "timer 'PT10M' is not an ISO 8601 repeating interval (R[n]/[start/]duration or R[n]/duration/end)")]
    [InlineData(TimerKind.Cycle, "R/PT0S", "timer 'R/PT0S' repeats with a period that is not positive")]
    [InlineData(TimerKind.Cron, "0 0 8 * * ? 2025", "timer '0 0 8 * * ? 2025' restricts the year ('2025'), which is not supported")]
    [InlineData(TimerKind.Cron, "0 8 * *", "timer '0 8 * *' is not a cron expression with 5, 6 or 7 fields")]
    [InlineData(TimerKind.Cron, "0 0 8 ? * 9", "timer '0 0 8 ? * 9' has a Quartz day of week outside 1-7")]
    [InlineData(TimerKind.Duration, " ", "duration timer has an empty expression")]
    public void InvalidExpressionsAreReportedClearly(TimerKind kind, string expression, string message)
    {
        Assert.Equal(message, Error(kind, expression));
    }

    [Fact]
    public void InvalidCronFieldNamesTheExpression()
    {
        Assert.StartsWith("timer '61 * * * *' is not a valid cron expression: ", Error(TimerKind.Cron, "61 * * * *"));
        Assert.Equal("timer 'R/2025-13-01T00:00:00Z/P1D' is not an ISO 8601 repeating interval: '2025-13-01T00:00:00Z' is not an ISO 8601 date", Error(TimerKind.Cycle, "R/2025-13-01T00:00:00Z/P1D"));
    }
}
