using Automation.Engine.Decisions;
using Automation.Engine.Expressions;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

/// <summary>What a service task does when its action name is not registered.</summary>
public enum UnknownActionPolicy
{
    /// <summary>Raise an incident naming the action (production).</summary>
    Incident,
    /// <summary>Complete the step without effect and say so in the step detail (dry runs, simulation).</summary>
    Skip,
    /// <summary>
    /// Wait as an external task of the action's name as topic, for a connector of the server or an external worker
    /// to complete (the durable host).
    /// </summary>
    ExternalTask,
}

/// <summary>Settings of a <see cref="WorkflowEngine"/>.</summary>
public sealed class EngineOptions
{
    /// <summary>Clock for step times and timer due dates; a virtual clock fast-forwards timers.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Actions service tasks are bound to.</summary>
    public ServiceActionRegistry Actions { get; init; } = ServiceActionRegistry.WithBuiltIns();

    /// <summary>Limits for scripts and conditions.</summary>
    public ScriptLimits ScriptLimits { get; init; } = ScriptLimits.Default;

    /// <summary>Finds processes called by call activities (besides the case's own process).</summary>
    public Func<string, ProcessDefinition?>? ResolveProcess { get; init; }

    /// <summary>
    /// The host's key of a process version <see cref="ResolveProcess"/> gave (null: none). A called process's scope keeps
    /// it, so that its later steps, timers and compensation run on the version the call started with, not the newest.
    /// </summary>
    internal Func<ProcessDefinition, string?>? VersionOf { get; init; }

    /// <summary>The process version of a key <see cref="VersionOf"/> gave, or null when it is gone (an incident at the call).</summary>
    internal Func<string, ProcessDefinition?>? ResolveVersion { get; init; }

    /// <summary>
    /// Finds the decision a business rule task calls (the host's published decisions); null when it has none of that key
    /// or version, which raises an incident. Without a resolver the step completes without a result (dry runs).
    /// </summary>
    public Func<DecisionCall, ResolvedDecision?>? ResolveDecision { get; init; }

    /// <summary>Behaviour for unregistered action names.</summary>
    public UnknownActionPolicy UnknownActions { get; init; } = UnknownActionPolicy.Incident;

    /// <summary>Maximum nesting of call activities; deeper calls (a call cycle) raise an incident.</summary>
    public int MaxCallDepth { get; init; } = 16;

    /// <summary>Maximum steps in one run-until-wait; more means a loop without a wait state and raises an incident.</summary>
    public int MaxStepsPerRun { get; init; } = 10_000;

    /// <summary>
    /// Maximum instances of one multi-instance activity and iterations of one standard loop; a cardinality or collection
    /// beyond it raises an incident instead of filling the case state.
    /// </summary>
    public int MaxLoopInstances { get; init; } = 10_000;

    /// <summary>
    /// Whether camunda:asyncBefore / asyncAfter stop a run as a <see cref="WaitKind.Continuation"/> wait, for the durable
    /// host to continue in a transaction of its own (<see cref="WorkflowEngine.Continue"/>); otherwise runs go through
    /// them (simulation, dry runs).
    /// </summary>
    public bool AsyncContinuations { get; init; }

    /// <summary>
    /// Whether a call that does not wait (Elsa's ExecuteWorkflow or DispatchWorkflow without waitForCompletion) becomes a
    /// case of its own, reported in <see cref="RunResult.CaseStarts"/> for the durable host to start after the run is
    /// stored; otherwise the called workflow runs in the calling case on a token of its own (simulation, dry runs).
    /// </summary>
    internal bool DetachedCallsAsCases { get; init; }

    /// <summary>Whether the case state keeps every step in <see cref="CaseState.History"/>.</summary>
    public bool KeepHistory { get; init; } = true;

    /// <summary>
    /// Decides branches in place of the flows' conditions (simulation draws them from probabilities); null
    /// evaluates conditions as usual.
    /// </summary>
    internal IFlowRouter? Router { get; init; }
}

/// <summary>
/// Chooses outgoing flows instead of evaluating their conditions. The simulation uses it so that the same
/// interpreter runs simulated cases with branch probabilities, without variables that would drive the conditions.
/// </summary>
internal interface IFlowRouter
{
    /// <summary>The one flow an exclusive gateway takes, or null to evaluate the conditions as usual.</summary>
    /// <param name="gateway">The exclusive gateway.</param>
    /// <param name="outgoing">Its outgoing flows, in source order (the default flow included).</param>
    SequenceFlow? ChooseOne(FlowNode gateway, IReadOnlyList<SequenceFlow> outgoing);

    /// <summary>Whether a conditional flow of an inclusive gateway or an activity is taken, or null to evaluate its condition.</summary>
    /// <param name="node">The gateway or activity the flow leaves.</param>
    /// <param name="flow">The conditional flow.</param>
    bool? Takes(FlowNode node, SequenceFlow flow);

    /// <summary>
    /// The literal a timer written as an expression takes instead of evaluating it (the simulation has no case
    /// variables to evaluate it against), or null to evaluate it as usual.
    /// </summary>
    /// <param name="timerEvent">The timer event whose timer is an expression.</param>
    TimerDefinition? TimerInstead(FlowNode timerEvent);
}
