using Automation.Data;
using Automation.Engine.Model;
using Automation.Server.Infrastructure;

namespace Automation.Server.Tests;

/// <summary>The durability and retention settings as the operator writes them in configuration.</summary>
public sealed class DurabilitySettingsTests
{
    [Fact]
    public void Sqlite_syncs_every_commit_unless_normal_is_configured()
    {
        Assert.Equal(SqliteSynchronous.Full, new DatabaseSettings().ToOptions().Synchronous);
        Assert.Equal(SqliteSynchronous.Normal, new DatabaseSettings { Synchronous = SqliteSynchronous.Normal }.ToOptions().Synchronous);
    }

    [Fact]
    public void The_default_retention_is_ten_years_and_a_configured_one_is_read_as_a_calendar_period()
    {
        Assert.Equal(new RetentionPeriod(120, 0), new ServerOptions().CaseRetentionPeriod());
        Assert.Equal(RetentionPeriod.FromDays(90), new ServerOptions { CaseRetention = "P90D" }.CaseRetentionPeriod());
    }

    [Theory]
    [InlineData("PT1H")]
    [InlineData("10 Jahre")]
    [InlineData("")]
    public void A_retention_that_is_no_period_stops_the_start_naming_the_key(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServerOptions { CaseRetention = value }.CaseRetentionPeriod());
        Assert.StartsWith("Automation:CaseRetention:", error.Message, StringComparison.Ordinal);
    }
}
