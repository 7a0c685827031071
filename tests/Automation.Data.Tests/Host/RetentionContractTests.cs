using System.Globalization;
using System.Text.Json;
using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>A clock the test moves forward; everything else about time stays the system's.</summary>
internal sealed class MovableClock : TimeProvider
{
    private long ticks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

/// <summary>
/// Retention (Aufbewahrungsfrist) on each provider: after a case's period its data goes — variables, business key,
/// tasks with form values and assignee, history texts, worker pseudonyms — and its ledger figures stay to the cent.
/// </summary>
public abstract class RetentionContractTests
{
    private const string Secret = "DE-STEUER-4711-GEHEIM";

    // Two processes in one file: "antrag" keeps its cases 30 days, "ohnefrist" states nothing (host default).
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="antrag" isExecutable="true" am:retention="P30D">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="pruefen" name="Antrag prüfen">
              <bpmn:extensionElements>
                <am:role name="sachbearbeitung" />
                <am:effort activity="6" complexity="medium" payLevel="gehoben" occupation="73213" />
                <am:automation level="manual" />
                <am:field id="entscheidung" type="enum" options="ja,nein" required="true" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:exclusiveGateway id="weiche" default="f4" />
            <bpmn:endEvent id="end" />
            <bpmn:endEvent id="abgelehnt" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="weiche" />
            <bpmn:sequenceFlow id="f3" sourceRef="weiche" targetRef="abgelehnt"><bpmn:conditionExpression>entscheidung == 'nein'</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f4" sourceRef="weiche" targetRef="end" />
          </bpmn:process>
          <bpmn:process id="ohnefrist" isExecutable="true">
            <bpmn:startEvent id="s2" />
            <bpmn:userTask id="bearbeiten" name="Bearbeiten">
              <bpmn:extensionElements>
                <am:role name="sachbearbeitung" />
                <am:effort activity="6" complexity="simple" payLevel="mittel" occupation="73213" />
                <am:automation level="manual" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="e2" />
            <bpmn:sequenceFlow id="g1" sourceRef="s2" targetRef="bearbeiten" />
            <bpmn:sequenceFlow id="g2" sourceRef="bearbeiten" targetRef="e2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private static WorkflowHostOptions Options(MovableClock clock, bool scheduler = false) => new()
    {
        RunScheduler = scheduler,
        Clock = clock,
        CaseRetention = new RetentionPeriod(12, 0),
        WorkerPseudonymKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(),
    };

    private static Task<long> CountAsync(WorkflowHost host, string sql) => Durability.DurabilityChecks.ScalarAsync(host, sql);

