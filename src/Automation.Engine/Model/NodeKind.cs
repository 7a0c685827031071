namespace Automation.Engine.Model;

/// <summary>The BPMN flow-node types the engine executes. Elsa activities are mapped onto these.</summary>
public enum NodeKind
{
    /// <summary>Start event (none, message, timer or signal trigger).</summary>
    StartEvent,
    /// <summary>End event (none, message, terminate, error or signal result).</summary>
    EndEvent,
    /// <summary>Intermediate catch event (timer, message, signal): a wait state.</summary>
    IntermediateCatchEvent,
    /// <summary>Intermediate throw event (none, message, signal).</summary>
    IntermediateThrowEvent,
    /// <summary>Boundary event attached to an activity.</summary>
    BoundaryEvent,
    /// <summary>Plain (abstract) task: passes through, counted as a human step when it has a role.</summary>
    Task,
    /// <summary>Human task in a role's inbox: a wait state.</summary>
    UserTask,
    /// <summary>Automated step bound to an action.</summary>
    ServiceTask,
    /// <summary>Automated step running a sandboxed script.</summary>
    ScriptTask,
    /// <summary>Work done by staff outside the system; passes through.</summary>
    ManualTask,
    /// <summary>Sends a message; passes through.</summary>
    SendTask,
    /// <summary>Waits for a message.</summary>
    ReceiveTask,
    /// <summary>Evaluates a rule; executed like a service or script task.</summary>
    BusinessRuleTask,
    /// <summary>Exclusive (XOR) gateway.</summary>
    ExclusiveGateway,
    /// <summary>Parallel (AND) gateway. Elsa's WaitAny join is a parallel gateway with <see cref="JoinMode.FirstArrival"/>.</summary>
    ParallelGateway,
    /// <summary>Inclusive (OR) gateway.</summary>
    InclusiveGateway,
    /// <summary>Event-based gateway: the first of the following catch events to fire wins.</summary>
    EventBasedGateway,
    /// <summary>Embedded sub-process: a scope with its own start and end events.</summary>
    SubProcess,
    /// <summary>Call activity: runs another process by id, with variable mapping.</summary>
    CallActivity,
}

/// <summary>What triggers or results from an event node.</summary>
public enum EventTrigger
{
    /// <summary>No trigger (none event).</summary>
    None,
    /// <summary>A named message.</summary>
    Message,
    /// <summary>A timer (date, duration, cycle or cron).</summary>
    Timer,
    /// <summary>A broadcast signal.</summary>
    Signal,
    /// <summary>A BPMN error (end event throws, boundary catches).</summary>
    Error,
    /// <summary>Terminate end event: ends every token of its scope.</summary>
    Terminate,
    /// <summary>A link: an intermediate throw jumps to the catch of the same link name in its scope (a "go to").</summary>
    Link,
    /// <summary>A BPMN escalation (throw events raise it, boundary events and event sub-processes catch it); not an error.</summary>
    Escalation,
    /// <summary>A condition on the case's variables: the event fires when it turns from false to true.</summary>
    Conditional,
    /// <summary>Compensation: throw events undo completed activities through their handlers; a boundary names the handler.</summary>
    Compensation,
    /// <summary>Cancel: an end event in a transaction undoes its completed work; the transaction's cancel boundary event goes on.</summary>
    Cancel,
}

/// <summary>How a join gateway fires.</summary>
internal enum JoinMode
{
    /// <summary>BPMN semantics of the gateway kind (parallel: every incoming flow; inclusive: every flow that can still arrive).</summary>
    Standard,
    /// <summary>Elsa's FlowJoin WaitAny: the first arrival continues, the other branches feeding the join are cancelled.</summary>
    FirstArrival,
}

/// <summary>Who performs a step; recorded with every step event for the ledger.</summary>
public enum ActorKind
{
    /// <summary>Gateways and events: routing done by the engine, no effort of its own.</summary>
    System,
    /// <summary>A member of staff.</summary>
    Human,
    /// <summary>Software without staff involvement.</summary>
    Automated,
    /// <summary>Software with an AI model, usually with a human review.</summary>
    AiAssisted,
}
