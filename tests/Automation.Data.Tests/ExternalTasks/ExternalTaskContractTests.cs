using Automation.Data.Tests.Host;
using Automation.Data.Tests.Infrastructure;
using Automation.Data.Reports;
using Automation.Engine.Accounting;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.ExternalTasks;

/// <summary>External tasks on the durable host: fetch and lock, complete, fail, BPMN error, extend, unlock — on each provider.</summary>
public abstract class ExternalTaskContractTests
{
    internal const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:error id="errUnbekannt" errorCode="NICHT_GEMELDET" />
          <bpmn:process id="meldung" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="xmeld" name="Rückmeldung (XMeld)" camunda:type="external" camunda:topic="xmeld">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="behoerde">${frueher}</camunda:inputParameter>
                  <camunda:inputParameter name="art">Rückmeldung</camunda:inputParameter>
                  <camunda:outputParameter name="quittung">${antwort}</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:boundaryEvent id="unbekannt" attachedToRef="xmeld"><bpmn:errorEventDefinition errorRef="errUnbekannt" /></bpmn:boundaryEvent>
            <bpmn:userTask id="pruefen" name="Quittung prüfen"><bpmn:extensionElements><am:role name="meldewesen" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:userTask id="klaeren" name="Klären"><bpmn:extensionElements><am:role name="meldewesen" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:endEvent id="end2" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="xmeld" />
            <bpmn:sequenceFlow id="f2" sourceRef="xmeld" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f3" sourceRef="pruefen" targetRef="end" />
            <bpmn:sequenceFlow id="f4" sourceRef="unbekannt" targetRef="klaeren" />
            <bpmn:sequenceFlow id="f5" sourceRef="klaeren" targetRef="end2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly ExternalTaskTopic[] Xmeld = [new("xmeld", TimeSpan.FromMinutes(1))];

    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private async Task<WorkflowHost> StartHostAsync()
    {
        var host = await WorkflowHost.StartAsync(await NewDatabaseAsync(), new WorkflowHostOptions { RunScheduler = false });
        var deploy = await host.DeployAsync(Process, "meldung.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        return host;
    }

    [Fact]
    public async Task What_a_connector_measured_is_on_the_ledger_row_and_a_recomputation_prices_it_again_unchanged()
    {
        await using var host = await StartHostAsync();
        var started = await host.StartCaseAsync("meldung", [new("frueher", "Stadt Kassel")], businessKey: "AZ-9");
        var task = Assert.Single(await host.FetchAndLockAsync("worker-1", Xmeld, 10));
        var done = await host.CompleteExternalTaskAsync(task.Id, "worker-1", [new("antwort", "OK")],
            new StepMeasurement(WallSeconds: 0.2m, TransferGigabytes: 0.5m, EmailsSent: 1m, LettersAvoided: 1m, PdfPages: 3m));
        // The ledger's queries cover ended cases: the person's step ends the case.
        await host.CompleteTaskAsync(started.CaseId, Assert.Single(done.State.Waits).Id);

        var line = (await LedgerQueries.CaseEntriesAsync(host.Database, started.CaseId)).Single(l => l.NodeId == "xmeld");
        var letter = (double)host.Factors.Current.Get(FactorKeys.PostLetter, DateTimeOffset.UtcNow).Value;
        Assert.Equal(new DeliverySums(1, 1, 3, letter), line.Deliveries);
        Assert.Contains(FactorKeys.PostLetter + "@", string.Join(",", line.Factors), StringComparison.Ordinal);
        // Half a gigabyte moved is priced as compute energy; the avoided letter is never subtracted from post.
        Assert.True(line.Carbon[CarbonComponents.Compute] > 0);
        Assert.Equal(0, line.Carbon[CarbonComponents.Post]);
        var total = Assert.Single(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Total, new LedgerFilter(CaseId: started.CaseId)));
        Assert.Equal(line.Deliveries, total.Deliveries);

        // With the same factors a recomputation must give the same figures: it reads the measured transfer back.
        var report = await LedgerRecomputer.RecomputeAsync(host, new LedgerFilter(CaseId: started.CaseId));
        var definition = Assert.Single(report.Definitions);
        Assert.Empty(report.Failures);
        Assert.True(definition.Old[CarbonComponents.Compute] > 0);
        Assert.Equal(definition.Old[CarbonComponents.Compute], definition.New[CarbonComponents.Compute]);
        Assert.Equal(0, definition.Changed);
    }

