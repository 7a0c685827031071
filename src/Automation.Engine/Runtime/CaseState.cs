using System.Text.Json.Serialization;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

/// <summary>Lifecycle status of a case.</summary>
public enum CaseStatus
{
    /// <summary>Tokens are moving (only seen inside a run).</summary>
    Running,
    /// <summary>Every token waits: for a human task, timer, message or signal.</summary>
    Waiting,
    /// <summary>At least one step has an open incident; the rest of the case may still wait.</summary>
    Incident,
    /// <summary>Every token reached an end event.</summary>
    Completed,
    /// <summary>A terminate end event ended the case.</summary>
    Terminated,
    /// <summary>Cancelled from outside.</summary>
    Cancelled,
}

/// <summary>Where a token is in its life.</summary>
public enum TokenStatus
{
    /// <summary>Queued to execute its node.</summary>
    Active,
    /// <summary>Waits at its node (human task, catch event, sub-process, call activity, event-based gateway).</summary>
    Waiting,
    /// <summary>Stopped at its node by an incident; a retry makes it active again.</summary>
    Failed,
}

/// <summary>A token: one thread of control at a node of a scope.</summary>
public sealed class TokenState
{
    /// <summary>Id, unique within the case.</summary>
    [JsonInclude]
    public long Id { get; internal set; }

    /// <summary>Node the token is at.</summary>
    [JsonInclude]
    public string NodeId { get; internal set; } = "";

    /// <summary>Scope the token runs in (0 is the case's root scope).</summary>
    [JsonInclude]
    public long ScopeId { get; internal set; }

    /// <summary>Status.</summary>
    [JsonInclude]
    public TokenStatus Status { get; internal set; }

    /// <summary>Sequence flow the token arrived by (joins count arrivals per flow).</summary>
    [JsonInclude]
    public string? ViaFlowId { get; internal set; }

    /// <summary>When the token arrived at its node.</summary>
    [JsonInclude]
    public DateTimeOffset ArrivedAt { get; internal set; }

    /// <summary>Where the token stands at its node's asynchronous continuations (camunda:asyncBefore / asyncAfter).</summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    internal ContinuationPhase Continuation { get; set; }

    /// <summary>
    /// A gateway with camunda:asyncAfter: the flows it chose before its boundary, taken when the boundary is passed
    /// (the decision is not made again, and a retry after a failure behind the boundary takes the same flows).
    /// </summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal List<string>? TakenFlows { get; set; }
}

/// <summary>
/// A scope: the case root, an embedded sub-process instance, or a called process. Call activities
/// get their own variables; embedded sub-processes share the nearest enclosing variables.
/// </summary>
internal sealed class ScopeState
{
    /// <summary>Id (0 for the root).</summary>
    public long Id { get; set; }

    /// <summary>Process whose nodes run in this scope.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>
    /// The host's key of the version of <see cref="ProcessId"/> a call started (<see cref="EngineOptions.VersionOf"/>),
    /// shared by the scopes inside it; null in the case's own process and in scopes stored before versions were kept,
    /// which run on the newest version.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProcessVersion { get; set; }

    /// <summary>Sub-process or call-activity node that opened the scope (null for the root).</summary>
    public string? NodeId { get; set; }

    /// <summary>Enclosing scope (null for the root).</summary>
    public long? ParentScopeId { get; set; }

    /// <summary>Token of the enclosing scope waiting at <see cref="NodeId"/>.</summary>
    public long? ParentTokenId { get; set; }

    /// <summary>Depth of call-activity nesting (guards against call cycles).</summary>
    public int CallDepth { get; set; }

    /// <summary>Own variables (root and call activities), or null to share the enclosing scope's.</summary>
    [JsonConverter(typeof(VariablesJsonConverter))]
    public Dictionary<string, object?>? Variables { get; set; }

