using Automation.Engine.Expressions;
using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

/// <summary>A caller's input was wrong: names the field or wait state concerned.</summary>
public sealed class WorkflowInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowInputException(string field, string message) : base(message) => Field = field;

    /// <summary>Creates the exception.</summary>
    public WorkflowInputException() : this("", "Invalid input.") { }

    /// <summary>Creates the exception.</summary>
    public WorkflowInputException(string message) : this("", message) { }

    /// <summary>Creates the exception.</summary>
    public WorkflowInputException(string message, Exception inner) : base(message, inner) => Field = "";

    /// <summary>The field, variable or id that is wrong.</summary>
    public string Field { get; }

    /// <summary>A stable code more specific than "invalid input" (e.g. a refused e-mail address), where the check gives one.</summary>
    public string? Code { get; init; }
}

/// <summary>
/// The BPMN token interpreter. Stateless apart from caches, thread-safe: every call takes a definition and a case
/// state, runs until every token waits or ends, and returns what happened. Persistence, scheduling and routing of
/// messages between cases belong to the host.
/// </summary>
public sealed class WorkflowEngine : IDisposable
{
    /// <summary>Creates an engine.</summary>
    public WorkflowEngine(EngineOptions? options = null)
    {
        Options = options ?? new EngineOptions();
        var limits = Options.ScriptLimits;
        sandbox = new Lazy<ScriptSandbox>(() => new ScriptSandbox(limits));
    }

    // Built at the first script, not with the engine: a server start runs no script, and the sandbox loads Jint
    // (a few MB resident, docs/operator-guide.md, memory).
    private readonly Lazy<ScriptSandbox> sandbox;

    /// <summary>Settings.</summary>
    public EngineOptions Options { get; }

    internal ScriptSandbox Sandbox => sandbox.Value;

    /// <summary>Starts a case at a start event and runs it until it waits or ends.</summary>
    /// <param name="definition">Process to run.</param>
    /// <param name="variables">Initial variables (normalised to plain values).</param>
    /// <param name="businessKey">Business key, e.g. an Aktenzeichen.</param>
    /// <param name="startEventId">Start event to use; default the process's none start event.</param>
    /// <param name="caseId">Case id; default a new one.</param>
    /// <param name="startedBy">User name of the person starting the case; a start event's <c>camunda:initiator</c> variable receives it.</param>
    /// <exception cref="WorkflowInputException">The start event is unknown or ambiguous, a variable has an unsupported type, or a value of the start event's form is missing or of the wrong type.</exception>
    public RunResult Start(ProcessDefinition definition, IEnumerable<KeyValuePair<string, object?>>? variables = null,
        string? businessKey = null, string? startEventId = null, Guid? caseId = null, string? startedBy = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var start = FindStart(definition, startEventId);
        Dictionary<string, object?> vars;
        try
        {
            vars = Variables.NormalizeAll(variables);
        }
        catch (ArgumentException e)
        {
            throw new WorkflowInputException("variables", e.Message);
        }
        // The start event's form fields bind a start as a task's fields bind its completion (one rule, FormValues).
        if (start.FormFields.Count > 0) vars = FormValues.CheckStart(start.FormFields, vars);
        foreach (var declared in definition.Variables) vars.TryAdd(declared.Name, declared.InitialValue);
        if (start.Initiator is { } initiator && startedBy is not null) vars[initiator] = startedBy;
        var now = Options.Clock.GetUtcNow();
        var state = new CaseState
        {
            CaseId = caseId ?? Guid.CreateVersion7(now),
            ProcessId = definition.Id,
            BusinessKey = businessKey,
            Status = CaseStatus.Running,
            StartedAt = now,
            VariableMap = vars,
        };
        var run = new Execution(this, definition, state);
        run.Start(start);
        return run.Result;
    }

    /// <summary>Completes a human task with form values and runs on.</summary>
    /// <exception cref="WorkflowInputException">No such open task, or a value is missing or of the wrong type.</exception>
    public RunResult CompleteTask(ProcessDefinition definition, CaseState state, long waitId, IEnumerable<KeyValuePair<string, object?>>? values = null)
    {
        var wait = RequireWait(definition, state, waitId, WaitKind.UserTask);
        var run = new Execution(this, definition, state);
        if (run.Lost(wait)) return run.Result;
        var node = NodeOf(definition, state, wait);
        var shown = node is not null && node.FormFields.Any(f => f.ReadOnly) ? FormValues.Defaults(node.FormFields, VariablesOf(definition, state, wait)) : null;
        var checkedValues = FormValues.Check(node?.FormFields ?? [], values, shown);
        run.CompleteTask(wait, checkedValues);
        return run.Result;
    }

