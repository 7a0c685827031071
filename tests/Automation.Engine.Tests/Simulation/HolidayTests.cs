using System.Globalization;
using Automation.Engine.Simulation;

namespace Automation.Engine.Tests.Simulation;

public sealed class HolidayTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData(1818, 3, 22)]
    [InlineData(2000, 4, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_Sunday_follows_the_Gregorian_computus(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), PublicHolidays.EasterSunday(year));

    [Theory]
    [InlineData(2024, "2024-03-29", "2024-05-09", "2024-05-20")]
    [InlineData(2025, "2025-04-18", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-03", "2026-05-14", "2026-05-25")]
    public void Good_Friday_Ascension_and_Whit_Monday_move_with_Easter(int year, string goodFriday, string ascension, string whitMonday)
    {
        var holidays = new PublicHolidays(null).InYear(year);
        Assert.Contains(new PublicHoliday(DateOnly.Parse(goodFriday, CultureInfo.InvariantCulture), "Karfreitag"), holidays);
        Assert.Contains(new PublicHoliday(DateOnly.Parse(ascension, CultureInfo.InvariantCulture), "Christi Himmelfahrt"), holidays);
        Assert.Contains(new PublicHoliday(DateOnly.Parse(whitMonday, CultureInfo.InvariantCulture), "Pfingstmontag"), holidays);
        Assert.Equal(9, holidays.Count);
    }

    [Fact]
    public void Land_holidays_apply_only_in_their_Land()
    {
        var corpusChristi = new DateOnly(2026, 6, 4);
        Assert.True(new PublicHolidays("NW").IsHoliday(corpusChristi));
        Assert.True(new PublicHolidays("by").IsHoliday(new DateOnly(2026, 11, 1)));
        Assert.False(new PublicHolidays("BE").IsHoliday(corpusChristi));
        Assert.False(new PublicHolidays(null).IsHoliday(corpusChristi));
        Assert.True(new PublicHolidays("SN").IsHoliday(new DateOnly(2025, 11, 19)), "Buß- und Bettag 2025");
        Assert.Equal(new DateOnly(2026, 11, 18), PublicHolidays.RepentanceDay(2026));
        Assert.True(new PublicHolidays("TH").IsHoliday(new DateOnly(2019, 9, 20)));
        Assert.False(new PublicHolidays("TH").IsHoliday(new DateOnly(2018, 9, 20)), "Weltkindertag only since 2019");
        Assert.True(new PublicHolidays("BY").IsHoliday(new DateOnly(2017, 10, 31)), "Reformationstag 2017 everywhere");
        Assert.False(new PublicHolidays("BY").IsHoliday(new DateOnly(2018, 10, 31)));
        Assert.Equal(11, new PublicHolidays("NW").InYear(2026).Count);
        Assert.Throws<ArgumentException>(() => new PublicHolidays("XX"));
    }

    [Fact]
    public void Staff_work_skips_holidays_and_closing_days()
    {
        // Maundy Thursday 2026-04-02 15:30 Berlin (13:30 UTC), 60 minutes: 30 on Thursday; Good Friday, the weekend,
        // Easter Monday and the closing day Tuesday are off → Wednesday 08:30 Berlin = 06:30 UTC.
        var calendar = new WorkCalendar(Berlin, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            new TimeOnly(8, 0), false, new DateOnly(2026, 3, 30), new PublicHolidays("NW"), [new DateOnly(2026, 4, 7)]);
        var windows = calendar.Windows(8);
        Assert.Equal(new DateTimeOffset(2026, 4, 8, 6, 30, 0, TimeSpan.Zero).UtcTicks,
            windows.AddWorking(new DateTimeOffset(2026, 4, 2, 13, 30, 0, TimeSpan.Zero).UtcTicks, 60));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 6, 4)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 6, 5)));
    }

    [Fact]
    public void Arrivals_never_fall_on_holidays_or_closing_days()
    {
        const string scenario = """
            { "start": "2026-03-30", "replications": 1, "arrivals": { "casesPerWorkingDay": 20 },
              "calendar": { "state": "NW", "closingDays": ["2026-04-07"] }, "roles": { "schalter": { "people": 5 } } }
            """;
        var study = SimBpmn.Compile(SimBpmn.SingleServer, scenario);
        using var replication = new Replication(study.Baseline, study.Settings, 400, 3, 0, new SimulationGuard(null, CancellationToken.None));
        var metrics = replication.Run();
        var days = metrics.ArrivalTicks.Select(t => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(new DateTime(t, DateTimeKind.Utc), Berlin)))
            .ToHashSet();
        Assert.Equal(400, metrics.ArrivalTicks.Count);
        DateOnly[] off = [new(2026, 4, 3), new(2026, 4, 4), new(2026, 4, 5), new(2026, 4, 6), new(2026, 4, 7)];
        Assert.Empty(days.Intersect(off));
        // Not vacuous: cases arrive on the working days around Easter.
        Assert.Contains(new DateOnly(2026, 4, 2), days);
        Assert.Contains(new DateOnly(2026, 4, 8), days);
        Assert.Contains("die von NW sind arbeitsfrei", string.Join(" ", study.Assumptions), StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_per_year_count_the_working_days_without_holidays()
    {
        // 2026 has 261 weekdays; seven nationwide holidays fall on weekdays, and in NW Fronleichnam as well.
        var nw = SimBpmn.Compile(SimBpmn.SingleServer, """{ "start": "2026-01-01", "calendar": { "state": "NW" }, "arrivals": { "casesPerWorkingDay": 2 } }""");
        Assert.Equal(253, nw.Settings.WorkingDaysPerYear());
        Assert.Equal(506, nw.Settings.CasesPerYear(), 9);
        var nationwide = SimBpmn.Compile(SimBpmn.SingleServer, """{ "start": "2026-01-01", "calendar": { "closingDays": ["2026-12-24", "2026-12-31"] } }""");
        Assert.Equal(252, nationwide.Settings.WorkingDaysPerYear());
        var none = SimBpmn.Compile(SimBpmn.SingleServer, """{ "start": "2026-01-01", "calendar": { "publicHolidays": false } }""");
        Assert.Equal(261, none.Settings.WorkingDaysPerYear());
    }

    [Fact]
    public void An_unknown_Land_code_is_refused_naming_the_field()
    {
        var e = Assert.Throws<SimulationValidationException>(() => SimBpmn.Compile(SimBpmn.SingleServer, """{ "calendar": { "state": "XY" } }"""));
        var error = Assert.Single(e.Errors);
        Assert.Equal("$.calendar.state", error.Path);
        Assert.Equal("scenario-state-unknown", error.Code);
        Assert.Contains("Das Länderkürzel „XY“ ist unbekannt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closing_day_that_is_not_a_date_is_refused_naming_the_path()
    {
        var e = Assert.Throws<SimulationValidationException>(() => ScenarioFile.Parse("""{ "calendar": { "closingDays": ["2026-02-30"] } }"""));
        Assert.StartsWith("$.calendar.closingDays", Assert.Single(e.Errors).Path, StringComparison.Ordinal);
    }
}