    private static async Task<string> TextAsync(WorkflowHost host, string sql)
    {
        await using var c = await host.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var parts = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) parts.Add(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!);
        }
        return string.Join("|", parts);
    }

    // Totals as the ledger reads them, rounded only for comparison.
    private const string LedgerTotals =
        "SELECT COUNT(*), ROUND(CAST(SUM(staff_minutes) AS numeric), 6), ROUND(CAST(SUM(labour_cost_eur) AS numeric), 6), " +
        "ROUND(CAST(SUM(workplace_g + compute_g + ai_g + paper_g + post_g + embodied_g) AS numeric), 6), " +
        "COUNT(DISTINCT case_id), COUNT(DISTINCT node_id) FROM ledger_entries";

    private static async Task<Guid> CompletedCaseAsync(WorkflowHost host, string process, string businessKey, string decision = "ja")
    {
        var started = await host.StartCaseAsync(process, [new("steuerId", Secret), new("name", "Erika Mustermann")], businessKey);
        var task = Assert.Single(started.State.Waits);
        await host.ClaimTaskAsync(started.CaseId, task.Id, "mueller");
        var done = await host.CompleteTaskAsync(started.CaseId, task.Id,
            process == "antrag" ? [new("entscheidung", decision)] : null, "mueller");
        Assert.Equal(CaseStatus.Completed, done.Status);
        return started.CaseId;
    }

    [Fact]
    public async Task After_the_period_a_case_keeps_only_status_times_and_ledger_figures_and_the_deletion_is_audited()
    {
        var clock = new MovableClock();
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), Options(clock));
        var deploy = await host.DeployAsync(Bpmn, "fristen.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        Assert.Equal("P30D", deploy.Versions.Single(v => v.Process.Id == "antrag").Process.Retention?.ToString());
        var expiring = new[]
        {
            await CompletedCaseAsync(host, "antrag", "AZ-1"),
            await CompletedCaseAsync(host, "antrag", "AZ-2", "nein"),
            await CompletedCaseAsync(host, "antrag", "AZ-3"),
        };
        var running = await host.StartCaseAsync("antrag", [new("steuerId", Secret)], "AZ-OFFEN");
        var longer = await CompletedCaseAsync(host, "ohnefrist", "AZ-LANG");
        await host.CorrelateMessageAsync("niemand-wartet", "AZ-9", [new("iban", "DE02120300000000202051")]);
        var ledgerBefore = await TextAsync(host, LedgerTotals);
        var stepsBefore = await CountAsync(host, "SELECT COUNT(*) FROM steps");
        Assert.Equal(3, await CountAsync(host, "SELECT COUNT(*) FROM steps WHERE worker_key IS NOT NULL AND case_id IN " + InList(expiring)));

        // Within the period no case goes; the message past its buffer time does.
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(new RetentionResult(0, 1), await host.PurgeExpiredCasesAsync());
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM cases WHERE purged_at IS NOT NULL"));

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(new RetentionResult(3, 0), await host.PurgeExpiredCasesAsync());

        var purged = InList(expiring);
        // Gone: variables (state), business key, tasks with form values and assignee, texts and pseudonyms on step rows.
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM cases WHERE id IN {purged} AND (state LIKE '%{Secret}%' OR state LIKE '%Mustermann%' OR business_key IS NOT NULL)"));
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id IN {purged}"));
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id IN {purged} AND worker_key IS NOT NULL"));
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id IN {purged} AND detail IS NOT NULL AND kind <> 'ExclusiveGateway'"));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM buffered_messages"));
        var snapshot = await host.GetCaseAsync(expiring[0]);
        Assert.Equal(CaseStatus.Completed, snapshot!.Status);
        Assert.Empty(snapshot.State.Variables);
        Assert.Null(snapshot.State.BusinessKey);
        // Kept: every step row (the dashboards count executions), the branch taken, and the ledger to the last digit.
        Assert.Equal(stepsBefore, await CountAsync(host, "SELECT COUNT(*) FROM steps"));
        Assert.Equal(3, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id IN {purged} AND kind = 'ExclusiveGateway' AND detail LIKE '%f%'"));
        Assert.Equal(ledgerBefore, await TextAsync(host, LedgerTotals));
        Assert.Equal(3, await CountAsync(host, $"SELECT COUNT(*) FROM cases WHERE id IN {purged} AND status = 'Completed' AND ended_at IS NOT NULL AND purged_at IS NOT NULL"));

        // Untouched: the running case and the case whose process keeps its data longer.
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{running.CaseId}' AND status = 'open'"));
        Assert.Contains(Secret, await TextAsync(host, $"SELECT state FROM cases WHERE id = '{running.CaseId}'"), StringComparison.Ordinal);
        Assert.Contains(Secret, await TextAsync(host, $"SELECT state FROM cases WHERE id = '{longer}'"), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{longer}' AND assignee = 'mueller'"));

        // Audited: one row with the count and the case ids, and nothing of the content.
        var audit = await TextAsync(host, $"SELECT actor, entity_id, action, after_json FROM audit_log WHERE entity_kind = '{WorkflowHost.RetentionAuditKind}'");
        Assert.StartsWith("system|P30D|purge|", audit, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(audit.Split('|')[3]))
        {
            Assert.Equal(3, doc.RootElement.GetProperty("count").GetInt32());
            Assert.Equal(expiring.Select(g => g.ToString("D")).Order(StringComparer.Ordinal),
                doc.RootElement.GetProperty("caseIds").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        }
        Assert.DoesNotContain(Secret, audit, StringComparison.Ordinal);
        Assert.DoesNotContain("AZ-1", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("mueller", audit, StringComparison.Ordinal);

        // A second pass finds nothing and writes no audit row; after the default year the other case goes too.
        Assert.Equal(0, (await host.PurgeExpiredCasesAsync()).Cases);
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM audit_log WHERE entity_kind = '{WorkflowHost.RetentionAuditKind}'"));
        clock.Advance(TimeSpan.FromDays(366));
        Assert.Equal(1, (await host.PurgeExpiredCasesAsync()).Cases);
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM cases WHERE id = '{longer}' AND state LIKE '%{Secret}%'"));
        Assert.Equal(ledgerBefore, await TextAsync(host, LedgerTotals));
    }

    [Fact]
    public async Task The_job_worker_deletes_expired_cases_by_itself_once_the_clock_has_passed_the_period()
    {
        var clock = new MovableClock();
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), Options(clock, scheduler: true));
        Assert.True((await host.DeployAsync(Bpmn, "fristen.bpmn")).Succeeded);
        var id = await CompletedCaseAsync(host, "antrag", "AZ-7");
        clock.Advance(TimeSpan.FromDays(31));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await CountAsync(host, $"SELECT COUNT(*) FROM cases WHERE id = '{id}' AND purged_at IS NOT NULL") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job worker did not purge the case within 20 s of the clock passing its period");
            await Task.Delay(100);
        }
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{id}'"));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM audit_log WHERE entity_kind = '{WorkflowHost.RetentionAuditKind}'"));
    }

    private static string InList(IEnumerable<Guid> ids) => "(" + string.Join(", ", ids.Select(i => $"'{i:D}'")) + ")";
}

/// <summary>Retention on SQLite.</summary>
public sealed class SqliteRetentionTests : RetentionContractTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

/// <summary>Retention on PostgreSQL (private cluster).</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresRetentionTests(PostgresServer server) : RetentionContractTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("retention")));
}