    [Fact]
    public async Task A_worker_fetches_the_step_with_its_inputs_and_completes_it_through_the_output_parameters()
    {
        await using var host = await StartHostAsync();
        var started = await host.StartCaseAsync("meldung", [new("frueher", "Stadt Kassel")], businessKey: "AZ-7");
        var wait = Assert.Single(started.State.Waits);
        Assert.Equal(WaitKind.ExternalTask, wait.Kind);

        var task = Assert.Single(await host.FetchAndLockAsync("worker-1", Xmeld, 10));
        Assert.Equal("Stadt Kassel", task.Inputs["behoerde"]);
        Assert.Equal("Rückmeldung", task.Inputs["art"]);
        Assert.Equal("Stadt Kassel", task.Variables["frueher"]);
        Assert.Equal("AZ-7", task.BusinessKey);
        Assert.Equal("xmeld", task.NodeId);
        Assert.Empty(await host.FetchAndLockAsync("worker-2", Xmeld, 10));

        var done = await host.CompleteExternalTaskAsync(task.Id, "worker-1", [new("antwort", "OK-4711"), new("intern", 1)]);
        // Only the output parameter reaches the case: the worker's other variables stay local to the step.
        Assert.Equal("OK-4711", done.State.Variables["quittung"]);
        Assert.False(done.State.Variables.ContainsKey("intern"));
        Assert.Equal("pruefen", Assert.Single(done.State.Waits).NodeId);
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM external_tasks"));
    }

