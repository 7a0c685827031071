namespace Automation.Engine.Validation;

/// <summary>The stable machine codes of the diagnostics readers and the validator report.</summary>
public static class DiagnosticCodes
{
    /// <summary>The source is larger than <see cref="Reading.ReaderLimits.MaxBytes"/>.</summary>
    public const string FileTooLarge = "file-too-large";
    /// <summary>The source could not be read (missing file, I/O failure).</summary>
    public const string IoError = "io-error";
    /// <summary>The source is neither BPMN XML nor Elsa JSON.</summary>
    public const string UnknownFormat = "unknown-format";
    /// <summary>The declared character encoding is unknown, or the bytes do not match it.</summary>
    public const string InvalidEncoding = "invalid-encoding";
    /// <summary>The XML is not well-formed.</summary>
    public const string MalformedXml = "xml-malformed";
    /// <summary>The JSON is not well-formed.</summary>
    public const string MalformedJson = "json-malformed";
    /// <summary>The JSON is not an Elsa workflow definition or flowchart.</summary>
    public const string NotElsa = "not-elsa";
    /// <summary>The XML contains a document type declaration, which is refused.</summary>
    public const string DtdProhibited = "dtd-prohibited";
    /// <summary>Elements nest deeper than <see cref="Reading.ReaderLimits.MaxDepth"/>.</summary>
    public const string NestingTooDeep = "nesting-too-deep";
    /// <summary>The source has more elements than <see cref="Reading.ReaderLimits.MaxElements"/>.</summary>
    public const string TooManyElements = "too-many-elements";
    /// <summary>An XML element has more attributes than <see cref="Reading.ReaderLimits.MaxAttributesPerElement"/>.</summary>
    public const string TooManyAttributes = "too-many-attributes";
    /// <summary>A process, node or flow id that is not an XML NCName (BPMN) or uses characters outside it (Elsa).</summary>
    public const string InvalidId = "invalid-id";
    /// <summary>A node has more flows than <see cref="Reading.ReaderLimits.MaxFlowsPerNode"/>.</summary>
    public const string TooManyFlows = "too-many-flows";
    /// <summary>The XML root is not a BPMN 2.0 <c>definitions</c> element.</summary>
    public const string NotBpmn = "not-bpmn";
    /// <summary>An element the engine must identify has no id.</summary>
    public const string MissingId = "missing-id";
    /// <summary>An element or feature the engine does not execute.</summary>
    public const string UnsupportedElement = "unsupported-element";
    /// <summary>A product annotation (<c>am:</c>) with an unknown name or value.</summary>
    public const string InvalidAnnotation = "invalid-annotation";
    /// <summary>An id used by more than one element.</summary>
    public const string DuplicateId = "duplicate-id";
    /// <summary>A reference (sourceRef, targetRef, default, attachedToRef, calledElement) to nothing.</summary>
    public const string MissingReference = "missing-reference";
    /// <summary>A sequence flow between nodes of different scopes (process and sub-process).</summary>
    public const string CrossScopeFlow = "cross-scope-flow";
    /// <summary>A flow that BPMN forbids, e.g. into a start event or out of an end event.</summary>
    public const string InvalidFlow = "invalid-flow";
    /// <summary>A node that no start event of its scope reaches.</summary>
    public const string UnreachableNode = "unreachable-node";
    /// <summary>A process or sub-process without a start event.</summary>
    public const string MissingStartEvent = "missing-start-event";
    /// <summary>A start event of a kind its scope cannot have (e.g. a timer start inside a sub-process).</summary>
    public const string InvalidStartEvent = "invalid-start-event";
    /// <summary>A sub-process without content (typically drawn collapsed); it completes at once.</summary>
    public const string EmptySubProcess = "empty-subprocess";
    /// <summary>A gateway without outgoing flows.</summary>
    public const string GatewayWithoutOutgoing = "gateway-without-outgoing";
    /// <summary>A non-default flow out of a branching exclusive or inclusive gateway without a condition.</summary>
    public const string MissingCondition = "missing-condition";
    /// <summary>A condition or script that does not parse as JavaScript.</summary>
    public const string InvalidExpression = "invalid-expression";
    /// <summary>A timer without an expression, or one that does not parse.</summary>
    public const string InvalidTimer = "invalid-timer";
    /// <summary>A process's timer start event is an expression: there are no case variables to evaluate it against.</summary>
    public const string TimerExpressionAtStart = "timer-expression-at-start";
    /// <summary>A boundary event attached to something that is not an activity.</summary>
    public const string InvalidBoundary = "invalid-boundary";
    /// <summary>An event-based gateway followed by something other than catch events or receive tasks.</summary>
    public const string InvalidEventGateway = "invalid-event-gateway";
    /// <summary>A call activity calling a process that is neither in the set nor resolvable.</summary>
    public const string UnknownProcess = "unknown-process";
    /// <summary>Call activities that call each other in a cycle.</summary>
    public const string CallCycle = "call-cycle";
    /// <summary>An expression in a language the engine does not run (C#, Liquid, Python), or a script where a literal is needed.</summary>
    public const string UnsupportedExpression = "unsupported-expression";
    /// <summary>An expression declared in a language the engine does not run (XPath, Groovy…); names the language and the element.</summary>
    public const string UnsupportedExpressionLanguage = "unsupported-expression-language";
    /// <summary>A literal value that does not fit its declared type, or an unknown mode.</summary>
    public const string InvalidValue = "invalid-value";
    /// <summary>An activity without an input it needs (e.g. an Elsa RunTask without task name).</summary>
    public const string MissingInput = "missing-input";
    /// <summary>Warning: a connection from an outcome the activity never takes; the connection is dropped.</summary>
    public const string UnknownPort = "unknown-port";
    /// <summary>Warning: an Elsa trigger marked to start the workflow that sits inside the flow; it waits instead.</summary>
    public const string TriggerNotStart = "trigger-not-start";
    /// <summary>A message catch event or receive task without a message name.</summary>
    public const string MissingMessageName = "missing-message-name";
    /// <summary>A signal event without a signal name.</summary>
    public const string MissingSignalName = "missing-signal-name";
    /// <summary>A message event or task names no message; it is correlated by its own name (warning).</summary>
    public const string MessageNameFromEvent = "message-name-from-event";
    /// <summary>A signal event names no signal; it is known by its own name (warning).</summary>
    public const string SignalNameFromEvent = "signal-name-from-event";
    /// <summary>Loop characteristics the engine cannot run: a multi-instance activity without cardinality or collection, a bad loopMaximum.</summary>
    public const string InvalidLoop = "invalid-loop";
    /// <summary>A link throw event without a link catch event of its name in its scope, or a link event without a name.</summary>
    public const string UnmatchedLink = "link-unmatched";
    /// <summary>Two link catch events with one link name in one scope: the throw could not know where to go.</summary>
    public const string DuplicateLink = "link-duplicate";
    /// <summary>Warning: a Camunda 7 Java delegate (class, delegateExpression, expression); it waits as an external task of the suggested topic.</summary>
    public const string JavaDelegate = "java-delegate";
    /// <summary>Warning: a Java delegate on a message throw event; the event only throws its message.</summary>
    public const string JavaDelegateOnEvent = "java-delegate-event";
    /// <summary>Warning: a Camunda 7 execution or task listener; listeners do not run here.</summary>
    public const string ListenerNotRun = "listener-not-run";
    /// <summary>Warning: an input or output parameter whose value the engine does not read (Groovy, external script); it is left out.</summary>
    public const string ParameterValueUnsupported = "parameter-value-unsupported";
    /// <summary>Warning: an assignee or candidate user expression outside the JUEL subset (a bean method call); the task stops with an incident.</summary>
    public const string AssignmentExpressionUnsupported = "assignment-expression-unsupported";
    /// <summary>Warning: candidate groups written as an expression; groups are fixed names, the inbox would look for the text itself.</summary>
    public const string CandidateGroupExpression = "candidate-group-expression";
    /// <summary>Warning: input/output parameters on an element that does not apply them (events, gateways, call activities).</summary>
    public const string ParametersNotApplied = "parameters-not-applied";
    /// <summary>Warning: a business rule task's DMN decision (camunda:decisionRef) is not evaluated where no decisions are published (dry runs); the step completes without a result.</summary>
    public const string DecisionNotRun = "decision-not-run";
    /// <summary>Warning: a form field constraint the engine does not check (a custom validator, a bad number).</summary>
    public const string FormConstraintUnsupported = "form-constraint-unsupported";
    /// <summary>A cancel end event outside a transaction, or a cancel boundary event on something that is no transaction.</summary>
    public const string CancelOutsideTransaction = "cancel-outside-transaction";
    /// <summary>Warning: a transaction with a cancel end event but no cancel boundary event; a cancelled transaction ends its path.</summary>
    public const string CancelWithoutBoundary = "cancel-without-boundary";
    /// <summary>camunda:variableEvents names a kind of change other than create, update and delete, or comes without camunda:variableName.</summary>
    public const string InvalidVariableEvents = "invalid-variable-events";
    /// <summary>An Elsa HTTP trigger or response activity (HttpEndpoint, WriteHttpResponse): the server exposes no workflow-defined endpoints.</summary>
    public const string HttpEndpointUnsupported = "http-endpoint-unsupported";
    /// <summary>The file holds no process at all.</summary>
    public const string NoProcess = "no-process";

