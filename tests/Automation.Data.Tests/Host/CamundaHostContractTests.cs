using Automation.Data.Tests.Durability;
using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Tests.Host;

/// <summary>
/// Camunda 7 models on the durable host, on each provider: candidate users stored on the task row and matched exactly,
/// the initiator of a started case (by a person, a message or a signal), timers written as expressions, and
/// asyncBefore/asyncAfter (on tasks and gateways) as transaction boundaries continued by a job.
/// </summary>
public abstract class CamundaHostContractTests
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
        """;

    private const string Tasks = Header + """
          <bpmn:process id="antrag" isExecutable="true">
            <bpmn:startEvent id="start" camunda:initiator="starter" />
            <bpmn:userTask id="pruefen" camunda:candidateUsers="anna, ${vertretung}, a_b, x%" camunda:candidateGroups="wohngeld" />
            <bpmn:userTask id="eigen" camunda:assignee="${starter}" />
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="eigen" />
            <bpmn:sequenceFlow id="f3" sourceRef="eigen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    // start → rechnen (before the boundary) → buchen (asyncBefore) → vormerken (sets a variable) → kasse (a service that
    // may fail) → end: a failure at kasse must drop vormerken too and leave the case at the boundary before buchen.
    private const string Boundary = Header + """
          <bpmn:process id="zahlung" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script>summe = 40 + 2</bpmn:script></bpmn:scriptTask>
            <bpmn:task id="buchen" name="Buchen" camunda:asyncBefore="true" />
            <bpmn:scriptTask id="vormerken" scriptFormat="javascript"><bpmn:script>vorgemerkt = true</bpmn:script></bpmn:scriptTask>
            <bpmn:serviceTask id="kasse"><bpmn:extensionElements><am:action name="kasse" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rechnen" />
            <bpmn:sequenceFlow id="f2" sourceRef="rechnen" targetRef="buchen" />
            <bpmn:sequenceFlow id="f3" sourceRef="buchen" targetRef="vormerken" />
            <bpmn:sequenceFlow id="f4" sourceRef="vormerken" targetRef="kasse" />
            <bpmn:sequenceFlow id="f5" sourceRef="kasse" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    // --- candidate users ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Candidate_users_are_stored_on_the_task_row_and_match_only_exactly()
    {
        var database = await NewDatabaseAsync();
        await using var host = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false });
        Assert.True((await host.DeployAsync(Tasks, "antrag.bpmn")).Succeeded);
        var started = await host.StartCaseAsync("antrag", [new("vertretung", "Bert")]);
        var wait = Assert.Single(started.State.Waits);

        var task = (await host.FindTaskAsync(started.CaseId, wait.Id))!.Task;
        Assert.Equal("|anna|Bert|a_b|x%|", task.CandidateUsers);
        Assert.Equal(["anna", "Bert", "a_b", "x%"], TaskCandidates.Parse(task.CandidateUsers));

        // The filter as the inbox runs it, in this provider's SQL: exact names only; % and _ are plain characters.
        foreach (var (user, admitted) in new[]
                 {
                     ("anna", true), ("Bert", true), ("a_b", true), ("x%", true),
                     ("Anna", false), ("ANNA", false), ("bert", false), ("anna2", false), ("ann", false), ("nna", false),
                     ("axb", false), ("x", false), ("xy", false), ("anna|Bert", false), ("|anna|", false), ("", false),
                 })
        {
            await using var context = host.Database.CreateContext();
            var count = await context.Tasks.Where(TaskCandidates.Filter(user)).CountAsync();
            Assert.True((admitted ? 1 : 0) == count, $"'{user}' matched {count} task rows");
            Assert.Equal(admitted, TaskCandidates.Includes(task.CandidateUsers, user));
        }
    }

    [Fact]
    public async Task A_task_without_candidate_users_stores_none_and_the_purge_removes_them_with_the_assignee()
    {
        var database = await NewDatabaseAsync();
        await using (var host = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false }))
        {
            Assert.True((await host.DeployAsync(Tasks, "antrag.bpmn")).Succeeded);
            var started = await host.StartCaseAsync("antrag", [new("vertretung", null)], startedBy: "clara");
            var done = await host.CompleteTaskAsync(started.CaseId, Assert.Single(started.State.Waits).Id);
            var eigen = (await host.FindTaskAsync(started.CaseId, Assert.Single(done.State.Waits).Id))!.Task;
            Assert.Null(eigen.CandidateUsers);
        }
        // A year later every task that ended is past the assignee retention.
        await using var later = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false, Clock = new Later() });
        Assert.Equal(1, await later.PurgeAssigneesAsync());
        Assert.Equal(0L, await DurabilityChecks.ScalarAsync(later, "SELECT COUNT(*) FROM tasks WHERE candidate_users IS NOT NULL AND status = 'completed'"));
    }

    [Fact]
    public async Task The_person_starting_the_case_is_its_initiator_and_the_assignee_expression_gives_them_the_task()
    {
        var database = await NewDatabaseAsync();
        await using var host = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false });
        Assert.True((await host.DeployAsync(Tasks, "antrag.bpmn")).Succeeded);
        var started = await host.StartCaseAsync("antrag", [new("vertretung", "Bert")], startedBy: "clara");
        Assert.Equal("clara", started.State.Variables["starter"]);
        var done = await host.CompleteTaskAsync(started.CaseId, Assert.Single(started.State.Waits).Id);
        var eigen = (await host.FindTaskAsync(started.CaseId, Assert.Single(done.State.Waits).Id))!.Task;
        Assert.Equal(("clara", "claimed"), (eigen.Assignee, eigen.Status));

        // No person (a timer, a thrown message): no initiator variable at all.
        var nobody = await host.StartCaseAsync("antrag", [new("vertretung", null)]);
        Assert.False(nobody.State.Variables.ContainsKey("starter"));
    }

    [Fact]
    public async Task A_message_that_starts_a_case_makes_its_sender_the_initiator()
    {
        var database = await NewDatabaseAsync();
        await using var host = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false });
        Assert.True((await host.DeployAsync(Header + """
              <bpmn:message id="m" name="Neuantrag" />
              <bpmn:process id="meldung" isExecutable="true">
                <bpmn:startEvent id="start" camunda:initiator="starter"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
                <bpmn:userTask id="eigen" camunda:assignee="${starter}" />
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="eigen" />
                <bpmn:sequenceFlow id="f2" sourceRef="eigen" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "meldung.bpmn")).Succeeded);
        var result = await host.CorrelateMessageAsync("Neuantrag", startedBy: "dora");
        Assert.Equal(MessageDelivery.Started, result.Delivery);
        var started = (await host.GetCaseAsync(result.CaseId!.Value))!;
        Assert.Equal("dora", started.State.Variables["starter"]);
        Assert.Equal("dora", Assert.Single(started.State.Waits).Assignee);
    }

    [Fact]
    public async Task A_signal_that_starts_a_case_makes_its_sender_the_initiator()
    {
        var database = await NewDatabaseAsync();
        await using var host = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false });
        Assert.True((await host.DeployAsync(Header + """
              <bpmn:signal id="s" name="Sperre aufgehoben" />
              <bpmn:process id="freigabe" isExecutable="true">
                <bpmn:startEvent id="start" camunda:initiator="starter"><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>
                <bpmn:userTask id="eigen" camunda:assignee="${starter}" />
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="eigen" />
                <bpmn:sequenceFlow id="f2" sourceRef="eigen" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "freigabe.bpmn")).Succeeded);

        Assert.Equal(1, await host.BroadcastSignalAsync("Sperre aufgehoben", startedBy: "emil"));

        await using var context = host.Database.CreateContext();
        var task = await context.Tasks.SingleAsync();
        Assert.Equal(("eigen", "emil"), (task.NodeId, task.Assignee));
        var started = (await host.GetCaseAsync(Guid.Parse(task.CaseId)))!;
        Assert.Equal("emil", started.State.Variables["starter"]);
    }

    [Fact]
    public async Task A_timer_written_as_an_expression_is_scheduled_at_the_value_of_the_case_variable()
    {
        var database = await NewDatabaseAsync();
        await using var host = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false });
        Assert.True((await host.DeployAsync(Header + """
              <bpmn:process id="frist" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:intermediateCatchEvent id="warten"><bpmn:timerEventDefinition><bpmn:timeDuration>${dauer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="warten" />
                <bpmn:sequenceFlow id="f2" sourceRef="warten" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "frist.bpmn")).Succeeded);
        var before = DateTimeOffset.UtcNow;
        var started = await host.StartCaseAsync("frist", [new("dauer", "P14D")]);
        var timer = Assert.Single(started.State.Waits);
        Assert.Equal(WaitKind.Timer, timer.Kind);
        Assert.InRange(timer.DueAt!.Value, before.AddDays(14), DateTimeOffset.UtcNow.AddDays(14));

        var broken = await host.StartCaseAsync("frist", [new("dauer", 14)]);
        Assert.Equal(CaseStatus.Incident, broken.Status);
        Assert.Equal("timer-value-invalid", Assert.Single(broken.State.Incidents).Code);
    }

    // --- transaction boundaries --------------------------------------------------------------------------------------

    [Fact]
    public async Task AsyncAfter_on_a_gateway_commits_its_decision_and_a_job_takes_the_chosen_branch()
    {
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { Actions = Kasse(new()) });
        Assert.True((await host.DeployAsync(Header + """
              <bpmn:process id="weiche" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:exclusiveGateway id="gw" camunda:asyncAfter="true" default="fNein" />
                <bpmn:serviceTask id="zahlen"><bpmn:extensionElements><am:action name="kasse" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:scriptTask id="ablehnen" scriptFormat="javascript"><bpmn:script>abgelehnt = true</bpmn:script></bpmn:scriptTask>
                <bpmn:endEvent id="end" />
                <bpmn:endEvent id="end2" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
                <bpmn:sequenceFlow id="fJa" sourceRef="gw" targetRef="zahlen"><bpmn:conditionExpression>betrag &gt; 0</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="fNein" sourceRef="gw" targetRef="ablehnen" />
                <bpmn:sequenceFlow id="f2" sourceRef="zahlen" targetRef="end" />
                <bpmn:sequenceFlow id="f3" sourceRef="ablehnen" targetRef="end2" />
              </bpmn:process>
            </bpmn:definitions>
            """, "weiche.bpmn")).Succeeded);
        var started = await host.StartCaseAsync("weiche", [new("betrag", 12)]);
        var boundary = Assert.Single(started.State.Waits);
        Assert.Equal((WaitKind.Continuation, "gw"), (boundary.Kind, boundary.NodeId));

        var ended = await UntilAsync(host, started.CaseId, s => s.Status == CaseStatus.Completed);
        Assert.False(ended.State.Variables.ContainsKey("abgelehnt"));
        Assert.Equal(1L, await DurabilityChecks.ScalarAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'zahlen'"));
        Assert.Equal(1L, await DurabilityChecks.ScalarAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'gw'"));
    }

    [Fact]
    public async Task The_run_stops_at_the_boundary_commits_the_part_before_and_a_job_continues_after_a_restart()
    {
        var database = await NewDatabaseAsync();
        Guid caseId;
        await using (var first = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false, Actions = Kasse(new()) }))
        {
            Assert.True((await first.DeployAsync(Boundary, "zahlung.bpmn")).Succeeded);
            var started = await first.StartCaseAsync("zahlung");
            caseId = started.CaseId;
            Assert.Equal(CaseStatus.Waiting, started.Status);
            var boundary = Assert.Single(started.State.Waits);
            Assert.Equal((WaitKind.Continuation, "buchen"), (boundary.Kind, boundary.NodeId));
            Assert.Equal(42d, started.State.Variables["summe"]);
            Assert.Equal(1L, await DurabilityChecks.ScalarAsync(first, $"SELECT COUNT(*) FROM jobs WHERE kind = 'continuation' AND case_id = '{caseId}'"));
        }
        // The node stopped between the commit and the job: the next one's job worker continues the case.
        await using var second = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { Actions = Kasse(new()) });
        var ended = await UntilAsync(second, caseId, s => s.Status == CaseStatus.Completed);
        Assert.Equal(true, ended.State.Variables["vorgemerkt"]);
        Assert.Equal(0L, await DurabilityChecks.ScalarAsync(second, "SELECT COUNT(*) FROM jobs"));
        Assert.Equal(1L, await DurabilityChecks.ScalarAsync(second, $"SELECT COUNT(*) FROM steps WHERE case_id = '{caseId}' AND node_id = 'buchen'"));
    }

    [Fact]
    public async Task A_failure_after_the_boundary_leaves_the_case_at_the_boundary_with_an_incident_and_a_retry_runs_it()
    {
        var kasse = new KasseState { Failures = 1 };
        await using var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { Actions = Kasse(kasse) });
        Assert.True((await host.DeployAsync(Boundary, "zahlung.bpmn")).Succeeded);
        var started = await host.StartCaseAsync("zahlung");

        var failed = await UntilAsync(host, started.CaseId, s => s.Status == CaseStatus.Incident);
        var incident = Assert.Single(failed.State.Incidents);
        // At the boundary, not at the failing step; what ran before the boundary is committed, the dropped part is not.
        Assert.Equal("buchen", incident.NodeId);
        Assert.Equal("async-continuation-failed", incident.Code);
        Assert.Contains("Kasse nicht erreichbar", incident.Message, StringComparison.Ordinal);
        Assert.Equal(42d, failed.State.Variables["summe"]);
        Assert.False(failed.State.Variables.ContainsKey("vorgemerkt"));
        Assert.Empty(failed.State.Waits);
        Assert.Equal(0L, await DurabilityChecks.ScalarAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id IN ('vormerken', 'kasse')"));
        Assert.Equal(1L, await DurabilityChecks.ScalarAsync(host, $"SELECT COUNT(*) FROM incidents WHERE case_id = '{started.CaseId}' AND node_id = 'buchen'"));
        Assert.Equal(0L, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM jobs"));

        // The cause is fixed (the service answers now): the retry sets the boundary up again and its job runs the rest.
        var retried = await host.RetryIncidentAsync(started.CaseId, incident.Id);
        Assert.Equal(WaitKind.Continuation, Assert.Single(retried.State.Waits).Kind);
        var ended = await UntilAsync(host, started.CaseId, s => s.Status == CaseStatus.Completed);
        Assert.Equal(true, ended.State.Variables["vorgemerkt"]);
        Assert.Equal(2, kasse.Calls);
        Assert.Equal(0L, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM incidents"));
    }

    private sealed class KasseState
    {
        public int Failures;
        public int Calls;
    }

    private static ServiceActionRegistry Kasse(KasseState kasse) => ServiceActionRegistry.WithBuiltIns().Register("kasse", _ =>
        Interlocked.Increment(ref kasse.Calls) <= kasse.Failures ? ServiceResult.Failure("Kasse nicht erreichbar") : ServiceResult.Completed());

    private static async Task<CaseSnapshot> UntilAsync(WorkflowHost host, Guid caseId, Func<CaseSnapshot, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var snapshot = (await host.GetCaseAsync(caseId))!;
            if (done(snapshot)) return snapshot;
            if (DateTime.UtcNow > until)
                throw new Xunit.Sdk.XunitException($"case {caseId} stayed {snapshot.Status}; waits: {string.Join(", ", snapshot.State.Waits.Select(w => $"{w.Kind}@{w.NodeId}"))}");
            await Task.Delay(50);
        }
    }

    private sealed class Later : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddDays(400);
    }
}

/// <summary>Camunda 7 models on SQLite.</summary>
public sealed class SqliteCamundaHostTests : CamundaHostContractTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

/// <summary>Camunda 7 models on a real PostgreSQL.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresCamundaHostTests(PostgresServer server) : CamundaHostContractTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("camunda")));
}