    [Fact]
    public async Task Of_two_workers_racing_over_many_tasks_each_task_is_fetched_and_completed_exactly_once()
    {
        await using var host = await StartHostAsync();
        for (var i = 0; i < 40; i++) await host.StartCaseAsync("meldung", [new("frueher", "Amt " + i)]);
        var completed = new System.Collections.Concurrent.ConcurrentBag<string>();

        async Task Work(string worker)
        {
            while (true)
            {
                var got = await host.FetchAndLockAsync(worker, Xmeld, 3);
                if (got.Count == 0) return;
                foreach (var t in got)
                {
                    await host.CompleteExternalTaskAsync(t.Id, worker, [new("antwort", worker)]);
                    completed.Add(t.Id);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => Work("a")), Task.Run(() => Work("b")));
        Assert.Equal(40, completed.Count);
        Assert.Equal(40, completed.Distinct().Count());
        Assert.Equal(40, await CountAsync(host, "SELECT COUNT(*) FROM tasks WHERE node_id = 'pruefen'"));
        Assert.Equal(40, await CountAsync(host, "SELECT COUNT(*) FROM steps WHERE node_id = 'xmeld' AND outcome = 'Completed'"));
    }

    [Fact]
    public async Task Two_completions_of_one_task_at_once_write_once_and_the_loser_is_told_the_task_is_gone()
    {
        await using var host = await StartHostAsync();
        var started = await host.StartCaseAsync("meldung", [new("frueher", "X")]);
        var task = Assert.Single(await host.FetchAndLockAsync("w", Xmeld, 1));
        var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.CompleteExternalTaskAsync(task.Id, "w", [new("antwort", "A")]))).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                await t;
                return "ok";
            }
            catch (NotFoundException)
            {
                return "gone";
            }
        }));
        Assert.Equal(1, outcomes.Count(o => o == "ok"));
        Assert.Equal(3, outcomes.Count(o => o == "gone"));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{started.CaseId}' AND node_id = 'xmeld'"));
        Assert.Equal(1, await CountAsync(host, $"SELECT COUNT(*) FROM tasks WHERE case_id = '{started.CaseId}'"));
    }

    [Fact]
    public async Task An_expired_lock_returns_the_task_to_the_pool_and_the_first_worker_can_no_longer_complete_it()
    {
        await using var host = await StartHostAsync();
        await host.StartCaseAsync("meldung", [new("frueher", "X")]);
        var first = Assert.Single(await host.FetchAndLockAsync("langsam", [new("xmeld", TimeSpan.FromMilliseconds(150))], 1));
        Assert.Empty(await host.FetchAndLockAsync("schnell", Xmeld, 1));
        await Task.Delay(300);
        var second = Assert.Single(await host.FetchAndLockAsync("schnell", Xmeld, 1));
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Attempts);

        var refused = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => host.CompleteExternalTaskAsync(first.Id, "langsam", [new("antwort", "zu spät")]));
        Assert.Contains("anderen Bearbeiter", refused.Message, StringComparison.Ordinal);
        var extend = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => host.ExtendExternalTaskLockAsync(first.Id, "langsam", TimeSpan.FromMinutes(1)));
        Assert.Contains(first.Id, extend.Message, StringComparison.Ordinal);
        var done = await host.CompleteExternalTaskAsync(second.Id, "schnell", [new("antwort", "rechtzeitig")]);
        Assert.Equal("rechtzeitig", done.State.Variables["quittung"]);
    }

    [Fact]
    public async Task A_lock_that_expired_without_anyone_else_fetching_is_still_refused_for_its_old_worker()
    {
        await using var host = await StartHostAsync();
        await host.StartCaseAsync("meldung", [new("frueher", "X")]);
        var task = Assert.Single(await host.FetchAndLockAsync("w", [new("xmeld", TimeSpan.FromMilliseconds(100))], 1));
        await Task.Delay(250);
        var refused = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => host.CompleteExternalTaskAsync(task.Id, "w", null));
        Assert.Contains("abgelaufen", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM external_tasks"));
    }

    [Fact]
    public async Task Extending_the_lock_keeps_the_task_and_unlock_returns_it_at_once()
    {
        await using var host = await StartHostAsync();
        await host.StartCaseAsync("meldung", [new("frueher", "X")]);
        var task = Assert.Single(await host.FetchAndLockAsync("w", [new("xmeld", TimeSpan.FromMilliseconds(200))], 1));
        await host.ExtendExternalTaskLockAsync(task.Id, "w", TimeSpan.FromMinutes(5));
        await Task.Delay(300);
        Assert.Empty(await host.FetchAndLockAsync("other", Xmeld, 1));
        await host.UnlockExternalTaskAsync(task.Id);
        Assert.Single(await host.FetchAndLockAsync("other", Xmeld, 1));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => host.CompleteExternalTaskAsync(task.Id, "w", null));
    }

    [Fact]
    public async Task A_failure_with_retries_returns_after_the_timeout_and_the_last_one_becomes_an_incident_that_retries_as_a_new_task()
    {
        await using var host = await StartHostAsync();
        var started = await host.StartCaseAsync("meldung", [new("frueher", "X")]);
        var task = Assert.Single(await host.FetchAndLockAsync("w", Xmeld, 1));
        await host.HandleExternalTaskFailureAsync(task.Id, "w", "Gegenstelle antwortet nicht", "stack", retries: 1, TimeSpan.FromMilliseconds(300));
        Assert.Empty(await host.FetchAndLockAsync("w", Xmeld, 1));
        await Task.Delay(400);
        var again = Assert.Single(await host.FetchAndLockAsync("w", Xmeld, 1));
        Assert.Equal(1, again.Retries);
        Assert.Equal("Gegenstelle antwortet nicht", again.ErrorMessage);

        await host.HandleExternalTaskFailureAsync(again.Id, "w", "wieder nicht", null, retries: 0, TimeSpan.Zero);
        var failed = await host.GetCaseAsync(started.CaseId);
        var incident = Assert.Single(failed!.State.Incidents);
        Assert.Equal("xmeld", incident.NodeId);
        Assert.Equal("wieder nicht", incident.Message);
        Assert.Empty(await host.FetchAndLockAsync("w", Xmeld, 1));

        await host.RetryIncidentAsync(started.CaseId, incident.Id);
        var fresh = Assert.Single(await host.FetchAndLockAsync("w", Xmeld, 1));
        Assert.NotEqual(task.Id, fresh.Id);
        Assert.Null(fresh.Retries);
    }

    [Fact]
    public async Task A_bpmn_error_goes_to_the_error_boundary_and_bad_reports_are_refused_without_changing_anything()
    {
        await using var host = await StartHostAsync();
        var started = await host.StartCaseAsync("meldung", [new("frueher", "X")]);
        var task = Assert.Single(await host.FetchAndLockAsync("w", Xmeld, 1));
        await Assert.ThrowsAsync<WorkflowInputException>(() => host.HandleExternalTaskFailureAsync(task.Id, "w", "x", null, -1, TimeSpan.Zero));
        await Assert.ThrowsAsync<WorkflowInputException>(() => host.ThrowExternalTaskErrorAsync(task.Id, "w", " ", null, null));
        await Assert.ThrowsAsync<NotFoundException>(() => host.CompleteExternalTaskAsync("kein-gueltiger-schluessel", "w", null));
        await Assert.ThrowsAsync<NotFoundException>(() => host.CompleteExternalTaskAsync(ExternalTaskIds.Format(started.CaseId, 999), "w", null));
        Assert.Equal(1, await CountAsync(host, "SELECT COUNT(*) FROM external_tasks WHERE worker_id = 'w'"));

        var caught = await host.ThrowExternalTaskErrorAsync(task.Id, "w", "NICHT_GEMELDET", "Person unbekannt", [new("grund", "unbekannt")]);
        Assert.Equal("klaeren", Assert.Single(caught.State.Waits).NodeId);
        Assert.Equal("unbekannt", caught.State.Variables["grund"]);
        Assert.Empty(caught.State.Incidents);
    }

    [Fact]
    public async Task Cancelling_the_case_withdraws_its_external_task_and_a_late_completion_is_told_it_is_gone()
    {
        await using var host = await StartHostAsync();
        var started = await host.StartCaseAsync("meldung", [new("frueher", "X")]);
        var task = Assert.Single(await host.FetchAndLockAsync("w", Xmeld, 1));
        await host.CancelCaseAsync(started.CaseId, "zurückgezogen");
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM external_tasks"));
        await Assert.ThrowsAsync<NotFoundException>(() => host.CompleteExternalTaskAsync(task.Id, "w", [new("antwort", "zu spät")]));
        Assert.Empty(await host.FetchAndLockAsync("w", Xmeld, 1));
    }

    [Fact]
    public async Task An_input_parameter_that_fails_gives_an_incident_naming_the_parameter_and_no_task()
    {
        await using var host = await StartHostAsync();
        // ${frueher.name} on a missing variable: JUEL cannot read a property of nothing.
        var broken = Process.Replace("${frueher}", "${frueher.name.laenge}", StringComparison.Ordinal).Replace("id=\"meldung\"", "id=\"kaputt\"", StringComparison.Ordinal);
        Assert.True((await host.DeployAsync(broken, "kaputt.bpmn")).Succeeded);
        var started = await host.StartCaseAsync("kaputt");
        var incident = Assert.Single(started.State.Incidents);
        Assert.Equal("xmeld", incident.NodeId);
        Assert.Contains("behoerde", incident.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM external_tasks"));
    }

    [Fact]
    public async Task Topics_are_known_from_published_definitions_and_open_tasks_with_their_steps_groups()
    {
        await using var host = await StartHostAsync();
        var topics = await host.ExternalTopicsAsync();
        Assert.Equal(["xmeld"], topics.Keys);
        Assert.Empty(topics["xmeld"]);
        Assert.False(topics.ContainsKey("noop"));

        // A case of this version waits at its task; a new version moves the topic to another name and names a group.
        await host.StartCaseAsync("meldung", [new("frueher", "Stadt Kassel")]);
        var renamed = Process.Replace("camunda:topic=\"xmeld\">", "camunda:topic=\"xmeld2\">", StringComparison.Ordinal)
            .Replace("camunda:topic=\"xmeld2\">\n      <bpmn:extensionElements>",
                "camunda:topic=\"xmeld2\">\n      <bpmn:extensionElements><am:role name=\"meldewesen\" />", StringComparison.Ordinal);
        Assert.Contains("meldewesen", renamed, StringComparison.Ordinal);
        Assert.True((await host.DeployAsync(renamed, "meldung.bpmn")).Succeeded);
        topics = await host.ExternalTopicsAsync();
        // The open task keeps the old topic known (without a group); the new version's topic carries its group.
        Assert.Equal(["xmeld", "xmeld2"], topics.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(topics["xmeld"]);
        Assert.Equal(["meldewesen"], topics["xmeld2"]);
    }

    private static Task<long> CountAsync(WorkflowHost host, string sql) => Durability.DurabilityChecks.ScalarAsync(host, sql);
}

/// <summary>External tasks on SQLite.</summary>
public sealed class SqliteExternalTaskTests : ExternalTaskContractTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

/// <summary>External tasks on a real PostgreSQL.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresExternalTaskTests(PostgresServer server) : ExternalTaskContractTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("ext")));
}
