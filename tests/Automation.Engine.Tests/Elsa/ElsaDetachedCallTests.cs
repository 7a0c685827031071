using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Elsa;

/// <summary>
/// ExecuteWorkflow and DispatchWorkflow without waitForCompletion under the durable host's option
/// (<see cref="EngineOptions.DetachedCallsAsCases"/>): the called workflow is a case of its own, reported for the host to
/// start, and the caller goes on without holding anything of it (elsa-core ExecuteWorkflowTests
/// .ExecuteWorkflowWithoutWaitForCompletion: the parent writes both its lines and finishes; DispatchWorkflow starts a new
/// workflow instance).
/// </summary>
public sealed class ElsaDetachedCallTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa", "fidelity", name));

    private const string Child = """
        {"definitionId": "child-workflow", "variables": [{"id": "n", "name": "Name", "typeName": "String", "value": "niemand"}],
         "root": {"type": "Elsa.Flowchart", "id": "F", "activities": [
          {"id": "Warten", "type": "Elsa.RunTask", "taskName": {"typeName": "String", "expression": {"type": "Literal", "value": "Prüfen"}}},
          {"id": "Schreiben", "type": "Elsa.WriteLine", "text": {"typeName": "String", "expression": {"type": "JavaScript", "value": "'Child: ' + getName()"}}}],
          "connections": [{"source": {"activity": "Warten", "port": "Done"}, "target": {"activity": "Schreiben", "port": "In"}}]}}
        """;

    private static (WorkflowEngine Engine, ProcessDefinition Parent, ProcessDefinition Child) Host(string parentJson)
    {
        var parent = ElsaReader.ReadText(parentJson, "parent.json");
        var child = ElsaReader.ReadText(Child, "child.json");
        ProcessDefinition? Resolve(string id) => new[] { parent, child }.SelectMany(s => s.Processes).FirstOrDefault(p => p.Id == id);
        foreach (var set in new[] { parent, child })
            Assert.DoesNotContain(DefinitionValidator.Validate(set, Resolve), d => d.Severity == DiagnosticSeverity.Error);
        var engine = new WorkflowEngine(new EngineOptions
        {
            Clock = new VirtualClock(TestProcess.T0),
            ResolveProcess = Resolve,
            DetachedCallsAsCases = true,
        });
        return (engine, parent.Processes[0], child.Processes[0]);
    }

    /// <summary>The no-wait parent of Elsa's test, its ExecuteWorkflow given the input object {Name: "Anna"} and the activity type.</summary>
    private static string Parent(string type = "Elsa.ExecuteWorkflow") => Fixture("execute-parent-no-wait.json")
        .Replace("\"Elsa.ExecuteWorkflow\"", $"\"{type}\"", StringComparison.Ordinal)
        .Replace("\"waitForCompletion\":", InputThenWait, StringComparison.Ordinal);

    private const string InputThenWait =
        "\"input\": {\"typeName\": \"Object\", \"expression\": {\"type\": \"JavaScript\", \"value\": \"({ Name: 'Anna' })\"}}, \"waitForCompletion\":";

    [Theory(DisplayName = "ExecuteWorkflowTests.ExecuteWorkflowWithoutWaitForCompletion: the parent finishes, the child is a workflow instance of its own")]
    [InlineData("Elsa.ExecuteWorkflow")]
    [InlineData("Elsa.DispatchWorkflow")]
    public void Without_waiting_the_called_workflow_is_a_case_to_start_and_the_caller_finishes_at_once(string type)
    {
        var (engine, parent, child) = Host(Parent(type));
        using var owned = engine;

        var run = engine.Start(parent);

        Assert.Equal(["Parent: Before child", "Parent: After child"], run.Output);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.Empty(run.State.Scopes);
        Assert.Empty(run.State.Waits);
        var start = Assert.Single(run.CaseStarts);
        Assert.Equal(("child-workflow", "ExecuteWorkflow1"), (start.ProcessId, start.SourceNodeId));
        Assert.Equal("Anna", start.Variables["Name"]);
        Assert.DoesNotContain(run.Steps, s => s.ProcessId == "child-workflow");
        Assert.Single(run.Steps, s => s.NodeId == "ExecuteWorkflow1" && s.Outcome == StepOutcome.Completed);

        // The host starts it as a case of its own: its own id, its own waits, the caller untouched.
        var started = engine.Start(child, start.Variables);
        Assert.NotEqual(run.State.CaseId, started.State.CaseId);
        Assert.Equal(CaseStatus.Waiting, started.State.Status);
        var done = engine.CompleteTask(child, started.State, Assert.Single(started.State.Waits).Id, []);
        Assert.Equal(["Child: Anna"], done.Output);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
    }

    [Fact]
    public void Waiting_for_completion_still_runs_the_child_inside_the_case_and_starts_no_other()
    {
        var (engine, parent, _) = Host(Fixture("execute-parent-with-wait.json"));
        using var owned = engine;

        var run = engine.Start(parent);

        Assert.Empty(run.CaseStarts);
        Assert.Equal(CaseStatus.Waiting, run.State.Status);
        Assert.Single(run.State.Scopes);
    }

    [Fact]
    public void An_unknown_called_workflow_is_an_incident_at_the_call_and_no_case_is_requested()
    {
        var (engine, parent, _) = Host(Parent());
        using var owned = engine;
        using var lonely = new WorkflowEngine(new EngineOptions { ResolveProcess = _ => null, DetachedCallsAsCases = true });

        var run = lonely.Start(parent);

        Assert.Empty(run.CaseStarts);
        Assert.Equal("ExecuteWorkflow1", Assert.Single(run.State.Incidents).NodeId);
        Assert.Equal(["Parent: Before child"], run.Output);
    }

    [Fact]
    public void Without_the_hosts_option_the_child_runs_beside_the_caller_in_the_same_case_as_before()
    {
        var parent = ElsaReader.ReadText(Parent(), "parent.json");
        var child = ElsaReader.ReadText(Child, "child.json");
        using var engine = new WorkflowEngine(new EngineOptions { ResolveProcess = id => id == "child-workflow" ? child.Processes[0] : null });

        var run = engine.Start(parent.Processes[0]);

        Assert.Empty(run.CaseStarts);
        Assert.Equal(CaseStatus.Waiting, run.State.Status);
        Assert.Contains(run.State.Scopes, s => s.ProcessId == "child-workflow");
    }

    [Fact]
    public void In_the_case_a_detached_call_whose_version_is_gone_is_an_incident_and_a_retry_gives_it_up_without_running_the_caller_again()
    {
        var parent = ElsaReader.ReadText(Parent(), "parent.json").Processes[0];
        var child = ElsaReader.ReadText(Child, "child.json").Processes[0];
        var gone = false;
        using var engine = new WorkflowEngine(new EngineOptions
        {
            Clock = new VirtualClock(TestProcess.T0),
            ResolveProcess = id => id == child.Id ? child : null,
            VersionOf = p => p == child ? "child-workflow@1" : null,
            ResolveVersion = key => key == "child-workflow@1" && !gone ? child : null,
        });
        var started = engine.Start(parent);
        Assert.Equal(["Parent: Before child", "Parent: After child"], started.Output);
        var state = started.State;
        var task = Assert.Single(state.Waits);
        gone = true;

        var run = engine.CompleteTask(parent, state, task.Id, []);

        var incident = Assert.Single(run.NewIncidents);
        Assert.Equal((DiagnosticCodes.CalledVersionUnknown, "ExecuteWorkflow1"), (incident.Code, incident.NodeId));
        Assert.Empty(run.Output);
        Assert.Empty(state.Scopes);
        // Retrying gives the lost child up: the caller, which went on long ago, does not run its path again.
        var retried = engine.RetryIncident(parent, state, incident.Id);
        Assert.Empty(retried.Output);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Empty(state.TokenList);
    }
}
