using Automation.Engine.Model;

namespace Automation.Engine.Runtime;

/// <summary>What an automated step's action reports back.</summary>
internal readonly struct ServiceResult
{
    private ServiceResult(ServiceResultKind kind, IReadOnlyDictionary<string, object?>? outputs, string? errorCode, string? message)
    {
        Kind = kind;
        Outputs = outputs;
        ErrorCode = errorCode;
        Message = message;
    }

    /// <summary>Result kind.</summary>
    public ServiceResultKind Kind { get; }

    /// <summary>Variables to set on completion.</summary>
    public IReadOnlyDictionary<string, object?>? Outputs { get; }

    /// <summary>BPMN error code for <see cref="ServiceResultKind.BpmnError"/>.</summary>
    public string? ErrorCode { get; }

    /// <summary>Readable message for errors and failures.</summary>
    public string? Message { get; }

    /// <summary>The step is done; outputs (if any) become variables.</summary>
    public static ServiceResult Completed(IReadOnlyDictionary<string, object?>? outputs = null) => new(ServiceResultKind.Completed, outputs, null, null);

    /// <summary>A business error the process models (caught by an error boundary event).</summary>
    public static ServiceResult BpmnError(string code, string? message = null) => new(ServiceResultKind.BpmnError, null, code, message);

    /// <summary>A technical failure: the step gets an incident and can be retried.</summary>
    public static ServiceResult Failure(string message) => new(ServiceResultKind.Failure, null, null, message);
}

/// <summary>Kinds of <see cref="ServiceResult"/>.</summary>
internal enum ServiceResultKind
{
    /// <summary>Done.</summary>
    Completed,
    /// <summary>Modelled business error.</summary>
    BpmnError,
    /// <summary>Technical failure → incident.</summary>
    Failure,
}

/// <summary>What an action sees of the step it runs.</summary>
internal sealed class ServiceContext
{
    private readonly long tokenId;
    private readonly int stepNumber;
    private string? idempotencyKey;

    internal ServiceContext(Guid caseId, string processId, FlowNode node, ServiceBinding binding,
        IReadOnlyDictionary<string, object?> variables, long tokenId, int stepNumber)
    {
        CaseId = caseId;
        ProcessId = processId;
        Node = node;
        Binding = binding;
        Variables = variables;
        this.tokenId = tokenId;
        this.stepNumber = stepNumber;
    }

    /// <summary>Case.</summary>
    public Guid CaseId { get; }

    /// <summary>Process of the node.</summary>
    public string ProcessId { get; }

    /// <summary>The service task.</summary>
    public FlowNode Node { get; }

    /// <summary>The node's service binding.</summary>
    public ServiceBinding Binding { get; }

    /// <summary>Variables visible to the step (read only).</summary>
    public IReadOnlyDictionary<string, object?> Variables { get; }

    /// <summary>
    /// Stable key of this step execution: a re-run after a crash (from the last persisted state) produces the same
    /// key, so an external system can drop the duplicate of an at-least-once call. Built on first use only.
    /// </summary>
    public string IdempotencyKey => idempotencyKey ??= string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{CaseId:N}:{tokenId}:{Node.Id}:{stepNumber}");
}

/// <summary>An action that automated steps are bound to by name.</summary>
internal interface IServiceAction
{
    /// <summary>Runs the action. Must not throw for expected failures: return <see cref="ServiceResult.Failure"/>.</summary>
    ServiceResult Execute(ServiceContext context);
}

/// <summary>Named actions available to service tasks.</summary>
public sealed class ServiceActionRegistry
{
    private readonly Dictionary<string, IServiceAction> actions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry with the built-in <c>noop</c> action.</summary>
    public static ServiceActionRegistry WithBuiltIns()
    {
        var registry = new ServiceActionRegistry();
        registry.Register("noop", _ => ServiceResult.Completed());
        return registry;
    }

    /// <summary>Registers or replaces an action.</summary>
    internal ServiceActionRegistry Register(string name, IServiceAction action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(action);
        actions[name] = action;
        return this;
    }

    /// <summary>Registers or replaces an action given as a function.</summary>
    internal ServiceActionRegistry Register(string name, Func<ServiceContext, ServiceResult> action) =>
        Register(name, new DelegateAction(action));

    /// <summary>Finds an action.</summary>
    internal bool TryGet(string name, out IServiceAction action) => actions.TryGetValue(name, out action!);

    /// <summary>Names of the registered actions.</summary>
    public IEnumerable<string> Names => actions.Keys;

    private sealed class DelegateAction(Func<ServiceContext, ServiceResult> run) : IServiceAction
    {
        public ServiceResult Execute(ServiceContext context) => run(context);
    }
}