    /// <summary>
    /// Set only on one instance of a looping activity (<see cref="NodeId"/>): its instance-local variables (loopCounter,
    /// the element and output variables). Reads see them over the enclosing variables; writes of other names go outwards.
    /// </summary>
    [JsonConverter(typeof(VariablesJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, object?>? Locals { get; set; }

    /// <summary>
    /// Whether this scope holds the input parameters of one execution of its activity (<see cref="NodeId"/>) rather than
    /// a loop instance: its <see cref="Locals"/> are the evaluated inputs, seen by the activity and gone when it ends.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Parameters { get; set; }

    /// <summary>The instance's index (its first loopCounter), kept apart because the instance may overwrite its locals.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Instance { get; set; }

    /// <summary>
    /// Set only on the scope a compensation throw opened (<see cref="NodeId"/> is the throw event): the handlers still
    /// to run after the current one, in order. The thrower waits until the last one has ended.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? PendingHandlers { get; set; }

    /// <summary>
    /// The completed call activities among <see cref="PendingHandlers"/> (there named by the call activity's id), in the
    /// same order: each runs the handlers its called process kept when its turn comes.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<CompensationState>? PendingCalls { get; set; }

    /// <summary>
    /// Set on a transaction's scope once a cancel end event was reached: its completed work is being undone, and when the
    /// scope runs empty the transaction leaves by its cancel boundary event instead of its outgoing flow.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Cancelled { get; set; }

    /// <summary>A called workflow that completed through Elsa's Complete: the outcomes its caller continues on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Outcomes { get; set; }

    /// <summary>
    /// A scope that ends without a step or copying back: a workflow started by ExecuteWorkflow without waiting (its caller
    /// went on), or a completed called process whose kept compensation handlers run (its holder only waits for them).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Detached { get; set; }
}

/// <summary>A completed activity that has a compensation handler: what a compensation throw in its scope undoes.</summary>
internal sealed class CompensationState
{
    /// <summary>Scope the activity completed in (for an instance of a looping activity: the loop's scope).</summary>
    public long ScopeId { get; set; }

    /// <summary>The completed activity.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Its compensation handler; empty for a sub-process undone through <see cref="Inner"/>.</summary>
    public string HandlerId { get; set; } = "";

    /// <summary>
    /// A completed embedded sub-process without a handler of its own: what completed inside it, in completion order.
    /// Compensating the sub-process runs their handlers, the latest first (BPMN 2.0 §10.7).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<CompensationState>? Inner { get; set; }

    /// <summary>
    /// Set on a completed call activity without a handler of its own: the process it called, whose node ids
    /// <see cref="Inner"/> names. Its handlers run in a scope of that process again.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CalledProcessId { get; set; }

    /// <summary>The version of <see cref="CalledProcessId"/> the call ran on (<see cref="ScopeState.ProcessVersion"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CalledVersion { get; set; }

    /// <summary>
    /// Set when the case kept more call snapshots than it may (<see cref="Execution.MaxKeptCallSnapshots"/>) and this, the
    /// oldest, was dropped: only its ids remain, and compensating it raises an incident instead of undoing it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Dropped { get; set; }

    /// <summary>The called instance's variables as it completed: what its handlers see (BPMN 2.0 §10.7: the data of the completed activity).</summary>
    [JsonConverter(typeof(VariablesJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, object?>? Variables { get; set; }
}

/// <summary>A looping activity in progress: the counters of its instances, kept until the last instance ends.</summary>
internal sealed class LoopState
{
    /// <summary>The token waiting at the looping activity; its instances run in scopes opened by it.</summary>
    public long TokenId { get; set; }

    /// <summary>nrOfInstances: instances of a multi-instance activity, iterations started so far of a standard loop.</summary>
    public int Instances { get; set; }

    /// <summary>nrOfActiveInstances.</summary>
    public int Active { get; set; }

    /// <summary>nrOfCompletedInstances.</summary>
    public int Completed { get; set; }

    /// <summary>Sequential multi-instance: the collection as evaluated when the activity was entered.</summary>
    [JsonConverter(typeof(ValueListJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<object?>? Items { get; set; }

    /// <summary>Output collection so far, one entry per instance (null until the instance ends).</summary>
    [JsonConverter(typeof(ValueListJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<object?>? Outputs { get; set; }
}

/// <summary>The kinds of wait state a caller completes or fires.</summary>
public enum WaitKind
{
    /// <summary>A human task in a role's inbox.</summary>
    UserTask,
    /// <summary>A timer (catch event, boundary event, event-based gateway branch).</summary>
    Timer,
    /// <summary>A message (catch event, receive task, boundary event).</summary>
    Message,
    /// <summary>A signal (catch event, boundary event).</summary>
    Signal,
    /// <summary>A condition on the case's variables (catch event, boundary event, event sub-process start).</summary>
    Conditional,
    /// <summary>
    /// An automated step done outside the run: a connector of the server or an external worker fetches it by its
    /// topic, locks it, and completes it, fails it or throws a BPMN error.
    /// </summary>
    ExternalTask,
    /// <summary>
    /// A transaction boundary (camunda:asyncBefore / asyncAfter): the run so far is committed, and the rest runs in a
    /// transaction of its own, started by the durable host's job. <see cref="WaitState.AfterNode"/> tells which side.
    /// </summary>
    Continuation,
}

/// <summary>Where a token stands at its node's asynchronous continuations.</summary>
internal enum ContinuationPhase
{
    /// <summary>Not at a boundary.</summary>
    None,
    /// <summary>The boundary before the node is passed: the node runs now.</summary>
    BeforePassed,
    /// <summary>The node completed and the token stands at the boundary after it (waiting, or failed there).</summary>
    After,
    /// <summary>The boundary after the node is passed: the token leaves the node now.</summary>
    AfterPassed,
}

/// <summary>A wait state: something outside the engine must happen for a token to move on.</summary>
public sealed class WaitState
{
    /// <summary>Id, unique within the case.</summary>
    [JsonInclude]
    public long Id { get; internal set; }

    /// <summary>Kind.</summary>
    [JsonInclude]
    public WaitKind Kind { get; internal set; }

    /// <summary>The node that waits or catches: the user task, the catch event, the boundary event, the receive task.</summary>
    [JsonInclude]
    public string NodeId { get; internal set; } = "";

    /// <summary>Scope of the node.</summary>
    [JsonInclude]
    public long ScopeId { get; internal set; }

    /// <summary>Token that moves on (for boundary events: the token at the activity the event is attached to).</summary>
    [JsonInclude]
    public long TokenId { get; internal set; }

    /// <summary>For event-based gateways: the gateway's token; all waits of a group are removed when one fires.</summary>
    [JsonInclude]
    public long? GroupTokenId { get; internal set; }

    /// <summary>Whether this is a boundary event of the activity at <see cref="TokenId"/>.</summary>
    [JsonInclude]
    public bool IsBoundary { get; internal set; }

    /// <summary>
    /// Whether this wait starts an event sub-process of the scope <see cref="ScopeId"/> (at the start event
    /// <see cref="NodeId"/>); such a wait has no token (<see cref="TokenId"/> is 0) and lives as long as its scope.
    /// </summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool StartsEventSubProcess { get; internal set; }

    /// <summary>
    /// For a condition: whether it held when last evaluated. It fires only when it turns true, so a condition that stays
    /// true does not fire again when other variables change.
    /// </summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ConditionHeld { get; internal set; }

    /// <summary>
    /// For a condition that watches one variable (<c>camunda:variableName</c>): the variable as last seen (empty when it
    /// did not exist), null before the first evaluation. A change is what differs from it.
    /// </summary>
    [JsonInclude, JsonConverter(typeof(VariablesJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal Dictionary<string, object?>? Watched { get; set; }

    /// <summary>When the wait began.</summary>
    [JsonInclude]
    public DateTimeOffset CreatedAt { get; internal set; }

    /// <summary>When a timer is due, or when a user task's deadline passes.</summary>
    [JsonInclude]
    public DateTimeOffset? DueAt { get; internal set; }

    /// <summary>How often a repeating timer has fired.</summary>
    [JsonInclude]
    public int Occurrences { get; internal set; }

    /// <summary>Message name.</summary>
    [JsonInclude]
    public string? MessageName { get; internal set; }

    /// <summary>Correlation key the message must carry (null accepts any).</summary>
    [JsonInclude]
    public string? CorrelationKey { get; internal set; }

    /// <summary>Signal name.</summary>
    [JsonInclude]
    public string? SignalName { get; internal set; }

    /// <summary>Candidate roles of a human task.</summary>
    [JsonInclude]
    public IReadOnlyList<string> Roles { get; internal set => field = [.. value]; } = [];

    /// <summary>Assignee from the definition (its expression evaluated when the task was created), if any.</summary>
    [JsonInclude]
    public string? Assignee { get; internal set; }

    /// <summary>
    /// Users who may work on a human task besides the members of <see cref="Roles"/> (expressions evaluated when the
    /// task was created); null when the node names none.
    /// </summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? CandidateUsers { get; internal set; }

    /// <summary>External task: the topic workers fetch it by (the connector's name or the Camunda topic).</summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Topic { get; internal set; }

    /// <summary>
    /// External task: its inputs, fixed when the step started — the binding's literal parameters and the evaluated
    /// input parameters. A connector reads its fields from here; a worker sees them over the case's variables.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, object?>? Inputs => InputMap;

    [JsonInclude, JsonPropertyName(nameof(Inputs)), JsonConverter(typeof(VariablesJsonConverter)), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal Dictionary<string, object?>? InputMap { get; set; }

    /// <summary>Continuation: whether it is the boundary after its node (camunda:asyncAfter) rather than before it.</summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    internal bool AfterNode { get; set; }

    /// <summary>
    /// Timer written as an expression: the literal its value gave when it was armed (<c>P3D</c>); a cycle repeats by it,
    /// so the variables changing later do not move a running timer. Null for literal timers.
    /// </summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal string? TimerValue { get; set; }
}

/// <summary>An incident: a step that failed and waits for someone to fix the cause and retry.</summary>
public sealed class IncidentState
{
    /// <summary>Id, unique within the case.</summary>
    [JsonInclude]
    public long Id { get; internal set; }

    /// <summary>Node that failed.</summary>
    [JsonInclude]
    public string NodeId { get; internal set; } = "";

    /// <summary>Token stopped at the node.</summary>
    [JsonInclude]
    public long TokenId { get; internal set; }

    /// <summary>Readable message.</summary>
    [JsonInclude]
    public string Message { get; internal set; } = "";

    /// <summary>Stable code for programs where the cause has one (script failures: <c>script-timeout</c> …), else null.</summary>
    [JsonInclude]
    public string? Code { get; internal set; }

    /// <summary>When it happened.</summary>
    [JsonInclude]
    public DateTimeOffset CreatedAt { get; internal set; }
}

/// <summary>Arrivals at a joining gateway that have not yet fired it, per incoming flow.</summary>
internal sealed class JoinState
{
    /// <summary>Scope of the gateway.</summary>
    public long ScopeId { get; set; }

    /// <summary>Gateway node.</summary>
    public string GatewayId { get; set; } = "";

    /// <summary>Number of tokens arrived per incoming flow id.</summary>
    public Dictionary<string, int> Arrived { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The whole state of one case as a plain serializable value: a store persists it as one document and the
/// engine continues it later. A run updates it in place; a caller that fails to persist discards it and
/// re-reads the stored one. Only the engine changes it: outside it every setter is closed and every collection
/// is a read-only view, while <see cref="JsonIncludeAttribute"/> keeps the stored document's shape and names.
/// </summary>
public sealed class CaseState
{
    /// <summary>Case id.</summary>
    [JsonInclude]
    public Guid CaseId { get; internal set; }

    /// <summary>Process the case runs.</summary>
    [JsonInclude]
    public string ProcessId { get; internal set; } = "";

    /// <summary>Business key (for example the Aktenzeichen).</summary>
    [JsonInclude]
    public string? BusinessKey { get; internal set; }

    /// <summary>Status.</summary>
    [JsonInclude]
    public CaseStatus Status { get; internal set; }

    /// <summary>When the case started.</summary>
    [JsonInclude]
    public DateTimeOffset StartedAt { get; internal set; }

    /// <summary>When the case ended, if it has.</summary>
    [JsonInclude]
    public DateTimeOffset? EndedAt { get; internal set; }

    // The engine's mutable collections, stored under the public names and in the order documents have always had.
    [JsonInclude, JsonPropertyName(nameof(Variables)), JsonConverter(typeof(VariablesJsonConverter))]
    internal Dictionary<string, object?> VariableMap { get; set; } = new(StringComparer.Ordinal);

    [JsonInclude, JsonPropertyName(nameof(Tokens))]
    internal List<TokenState> TokenList { get; set; } = [];

    /// <summary>Child scopes (sub-processes and called processes); the root scope is implicit.</summary>
    [JsonInclude]
    internal List<ScopeState> Scopes { get; set; } = [];

    [JsonInclude, JsonPropertyName(nameof(Waits))]
    internal List<WaitState> WaitList { get; set; } = [];

    /// <summary>Looping activities in progress (null while there are none, so documents without loops keep their shape).</summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal List<LoopState>? Loops { get; set; }

    /// <summary>
    /// Completed activities with a compensation handler, in completion order (null while there are none, so documents
    /// without compensation keep their shape).
    /// </summary>
    [JsonInclude, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal List<CompensationState>? Compensations { get; set; }

    /// <summary>Pending join arrivals.</summary>
    [JsonInclude]
    internal List<JoinState> Joins { get; set; } = [];

    [JsonInclude, JsonPropertyName(nameof(Incidents))]
    internal List<IncidentState> IncidentList { get; set; } = [];

    [JsonInclude, JsonPropertyName(nameof(History))]
    internal List<StepEvent> HistoryList { get; set; } = [];

    /// <summary>Number of steps executed so far (the last step's sequence number).</summary>
    [JsonInclude]
    public int StepCount { get; internal set; }

    /// <summary>Last id handed out for tokens, scopes, waits and incidents.</summary>
    [JsonInclude]
    public long LastId { get; internal set; }

    /// <summary>Case variables (the root scope's).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, object?> Variables => VariableMap.AsReadOnly();

    /// <summary>Tokens.</summary>
    [JsonIgnore]
    public IReadOnlyList<TokenState> Tokens => TokenList.AsReadOnly();

    /// <summary>Open wait states.</summary>
    [JsonIgnore]
    public IReadOnlyList<WaitState> Waits => WaitList.AsReadOnly();

    /// <summary>Open incidents.</summary>
    [JsonIgnore]
    public IReadOnlyList<IncidentState> Incidents => IncidentList.AsReadOnly();

    /// <summary>Every executed step, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<StepEvent> History => HistoryList.AsReadOnly();

    /// <summary>Whether the case has ended (completed, terminated or cancelled).</summary>
    [JsonIgnore]
    public bool IsEnded => Status is CaseStatus.Completed or CaseStatus.Terminated or CaseStatus.Cancelled;

    /// <summary>Finds an open wait state by id.</summary>
    public WaitState? FindWait(long waitId)
    {
        foreach (var w in WaitList)
        {
            if (w.Id == waitId) return w;
        }
        return null;
    }

    /// <summary>
    /// What stays of the case after its retention period: identity, process, status, times and counters; no
    /// variables, business key, tokens, waits, incidents or history.
    /// </summary>
    public CaseState WithoutData() => new()
    {
        CaseId = CaseId,
        ProcessId = ProcessId,
        Status = Status,
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        StepCount = StepCount,
        LastId = LastId,
    };

    internal long NextId() => ++LastId;
}
