using System.Globalization;
using System.Xml.Linq;
using Automation.Engine.Expressions;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>Maps one BPMN <c>process</c> (with its embedded sub-processes) to a <see cref="ProcessDefinition"/>.</summary>
internal sealed class ProcessMapper
{
    private static readonly Dictionary<string, NodeKind> Kinds = new(StringComparer.Ordinal)
    {
        ["startEvent"] = NodeKind.StartEvent,
        ["endEvent"] = NodeKind.EndEvent,
        ["intermediateCatchEvent"] = NodeKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = NodeKind.IntermediateThrowEvent,
        ["boundaryEvent"] = NodeKind.BoundaryEvent,
        ["task"] = NodeKind.Task,
        ["userTask"] = NodeKind.UserTask,
        ["serviceTask"] = NodeKind.ServiceTask,
        ["scriptTask"] = NodeKind.ScriptTask,
        ["manualTask"] = NodeKind.ManualTask,
        ["sendTask"] = NodeKind.SendTask,
        ["receiveTask"] = NodeKind.ReceiveTask,
        ["businessRuleTask"] = NodeKind.BusinessRuleTask,
        ["exclusiveGateway"] = NodeKind.ExclusiveGateway,
        ["parallelGateway"] = NodeKind.ParallelGateway,
        ["inclusiveGateway"] = NodeKind.InclusiveGateway,
        ["eventBasedGateway"] = NodeKind.EventBasedGateway,
        ["subProcess"] = NodeKind.SubProcess,
        ["transaction"] = NodeKind.SubProcess,
        ["callActivity"] = NodeKind.CallActivity,
    };

