using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Elsa;

/// <summary>
/// Elsa 3 workflows behave as Elsa's own tests expect (elsa-workflows/elsa-core, test/integration and test/component;
/// each test names the Elsa test whose expectation it checks). The fixtures are Elsa's files, see Fixtures/elsa/NOTICE.md.
/// </summary>
public sealed class ElsaFidelityTests
{
    private static DefinitionSet Read(string name)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa", "fidelity", name));
        return DefinitionReader.Read(stream, name);
    }

    private static void Valid(DefinitionSet set, IReadOnlyList<DefinitionSet> all)
    {
        var errors = DefinitionValidator.Validate(set, id => all.SelectMany(s => s.Processes).FirstOrDefault(p => p.Id == id))
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    /// <summary>Runs the first file's workflow to its end (timers fast-forwarded); the others are workflows it may call.</summary>
    private static (CaseState State, List<string> Lines) Run(params string[] files)
    {
        var sets = files.Select(Read).ToList();
        foreach (var set in sets) Valid(set, sets);
        var clock = new VirtualClock(TestProcess.T0);
        using var engine = new WorkflowEngine(new EngineOptions
        {
            Clock = clock,
            ResolveProcess = id => sets.SelectMany(s => s.Processes).FirstOrDefault(p => p.Id == id),
            Actions = ServiceActionRegistry.WithBuiltIns(),
        });
        var definition = sets[0].Processes[0];
        var run = engine.Start(definition);
        var lines = new List<string>(run.Output);
        while (run.State.Waits.Where(w => w.Kind == WaitKind.Timer).MinBy(w => w.DueAt) is { } timer)
        {
            clock.AdvanceTo(timer.DueAt!.Value);
            run = engine.FireTimer(definition, run.State, timer.Id);
            lines.AddRange(run.Output);
        }
        return (run.State, lines);
    }

    [Fact(DisplayName = "ForkDecisionJoinTests.ImplicitJoinStreamShouldExecute: mergeMode Stream runs the join after the taken branch")]
    public void Stream_join_runs_after_the_taken_branch()
    {
        var (state, lines) = Run("fork-decision-join-none.json");

        Assert.Equal(["A", "C"], lines);
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "ForkDecisionJoinTests.ImplicitJoinMergeShouldNotExecute: mergeMode Merge waits for the untaken branch")]
    public void Merge_join_waits_for_every_forward_branch()
    {
        var (state, lines) = Run("fork-decision-join-converge.json");

        Assert.Equal(["A"], lines);
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "ForkDecisionJoinTests.ImplicitJoinConvergeShouldBlock: mergeMode Converge blocks on the dead path")]
    public void Converge_join_blocks_on_a_dead_path()
    {
        var (_, lines) = Run("fork-decision-join-converge-strict.json");

        Assert.Equal(["A"], lines);
    }

    [Fact(DisplayName = "ForkDecisionJoinTests.ExplicitJoinWaitAllShouldBlock: FlowJoin WaitAll blocks, the Fault stops the workflow")]
    public void WaitAll_join_blocks_and_the_fault_is_an_incident()
    {
        var (state, lines) = Run("fork-decision-join-waitall.json");

        Assert.Equal(["A", "C", "B", "D"], lines);
        Assert.Equal(CaseStatus.Incident, state.Status);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal("cfffbc06a0b6eeb0", incident.NodeId);
        Assert.Equal("that went south", incident.Message);
    }

    [Fact(DisplayName = "ForkDecisionJoinTests.ImplicitJoinFromBranchesShouldExecute: a join of True and False completes")]
    public void Join_of_both_decision_outcomes_completes()
    {
        var (state, _) = Run("decision-merge-join-none.json");

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(1, TestProcess.Count(state, "d5b9c2affe09a93b"));
    }

    [Fact(DisplayName = "BraidedWorkflowTests.Test1/Test2: each activity once, in Elsa's order, and the workflow finishes")]
    public void Braided_flowchart_runs_each_activity_once_in_order()
    {
        var (state, lines) = Run("braided.json");

        Assert.Equal(["WriteLine1", "WriteLine2", "WriteLine3", "WriteLine4", "WriteLine5", "WriteLine6", "WriteLine7"], lines);
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "FlowchartCompletion workflow2: nine WriteLines write nine lines and the workflow finishes")]
    public void Flowchart_with_several_joins_runs_each_activity_once()
    {
        var (state, lines) = Run("flowchart-completion-workflow2.json");

        Assert.Equal(9, lines.Count);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"WriteLine{i}").Order(), lines.Order());
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "FlowchartCompletion workflow4: the decision after a join runs once, its timer branch finishes")]
    public void Decision_after_a_join_runs_once()
    {
        var (state, lines) = Run("flowchart-completion-workflow4.json");

        Assert.Equal(["WriteLine1", "WriteLine2", "WriteLine3", "WriteLine4", "WriteLine6", "WriteLine7"], lines);
        Assert.Equal(1, TestProcess.Count(state, "FlowDecision1"));
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "JoinRunsOnceTests.Test1: a FlowJoin WaitAny completes once")]
    public void WaitAny_join_completes_once()
    {
        var (state, _) = Run("join.json");

        Assert.Equal(1, TestProcess.Count(state, "802725996be1b582"));
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "FlowchartCompletion workflow5: a FlowNode runs its body flowchart")]
    public void FlowNode_runs_its_body()
    {
        var set = Read("flowchart-completion-workflow5.json");
        var process = set.Processes[0];

        // The body waits for the event "Event4"; the container itself adds no node of its own.
        Assert.Equal(EventTrigger.Message, process.GetNode("8KVHRw-WpUizyxOq0C6Nvg").Trigger);
        Assert.DoesNotContain(process.Nodes, n => n.Id == "HG4wfBhvlEW_149HwNyzHw");
        var (state, lines) = Run("flowchart-completion-workflow5.json");
        Assert.Equal(["Intermediary"], lines.Where(l => l.Length > 0));
        Assert.Contains(state.Waits, w => w.Kind == WaitKind.Message && w.MessageName == "Event4");
    }

    [Fact(DisplayName = "EndTests (EndInFlowchartWorkflow): End completes its flowchart; what follows the flowchart runs")]
    public void End_completes_its_flowchart()
    {
        var set = Read("end-in-flowchart.json");
        Assert.Contains(set.Diagnostics, d => d.Code == DiagnosticCodes.UnknownPort && d.ElementId == "End1");

        var (state, lines) = Run("end-in-flowchart.json");

        Assert.Equal(["Start", "Path A executed", "After flowchart"], lines);
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "FlowchartCompletion workflow6: ParallelForEach runs its body once per item, then the workflow finishes")]
    public void ParallelForEach_runs_its_body_per_item()
    {
        var (state, lines) = Run("flowchart-completion-workflow6.json");

        Assert.Equal(["Start", "Current fruit: Apple", "Current fruit: Banana", "Current fruit: Cherry", "End"], lines);
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "ParallelJoinCompletesTests.Test1: a ParallelForEach whose body holds a Join completes")]
    public void ParallelForEach_with_a_join_in_its_body_completes()
    {
        var (state, _) = Run("parallel-join.json");

        Assert.Equal(CaseStatus.Completed, state.Status);
        // One join per item: the join in each instance's body runs once, not once per arriving path.
        Assert.Equal(3, TestProcess.Count(state, "1f8625e278b74aa3"));
        Assert.Equal(3, TestProcess.Count(state, "343d233a75d8d8e9"));
        Assert.Equal(0, TestProcess.Count(state, "e27177eb5965bd6b"));
    }

    [Fact(DisplayName = "ParentChildOutputMapping Test1: the parent receives the child's output (Result: 9)")]
    public void Parent_receives_the_output_a_child_activity_wrote_to_a_workflow_output()
    {
        var (state, lines) = Run("parent-child-calculator.json", "parent-child-sum.json");

        Assert.Equal(["Result: 9"], lines);
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "CompositesAndOutcomes ExplicitJoinWaitAnyTests.Test1: a Complete inside a called workflow does not cascade")]
    public void Complete_in_a_called_workflow_ends_only_that_workflow()
    {
        var (state, lines) = Run("composites-tester.json", "composites-consumer.json", "composites-completor.json");

        Assert.Equal(["Start", "End"], lines);
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact(DisplayName = "InputOutputTests.InputShouldBeOutput: a workflow activity passes its input and receives the output")]
    public void Workflow_activity_passes_inputs_and_receives_outputs()
    {
        var (state, _) = Run("input-output-consumer.json", "input-output-provider.json");

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal("Hello World!", state.Variables["Variable1"]);
        // Only the declared output comes back: the provider's own variables stay in the provider.
        Assert.DoesNotContain("Input1", state.Variables.Keys);
        Assert.DoesNotContain("Output1", state.Variables.Keys);
    }
}