    /// <summary>Completes an external task with the worker's variables and runs on.</summary>
    /// <exception cref="WorkflowInputException">No such open external task, or a variable has an unsupported type.</exception>
    /// <param name="definition">The case's process.</param>
    /// <param name="state">The case.</param>
    /// <param name="waitId">The external task's wait.</param>
    /// <param name="variables">Variables set in the case (through the output parameters when the step has some).</param>
    /// <param name="localVariables">Variables only the step's output parameters see (Camunda's <c>localVariables</c>).</param>
    /// <param name="detail">What the worker measured, for the step's history row.</param>
    public RunResult CompleteExternalTask(ProcessDefinition definition, CaseState state, long waitId, IEnumerable<KeyValuePair<string, object?>>? variables = null,
        IEnumerable<KeyValuePair<string, object?>>? localVariables = null, string? detail = null)
    {
        var wait = RequireWait(definition, state, waitId, WaitKind.ExternalTask);
        var values = NormalizePayload(variables) ?? [];
        var locals = NormalizePayload(localVariables) ?? [];
        var run = new Execution(this, definition, state);
        if (run.Lost(wait)) return run.Result;
        run.CompleteExternalTask(wait, values, locals, detail);
        return run.Result;
    }

    /// <summary>
    /// The variables a wait's step sees: the case's, with the locals on the way out laid over them (an activity's input
    /// parameters, loop instances' element and counters).
    /// A copy; changing it changes nothing.
    /// </summary>
    public Dictionary<string, object?> VariablesOf(ProcessDefinition definition, CaseState state, WaitState wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        return new Execution(this, definition, state).VisibleVariables(wait.ScopeId);
    }

    /// <summary>
    /// The values a user task's form shows first: its fields' default values (<c>camunda:formField defaultValue</c>), JUEL
    /// evaluated against the variables the task sees, converted to each field's type. A read-only field may be sent back
    /// only with the value shown here.
    /// </summary>
    public Dictionary<string, object?> FormDefaults(ProcessDefinition definition, CaseState state, WaitState wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        var node = NodeOf(definition, state, wait);
        return node is null || node.FormFields.Count == 0 ? [] : FormValues.Defaults(node.FormFields, VariablesOf(definition, state, wait));
    }

    /// <summary>Ends an external task with a BPMN error (caught by an error event, else an incident) and runs on.</summary>
    /// <exception cref="WorkflowInputException">No such open external task, no error code, or a variable has an unsupported type.</exception>
    public RunResult ThrowExternalError(ProcessDefinition definition, CaseState state, long waitId, string errorCode, string? message = null,
        IEnumerable<KeyValuePair<string, object?>>? variables = null)
    {
        var wait = RequireWait(definition, state, waitId, WaitKind.ExternalTask);
        if (string.IsNullOrWhiteSpace(errorCode)) throw new WorkflowInputException("errorCode", "Ein BPMN-Fehler braucht einen Fehlercode.");
        var values = NormalizePayload(variables) ?? [];
        var run = new Execution(this, definition, state);
        if (run.Lost(wait)) return run.Result;
        run.ThrowExternalError(wait, errorCode, message, values);
        return run.Result;
    }

    /// <summary>Ends an external task whose worker gave up: the step gets an incident with the message.</summary>
    /// <exception cref="WorkflowInputException">No such open external task.</exception>
    public RunResult FailExternalTask(ProcessDefinition definition, CaseState state, long waitId, string message)
    {
        var wait = RequireWait(definition, state, waitId, WaitKind.ExternalTask);
        var run = new Execution(this, definition, state);
        if (run.Lost(wait)) return run.Result;
        run.FailExternalTask(wait, string.IsNullOrWhiteSpace(message) ? "Der externe Bearbeiter hat den Schritt aufgegeben." : message);
        return run.Result;
    }

    /// <summary>Fires a due timer and runs on.</summary>
    /// <exception cref="WorkflowInputException">No such open timer.</exception>
    public RunResult FireTimer(ProcessDefinition definition, CaseState state, long waitId)
    {
        var wait = RequireWait(definition, state, waitId, WaitKind.Timer);
        var run = new Execution(this, definition, state);
        if (run.Lost(wait)) return run.Result;
        run.Fire(wait, null);
        return run.Result;
    }

    /// <summary>
    /// Delivers a message to the first open wait of this case with that name and a matching correlation key
    /// (a wait without a key, or a message without a key, matches any). <see cref="RunResult.Matched"/> says whether one did.
    /// </summary>
    public RunResult CorrelateMessage(ProcessDefinition definition, CaseState state, string messageName, string? correlationKey = null,
        IEnumerable<KeyValuePair<string, object?>>? payload = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(messageName);
        var wait = state.WaitList.Where(w => w.Kind == WaitKind.Message && w.MessageName == messageName
                && (w.CorrelationKey is null || correlationKey is null || w.CorrelationKey == correlationKey))
            .OrderBy(w => w.Id).FirstOrDefault();
        var run = new Execution(this, definition, state);
        if (wait is null) return run.Result;
        // A message for a call whose version is gone finds no one waiting any more.
        if (run.Lost(wait)) return run.Result;
        run.Result.Matched = true;
        run.Fire(wait, NormalizePayload(payload));
        return run.Result;
    }

    /// <summary>Delivers a signal to every open signal wait of this case with that name.</summary>
    public RunResult BroadcastSignal(ProcessDefinition definition, CaseState state, string signalName,
        IEnumerable<KeyValuePair<string, object?>>? payload = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(signalName);
        var ids = state.WaitList.Where(w => w.Kind == WaitKind.Signal && w.SignalName == signalName).Select(w => w.Id).ToList();
        var run = new Execution(this, definition, state);
        run.Result.Matched = ids.Count > 0;
        if (ids.Count > 0) run.FireAll(ids, NormalizePayload(payload));
        return run.Result;
    }

