using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Host;

/// <summary>Timers, deadlines and timer start events as rows of the jobs table, on each provider.</summary>
public abstract class TimerJobContractTests
{
    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    protected static Task<long> CountAsync(WorkflowHost host, string sql) => Durability.DurabilityChecks.ScalarAsync(host, sql);

    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not reached within {timeout}. {(diagnostics is null ? "" : await diagnostics())}");
            await Task.Delay(100);
        }
    }

    protected static string Timer(string duration) => TestDatabase.TimerAndTask.Replace("PT1S", duration, StringComparison.Ordinal);

    protected static string TaskWithDeadline(string deadline) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="bescheid" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="entscheiden" am:deadline="{deadline}" am:escalateTo="leitung"><bpmn:extensionElements><am:role name="sachbearbeitung" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="entscheiden" />
            <bpmn:sequenceFlow id="f2" sourceRef="entscheiden" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Jobs(Guid caseId, string kind) => $"SELECT COUNT(*) FROM jobs WHERE case_id = '{caseId}' AND kind = '{kind}'";

    [Fact]
    public async Task A_timer_wait_has_exactly_one_job_written_with_it_and_none_after_it_fired_or_its_case_was_cancelled()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync());
        Assert.True((await host.DeployAsync(Timer("PT1H"), "frist.bpmn")).Succeeded);
        var cancelled = await host.StartCaseAsync("frist");
        var firedByHand = await host.StartCaseAsync("frist");
        foreach (var c in new[] { cancelled, firedByHand })
        {
            var wait = Assert.Single(c.State.Waits);
            Assert.Equal(1, await CountAsync(host, Jobs(c.CaseId, "timer")));
            // The job is the wait's: its target is the wait id and it is due when the wait is.
            Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM jobs j JOIN waits w ON w.case_id = j.case_id AND w.due_at = j.due_at " +
                $"WHERE j.case_id = '{c.CaseId}' AND j.kind = 'timer' AND j.target = '{wait.Id}' AND w.wait_id = {wait.Id}"));
        }

        await host.CancelCaseAsync(cancelled.CaseId);
        Assert.Equal(0, await CountAsync(host, Jobs(cancelled.CaseId, "timer")));
        // Fired outside the worker (no job id): the removed wait still takes its job along.
        Assert.True(await host.FireTimerAsync(firedByHand.CaseId, firedByHand.State.Waits[0].Id));
        Assert.Equal(0, await CountAsync(host, Jobs(firedByHand.CaseId, "timer")));

        // Fired by the job worker.
        Assert.True((await host.DeployAsync(Timer("PT1S"), "frist.bpmn")).Succeeded);
        var byWorker = await host.StartCaseAsync("frist");
        Assert.Equal(1, await CountAsync(host, Jobs(byWorker.CaseId, "timer")));
        await WaitUntilAsync(async () => await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{byWorker.CaseId}' AND status = 'open'") == 1,
            TimeSpan.FromSeconds(20));
        Assert.Equal(0, await CountAsync(host, Jobs(byWorker.CaseId, "timer")));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{byWorker.CaseId}' AND node_id = 'warten'"));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM jobs"));
    }

    [Fact]
    public async Task A_repeating_boundary_timer_has_one_job_per_armed_occurrence_and_none_once_its_cycle_ended()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync());
        var deploy = await host.DeployAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
              <bpmn:process id="erinnern" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:userTask id="pruefen"><bpmn:extensionElements><am:role name="sachbearbeitung" /></bpmn:extensionElements></bpmn:userTask>
                <bpmn:boundaryEvent id="erinnerung" attachedToRef="pruefen" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:endEvent id="end" />
                <bpmn:endEvent id="erinnert" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
                <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
                <bpmn:sequenceFlow id="f3" sourceRef="erinnerung" targetRef="erinnert" />
              </bpmn:process>
            </bpmn:definitions>
            """, "erinnern.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        var started = await host.StartCaseAsync("erinnern");
        var firstWait = Assert.Single(started.State.Waits, w => w.Kind == WaitKind.Timer).Id;
        Assert.Equal(1, await CountAsync(host, Jobs(started.CaseId, "timer") + $" AND target = '{firstWait}'"));
        string Reminders() => $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'erinnert'";

        await WaitUntilAsync(async () => await CountAsync(host, Reminders()) == 1, TimeSpan.FromSeconds(20));
        // Re-armed as a new wait: its one job replaces the fired one.
        var rearmed = Assert.Single((await host.GetCaseAsync(started.CaseId))!.State.Waits, w => w.Kind == WaitKind.Timer).Id;
        Assert.NotEqual(firstWait, rearmed);
        Assert.Equal(1, await CountAsync(host, Jobs(started.CaseId, "timer")));
        Assert.Equal(1, await CountAsync(host, Jobs(started.CaseId, "timer") + $" AND target = '{rearmed}'"));

        await WaitUntilAsync(async () => await CountAsync(host, Reminders()) == 2, TimeSpan.FromSeconds(20));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM jobs"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, await CountAsync(host, Reminders()));
        Assert.Equal(CaseStatus.Waiting, (await host.GetCaseAsync(started.CaseId))!.Status);
    }

    [Fact]
    public async Task A_deadline_has_one_job_that_escalates_once_and_a_task_done_in_time_leaves_no_job()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync());
        Assert.True((await host.DeployAsync(TaskWithDeadline("PT1H"), "bescheid.bpmn")).Succeeded);
        var inTime = await host.StartCaseAsync("bescheid");
        var cancelled = await host.StartCaseAsync("bescheid");
        Assert.Equal(1, await CountAsync(host, Jobs(inTime.CaseId, "deadline")));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM jobs j JOIN tasks t ON t.case_id = j.case_id AND t.due_at = j.due_at " +
            $"WHERE j.case_id = '{inTime.CaseId}' AND j.kind = 'deadline' AND j.target = '{inTime.State.Waits[0].Id}'"));
        await host.CompleteTaskAsync(inTime.CaseId, inTime.State.Waits[0].Id);
        await host.CancelCaseAsync(cancelled.CaseId);
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM jobs"));

        Assert.True((await host.DeployAsync(TaskWithDeadline("PT1S"), "bescheid.bpmn")).Succeeded);
        var late = await host.StartCaseAsync("bescheid");
        await WaitUntilAsync(async () => await CountAsync(host, "SELECT COUNT(*) FROM jobs") == 0, TimeSpan.FromSeconds(20));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{late.CaseId}' AND escalated_at IS NOT NULL " +
            "AND status = 'open' AND roles = '|sachbearbeitung|leitung|'"));
        Assert.Equal(0, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{inTime.CaseId}' AND escalated_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_database_whose_timer_and_deadline_have_no_job_gets_them_fired_after_a_restart()
    {
        var database = await NewDatabaseAsync();
        Guid timerCase, deadlineCase;
        await using (var before = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false }))
        {
            Assert.True((await before.DeployAsync(Timer("PT1S"), "frist.bpmn")).Succeeded);
            Assert.True((await before.DeployAsync(TaskWithDeadline("PT1S"), "bescheid.bpmn")).Succeeded);
            timerCase = (await before.StartCaseAsync("frist")).CaseId;
            deadlineCase = (await before.StartCaseAsync("bescheid")).CaseId;
            // As a database whose timers Quartz scheduled: waits and tasks, no jobs.
            Assert.Equal(2, await CountAsync(before, "SELECT COUNT(*) FROM jobs"));
            await using var c = await before.Database.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM jobs";
            await cmd.ExecuteNonQueryAsync();
        }
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        await using var host = await WorkflowHost.StartAsync(database);
        await WaitUntilAsync(async () => await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{timerCase}' AND status = 'open'") == 1
            && await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{deadlineCase}' AND escalated_at IS NOT NULL") == 1
            && await CountAsync(host, "SELECT COUNT(*) FROM jobs") == 0, TimeSpan.FromSeconds(20));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{timerCase}' AND node_id = 'warten'"));
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM waits WHERE kind = 'Timer'"));
    }

    [Fact]
    public async Task A_start_timer_cycle_fires_occurrence_one_and_two_schedules_three_and_a_rerun_of_one_starts_no_second_case()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync());
        const string hourly = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:process id="stuendlich" isExecutable="true">
                <bpmn:startEvent id="jedeStunde"><bpmn:timerEventDefinition><bpmn:timeCycle>R5/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="jedeStunde" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var deploy = await host.DeployAsync(hourly, "stuendlich.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        // Publishing again (or a restart) adds no second chain.
        Assert.True((await host.DeployAsync(hourly, "stuendlich.bpmn")).Succeeded);
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM jobs WHERE kind = 'start-timer'"));

        var first = await OnlyStartJobAsync(host);
        Assert.Equal("1", first.Payload);
        Assert.Equal(TimerJobs.StartCaseId("stuendlich", "jedeStunde", "1").ToString(), first.CaseId);
        // What the worker does when the job is due (an hour away here).
        await host.FireStartTimerAsync(first.Id, first.Target, first.Payload, default);
        var second = await OnlyStartJobAsync(host);
        Assert.Equal("2", second.Payload);
        await host.FireStartTimerAsync(second.Id, second.Target, second.Payload, default);
        var third = await OnlyStartJobAsync(host);
        Assert.Equal("3", third.Payload);
        Assert.True(third.DueAt > DateTimeOffset.UtcNow.AddMinutes(59).ToUnixTimeMilliseconds(), "the third occurrence is due an hour after the second");
        Assert.Equal(2, await CountAsync(host, "SELECT COUNT(*) FROM cases WHERE process_id = 'stuendlich' AND status = 'Completed'"));

        // Occurrence one's job again (a node died after firing it), due now: the worker takes it and starts nothing.
        await using (var c = await host.Database.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = $"INSERT INTO jobs (case_id, kind, target, payload, due_at, attempts) VALUES ('{first.CaseId}', 'start-timer', '{first.Target}', '1', " +
                $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}, 0)";
            await cmd.ExecuteNonQueryAsync();
        }
        await WaitUntilAsync(async () => await CountAsync(host, "SELECT COUNT(*) FROM jobs WHERE kind = 'start-timer'") == 1, TimeSpan.FromSeconds(20));
        Assert.Equal(2, await CountAsync(host, "SELECT COUNT(*) FROM cases"));
        Assert.Equal(third.Id, (await OnlyStartJobAsync(host)).Id);
    }

    [Fact]
    public async Task A_start_timer_whose_occurrences_ran_without_jobs_goes_on_with_the_next_occurrence_after_a_restart()
    {
        var database = await NewDatabaseAsync();
        const string hourly = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:process id="stuendlich" isExecutable="true">
                <bpmn:startEvent id="jedeStunde"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="jedeStunde" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await using (var before = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false }))
        {
            Assert.True((await before.DeployAsync(hourly, "stuendlich.bpmn")).Succeeded);
            for (var i = 1; i <= 5; i++)
            {
                var job = await OnlyStartJobAsync(before);
                await before.FireStartTimerAsync(job.Id, job.Target, job.Payload, default);
            }
            Assert.Equal(5, await CountAsync(before, "SELECT COUNT(*) FROM cases"));
            // As a database whose start timers Quartz ran: the cases of occurrences 1 to 5, no job.
            await using var c = await before.Database.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM jobs";
            await cmd.ExecuteNonQueryAsync();
        }

        await using var host = await WorkflowHost.StartAsync(database);
        var next = await OnlyStartJobAsync(host);
        Assert.Equal("6", next.Payload);
        Assert.Equal(TimerJobs.StartCaseId("stuendlich", "jedeStunde", "6").ToString(), next.CaseId);
        Assert.Equal(5, await CountAsync(host, "SELECT COUNT(*) FROM cases"));
    }

    private static async Task<(long Id, string CaseId, string Target, string Payload, long DueAt)> OnlyStartJobAsync(WorkflowHost host)
    {
        await using var c = await host.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, case_id, target, payload, due_at FROM jobs WHERE kind = 'start-timer'";
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no start-timer job");
        var job = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
        Assert.False(await reader.ReadAsync(), "more than one start-timer job");
        return job;
    }
}

/// <summary>Timer jobs on SQLite.</summary>
public sealed class SqliteTimerJobTests : TimerJobContractTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();

    [Fact]
    public async Task Timers_that_are_due_together_fire_in_due_order_not_in_the_order_they_were_written()
    {
        var database = await NewDatabaseAsync();
        Guid later, earlier;
        await using (var writer = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false }))
        {
            Assert.True((await writer.DeployAsync(Timer("PT3S"), "frist.bpmn")).Succeeded);
            later = (await writer.StartCaseAsync("frist")).CaseId;
            Assert.True((await writer.DeployAsync(Timer("PT1S"), "frist.bpmn")).Succeeded);
            earlier = (await writer.StartCaseAsync("frist")).CaseId;
        }
        await Task.Delay(TimeSpan.FromSeconds(3.2));

        await using var host = await WorkflowHost.StartAsync(database);
        await WaitUntilAsync(async () => await CountAsync(host, "SELECT COUNT(*) FROM tasks WHERE status = 'open'") == 2, TimeSpan.FromSeconds(20));
        // SQLite's rowid follows the order in which the fired timers' steps were written.
        await using var c = await host.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT case_id FROM steps WHERE node_id = 'warten' ORDER BY rowid";
        var order = new List<Guid>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) order.Add(Guid.Parse(reader.GetString(0)));
        }
        Assert.Equal([earlier, later], order);
    }
}

/// <summary>Timer jobs on a real PostgreSQL, also shared by two nodes.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresTimerJobTests(PostgresServer server) : TimerJobContractTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("timerjobs")));

    [Fact]
    public async Task Two_nodes_on_one_database_fire_each_of_fifty_due_timers_exactly_once_and_leave_no_job()
    {
        const int cases = 50;
        var database = await NewDatabaseAsync();
        await using var nodeA = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { NodeName = "node-a" });
        await using var nodeB = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { NodeName = "node-b" });
        Assert.True((await nodeA.DeployAsync(Timer("PT0S"), "frist.bpmn")).Succeeded);
        // Started on both nodes at once: each node's worker sees the other's jobs as soon as they are committed.
        await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => await (i % 2 == 0 ? nodeA : nodeB).StartCaseAsync("frist", businessKey: $"AZ-{i}", ct: ct));

        await WaitUntilAsync(async () => await CountAsync(nodeA, "SELECT COUNT(*) FROM tasks WHERE status = 'open'") == cases
            && await CountAsync(nodeA, "SELECT COUNT(*) FROM jobs") == 0, TimeSpan.FromSeconds(60),
            async () => $"{await CountAsync(nodeA, "SELECT COUNT(*) FROM jobs")} jobs left");
        Assert.Equal(cases, await CountAsync(nodeA, "SELECT COUNT(*) FROM steps WHERE node_id = 'warten'"));
        Assert.Equal(0, await CountAsync(nodeA, "SELECT COUNT(*) FROM (SELECT case_id, node_id FROM steps GROUP BY case_id, node_id HAVING COUNT(*) > 1) d"));
        Assert.Equal(0, await CountAsync(nodeA, "SELECT COUNT(*) FROM waits WHERE kind = 'Timer'"));
        Assert.Equal(cases, await CountAsync(nodeA, "SELECT COUNT(*) FROM tasks"));
    }
}
