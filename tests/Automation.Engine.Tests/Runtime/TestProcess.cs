using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Runtime;

/// <summary>Reads hand-written BPMN for the construct tests and drives cases on a virtual clock.</summary>
internal sealed class TestProcess : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    internal const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="test" targetNamespace="urn:test">
        """;

    public TestProcess(string body, ServiceActionRegistry? actions = null, string? processId = null, bool validate = true, string? definitionsAttributes = null,
        bool asyncContinuations = false)
    {
        var header = definitionsAttributes is null ? Header : Header.Replace("id=\"test\"", definitionsAttributes + " id=\"test\"", StringComparison.Ordinal);
        Set = BpmnReader.ReadText(header + body + "</bpmn:definitions>", "test.bpmn");
        var errors = (validate ? Validation.DefinitionValidator.Validate(Set) : Set.Diagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Definition = processId is null ? Set.Processes[0] : Set.FindProcess(processId)!;
        Clock = new VirtualClock(T0);
        Engine = new WorkflowEngine(new EngineOptions
        {
            Clock = Clock,
            ResolveProcess = Set.FindProcess,
            Actions = actions ?? ServiceActionRegistry.WithBuiltIns(),
            AsyncContinuations = asyncContinuations,
        });
    }

    public DefinitionSet Set { get; }

    public ProcessDefinition Definition { get; }

    public VirtualClock Clock { get; }

    public WorkflowEngine Engine { get; }

    public RunResult Start(params (string Name, object? Value)[] vars) =>
        Engine.Start(Definition, vars.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    public static WaitState Wait(CaseState state, string nodeId) =>
        state.Waits.SingleOrDefault(w => w.NodeId == nodeId)
        ?? throw new Xunit.Sdk.XunitException($"no wait at {nodeId}; waits: {string.Join(", ", state.Waits.Select(w => w.NodeId))}");

    public RunResult Complete(CaseState state, string nodeId, params (string Name, object? Value)[] values) =>
        Engine.CompleteTask(Definition, state, Wait(state, nodeId).Id, values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    public RunResult FireTimer(CaseState state, string nodeId)
    {
        var wait = Wait(state, nodeId);
        Clock.AdvanceTo(wait.DueAt!.Value);
        return Engine.FireTimer(Definition, state, wait.Id);
    }

    /// <summary>Node ids of completed steps, in order.</summary>
    public static List<string> Trail(CaseState state) =>
        state.History.Where(h => h.Outcome == StepOutcome.Completed).Select(h => h.NodeId).ToList();

    public static int Count(CaseState state, string nodeId) =>
        state.History.Count(h => h.NodeId == nodeId && h.Outcome == StepOutcome.Completed);

    public void Dispose() => Engine.Dispose();
}
