using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Pages;

/// <summary>
/// One time-zone rule: every page shows a stored UTC instant in Europe/Berlin (summer and winter time), whatever the
/// server's own zone. The process runs as a UTC server, so a page that used <c>ToLocalTime</c> would show the UTC
/// wall clock (10:30) instead of Berlin's (12:30 in July, 11:30 in January) and fail here.
/// </summary>
public sealed class BerlinTimeTests : IClassFixture<SeededServerFactory>
{
    // 10:30 UTC: 12:30 in Berlin in summer time (UTC+2), 11:30 in winter time (UTC+1).
    private static readonly DateTimeOffset Summer = new(2026, 7, 15, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Winter = new(2026, 1, 15, 10, 30, 0, TimeSpan.Zero);

    private readonly SeededServerFactory factory;

    static BerlinTimeTests()
    {
        // A server in UTC, as servers run; without this a machine set to Berlin time would hide a ToLocalTime.
        Environment.SetEnvironmentVariable("TZ", "UTC");
        TimeZoneInfo.ClearCachedData();
    }

    public BerlinTimeTests(SeededServerFactory factory) => this.factory = factory;

    [Fact]
    public void The_helper_shows_summer_and_winter_time_and_the_switch_day_in_Berlin()
    {
        Assert.Equal(TimeSpan.Zero, TimeZoneInfo.Local.GetUtcOffset(Summer));
        Assert.Equal("15.07.2026 12:30", DisplayTime.Minutes(Summer));
        Assert.Equal("15.01.2026 11:30:00", DisplayTime.Seconds(Winter));
        Assert.Equal("15.01.2026, 11:30 Uhr", DisplayTime.Time(Winter));
        // 23:30 UTC on 14 July is already the 15th in Berlin: the day is Berlin's, not UTC's.
        Assert.Equal("15.07.2026", DisplayTime.Day(new DateTimeOffset(2026, 7, 14, 23, 30, 0, TimeSpan.Zero)));
        // The spring switch (29 March 2026, 02:00 → 03:00): one minute apart in UTC, an hour and a minute on the clock.
        Assert.Equal("29.03.2026 01:59", DisplayTime.Minutes(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero)));
        Assert.Equal("29.03.2026 03:00", DisplayTime.Minutes(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)));
        Assert.Equal("–", DisplayTime.Minutes(null));
    }

    [Fact]
    public async Task Processes_cases_and_inbox_show_stored_instants_in_Berlin_time()
    {
        using (var context = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext())
        {
            var summer = Summer.ToUnixTimeMilliseconds();
            var winter = Winter.ToUnixTimeMilliseconds();
            Assert.True(await context.Database.ExecuteSqlInterpolatedAsync($"UPDATE definitions SET created_at = {summer}, published_at = {winter}") > 0);
            Assert.True(await context.Database.ExecuteSqlInterpolatedAsync($"UPDATE cases SET started_at = {summer}") > 0);
            Assert.True(await context.Database.ExecuteSqlInterpolatedAsync($"UPDATE tasks SET created_at = {winter}") > 0);
        }
        using var admin = await factory.LoginAsync("admin", "admin-secret-1");

        var processes = await admin.GetStringAsync("/prozesse");
        Assert.Contains("15.07.2026 12:30", processes, StringComparison.Ordinal);
        Assert.Contains("15.01.2026 11:30", processes, StringComparison.Ordinal);
        Assert.DoesNotContain("2026 10:30", processes, StringComparison.Ordinal);

        var cases = await admin.GetStringAsync("/vorgaenge");
        Assert.Contains("15.07.2026 12:30", cases, StringComparison.Ordinal);
        Assert.DoesNotContain("2026 10:30", cases, StringComparison.Ordinal);

        using var clerk = await factory.LoginAsync("sachbearbeitung", "demo");
        var inbox = await clerk.GetStringAsync("/aufgaben");
        Assert.Contains("15.01.2026 11:30", inbox, StringComparison.Ordinal);
        Assert.DoesNotContain("2026 10:30", inbox, StringComparison.Ordinal);
    }
}