    /// <summary>
    /// Container children without flow semantics: artifacts, data, and elements read elsewhere (a sub-process is a
    /// container and an activity, so its loop characteristics are met here and reported with the node).
    /// </summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "documentation", "extensionElements", "auditing", "monitoring", "textAnnotation", "group",
        "dataObject", "dataObjectReference", "dataStoreReference", "dataInputAssociation", "dataOutputAssociation",
        "ioSpecification", "ioBinding", "property", "performer", "humanPerformer", "potentialOwner", "resourceRole",
        "correlationSubscription", "supports", "incoming", "outgoing", "standardLoopCharacteristics",
        "multiInstanceLoopCharacteristics",
    };

    private static readonly string[] JavaScriptFormats =
        ["javascript", "js", "ecmascript", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"];

    private readonly BpmnContext context;
    private readonly List<(XElement Element, string Id, string? ParentId, EventSpec? Event)> nodeElements = [];
    private readonly List<SequenceFlow> flows = [];
    private readonly List<(string Source, string Target)> associations = [];
    private readonly List<Lane> lanes = [];
    private readonly Dictionary<string, List<string>> laneRoles = new(StringComparer.Ordinal);

    private ProcessMapper(BpmnContext context) => this.context = context;

    /// <summary>Maps a process element; <paramref name="participantName"/> names it when the process has no name.</summary>
    public static ProcessDefinition Map(XElement process, string id, string? participantName, BpmnContext context)
    {
        var mapper = new ProcessMapper(context);
        mapper.Collect(process, null);
        var incoming = mapper.FlowsBy(f => f.TargetId, "incoming");
        var outgoing = mapper.FlowsBy(f => f.SourceId, "outgoing");
        var nodes = mapper.nodeElements.Select(n => mapper.Build(n.Element, n.Id, n.ParentId, n.Event,
            incoming.GetValueOrDefault(n.Id) ?? [], outgoing.GetValueOrDefault(n.Id) ?? [])).ToList();
        var isExecutable = !string.Equals(BpmnContext.Attr(process, "isExecutable"), "false", StringComparison.Ordinal);
        return new ProcessDefinition(id, BpmnContext.Attr(process, "name") ?? participantName, SourceFormat.Bpmn, nodes, mapper.flows,
            mapper.lanes, isExecutable: isExecutable)
        {
            Position = BpmnContext.PositionOf(process),
            Retention = ProcessAnnotations.ReadRetention(process, id, context),
        };
    }

    /// <summary>Walks a process or sub-process: flow nodes, sequence flows and lanes, reporting what is unsupported.</summary>
    private void Collect(XElement container, string? parentId)
    {
        foreach (var child in container.Elements().Where(e => e.Name.Namespace == BpmnNames.Model))
        {
            var name = child.Name.LocalName;
            if (name == "sequenceFlow") ReadFlow(child);
            else if (name == "laneSet") ReadLaneSet(child);
            else if (name == "association") ReadAssociation(child);
            else if (Kinds.ContainsKey(name)) CollectNode(child, name, parentId);
            else if (!Ignored.Contains(name)) context.Unsupported(child, name);
        }
    }

    private void CollectNode(XElement e, string name, string? parentId)
    {
        if (BpmnContext.Attr(e, "id") is not { } id)
        {
            context.Error(DiagnosticCodes.MissingId, $"{name} without id", e);
            return;
        }
        // Unsupported kinds are not mapped; the validator leaves their ids out of reference and reachability checks.
        EventSpec? spec = null;
        if (name.EndsWith("Event", StringComparison.Ordinal))
        {
            spec = EventDefinitions.Classify(e, context);
            if (spec is null) return;
        }
        nodeElements.Add((e, id, parentId, spec));
        if (name is "subProcess" or "transaction") Collect(e, id);
    }

    /// <summary>Associations link a compensation boundary event with its handler; the others only annotate the diagram.</summary>
    private void ReadAssociation(XElement e)
    {
        if (BpmnContext.Ref(e, "sourceRef") is { } source && BpmnContext.Ref(e, "targetRef") is { } target) associations.Add((source, target));
    }

    /// <summary>The element an association joins to <paramref name="id"/>, drawn from it or (some modelers) towards it.</summary>
    private string? AssociatedWith(string id)
    {
        foreach (var (source, target) in associations)
        {
            if (source == id) return target;
        }
        foreach (var (source, target) in associations)
        {
            if (target == id) return source;
        }
        return null;
    }

    private void ReadFlow(XElement e)
    {
        if (BpmnContext.Attr(e, "id") is not { } id)
        {
            context.Error(DiagnosticCodes.MissingId, "sequenceFlow without id", e);
            return;
        }
        var source = BpmnContext.Ref(e, "sourceRef");
        var target = BpmnContext.Ref(e, "targetRef");
        if (source is null || target is null)
        {
            context.Error(DiagnosticCodes.MissingReference, $"sequenceFlow without {(source is null ? "sourceRef" : "targetRef")}", e);
            return;
        }
        var (condition, language) = Condition(e, id);
        flows.Add(new SequenceFlow
        {
            Id = id,
            SourceId = source,
            TargetId = target,
            Name = BpmnContext.Attr(e, "name"),
            Condition = condition,
            ConditionLanguage = language,
            Position = BpmnContext.PositionOf(e),
        });
    }

    /// <summary>
    /// A flow's condition in the language declared on the expression (<c>language</c>) or else on <c>definitions</c>
    /// (<c>expressionLanguage</c>); a language the engine does not run is an error, never run as another language.
    /// </summary>
    private (string? Text, ExpressionLanguage Language) Condition(XElement flow, string flowId)
    {
        var expression = flow.Element(BpmnNames.Model + "conditionExpression");
        if (expression is null || BpmnContext.NonBlank(expression.Value) is null) return (null, ExpressionLanguage.JavaScript);
        var declared = BpmnContext.Attr(expression, "language") ?? BpmnContext.Attr(flow.Document?.Root, "expressionLanguage");
        if (declared is null) return (ExpressionText.Normalise(expression.Value), ExpressionLanguage.JavaScript);
        if (ExpressionLanguages.Resolve(declared) is not { } language)
        {
            context.Error(DiagnosticCodes.UnsupportedExpressionLanguage,
                $"condition of sequenceFlow {flowId} is in expression language {declared}, which the engine does not run (FEEL, JUEL and JavaScript do)",
                expression, flowId, [declared]);
            return (ExpressionText.Normalise(expression.Value), ExpressionLanguage.Unsupported);
        }
        return language switch
        {
            ExpressionLanguage.Feel => (ExpressionText.StripFeel(expression.Value), language),
            ExpressionLanguage.Juel => (BpmnContext.NonBlank(expression.Value), language),
            _ => (ExpressionText.Normalise(expression.Value), language),
        };
    }

    /// <summary>Reads lanes, nested lane sets included. Each named lane is a role of the nodes it lists.</summary>
    private void ReadLaneSet(XElement laneSet)
    {
        foreach (var lane in laneSet.Elements(BpmnNames.Model + "lane"))
        {
            var nodeIds = lane.Elements(BpmnNames.Model + "flowNodeRef").Select(r => BpmnContext.LocalRef(r, BpmnContext.NonBlank(r.Value))).OfType<string>().ToList();
            if (BpmnContext.Attr(lane, "name") is { } name)
            {
                lanes.Add(new Lane(BpmnContext.Attr(lane, "id") ?? name, name, nodeIds));
                foreach (var nodeId in nodeIds)
                {
                    if (!laneRoles.TryGetValue(nodeId, out var roles)) laneRoles[nodeId] = roles = [];
                    roles.Add(name);
                }
            }
            foreach (var child in lane.Elements(BpmnNames.Model + "childLaneSet")) ReadLaneSet(child);
        }
    }

    /// <summary>Flow ids per node in source order, reporting nodes beyond <see cref="ReaderLimits.MaxFlowsPerNode"/>.</summary>
    private Dictionary<string, List<string>> FlowsBy(Func<SequenceFlow, string> end, string direction)
    {
        var byNode = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var flow in flows)
        {
            var nodeId = end(flow);
            if (!byNode.TryGetValue(nodeId, out var list)) byNode[nodeId] = list = [];
            list.Add(flow.Id);
        }
        var max = context.Limits.MaxFlowsPerNode;
        foreach (var (nodeId, list) in byNode.Where(p => p.Value.Count > max))
        {
            var node = nodeElements.FirstOrDefault(n => n.Id == nodeId).Element;
            context.Error(DiagnosticCodes.TooManyFlows,
                string.Create(CultureInfo.InvariantCulture,
                    $"{node?.Name.LocalName ?? "node"} {nodeId} has {list.Count} {direction} sequence flows, more than the limit of {max}"),
                node, nodeId);
        }
        return byNode;
    }

    /// <summary>
    /// A message or signal without a name (no ref, or a ref to an element without one) is known by the event's own
    /// name, as BPMN tools show it; a warning says so. Without either the checks report it.
    /// </summary>
    private string? NameOrEventName(XElement e, string id, string? declared, string what)
    {
        if (declared is not null) return declared;
        if (BpmnContext.Attr(e, "name") is not { } label) return null;
        // Labels wrap lines for the diagram; the name senders use is the label on one line.
        var eventName = string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        context.Warning(what == "message" ? DiagnosticCodes.MessageNameFromEvent : DiagnosticCodes.SignalNameFromEvent,
            $"{e.Name.LocalName} {id} names no {what}; it is correlated by its own name \"{eventName}\"", e, id);
        return eventName;
    }

    private FlowNode Build(XElement e, string id, string? parentId, EventSpec? spec, List<string> incoming, List<string> outgoing)
    {
        var name = e.Name.LocalName;
        var kind = Kinds[name];
        var annotations = ProductAnnotations.Read(e, id, context);
        // A file is stored as a document of an existing case; a start form has no case yet to store it on.
        if (kind != NodeKind.UserTask && annotations.Fields.Any(f => f.Type == "file"))
        {
            context.Error(DiagnosticCodes.InvalidAnnotation, "am:field of type file is only supported on user tasks", e, id);
        }
        CheckUnsupportedFeatures(e, name);
        var definition = spec?.Definition;
        var trigger = spec?.Trigger ?? EventTrigger.None;
        var messageRef = trigger == EventTrigger.Message ? BpmnContext.Attr(definition, "messageRef")
            : kind is NodeKind.SendTask or NodeKind.ReceiveTask ? BpmnContext.Attr(e, "messageRef") : null;
        var catchesMessage = kind is NodeKind.ReceiveTask
            || (trigger == EventTrigger.Message && kind is NodeKind.IntermediateCatchEvent or NodeKind.BoundaryEvent);
        var roles = (laneRoles.GetValueOrDefault(id) ?? []).Concat(ResourceRoles(e)).Concat(VendorExtensions.CandidateGroups(e))
            .Concat(annotations.Roles).Distinct(StringComparer.Ordinal).ToList();
        var called = kind == NodeKind.CallActivity ? VendorExtensions.CalledProcess(e) : default;
        return new FlowNode
        {
            Id = id,
            Name = BpmnContext.Attr(e, "name"),
            Kind = kind,
            Trigger = trigger,
            Position = BpmnContext.PositionOf(e),
            ParentId = parentId,
            Roles = roles,
            Assignee = VendorExtensions.Assignee(e),
            CandidateUsers = [.. VendorExtensions.CandidateUsers(e)],
            CandidateGroupExpressions = [.. VendorExtensions.CandidateGroupTexts(e).Where(t => ExpressionText.Assignment(t) is not null)],
            Initiator = kind == NodeKind.StartEvent ? BpmnContext.NonBlank(BpmnNames.CamundaAttribute(e, "initiator")) : null,
            AsyncBefore = VendorExtensions.Flag(e, "asyncBefore") || VendorExtensions.Flag(e, "async"),
            AsyncAfter = VendorExtensions.Flag(e, "asyncAfter"),
            Effort = annotations.Effort,
            Footprint = annotations.Footprint,
            Automation = annotations.Automation,
            Timer = trigger == EventTrigger.Timer ? EventDefinitions.Timer(definition!, id, context) : null,
            MessageName = trigger == EventTrigger.Message || kind == NodeKind.ReceiveTask
                ? NameOrEventName(e, id, context.MessageName(messageRef), "message") : context.MessageName(messageRef),
            CorrelationKey = annotations.CorrelationKey ?? (catchesMessage ? context.MessageCorrelationKey(messageRef) : null),
            SignalName = trigger == EventTrigger.Signal ? NameOrEventName(e, id, context.SignalName(BpmnContext.Attr(definition, "signalRef")), "signal") : null,
            ErrorCode = trigger == EventTrigger.Error ? context.ErrorCode(BpmnContext.Attr(definition, "errorRef")) : null,
            EscalationCode = trigger == EventTrigger.Escalation ? EscalationCode(e, id, definition!) : null,
            EventCondition = trigger == EventTrigger.Conditional
                ? LoopReader.Expression(definition!.Element(BpmnNames.Model + "condition"), id, "condition", context) : null,
            IsForCompensation = IsTrue(e, "isForCompensation"),
            CompensationHandlerId = trigger == EventTrigger.Compensation && kind == NodeKind.BoundaryEvent ? AssociatedWith(id) : null,
            CompensationActivityId = trigger == EventTrigger.Compensation && kind != NodeKind.BoundaryEvent ? BpmnContext.Ref(definition, "activityRef") : null,
            CompensationWaits = !(trigger == EventTrigger.Compensation && string.Equals(BpmnContext.Attr(definition, "waitForCompletion"), "false", StringComparison.Ordinal)),
            IsTransaction = name == "transaction",
            ConditionVariable = trigger == EventTrigger.Conditional ? BpmnContext.NonBlank(BpmnNames.CamundaAttribute(definition!, "variableName")) : null,
            ConditionVariableEvents = trigger == EventTrigger.Conditional ? VariableEvents(definition!) : [],
            LinkName = trigger == EventTrigger.Link ? BpmnContext.Attr(definition, "name") ?? BpmnContext.Attr(e, "name") : null,
            TriggeredByEvent = kind == NodeKind.SubProcess && IsTrue(e, "triggeredByEvent"),
            // A script in another language (Groovy) is reported once, as unsupported; it is not JavaScript to check or run.
            Script = kind == NodeKind.ScriptTask && IsJavaScript(e) ? BpmnContext.NonBlank(e.Element(BpmnNames.Model + "script")?.Value) : null,
            ResultVariable = BpmnContext.NonBlank(BpmnNames.CamundaAttribute(e, "resultVariable")),
            Service = annotations.Action ?? VendorExtensions.Service(e),
            Decision = kind == NodeKind.BusinessRuleTask ? VendorExtensions.Decision(e) : null,
            CalledProcessId = called.Id,
            CalledProcessExpression = called.Expression,
            InputMappings = kind == NodeKind.CallActivity ? VendorExtensions.Mappings(e, "in", "input") : [],
            OutputMappings = kind == NodeKind.CallActivity ? VendorExtensions.Mappings(e, "out", "output") : [],
            InputParameters = kind == NodeKind.CallActivity ? [] : VendorExtensions.IoParameters(e, input: true),
            OutputParameters = kind == NodeKind.CallActivity ? [] : VendorExtensions.IoParameters(e, input: false),
            Loop = LoopReader.Read(e, id, context),
            AttachedToId = kind == NodeKind.BoundaryEvent ? BpmnContext.Ref(e, "attachedToRef") : null,
            CancelActivity = !string.Equals(BpmnContext.Attr(e, kind == NodeKind.StartEvent ? "isInterrupting" : "cancelActivity"), "false", StringComparison.Ordinal),
            DefaultFlowId = BpmnContext.Ref(e, "default"),
            FormFields = [.. VendorExtensions.CamundaFormFields(e), .. annotations.Fields],
            Deadline = Deadline(annotations.Deadline ?? VendorExtensions.DueDate(e)),
            EscalationRole = annotations.EscalationRole,
            Documentation = Documentation(e),
            Incoming = incoming,
            Outgoing = outgoing,
        };
    }

    /// <summary>
    /// The code of the escalation an escalation event names. Without an escalationRef a catch catches every escalation
    /// (and a throw is caught only by such catches); a ref to no escalation is an error, never read as "every code".
    /// </summary>
    private string? EscalationCode(XElement e, string id, XElement definition)
    {
        if (BpmnContext.Attr(definition, "escalationRef") is not { } reference) return null;
        if (context.RootElement(reference, "escalation") is not null) return context.EscalationCode(reference);
        context.Error(DiagnosticCodes.MissingReference, $"{e.Name.LocalName} {id}: escalationRef \"{reference}\" names no escalation", e, id);
        return null;
    }

    /// <summary>The kinds of change a conditional event watches (<c>camunda:variableEvents="create, update"</c>), lower case.</summary>
    private static List<string> VariableEvents(XElement definition) =>
        [.. VendorExtensions.SplitList(BpmnNames.CamundaAttribute(definition, "variableEvents")).Select(v => v.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// A deadline is a duration (from the task's creation) when it starts with P, else a date; the validator checks the form.
    /// Written as an expression (<c>${frist}</c>, <c>=…</c>) it is evaluated when the task is created, and its value decides.
    /// </summary>
    private static TimerDefinition? Deadline(string? text)
    {
        if (text is null) return null;
        var trimmed = text.Trim();
        var literal = new TimerDefinition(trimmed.StartsWith('P') ? TimerKind.Duration : TimerKind.Date, trimmed);
        return EventDefinitions.Marked(trimmed) is { } evaluated ? literal with { Evaluated = evaluated } : literal;
    }

    /// <summary>A script task without a format, or with a JavaScript one.</summary>
    private static bool IsJavaScript(XElement e) =>
        BpmnContext.Attr(e, "scriptFormat") is not { } format || JavaScriptFormats.Contains(format, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reports features of otherwise supported nodes that the engine does not execute.</summary>
    private void CheckUnsupportedFeatures(XElement e, string name)
    {
        CamundaChecks.Report(e, context);
        if (name == "scriptTask" && !IsJavaScript(e))
            context.Unsupported(e, $"scriptTask with scriptFormat {BpmnContext.Attr(e, "scriptFormat")} (only JavaScript runs)");
        if (name is "eventBasedGateway" or "receiveTask" && IsTrue(e, "instantiate"))
            context.Unsupported(e, $"{name} with instantiate=true");
        if (name == "eventBasedGateway" && string.Equals(BpmnContext.Attr(e, "eventGatewayType"), "Parallel", StringComparison.Ordinal))
            context.Unsupported(e, "eventBasedGateway with eventGatewayType=Parallel");
    }

    /// <summary>
    /// Roles from potentialOwner, humanPerformer and performer: the referenced resource's name, or the entries of a
    /// resource assignment expression (Activiti's <c>group(x)</c> and <c>user(x)</c> unwrapped).
    /// </summary>
    private IEnumerable<string> ResourceRoles(XElement e)
    {
        foreach (var role in e.Elements().Where(c => c.Name.Namespace == BpmnNames.Model
                     && c.Name.LocalName is "potentialOwner" or "humanPerformer" or "performer"))
        {
            if (context.ResourceName(role.Element(BpmnNames.Model + "resourceRef")?.Value) is { } resource)
            {
                yield return resource;
                continue;
            }
            var expression = role.Element(BpmnNames.Model + "resourceAssignmentExpression")?.Elements().FirstOrDefault()?.Value;
            foreach (var entry in VendorExtensions.SplitList(expression))
                yield return Unwrap(entry, "group(") ?? Unwrap(entry, "user(") ?? entry;
        }
    }

    private static string? Unwrap(string entry, string prefix) =>
        entry.StartsWith(prefix, StringComparison.Ordinal) && entry.EndsWith(')') ? BpmnContext.NonBlank(entry[prefix.Length..^1]) : null;

    private static string? Documentation(XElement e)
    {
        var text = string.Join("\n", e.Elements(BpmnNames.Model + "documentation").Select(d => d.Value.Trim()).Where(t => t.Length > 0));
        return text.Length == 0 ? null : text;
    }

    private static bool IsTrue(XElement e, string attribute) =>
        string.Equals(BpmnContext.Attr(e, attribute), "true", StringComparison.Ordinal);
}
