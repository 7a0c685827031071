using Automation.Data;
using Automation.Engine.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Tests.Host;

/// <summary>The host's contract, run on each provider.</summary>
public abstract class HostContractTests
{
    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    protected static Task<long> CountAsync(WorkflowHost host, string sql) => Durability.DurabilityChecks.ScalarAsync(host, sql);

    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached within " + timeout);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_case_persists_its_steps_waits_and_task_and_the_timer_fires_through_its_job()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync());
        var deploy = await host.DeployAsync(TestDatabase.TimerAndTask, "frist.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        var started = await host.StartCaseAsync("frist", businessKey: "AZ-1");
        Assert.Equal(CaseStatus.Waiting, started.Status);
        Assert.Equal(2, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}'"));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM waits WHERE case_id = '{started.CaseId}' AND kind = 'Timer'"));
        await WaitUntilAsync(async () => await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{started.CaseId}' AND status = 'open'") == 1, TimeSpan.FromSeconds(20));
        var snapshot = await host.GetCaseAsync(started.CaseId);
        var task = Assert.Single(snapshot!.State.Waits);
        await host.ClaimTaskAsync(started.CaseId, task.Id, "mueller");
        var done = await host.CompleteTaskAsync(started.CaseId, task.Id, completedBy: "mueller");
        Assert.Equal(CaseStatus.Completed, done.Status);
        Assert.Equal(5, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}'"));
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM waits WHERE case_id = '{started.CaseId}'"));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{started.CaseId}' AND status = 'completed'"));
    }

    private const string TaskWithDeadline = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="bescheid" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="entscheiden" am:deadline="PT1S" am:escalateTo="leitung"><bpmn:extensionElements><am:role name="sachbearbeitung" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="entscheiden" />
            <bpmn:sequenceFlow id="f2" sourceRef="entscheiden" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Stopping_the_host_twice_at_once_disposes_it_once_without_an_error()
    {
        // ASP.NET Core's host can stop twice concurrently (the Run loop and an explicit StopAsync); both must return cleanly.
        var host = await WorkflowHost.StartAsync(await NewDatabaseAsync());
        var concurrent = await Record.ExceptionAsync(() => Task.WhenAll(host.DisposeAsync().AsTask(), host.DisposeAsync().AsTask()));
        var again = await Record.ExceptionAsync(() => host.DisposeAsync().AsTask());
        Assert.Null(concurrent);
        Assert.Null(again);
    }

    [Fact]
    public async Task A_task_past_its_deadline_is_escalated_once_through_its_job_and_a_task_done_in_time_is_not()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync());
        Assert.True((await host.DeployAsync(TaskWithDeadline, "bescheid.bpmn")).Succeeded);
        var late = await host.StartCaseAsync("bescheid");
        var inTime = await host.StartCaseAsync("bescheid");
        Assert.Equal(1000, await CountAsync(host, $"SELECT due_at - created_at FROM tasks WHERE case_id = '{late.CaseId}'"));
        await host.CompleteTaskAsync(inTime.CaseId, inTime.State.Waits[0].Id);

        await WaitUntilAsync(async () => await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{late.CaseId}' AND escalated_at IS NOT NULL") == 1,
            TimeSpan.FromSeconds(20));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{late.CaseId}' AND roles = '|sachbearbeitung|leitung|'"));
        Assert.False(await host.EscalateTaskAsync(late.CaseId, late.State.Waits[0].Id));
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{inTime.CaseId}' AND escalated_at IS NOT NULL"));
        // The escalated task is still an ordinary task: completing it ends the case.
        Assert.Equal(CaseStatus.Completed, (await host.CompleteTaskAsync(late.CaseId, late.State.Waits[0].Id)).Status);
    }

    [Fact]
    public async Task A_deadline_missed_while_no_scheduler_ran_is_escalated_exactly_once()
    {
        var database = await NewDatabaseAsync();
        Guid caseId;
        long taskId;
        await using (var down = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false }))
        {
            await down.DeployAsync(TaskWithDeadline, "bescheid.bpmn");
            var started = await down.StartCaseAsync("bescheid");
            (caseId, taskId) = (started.CaseId, started.State.Waits[0].Id);
            Assert.False(await down.EscalateTaskAsync(caseId, taskId), "escalated before its deadline");
        }
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await using var host = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false });
        var escalated = await Task.WhenAll(host.EscalateTaskAsync(caseId, taskId), host.EscalateTaskAsync(caseId, taskId));
        Assert.Equal([false, true], escalated.Order());
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{caseId}' AND escalated_at IS NOT NULL AND roles = '|sachbearbeitung|leitung|'"));
    }

    [Fact]
    public async Task Two_callers_completing_the_same_task_one_wins_the_other_gets_a_conflict_and_the_case_advances_once()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        await host.DeployAsync(TestDatabase.TimerAndTask.Replace("PT1S", "PT0S", StringComparison.Ordinal), "frist.bpmn");
        var started = await host.StartCaseAsync("frist");
        // The timer is due at once but no scheduler runs here: fire it by hand.
        var timer = Assert.Single(started.State.Waits);
        Assert.True(await host.FireTimerAsync(started.CaseId, timer.Id));
        Assert.False(await host.FireTimerAsync(started.CaseId, timer.Id));
        var task = Assert.Single((await host.GetCaseAsync(started.CaseId))!.State.Waits);
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                await host.CompleteTaskAsync(started.CaseId, task.Id);
                return "won";
            }
            catch (ConcurrencyConflictException e)
            {
                Assert.Contains("nicht mehr offen", e.Message, StringComparison.Ordinal);
                return "conflict";
            }
        }));
        Assert.Equal(["conflict", "won"], results.Order());
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'pruefen'"));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'end'"));
    }

    [Fact]
    public async Task A_claim_between_reading_a_task_and_completing_it_makes_the_completion_a_conflict_and_the_claim_stands()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        await host.DeployAsync(TestDatabase.TimerAndTask.Replace("PT1S", "PT0S", StringComparison.Ordinal), "frist.bpmn");
        var started = await host.StartCaseAsync("frist");
        Assert.True(await host.FireTimerAsync(started.CaseId, Assert.Single(started.State.Waits).Id));
        var task = Assert.Single((await host.GetCaseAsync(started.CaseId))!.State.Waits);
        var read = await host.FindTaskAsync(started.CaseId, task.Id);
        Assert.True(read is { IsOpen: true, Task.Assignee: null });
        // A claim changes only the task row, not the case row's revision: the completion must still see it.
        await host.ClaimTaskAsync(started.CaseId, task.Id, "mueller");
        var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => host.CompleteTaskAsync(read, completedBy: "schmidt"));
        Assert.Contains("hat eine andere Person übernommen", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{started.CaseId}' AND status = 'claimed' AND assignee = 'mueller'"));
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'pruefen'"));
        var done = await host.CompleteTaskAsync(started.CaseId, task.Id, completedBy: "mueller");
        Assert.Equal(CaseStatus.Completed, done.Status);
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{started.CaseId}' AND status = 'completed'"));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'pruefen'"));
    }

    [Fact]
    public async Task Two_completions_from_reads_taken_before_either_wrote_advance_the_case_once()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        await host.DeployAsync(TestDatabase.TimerAndTask.Replace("PT1S", "PT0S", StringComparison.Ordinal), "frist.bpmn");
        var started = await host.StartCaseAsync("frist");
        Assert.True(await host.FireTimerAsync(started.CaseId, Assert.Single(started.State.Waits).Id));
        var task = Assert.Single((await host.GetCaseAsync(started.CaseId))!.State.Waits);
        // Both callers hold a read of the open task (as two requests that read before either wrote), then both complete.
        var reads = await Task.WhenAll(host.FindTaskAsync(started.CaseId, task.Id), host.FindTaskAsync(started.CaseId, task.Id));
        var results = await Task.WhenAll(reads.Select(async read =>
        {
            try
            {
                await host.CompleteTaskAsync(read!, completedBy: "mueller");
                return "won";
            }
            catch (ConcurrencyConflictException)
            {
                return "conflict";
            }
        }));
        Assert.Equal(["conflict", "won"], results.Order());
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'pruefen'"));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'end'"));
    }

    [Fact]
    public async Task A_message_that_arrives_before_its_catch_event_is_buffered_and_delivered()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        await host.DeployAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
              <bpmn:message id="m" name="Unterlagen eingegangen" />
              <bpmn:process id="nachreichen" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="anfordern" />
                <bpmn:receiveTask id="empfangen" messageRef="m"><bpmn:extensionElements><am:correlation key="az" /></bpmn:extensionElements></bpmn:receiveTask>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="anfordern" />
                <bpmn:sequenceFlow id="f2" sourceRef="anfordern" targetRef="empfangen" />
                <bpmn:sequenceFlow id="f3" sourceRef="empfangen" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "nachreichen.bpmn");
        var a = await host.StartCaseAsync("nachreichen", [new("az", "A-1")]);
        var b = await host.StartCaseAsync("nachreichen", [new("az", "B-2")]);
        var early = await host.CorrelateMessageAsync("Unterlagen eingegangen", "B-2", [new("seiten", 3)]);
        Assert.Equal(MessageDelivery.Buffered, early.Delivery);
        var caseB = await host.CompleteTaskAsync(b.CaseId, Assert.Single(b.State.Waits).Id);
        Assert.Equal(CaseStatus.Completed, caseB.Status);
        Assert.Equal(3d, caseB.State.Variables["seiten"]);
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM buffered_messages"));
        var caseA = await host.CompleteTaskAsync(a.CaseId, Assert.Single(a.State.Waits).Id);
        Assert.Equal(CaseStatus.Waiting, caseA.Status);
        var late = await host.CorrelateMessageAsync("Unterlagen eingegangen", "A-1");
        Assert.Equal(new MessageResult(MessageDelivery.Delivered, a.CaseId), late);
        Assert.Equal(CaseStatus.Completed, (await host.GetCaseAsync(a.CaseId))!.Status);
    }

    [Fact]
    public async Task The_start_finds_without_EF_Core_the_migrations_EF_Core_applies_and_a_restart_applies_none()
    {
        var options = await NewDatabaseAsync();
        await using (var host = await WorkflowHost.StartAsync(options, new WorkflowHostOptions { RunScheduler = false }))
        {
            await using var context = host.Database.CreateContext();
            Assert.NotEmpty(host.Database.KnownMigrations());
            Assert.Equal(context.Database.GetMigrations(), host.Database.KnownMigrations());
            Assert.Equal(host.Database.KnownMigrations(), await context.Database.GetAppliedMigrationsAsync());
            await using var c = await host.Database.OpenAsync();
            await using var cmd = c.CreateCommand();
            // Data written after the first start must survive the second start untouched.
            cmd.CommandText = "INSERT INTO factor_versions (key, version, value, unit, source, year, status, valid_from, created_by, created_at) " +
                "VALUES ('test.marker', 1, '1', 'x', 'test', 2026, 'assumption', '2026-01-01', 'test', 0)";
            await cmd.ExecuteNonQueryAsync();
        }
        await using var again = await WorkflowHost.StartAsync(options, new WorkflowHostOptions { RunScheduler = false });
        Assert.Equal(again.Database.KnownMigrations().Count, await CountAsync(again, "SELECT COUNT(*) FROM \"__EFMigrationsHistory\""));
        Assert.Contains(again.Factors.Current.Versions, v => v.Key == "test.marker");
    }

    [Fact]
    public async Task The_start_checks_see_one_definition_one_case_and_each_user_and_repair_only_wrong_user_names()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        Assert.Equal(new StoredContents(false, false, 0), await host.Database.ReadContentsAsync());
        Assert.Equal(0, await host.Database.RepairUserNamesAsync(n => n.ToUpperInvariant()));
        await using (var c = await host.Database.OpenAsync())
        {
            // One user stored right, one as SQL's lower() left it on SQLite (the capital umlaut untouched).
            foreach (var (name, normal) in new[] { ("meier", "MEIER"), ("Ärger", "äRGER") })
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "INSERT INTO server_users (user_name, normalized_name, display_name, password_hash, roles, candidate_groups, " +
                    $"security_stamp, active, external, created_at, updated_at) VALUES ('{name}', '{normal}', '{name}', '', '', '', 's', TRUE, FALSE, 0, 0)";
                await cmd.ExecuteNonQueryAsync();
            }
        }
        Assert.Equal(new StoredContents(false, false, 2), await host.Database.ReadContentsAsync());
        Assert.Equal(1, await host.Database.RepairUserNamesAsync(n => n.ToUpperInvariant()));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM server_users WHERE normalized_name = 'ÄRGER'"));
        Assert.Equal(0, await host.Database.RepairUserNamesAsync(n => n.ToUpperInvariant()));

        Assert.True((await host.DeployAsync(TestDatabase.TimerAndTask, "frist.bpmn")).Succeeded);
        Assert.Equal(new StoredContents(true, false, 2), await host.Database.ReadContentsAsync());
        await host.StartCaseAsync("frist");
        await host.StartCaseAsync("frist");
        Assert.Equal(new StoredContents(true, true, 2), await host.Database.ReadContentsAsync());
    }

    [Fact]
    public async Task A_new_database_and_one_a_migration_behind_need_migrating_a_current_or_newer_one_does_not()
    {
        var options = await NewDatabaseAsync();
        await using (var fresh = new AutomationDatabase(options))
        {
            Assert.True(await fresh.NeedsMigrationAsync());
        }
        await using var host = await WorkflowHost.StartAsync(options, new WorkflowHostOptions { RunScheduler = false });
        Assert.False(await host.Database.NeedsMigrationAsync());
        var last = host.Database.KnownMigrations()[^1];
        await using var c = await host.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        // A database of the previous build lacks the last migration's row.
        cmd.CommandText = $"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{last}'";
        await cmd.ExecuteNonQueryAsync();
        Assert.True(await host.Database.NeedsMigrationAsync());
        // A newer build's database is not this build's to migrate: the start refuses it (test below).
        cmd.CommandText = "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES " +
            $"('{last}', '10.0'), ('29991231000000_FromTheFuture', '99.0')";
        await cmd.ExecuteNonQueryAsync();
        Assert.False(await host.Database.NeedsMigrationAsync());
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_version_is_refused_and_left_untouched()
    {
        var options = await NewDatabaseAsync();
        await using (var host = await WorkflowHost.StartAsync(options, new WorkflowHostOptions { RunScheduler = false }))
        {
            await using var c = await host.Database.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0')";
            await cmd.ExecuteNonQueryAsync();
        }
        var e = await Assert.ThrowsAsync<StorageException>(() => WorkflowHost.StartAsync(options, new WorkflowHostOptions { RunScheduler = false }));
        Assert.Contains("neuer ist als alle, die dieser Server kennt", e.Message, StringComparison.Ordinal);
        Assert.Contains("29991231000000_FromTheFuture", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_one_case_sends_reaches_the_case_waiting_for_it_exactly_once()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { JobPollInterval = TimeSpan.FromMilliseconds(50) });
        var deploy = await host.DeployAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:message id="m" name="Gebühr bezahlt" />
              <bpmn:process id="kasse" isExecutable="true">
                <bpmn:startEvent id="kStart" />
                <bpmn:sendTask id="melden" messageRef="m" />
                <bpmn:endEvent id="kEnde" />
                <bpmn:sequenceFlow id="k1" sourceRef="kStart" targetRef="melden" />
                <bpmn:sequenceFlow id="k2" sourceRef="melden" targetRef="kEnde" />
              </bpmn:process>
              <bpmn:process id="ausweis" isExecutable="true">
                <bpmn:startEvent id="aStart" />
                <bpmn:receiveTask id="warten" messageRef="m" />
                <bpmn:endEvent id="aEnde" />
                <bpmn:sequenceFlow id="a1" sourceRef="aStart" targetRef="warten" />
                <bpmn:sequenceFlow id="a2" sourceRef="warten" targetRef="aEnde" />
              </bpmn:process>
            </bpmn:definitions>
            """, "kasse.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        var other = await host.StartCaseAsync("ausweis", businessKey: "AZ-2");
        var waiting = await host.StartCaseAsync("ausweis", businessKey: "AZ-1");
        await host.StartCaseAsync("kasse", businessKey: "AZ-1");
        await WaitUntilAsync(async () => (await host.GetCaseAsync(waiting.CaseId))!.Status == Automation.Engine.Runtime.CaseStatus.Completed, TimeSpan.FromSeconds(20));
        await WaitUntilAsync(async () => await CountAsync(host, "SELECT COUNT(*) FROM jobs") == 0, TimeSpan.FromSeconds(20));
        Assert.Equal(Automation.Engine.Runtime.CaseStatus.Waiting, (await host.GetCaseAsync(other.CaseId))!.Status);
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM buffered_messages"));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM steps WHERE node_id = 'warten'"));
    }

    [Fact]
    public async Task Signals_reach_every_waiting_case_through_the_job_worker()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { JobPollInterval = TimeSpan.FromMilliseconds(50) });
        await host.DeployAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:signal id="s" name="Haushaltssperre aufgehoben" />
              <bpmn:process id="warten-auf-freigabe" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:intermediateCatchEvent id="freigabe"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="freigabe" />
                <bpmn:sequenceFlow id="f2" sourceRef="freigabe" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "freigabe.bpmn");
        var cases = new List<Guid>();
        for (var i = 0; i < 5; i++) cases.Add((await host.StartCaseAsync("warten-auf-freigabe")).CaseId);
        Assert.Equal(5, await host.BroadcastSignalAsync("Haushaltssperre aufgehoben"));
        await WaitUntilAsync(async () => await CountAsync(host, "SELECT COUNT(*) FROM cases WHERE status = 'Completed'") == 5, TimeSpan.FromSeconds(20));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM jobs"));
        Assert.Equal(5, await CountAsync(host, "SELECT COUNT(*) FROM steps WHERE node_id = 'freigabe'"));
    }

    [Fact]
    public async Task A_scoped_message_or_signal_reaches_only_cases_of_the_scope_and_is_never_buffered()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        static string Waiting(string id) => $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d_{id}" targetNamespace="urn:t">
              <bpmn:message id="m" name="Bescheid da" />
              <bpmn:signal id="s" name="Frist verlängert" />
              <bpmn:process id="{id}" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:parallelGateway id="split" />
                <bpmn:receiveTask id="bescheid" messageRef="m" />
                <bpmn:intermediateCatchEvent id="frist"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
                <bpmn:parallelGateway id="join" />
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split" />
                <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="bescheid" />
                <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="frist" />
                <bpmn:sequenceFlow id="f3" sourceRef="bescheid" targetRef="join" />
                <bpmn:sequenceFlow id="f4" sourceRef="frist" targetRef="join" />
                <bpmn:sequenceFlow id="f5" sourceRef="join" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var inner = Assert.Single((await host.DeployAsync(Waiting("innen"), "innen.bpmn")).Versions);
        Assert.Single((await host.DeployAsync(Waiting("aussen"), "aussen.bpmn")).Versions);
        var outside = await host.StartCaseAsync("aussen", businessKey: "AZ-1");
        var own = await host.StartCaseAsync("innen", businessKey: "AZ-2");
        var scope = new CaseScope(new HashSet<long> { inner.Id });

        // By key: the only waiting case with AZ-1 is outside, so nothing is delivered, started or buffered.
        Assert.Equal(new MessageResult(MessageDelivery.NotDelivered, null), await host.CorrelateMessageAsync("Bescheid da", "AZ-1", [new("x", 1)], scope));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM buffered_messages"));
        Assert.Contains((await host.GetCaseAsync(outside.CaseId))!.State.Waits, w => w.Kind == WaitKind.Message);
        // Without key the older case outside would win unscoped; scoped, the case inside does.
        Assert.Equal(new MessageResult(MessageDelivery.Delivered, own.CaseId), await host.CorrelateMessageAsync("Bescheid da", scope: scope));
        Assert.Contains((await host.GetCaseAsync(outside.CaseId))!.State.Waits, w => w.Kind == WaitKind.Message);

        Assert.Equal(1, await host.BroadcastSignalAsync("Frist verlängert", scope: scope));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM jobs WHERE kind = 'signal' AND case_id = '{own.CaseId}'"));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM jobs"));

        var empty = new CaseScope(new HashSet<long>());
        Assert.Equal(MessageDelivery.NotDelivered, (await host.CorrelateMessageAsync("Bescheid da", "AZ-1", scope: empty)).Delivery);
        Assert.Equal(0, await host.BroadcastSignalAsync("Frist verlängert", scope: empty));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM buffered_messages"));
        // Unscoped, the same message still reaches the case outside.
        Assert.Equal(new MessageResult(MessageDelivery.Delivered, outside.CaseId), await host.CorrelateMessageAsync("Bescheid da", "AZ-1"));
    }
}

/// <summary>Timer start events and unreachable databases (SQLite and provider-neutral checks).</summary>
public sealed class SchedulingTests
{
    [Fact]
    public async Task A_timer_start_event_with_a_cycle_starts_cases_on_schedule_and_each_occurrence_once()
    {
        using var db = new TestDatabase();
        await using var host = await WorkflowHost.StartAsync(db.Options);
        var deploy = await host.DeployAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:process id="taeglich" isExecutable="true">
                <bpmn:startEvent id="jedeSekunde"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="jedeSekunde" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "taeglich.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long started;
        do
        {
            await Task.Delay(250);
            started = await Durability.DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM cases WHERE process_id = 'taeglich' AND status = 'Completed'");
        }
        while (started < 3 && DateTime.UtcNow < deadline);
        Assert.Equal(3, started);
        // R3 means three occurrences: no fourth case comes.
        await Task.Delay(2500);
        Assert.Equal(3L, await Durability.DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM cases"));
    }

    [Fact]
    public async Task An_elsa_delay_is_a_durable_timer()
    {
        using var db = new TestDatabase();
        await using var host = await WorkflowHost.StartAsync(db.Options);
        var deploy = await host.DeployAsync("""
            {
              "definitionId": "erinnerung", "name": "Erinnerung",
              "root": { "type": "Elsa.Flowchart", "id": "Flowchart1", "start": "Start1",
                "activities": [
                  { "id": "Start1", "type": "Elsa.Start" },
                  { "id": "Delay1", "type": "Elsa.Delay", "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:00:01" } } },
                  { "id": "End1", "type": "Elsa.End" } ],
                "connections": [
                  { "source": "Start1", "target": "Delay1", "sourcePort": "Done", "targetPort": "In" },
                  { "source": "Delay1", "target": "End1", "sourcePort": "Done", "targetPort": "In" } ] }
            }
            """, "erinnerung.json");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        var started = await host.StartCaseAsync("erinnerung");
        Assert.Equal(Automation.Engine.Runtime.WaitKind.Timer, Assert.Single(started.State.Waits).Kind);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await host.GetCaseAsync(started.CaseId))!.Status != Automation.Engine.Runtime.CaseStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, "the Elsa delay did not fire");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_unreachable_postgresql_is_named_without_its_password_and_retried_with_backoff()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var database = new AutomationDatabase(new DatabaseOptions(DatabaseProvider.Postgres,
            $"Host=127.0.0.1;Port={port};Username=automation;Password=geheim;Database=kommune;Timeout=2"));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<StorageException>(() => database.MigrateAsync(attempts: 3));
        Assert.Contains($"PostgreSQL 127.0.0.1:{port}/kommune as automation", e.Message, StringComparison.Ordinal);
        Assert.Contains("nicht erreichbar", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", e.Message, StringComparison.Ordinal);
        // Two waits between three attempts: 0.5 s and 1 s.
        Assert.True(sw.Elapsed >= TimeSpan.FromSeconds(1.4), $"no backoff: {sw.Elapsed}");
        await database.DisposeAsync();
    }
}

/// <summary>The host on SQLite, the embedded default.</summary>
public sealed class SqliteHostTests : HostContractTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();

    [Theory]
    [InlineData("Data Source=:memory:", true)]
    [InlineData("Data Source=geteilt;Mode=Memory;Cache=Shared", true)]
    [InlineData("Data Source=", true)]
    [InlineData("Data Source=data/automation.db", false)]
    [InlineData("Data Source=/var/lib/automation/memory.db;Mode=ReadWriteCreate", false)]
    public void Only_sqlite_in_memory_ends_with_the_process(string connectionString, bool inMemory) =>
        Assert.Equal(inMemory, new DatabaseOptions(DatabaseProvider.Sqlite, connectionString).IsInMemory);

    [Fact]
    public async Task A_database_folder_that_cannot_be_created_is_a_storage_error_naming_the_database()
    {
        using var db = new TestDatabase();
        var blocker = Path.Combine(db.Directory, "datei");
        await File.WriteAllTextAsync(blocker, "kein Ordner");
        var options = DatabaseOptions.SqliteFile(Path.Combine(blocker, "automation.db"));

        var e = await Assert.ThrowsAsync<StorageException>(() => WorkflowHost.StartAsync(options, new WorkflowHostOptions { RunScheduler = false }));
        Assert.Contains(blocker, e.Message, StringComparison.Ordinal);
        Assert.Contains("lässt sich nicht öffnen", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_disk_gives_a_clear_error_the_host_stops_taking_work_and_nothing_is_half_written()
    {
        using var db = new TestDatabase();
        await using (var setup = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false }))
        {
            await setup.DeployAsync(TestDatabase.TimerAndTask, "frist.bpmn");
        }
        SqliteConnection.ClearAllPools();
        // A size cap a little above the current file: the database fills up after some cases, as on a full disk.
        var full = db.Options with { MaxSizeBytes = new FileInfo(Path.Combine(db.Directory, "automation.db")).Length + 64 * 1024 };
        var started = 0;
        StorageException? error = null;
        await using (var host = await WorkflowHost.StartAsync(full, new WorkflowHostOptions { RunScheduler = false }))
        {
            for (var i = 0; i < 5000 && error is null; i++)
            {
                try
                {
                    await host.StartCaseAsync("frist", businessKey: "AZ-" + i);
                    started++;
                }
                catch (StorageException e)
                {
                    error = e;
                }
            }
            Assert.NotNull(error);
            Assert.Contains("Der Datenträger ist voll", error.Message, StringComparison.Ordinal);
            Assert.NotNull(host.Stopped);
            await Assert.ThrowsAsync<StorageException>(() => host.StartCaseAsync("frist"));
        }
        SqliteConnection.ClearAllPools();
        await using var check = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        Assert.True(started > 0, "the cap left no room for a single case");
        Assert.Equal(started, await CountAsync(check, "SELECT COUNT(*) FROM cases"));
        // Every stored case is whole: its two steps and its timer wait, nothing of the case that failed.
        Assert.Equal(2L * started, await CountAsync(check, "SELECT COUNT(*) FROM steps"));
        Assert.Equal(started, await CountAsync(check, "SELECT COUNT(*) FROM waits"));
        Assert.Equal(1, await CountAsync(check, "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"));
    }

    [Fact]
    public async Task A_read_only_database_gives_a_clear_error_and_the_host_stops_taking_work()
    {
        using var db = new TestDatabase();
        await using (var setup = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false }))
        {
            await setup.DeployAsync(TestDatabase.TimerAndTask, "frist.bpmn");
        }
        SqliteConnection.ClearAllPools();
        var readOnly = new DatabaseOptions(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder(db.Options.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());
        await using var host = await WorkflowHost.StartAsync(readOnly, new WorkflowHostOptions { RunScheduler = false });
        var e = await Assert.ThrowsAsync<StorageException>(() => host.StartCaseAsync("frist"));
        Assert.Contains("schreibgeschützt", e.Message, StringComparison.Ordinal);
        Assert.NotNull(host.Stopped);
        await Assert.ThrowsAsync<StorageException>(() => host.StartCaseAsync("frist"));
        await using var check = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        Assert.Equal(0, await CountAsync(check, "SELECT COUNT(*) FROM cases"));
    }
}
