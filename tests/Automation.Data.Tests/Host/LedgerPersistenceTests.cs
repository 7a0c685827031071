using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Automation.Data.Tests.Host;

public sealed class LedgerPersistenceTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Automation.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    private static async Task<List<Dictionary<string, object?>>> RowsAsync(WorkflowHost host, string sql)
    {
        await using var c = await host.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task Every_executed_task_gets_one_ledger_row_with_its_factors_and_measured_time_where_staff_worked_on_it()
    {
        using var db = new TestDatabase();
        await using var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        var deploy = await host.DeployAsync(await File.ReadAllTextAsync(RepoFile("workflows", "wohngeldantrag.bpmn")), "wohngeldantrag.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        var snapshot = await host.StartCaseAsync("wohngeldantrag", businessKey: "WG-1");
        var first = Assert.Single(snapshot.State.Waits);
        await host.ClaimTaskAsync(snapshot.CaseId, first.Id, "sachbearbeiterin");
        await Task.Delay(1200);
        snapshot = await host.CompleteTaskAsync(snapshot.CaseId, first.Id, [new("aktenzeichen", "WG-1"), new("eingangsdatum", "2026-11-25")], "sachbearbeiterin");
        var ledger = await RowsAsync(host, $"SELECT node_id, actor, staff_minutes, staff_minutes_basis, labour_cost_eur, workplace_g, factors, occupation FROM ledger_entries WHERE case_id = '{snapshot.CaseId}' ORDER BY sequence");
        var steps = await RowsAsync(host, $"SELECT node_id FROM steps WHERE case_id = '{snapshot.CaseId}' AND kind IN ('UserTask','ManualTask','ServiceTask','ScriptTask','Task','SendTask','ReceiveTask','BusinessRuleTask')");
        Assert.Equal(steps.Count, ledger.Count);
        var worked = Assert.Single(ledger, r => (string)r["node_id"]! == first.NodeId);
        Assert.Equal("Measured", worked["staff_minutes_basis"]);
        Assert.InRange(Convert.ToDouble(worked["staff_minutes"], CultureInfo.InvariantCulture), 0.015, 1.0);
        Assert.Equal("Human", worked["actor"]);
        Assert.Matches("^[0-9]{5}$", (string)worked["occupation"]!);
        Assert.Contains("grid.", (string)worked["factors"]!, StringComparison.Ordinal);
        // The ledger records the role's occupation and pay level, never the person.
        var columns = await RowsAsync(host, "SELECT * FROM ledger_entries LIMIT 1");
        Assert.DoesNotContain(columns[0].Keys, k => k.Contains("assignee", StringComparison.Ordinal) || k.Contains("user", StringComparison.Ordinal));
        Assert.DoesNotContain(columns[0].Values, v => v is string s && s.Contains("sachbearbeiterin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_person_who_completed_a_task_is_removed_after_the_retention_period()
    {
        using var db = new TestDatabase();
        await using var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false, AssigneeRetention = TimeSpan.FromMilliseconds(300) });
        await host.DeployAsync(TestDatabase.TimerAndTask.Replace("PT1S", "PT0S", StringComparison.Ordinal), "frist.bpmn");
        var started = await host.StartCaseAsync("frist");
        await host.FireTimerAsync(started.CaseId, Assert.Single(started.State.Waits).Id);
        var task = Assert.Single((await host.GetCaseAsync(started.CaseId))!.State.Waits);
        await host.ClaimTaskAsync(started.CaseId, task.Id, "mueller");
        Assert.Equal(0, await host.PurgeAssigneesAsync());
        await host.CompleteTaskAsync(started.CaseId, task.Id, completedBy: "mueller");
        Assert.Single(await RowsAsync(host, "SELECT 1 FROM tasks WHERE assignee = 'mueller'"));
        await Task.Delay(400);
        Assert.Equal(1, await host.PurgeAssigneesAsync());
        Assert.Empty(await RowsAsync(host, "SELECT 1 FROM tasks WHERE assignee IS NOT NULL"));
    }

    [Fact]
    public async Task A_definition_whose_steps_the_ledger_cannot_price_is_refused_at_publish_with_the_element_named()
    {
        using var db = new TestDatabase();
        await using var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        var result = await host.DeployAsync(TestDatabase.TimerAndTask.Replace(
            "<am:role name=\"sachbearbeitung\" />", "<am:role name=\"sachbearbeitung\" /><am:effort activity=\"6\" complexity=\"complex\" payLevel=\"gehoben\" occupation=\"73202\" />",
            StringComparison.Ordinal), "frist.bpmn");
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Automation.Engine.Model.DiagnosticSeverity.Error);
        Assert.Equal("pruefen", error.ElementId);
        Assert.Equal(Automation.Engine.Accounting.PricingCheck.ZeitwertUndefined, error.Code);
        Assert.Empty(await RowsAsync(host, "SELECT 1 FROM definitions"));
    }

    [Fact]
    public async Task Upgrading_a_database_from_the_first_schema_version_keeps_its_data()
    {
        using var db = new TestDatabase();
        var database = new AutomationDatabase(db.Options);
        await using (var context = database.CreateContext())
        {
            var migrator = context.GetService<IMigrator>();
            var first = context.Database.GetMigrations().First();
            await migrator.MigrateAsync(first);
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO cases (id, definition_id, process_id, business_key, status, state, revision, started_at, updated_at, ended_at) " +
                "VALUES ('00000000-0000-0000-0000-000000000001', 1, 'alt', 'AZ-ALT', 'Waiting', '{{}}', 3, 1, 1, NULL)");
            Assert.DoesNotContain("ledger_entries", await context.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync());
        }
        await database.MigrateAsync();
        await using (var context = database.CreateContext())
        {
            var kept = await context.Cases.SingleAsync();
            Assert.Equal(("AZ-ALT", 3L), (kept.BusinessKey, kept.Revision));
            Assert.Equal(0, await context.LedgerEntries.CountAsync());
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        }
        await database.DisposeAsync();
    }
}
