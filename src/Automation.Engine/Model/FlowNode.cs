namespace Automation.Engine.Model;

/// <summary>
/// One node of a process graph. Immutable; which properties are set depends on <see cref="Kind"/> and
/// <see cref="Trigger"/>. One class rather than a hierarchy keeps readers, validator and interpreter simple.
/// </summary>
public sealed class FlowNode
{
    /// <summary>Element id, unique within the definition set.</summary>
    public required string Id { get; init; }

    /// <summary>Display name as the process owner wrote it.</summary>
    public string? Name { get; init; }

    /// <summary>The node type.</summary>
    public required NodeKind Kind { get; init; }

    /// <summary>Event trigger or result; <see cref="EventTrigger.None"/> for non-events.</summary>
    public EventTrigger Trigger { get; init; }

    /// <summary>Where the element starts in the source file.</summary>
    public SourcePosition? Position { get; init; }

    /// <summary>Id of the enclosing embedded sub-process, or null at process level.</summary>
    public string? ParentId { get; init; }

    /// <summary>Candidate roles (lane, potentialOwner, candidateGroups, Elsa RunTask name).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>
    /// The assignee from the definition (humanPerformer, camunda:assignee), if any, as written: text with <c>${…}</c> is
    /// JUEL, evaluated when the task is created.
    /// </summary>
    public string? Assignee { get; init; }

    /// <summary>
    /// Users who may work on a user task besides the members of <see cref="Roles"/> (<c>camunda:candidateUsers</c>,
    /// <c>zeebe:assignmentDefinition candidateUsers</c>); an entry with <c>${…}</c> is JUEL, evaluated when the task is created.
    /// </summary>
    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    /// <summary>
    /// Candidate groups written as an expression, as written (one per vendor attribute): not evaluated — the roles are
    /// read as fixed names — but checked at publish like every other expression.
    /// </summary>
    internal IReadOnlyList<string> CandidateGroupExpressions { get; init; } = [];

    /// <summary>Start event: the variable that receives the name of the person who started the case (<c>camunda:initiator</c>).</summary>
    internal string? Initiator { get; init; }

    /// <summary>A transaction boundary before the node (<c>camunda:asyncBefore</c>, <c>camunda:async</c>).</summary>
    internal bool AsyncBefore { get; init; }

    /// <summary>A transaction boundary after the node (<c>camunda:asyncAfter</c>).</summary>
    internal bool AsyncAfter { get; init; }

    /// <summary>Standard effort (<c>am:effort</c>).</summary>
    public EffortAnnotation? Effort { get; init; }

    /// <summary>Material footprint (<c>am:footprint</c>).</summary>
    internal FootprintAnnotation? Footprint { get; init; }

    /// <summary>Automation level (<c>am:automation</c>).</summary>
    public AutomationAnnotation? Automation { get; init; }

    /// <summary>Timer of a timer event or delay.</summary>
    public TimerDefinition? Timer { get; init; }

    /// <summary>Message name for message events, send and receive tasks.</summary>
    public string? MessageName { get; init; }

    /// <summary>Expression giving the correlation key of a message catch (evaluated when the wait begins).</summary>
    public string? CorrelationKey { get; init; }

    /// <summary>Signal name for signal events.</summary>
    public string? SignalName { get; init; }

    /// <summary>Error code thrown by an error end event or caught by an error boundary (null catches every error).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Escalation code thrown by an escalation throw event or caught by an escalation catch (null catches every escalation).</summary>
    internal string? EscalationCode { get; init; }

    /// <summary>Condition of a conditional event, in its declared expression language.</summary>
    internal DeclaredExpression? EventCondition { get; init; }

    /// <summary>Whether this activity is a compensation handler (<c>isForCompensation</c>): run only to undo another activity.</summary>
    internal bool IsForCompensation { get; init; }

    /// <summary>Compensation boundary: the handler activity its association names.</summary>
    internal string? CompensationHandlerId { get; init; }

    /// <summary>Compensation throw: the activity to compensate (<c>activityRef</c>); null compensates every completed one of the scope.</summary>
    internal string? CompensationActivityId { get; init; }

    /// <summary>
    /// Compensation throw: whether the thrower waits until every handler has ended (<c>waitForCompletion</c>, BPMN default
    /// true); false starts the handlers side by side and goes on at once.
    /// </summary>
    internal bool CompensationWaits { get; init; } = true;

