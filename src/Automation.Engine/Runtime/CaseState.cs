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
    public long Id { get; set; }

    /// <summary>Node the token is at.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Scope the token runs in (0 is the case's root scope).</summary>
    public long ScopeId { get; set; }

    /// <summary>Status.</summary>
    public TokenStatus Status { get; set; }

    /// <summary>Sequence flow the token arrived by (joins count arrivals per flow).</summary>
    public string? ViaFlowId { get; set; }

    /// <summary>When the token arrived at its node.</summary>
    public DateTimeOffset ArrivedAt { get; set; }
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
}

/// <summary>A wait state: something outside the engine must happen for a token to move on.</summary>
public sealed class WaitState
{
    /// <summary>Id, unique within the case.</summary>
    public long Id { get; set; }

    /// <summary>Kind.</summary>
    public WaitKind Kind { get; set; }

    /// <summary>The node that waits or catches: the user task, the catch event, the boundary event, the receive task.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Scope of the node.</summary>
    public long ScopeId { get; set; }

    /// <summary>Token that moves on (for boundary events: the token at the activity the event is attached to).</summary>
    public long TokenId { get; set; }

    /// <summary>For event-based gateways: the gateway's token; all waits of a group are removed when one fires.</summary>
    public long? GroupTokenId { get; set; }

    /// <summary>Whether this is a boundary event of the activity at <see cref="TokenId"/>.</summary>
    public bool IsBoundary { get; set; }

    /// <summary>When the wait began.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a timer is due, or when a user task's deadline passes.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>How often a repeating timer has fired.</summary>
    public int Occurrences { get; set; }

    /// <summary>Message name.</summary>
    public string? MessageName { get; set; }

    /// <summary>Correlation key the message must carry (null accepts any).</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>Signal name.</summary>
    public string? SignalName { get; set; }

    /// <summary>Candidate roles of a human task.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Assignee from the definition, if fixed.</summary>
    public string? Assignee { get; set; }
}

/// <summary>An incident: a step that failed and waits for someone to fix the cause and retry.</summary>
public sealed class IncidentState
{
    /// <summary>Id, unique within the case.</summary>
    public long Id { get; set; }

    /// <summary>Node that failed.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Token stopped at the node.</summary>
    public long TokenId { get; set; }

    /// <summary>Readable message.</summary>
    public string Message { get; set; } = "";

    /// <summary>Stable code for programs where the cause has one (script failures: <c>script-timeout</c> …), else null.</summary>
    public string? Code { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset CreatedAt { get; set; }
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
/// re-reads the stored one.
/// </summary>
public sealed class CaseState
{
    /// <summary>Case id.</summary>
    public Guid CaseId { get; set; }

    /// <summary>Process the case runs.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Business key (for example the Aktenzeichen).</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Status.</summary>
    public CaseStatus Status { get; set; }

    /// <summary>When the case started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the case ended, if it has.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Case variables (the root scope's).</summary>
    [JsonConverter(typeof(VariablesJsonConverter))]
    public Dictionary<string, object?> Variables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Tokens.</summary>
    public List<TokenState> Tokens { get; set; } = [];

    /// <summary>Child scopes (sub-processes and called processes); the root scope is implicit.</summary>
    public List<ScopeState> Scopes { get; set; } = [];

    /// <summary>Open wait states.</summary>
    public List<WaitState> Waits { get; set; } = [];

    /// <summary>Pending join arrivals.</summary>
    public List<JoinState> Joins { get; set; } = [];

    /// <summary>Open incidents.</summary>
    public List<IncidentState> Incidents { get; set; } = [];

    /// <summary>Every executed step, in order.</summary>
    public List<StepEvent> History { get; set; } = [];

    /// <summary>Number of steps executed so far (the last step's sequence number).</summary>
    public int StepCount { get; set; }

    /// <summary>Last id handed out for tokens, scopes, waits and incidents.</summary>
    public long LastId { get; set; }

    /// <summary>Whether the case has ended (completed, terminated or cancelled).</summary>
    [JsonIgnore]
    public bool IsEnded => Status is CaseStatus.Completed or CaseStatus.Terminated or CaseStatus.Cancelled;

    /// <summary>Finds an open wait state by id.</summary>
    public WaitState? FindWait(long waitId)
    {
        foreach (var w in Waits)
        {
            if (w.Id == waitId) return w;
        }
        return null;
    }

    internal long NextId() => ++LastId;
}
