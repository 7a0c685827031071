namespace Automation.Server.Connectors;

/// <summary>
/// A connector: a named, versioned action of the server that automated steps are bound to by topic
/// (<c>am:action name="http"</c>, or <c>camunda:type="external" camunda:topic="http"</c>). The server's connector worker
/// fetches the step's external task, calls <see cref="ExecuteAsync"/> and completes, fails or errors the task.
/// </summary>
internal interface IConnector
{
    /// <summary>The topic the connector serves (its name), for example <c>http</c>.</summary>
    string Name { get; }

    /// <summary>Version of the connector's contract (inputs and outputs); a step may ask for one as <c>name:version</c>.</summary>
    int Version { get; }

    /// <summary>German label for the modeler and the case page.</summary>
    string Label { get; }

    /// <summary>The typed inputs; publishing checks the required ones are given on every step bound to the connector.</summary>
    IReadOnlyList<ConnectorField> Inputs { get; }

    /// <summary>The outputs a step can map back into variables.</summary>
    IReadOnlyList<ConnectorField> Outputs { get; }

    /// <summary>Runs the action. Expected failures are returned, never thrown.</summary>
    Task<ConnectorResult> ExecuteAsync(ConnectorCall call, CancellationToken ct);
}

/// <summary>Types of connector fields.</summary>
internal enum ConnectorFieldType
{
    /// <summary>Text (may contain <c>{{variable}}</c> and <c>{{secret:name}}</c> placeholders where the connector says so).</summary>
    Text,
    /// <summary>A number.</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>Any JSON value (object, list, text, number).</summary>
    Json,
}

/// <summary>An input or output of a connector.</summary>
/// <param name="Name">Field name, as the input parameter's name in the model.</param>
/// <param name="Label">German label.</param>
/// <param name="Type">Type; a value of another type is refused naming the field.</param>
/// <param name="Required">Whether a step must give it.</param>
/// <param name="Description">German help text for the modeler.</param>
/// <param name="Rule">
/// What a value of the right type must hold besides: the German reason it is refused, null when it is fine. Checked for
/// the call and, for literals, at publish (<see cref="ConnectorInputs"/>).
/// </param>
internal sealed record ConnectorField(string Name, string Label, ConnectorFieldType Type, bool Required = false, string? Description = null,
    Func<object?, string?>? Rule = null);

/// <summary>What a connector call sees.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="BusinessKey">Its business key (Aktenzeichen), if any.</param>
/// <param name="ProcessId">The process of the step.</param>
/// <param name="NodeId">The step's element id.</param>
/// <param name="IdempotencyKey">Stable per step execution: a retry sends the same key so the target can drop duplicates.</param>
/// <param name="Inputs">The step's inputs (literal parameters and evaluated input parameters), checked against <see cref="IConnector.Inputs"/>.</param>
/// <param name="Variables">The case's variables as the step sees them (for templates).</param>
/// <param name="Attempt">1 for the first attempt, then 2, 3 … after failures.</param>
internal sealed record ConnectorCall(Guid CaseId, string? BusinessKey, string ProcessId, string NodeId, string IdempotencyKey,
    IReadOnlyDictionary<string, object?> Inputs, IReadOnlyDictionary<string, object?> Variables, int Attempt);

/// <summary>What the server measured of a connector call; it goes on the step's ledger row.</summary>
/// <param name="BytesSent">Bytes sent over the network.</param>
/// <param name="BytesReceived">Bytes received.</param>
/// <param name="EmailsSent">E-mails sent.</param>
/// <param name="LettersAvoided">Paper letters the step replaced (an e-mail or document sent instead of post).</param>
/// <param name="PdfPages">PDF pages generated (not printed).</param>
/// <param name="AiTokens">Tokens a language model processed (input and output), as its server reported them.</param>
/// <param name="AiSizeClass">The model's size class (configuration), which selects the energy per token.</param>
/// <param name="Inferences">Model calls the step made (0 when it had no model to ask); null for a step that asks no model.</param>
internal sealed record ConnectorMeasurement(long BytesSent = 0, long BytesReceived = 0, int EmailsSent = 0, int LettersAvoided = 0, int PdfPages = 0,
    long AiTokens = 0, string? AiSizeClass = null, int? Inferences = null);

/// <summary>Kinds of <see cref="ConnectorResult"/>.</summary>
internal enum ConnectorResultKind
{
    /// <summary>Done; outputs become variables through the step's output mapping.</summary>
    Completed,
    /// <summary>A business error the model catches with an error boundary event (e.g. HTTP 404 mapped to a code).</summary>
    BpmnError,
    /// <summary>A technical failure: retried with backoff, then an incident with the message.</summary>
    Failure,
}

/// <summary>What a connector call gave.</summary>
internal sealed record ConnectorResult
{
    private ConnectorResult(ConnectorResultKind kind) => Kind = kind;

    /// <summary>Kind.</summary>
    public ConnectorResultKind Kind { get; }

    /// <summary>Outputs by <see cref="IConnector.Outputs"/> name.</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; private init; } = new Dictionary<string, object?>();

    /// <summary>BPMN error code.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>German message for the incident or the error (never containing a secret).</summary>
    public string? Message { get; private init; }

    /// <summary>Whether a failure may succeed when tried again (a timeout, a 503); false for a refused URL or bad input.</summary>
    public bool Retryable { get; private init; }

    /// <summary>What was measured, also for failures (bytes sent before a timeout count).</summary>
    public ConnectorMeasurement Measurement { get; private init; } = new();

    /// <summary>German note for the step's history that says what the step did not do (null: nothing to say).</summary>
    public string? Note { get; private init; }

    /// <summary>Done; <paramref name="note"/> goes on the step's history before what was measured.</summary>
    public static ConnectorResult Completed(IReadOnlyDictionary<string, object?> outputs, ConnectorMeasurement measurement, string? note = null) =>
        new(ConnectorResultKind.Completed) { Outputs = outputs, Measurement = measurement, Note = note };

    /// <summary>A modelled business error.</summary>
    public static ConnectorResult Error(string code, string message, ConnectorMeasurement? measurement = null) =>
        new(ConnectorResultKind.BpmnError) { ErrorCode = code, Message = message, Measurement = measurement ?? new() };

    /// <summary>A technical failure.</summary>
    public static ConnectorResult Failure(string message, bool retryable, ConnectorMeasurement? measurement = null) =>
        new(ConnectorResultKind.Failure) { Message = message, Retryable = retryable, Measurement = measurement ?? new() };
}