    /// <summary>Retries the step of an open incident after its cause was fixed.</summary>
    /// <exception cref="WorkflowInputException">No such incident.</exception>
    public RunResult RetryIncident(ProcessDefinition definition, CaseState state, long incidentId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var incident = state.IncidentList.Find(i => i.Id == incidentId)
            ?? throw new WorkflowInputException("incidentId", $"Case {state.CaseId} has no open incident {incidentId}.");
        var run = new Execution(this, definition, state);
        run.Retry(incident);
        return run.Result;
    }

    /// <summary>Passes a transaction boundary (a <see cref="WaitKind.Continuation"/> wait): runs on to the next wait state.</summary>
    /// <exception cref="WorkflowInputException">No such continuation.</exception>
    public RunResult Continue(ProcessDefinition definition, CaseState state, long waitId)
    {
        var wait = RequireWait(definition, state, waitId, WaitKind.Continuation);
        var run = new Execution(this, definition, state);
        if (run.Lost(wait)) return run.Result;
        run.Continue(wait);
        return run.Result;
    }

    /// <summary>
    /// Records that the run after a transaction boundary failed with <paramref name="reason"/> (the caller dropped it):
    /// the case waits at the boundary with an incident, whose retry sets the boundary up again.
    /// </summary>
    /// <exception cref="WorkflowInputException">No such continuation.</exception>
    public RunResult FailContinuation(ProcessDefinition definition, CaseState state, long waitId, string reason)
    {
        var wait = RequireWait(definition, state, waitId, WaitKind.Continuation);
        var run = new Execution(this, definition, state);
        if (run.Lost(wait)) return run.Result;
        run.FailContinuation(wait, reason);
        return run.Result;
    }

    /// <summary>Cancels a case: every token, wait and incident is removed.</summary>
    public RunResult Cancel(ProcessDefinition definition, CaseState state, string reason = "cancelled")
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsEnded) throw new WorkflowInputException("caseId", $"Case {state.CaseId} has already ended ({state.Status}).");
        var run = new Execution(this, definition, state);
        run.Cancel(reason);
        return run.Result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (sandbox.IsValueCreated) sandbox.Value.Dispose();
    }

    private static FlowNode FindStart(ProcessDefinition definition, string? startEventId)
    {
        if (!definition.IsExecutable && Validation.DefinitionValidator.StrictErrors(definition) is { Count: > 0 } errors)
            throw new WorkflowInputException("processId",
                $"Process '{definition.Id}' is marked isExecutable=\"false\" and does not start: {errors[0].Message}" + (errors[0].ElementId is { } at ? $" (element {at})" : ""));
        if (startEventId is not null)
        {
            var node = definition.FindNode(startEventId);
            if (node is not { Kind: NodeKind.StartEvent } || node.ParentId is not null)
                throw new WorkflowInputException("startEventId", $"Process '{definition.Id}' has no start event '{startEventId}'.");
            return node;
        }
        return ExecutionPlan.For(definition).DefaultStart
            ?? throw new WorkflowInputException("startEventId", definition.StartEventsIn(null).Any()
                ? $"Process '{definition.Id}' has no none start event; name one of: {string.Join(", ", definition.StartEventsIn(null).Select(s => s.Id))}."
                : $"Process '{definition.Id}' has no start event.");
    }

    private static WaitState RequireWait(ProcessDefinition definition, CaseState state, long waitId, WaitKind kind)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        if (state.ProcessId != definition.Id)
            throw new ArgumentException($"Case {state.CaseId} runs process '{state.ProcessId}', not '{definition.Id}'.", nameof(definition));
        var wait = state.FindWait(waitId);
        if (wait is null || wait.Kind != kind)
            throw new WorkflowInputException("waitId", $"Case {state.CaseId} has no open {kind} wait {waitId}.");
        return wait;
    }

    /// <summary>
    /// The node a wait state belongs to: in the case's process, or in a called process for waits inside a call activity.
    /// </summary>
    public FlowNode? NodeOf(ProcessDefinition definition, CaseState state, WaitState wait)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(wait);
        var scope = wait.ScopeId == 0 ? null : state.Scopes.Find(s => s.Id == wait.ScopeId);
        var process = scope is null ? definition
            : scope.ProcessVersion is { } version ? Options.ResolveVersion?.Invoke(version)
            : scope.ProcessId == definition.Id ? definition : Options.ResolveProcess?.Invoke(scope.ProcessId);
        return process?.FindNode(wait.NodeId);
    }

    private static Dictionary<string, object?>? NormalizePayload(IEnumerable<KeyValuePair<string, object?>>? payload)
    {
        if (payload is null) return null;
        try
        {
            return Variables.NormalizeAll(payload);
        }
        catch (ArgumentException e)
        {
            throw new WorkflowInputException("payload", e.Message);
        }
    }
}