    // DMN decisions (Decisions/): reading, the requirement graph and evaluation failures.
    /// <summary>The XML root is not a DMN 1.1–1.5 <c>definitions</c> element.</summary>
    public const string DmnNotDmn = "dmn-not-dmn";
    /// <summary>Warning: the DMN file has no decision.</summary>
    public const string DmnNoDecisions = "dmn-no-decisions";
    /// <summary>A decision table's hitPolicy is none of UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER, OUTPUT ORDER.</summary>
    public const string DmnUnknownHitPolicy = "dmn-hit-policy-unknown";
    /// <summary>An aggregation other than SUM, MIN, MAX, COUNT, or one on a hit policy other than COLLECT.</summary>
    public const string DmnUnknownAggregation = "dmn-aggregation-unknown";
    /// <summary>PRIORITY or OUTPUT ORDER without output values that order the outputs.</summary>
    public const string DmnPriorityWithoutValues = "dmn-priority-without-values";
    /// <summary>A rule's input or output entry that is not FEEL (names decision, rule and column).</summary>
    public const string DmnFeelInvalid = "dmn-feel-invalid";
    /// <summary>An input expression, literal expression, allowed values or default output that is not FEEL.</summary>
    public const string DmnExpressionInvalid = "dmn-expression-invalid";
    /// <summary>A rule with more or fewer entries than the table has inputs and outputs.</summary>
    public const string DmnRuleEntries = "dmn-rule-entries";
    /// <summary>An output entry outside its output's allowed values.</summary>
    public const string DmnOutputNotAllowed = "dmn-output-not-allowed";
    /// <summary>An expression language other than FEEL (Camunda 7: JUEL, JavaScript, Groovy).</summary>
    public const string DmnLanguageUnsupported = "dmn-language-unsupported";
    /// <summary>Decision logic other than a decision table or a literal expression (boxed context, invocation…).</summary>
    public const string DmnLogicUnsupported = "dmn-logic-unsupported";
    /// <summary>Warning: a decision without decision logic; evaluating it fails.</summary>
    public const string DmnNoLogic = "dmn-no-logic";
    /// <summary>A required decision that the file does not have.</summary>
    public const string DmnRequiredDecisionMissing = "dmn-required-decision-missing";
    /// <summary>A required input data element that the file does not have.</summary>
    public const string DmnRequiredInputMissing = "dmn-required-input-missing";
    /// <summary>Decisions that require each other in a cycle.</summary>
    public const string DmnDecisionCycle = "dmn-decision-cycle";
    /// <summary>Evaluation: no decision with the id asked for.</summary>
    public const string DmnDecisionUnknown = "dmn-decision-unknown";
    /// <summary>Evaluation: the model has errors and is not evaluated.</summary>
    public const string DmnModelInvalid = "dmn-model-invalid";
    /// <summary>Evaluation: UNIQUE, and more than one rule matched.</summary>
    public const string DmnUniqueViolation = "dmn-unique-violation";
    /// <summary>Evaluation: ANY, and the matching rules' outputs differ.</summary>
    public const string DmnAnyViolation = "dmn-any-violation";
    /// <summary>Evaluation: an expression ran past the step, depth or list-length limit.</summary>
    public const string DmnEvaluationStopped = "dmn-evaluation-stopped";
    /// <summary>Evaluation failed for another reason.</summary>
    public const string DmnFailed = "dmn-failed";
    /// <summary>Incident: a business rule task's decision could not be evaluated or mapped; the step waits for a retry.</summary>
    public const string DecisionFailed = "decision-failed";
    /// <summary>Evaluation: mapDecisionResult asks for one rule or one output and the result has more.</summary>
    public const string DecisionResultNotMappable = "decision-result-not-mappable";
    /// <summary>Publishing, or an incident when the task runs: a business rule task names a decision key that is not published.</summary>
    public const string DecisionUnknown = "decision-unknown";
    /// <summary>Incident: a business rule task's decision key expression failed or gave no text.</summary>
    public const string DecisionKeyFailed = "decision-key-failed";
    /// <summary>Incident: a call activity's called process id, written as an expression, failed or gave no text.</summary>
    public const string CalledProcessFailed = "called-process-failed";
    /// <summary>Incident: the process id a call activity's expression gave names no published process.</summary>
    public const string CalledProcessUnknown = "called-process-unknown";
    /// <summary>Incident: call activities call each other deeper than the engine's limit (a cycle of calls).</summary>
    public const string CallDepthExceeded = "call-depth-exceeded";
    /// <summary>Incident: the version a called process started with is gone; its call cannot go on (a retry starts it anew).</summary>
    public const string CalledVersionUnknown = "called-version-unknown";
    /// <summary>Incident: a completed call cannot be compensated (its snapshot was dropped or its version is gone); a retry gives it up.</summary>
    public const string CallCompensationLost = "call-compensation-lost";
    /// <summary>Publishing: a business rule task binds a decision version that does not exist (or names none for binding version).</summary>
    public const string DecisionVersionUnknown = "decision-version-unknown";
}