    /// <summary>Whether this sub-process is a transaction: a cancel end event in it undoes its completed work and leaves by the cancel boundary.</summary>
    internal bool IsTransaction { get; init; }

    /// <summary>
    /// Conditional event: the one variable whose change evaluates the condition (<c>camunda:variableName</c>); null
    /// evaluates it after every change.
    /// </summary>
    internal string? ConditionVariable { get; init; }

    /// <summary>
    /// Conditional event with <see cref="ConditionVariable"/>: the kinds of change that count (<c>camunda:variableEvents</c>:
    /// create, update, delete); empty counts every kind.
    /// </summary>
    internal IReadOnlyList<string> ConditionVariableEvents { get; init; } = [];

    /// <summary>Name that pairs a link throw event with the link catch event of its scope.</summary>
    internal string? LinkName { get; init; }

    /// <summary>Whether this sub-process is an event sub-process (<c>triggeredByEvent</c>): started by its start event, never by a flow.</summary>
    internal bool TriggeredByEvent { get; init; }

    /// <summary>JavaScript run by a script task (also Elsa SetVariable, WriteLine, RunJavaScript).</summary>
    public string? Script { get; init; }

    /// <summary>Variable that receives the script's completion value, if any (Elsa SetVariable, camunda:resultVariable).</summary>
    public string? ResultVariable { get; init; }

    /// <summary>Service binding of an automated step, if any. Unbound service tasks complete without effect.</summary>
    internal ServiceBinding? Service { get; init; }

    /// <summary>The DMN decision a business rule task evaluates, if any.</summary>
    public Decisions.DecisionReference? Decision { get; init; }

    /// <summary>Process id called by a call activity (as written, when it is an expression).</summary>
    public string? CalledProcessId { get; init; }

    /// <summary>The called process id written as an expression (<c>${…}</c>, <c>=…</c>): evaluated when the call activity starts.</summary>
    internal DeclaredExpression? CalledProcessExpression { get; init; }

    /// <summary>Variables copied into a called process. Empty means all variables are copied.</summary>
    internal IReadOnlyList<VariableMapping> InputMappings { get; init; } = [];

    /// <summary>Variables copied back from a called process. Empty means all variables are copied.</summary>
    internal IReadOnlyList<VariableMapping> OutputMappings { get; init; } = [];

    /// <summary>
    /// Whether empty mapping lists copy every variable (BPMN call activities); false where only the listed ones pass
    /// (Elsa's workflow activities: a called workflow sees its inputs, the caller gets its outputs).
    /// </summary>
    internal bool EmptyMappingCopiesAll { get; init; } = true;

    /// <summary>
    /// Input parameters of an activity other than a call activity: evaluated when the activity starts, seen by it as
    /// local values (for a connector or external task: its inputs).
    /// </summary>
    internal IReadOnlyList<IoParameter> InputParameters { get; init; } = [];

    /// <summary>Output parameters: evaluated when the activity completes, each sets a variable of the enclosing scope.</summary>
    internal IReadOnlyList<IoParameter> OutputParameters { get; init; } = [];

    /// <summary>Multi-instance or standard loop characteristics of an activity, if any.</summary>
    internal LoopDefinition? Loop { get; init; }

    /// <summary>Activity a boundary event is attached to.</summary>
    public string? AttachedToId { get; init; }

    /// <summary>
    /// Whether a boundary event interrupts its activity, or an event sub-process's start event the rest of its scope
    /// (<c>cancelActivity</c>, <c>isInterrupting</c>; BPMN default true).
    /// </summary>
    public bool CancelActivity { get; init; } = true;

    /// <summary>Default flow of an exclusive or inclusive gateway or an activity.</summary>
    public string? DefaultFlowId { get; init; }

    /// <summary>Join behaviour for converging gateways.</summary>
    internal JoinMode JoinMode { get; init; }

    /// <summary>
    /// Whether an end event completes its whole scope, ending the other paths in it (Elsa's End and Complete: terminal
    /// nodes that complete their flowchart), where a BPMN none end event ends only its own path.
    /// </summary>
    internal bool CompletesScope { get; init; }

    /// <summary>
    /// Elsa's Complete: the outcomes the enclosing workflow completes with (its caller continues on those ports); empty
    /// completes with "Done".
    /// </summary>
    internal IReadOnlyList<string> Outcomes { get; init; } = [];

