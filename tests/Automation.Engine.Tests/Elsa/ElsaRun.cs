using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Elsa;

/// <summary>A case of the first set's workflow on a virtual clock; the other sets are workflows it may call (all must validate).</summary>
internal sealed class ElsaRun : IDisposable
{
    public ElsaRun(params DefinitionSet[] sets)
    {
        ProcessDefinition? Resolve(string id) => sets.SelectMany(s => s.Processes).FirstOrDefault(p => p.Id == id);
        foreach (var set in sets)
        {
            var errors = DefinitionValidator.Validate(set, Resolve).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }
        Engine = new WorkflowEngine(new EngineOptions { Clock = Clock, ResolveProcess = Resolve, Actions = ServiceActionRegistry.WithBuiltIns() });
        Definition = sets[0].Processes[0];
        var run = Engine.Start(Definition);
        State = run.State;
        Lines.AddRange(run.Output);
    }

    public VirtualClock Clock { get; } = new(TestProcess.T0);

    public WorkflowEngine Engine { get; }

    public ProcessDefinition Definition { get; }

    public CaseState State { get; private set; }

    /// <summary>Lines written by the workflow so far.</summary>
    public List<string> Lines { get; } = [];

    /// <summary>Fires the due timers in order until none is left.</summary>
    public ElsaRun ToEnd()
    {
        while (State.Waits.Where(w => w.Kind == WaitKind.Timer).MinBy(w => w.DueAt) is { } timer)
        {
            Clock.AdvanceTo(timer.DueAt!.Value);
            var run = Engine.FireTimer(Definition, State, timer.Id);
            State = run.State;
            Lines.AddRange(run.Output);
        }
        return this;
    }

    public void Dispose() => Engine.Dispose();
}
