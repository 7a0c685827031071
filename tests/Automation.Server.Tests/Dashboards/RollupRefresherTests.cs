using System.Globalization;
using System.Net;
using Automation.Data;
using Automation.Server.Infrastructure;
using Automation.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Dashboards;

/// <summary>A server that runs its background jobs, with the rollup refreshed every second.</summary>
public sealed class RollupFactory : ServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Automation:RunScheduler", "true"), new("Automation:RollupRefreshSeconds", "1")];
}

public sealed class RollupRefresherTests(RollupFactory factory) : IClassFixture<RollupFactory>
{
    private static async Task<long> ScalarAsync(AutomationDatabase db, string sql)
    {
        await using var c = await db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_server_folds_cases_written_after_it_started_into_the_ledger_cells_also_when_they_ended_long_ago()
    {
        using var client = factory.ApiClient("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var db = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database;
        await LedgerSample.WriteAsync(db, LedgerSample.Generate(30, new DateOnly(2026, 1, 5), 60));
        // Imported cases that ended in January: their end lies before the fold's last cut, so the entry-id fold finds them.
        var rows = await ScalarAsync(db, "SELECT COUNT(*) FROM ledger_entries l JOIN cases c ON c.id = l.case_id WHERE c.status = 'Completed'");
        Assert.True(rows >= 25 * 5);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ScalarAsync(db, "SELECT SUM(priced) FROM ledger_cells") != rows && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(rows, await ScalarAsync(db, "SELECT SUM(priced) FROM ledger_cells"));
        Assert.Equal(await ScalarAsync(db, "SELECT COUNT(*) FROM cases WHERE status = 'Completed'"), await ScalarAsync(db, "SELECT SUM(cases) FROM ledger_case_months"));
        Assert.Equal(await ScalarAsync(db, "SELECT MAX(entry_id) FROM ledger_entries"), await ScalarAsync(db, "SELECT watermark FROM ledger_rollup_state"));
    }
}