    /// <summary>
    /// Elsa's workflow activities and ExecuteWorkflow: the call activity leaves by the connections of the outcomes the
    /// called workflow completed with (<see cref="SequenceFlow.Outcome"/>), "Done" when it ended without Complete.
    /// </summary>
    internal bool RoutesByOutcome { get; init; }

    /// <summary>
    /// Elsa's RunJavaScript whose script names its outcomes (<c>setOutcome</c>, <c>setOutcomes</c>): it leaves by the
    /// connections of those outcomes, by "Done" when the script names none.
    /// </summary>
    internal bool ScriptSetsOutcomes { get; init; }

    /// <summary>Elsa's Complete with computed outcomes: JavaScript giving an outcome or a list of them, evaluated when reached.</summary>
    internal string? OutcomesScript { get; init; }

    /// <summary>
    /// ExecuteWorkflow with waitForCompletion false: the caller goes on at once while the called workflow runs beside
    /// it; nothing is copied back.
    /// </summary>
    internal bool Detached { get; init; }

    /// <summary>A fault the node raises as an incident (Elsa's Fault activity); null for every other node.</summary>
    internal FaultDefinition? Fault { get; init; }

    /// <summary>Form fields of a human task.</summary>
    public IReadOnlyList<FormField> FormFields { get; init; } = [];

    /// <summary>
    /// Deadline of a user task: a duration from the task's creation or a fixed date (<c>am:deadline</c>, else a literal
    /// <c>camunda:dueDate</c> or <c>zeebe:taskSchedule dueDate</c>). Null for tasks without one.
    /// </summary>
    public TimerDefinition? Deadline { get; init; }

    /// <summary>Candidate group (<c>am:escalateTo</c>) whose inbox also receives a user task once its deadline has passed.</summary>
    public string? EscalationRole { get; init; }

    /// <summary>Documentation text (shown as plain text, never as markup).</summary>
    public string? Documentation { get; init; }

    /// <summary>Ids of incoming sequence flows, in source order.</summary>
    public IReadOnlyList<string> Incoming { get; init; } = [];

    /// <summary>Ids of outgoing sequence flows, in source order.</summary>
    public IReadOnlyList<string> Outgoing { get; init; } = [];

    /// <summary>
    /// Whether the node is the engine's own bookkeeping rather than a step of the process: Elsa's WriteLine, SetVariable
    /// and SetOutput (a log line, a variable, a workflow output), like BPMN's input/output mappings. Such a node is done by
    /// the system: no register entry, no ledger entry. Set only by the Elsa reader.
    /// </summary>
    internal bool IsBookkeeping { get; init; }

    /// <summary>Who performs this step, derived from kind and automation annotation; the system for bookkeeping nodes.</summary>
    public ActorKind ActorKind => IsBookkeeping ? ActorKind.System : Automation switch
    {
        { Ai: true } => ActorKind.AiAssisted,
        { Level: AutomationLevel.Automated } => ActorKind.Automated,
        _ => Kind switch
        {
            NodeKind.UserTask or NodeKind.ManualTask => ActorKind.Human,
            NodeKind.Task => Roles.Count > 0 || Effort is not null ? ActorKind.Human : ActorKind.Automated,
            NodeKind.ServiceTask or NodeKind.ScriptTask or NodeKind.BusinessRuleTask or NodeKind.SendTask
                or NodeKind.ReceiveTask or NodeKind.CallActivity => ActorKind.Automated,
            _ => ActorKind.System,
        },
    };

    /// <summary>Whether this node is an activity (task, sub-process or call activity) that boundary events can attach to.</summary>
    public bool IsActivity => Kind is NodeKind.Task or NodeKind.UserTask or NodeKind.ServiceTask or NodeKind.ScriptTask
        or NodeKind.ManualTask or NodeKind.SendTask or NodeKind.ReceiveTask or NodeKind.BusinessRuleTask
        or NodeKind.SubProcess or NodeKind.CallActivity;

    /// <summary>Whether this node is a gateway.</summary>
    public bool IsGateway => Kind is NodeKind.ExclusiveGateway or NodeKind.ParallelGateway or NodeKind.InclusiveGateway
        or NodeKind.EventBasedGateway;

    /// <summary>Display label: name, else id.</summary>
    public string Label => string.IsNullOrWhiteSpace(Name) ? Id : Name!;

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Id}";
}
