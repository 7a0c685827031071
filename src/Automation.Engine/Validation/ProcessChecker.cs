using Automation.Engine.Expressions.Feel;
using Automation.Engine.Expressions.Juel;
using Automation.Engine.Model;
using Automation.Engine.Reading.Bpmn;

namespace Automation.Engine.Validation;

/// <summary>Structural and expression checks within one process.</summary>
internal sealed class ProcessChecker(ProcessDefinition process, HashSet<string> unsupported, Report report)
{
    // Looked up once: per-node scans of all nodes would make large processes quadratic.
    private readonly ILookup<string, FlowNode> childrenOf = process.Nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!, StringComparer.Ordinal);

    private IEnumerable<FlowNode> StartsIn(string scopeId) => childrenOf[scopeId].Where(n => n.Kind == NodeKind.StartEvent);

    /// <summary>Flows must join existing nodes of one scope, and respect where events may have flows.</summary>
    public void CheckFlows()
    {
        foreach (var flow in process.Flows)
        {
            var source = Resolve(flow, flow.SourceId, "sourceRef");
            var target = Resolve(flow, flow.TargetId, "targetRef");
            if (flow.Condition is { } condition) CheckCondition(flow, condition);
            if (source is null || target is null) continue;
            if (!string.Equals(source.ParentId, target.ParentId, StringComparison.Ordinal))
                report.Error(DiagnosticCodes.CrossScopeFlow,
                    $"sequenceFlow {flow.Id} crosses a scope boundary: {source.Id} is in {Scope(source)}, {target.Id} in {Scope(target)}",
                    flow.Id, flow.Position);
            if (target.Kind is NodeKind.StartEvent or NodeKind.BoundaryEvent)
                report.Error(DiagnosticCodes.InvalidFlow, $"sequenceFlow {flow.Id} leads into {target.Kind} {target.Id}", flow.Id, flow.Position);
            if (source.Kind == NodeKind.EndEvent)
                report.Error(DiagnosticCodes.InvalidFlow, $"sequenceFlow {flow.Id} leaves end event {source.Id}", flow.Id, flow.Position);
            // An event sub-process starts by its event, a link catch by its throw: neither is entered by a flow.
            if (target.TriggeredByEvent || target.Trigger == EventTrigger.Link && target.Kind == NodeKind.IntermediateCatchEvent)
                report.Error(DiagnosticCodes.InvalidFlow, $"sequenceFlow {flow.Id} leads into {Describe(target)}", flow.Id, flow.Position);
            if (source.TriggeredByEvent || source.Trigger == EventTrigger.Link && source.Kind == NodeKind.IntermediateThrowEvent)
                report.Error(DiagnosticCodes.InvalidFlow, $"sequenceFlow {flow.Id} leaves {Describe(source)}", flow.Id, flow.Position);
            // A compensation handler runs only when its activity is compensated, and its boundary event leads nowhere.
            foreach (var end in new[] { source, target }.Where(n => n.IsForCompensation || n.Trigger == EventTrigger.Compensation && n.Kind == NodeKind.BoundaryEvent))
                report.Error(DiagnosticCodes.InvalidFlow,
                    $"sequenceFlow {flow.Id} joins {(end.IsForCompensation ? "compensation handler" : "compensation boundary event")} {end.Id}, which is linked by an association only",
                    flow.Id, flow.Position);
        }
    }

    private void CheckCondition(SequenceFlow flow, string condition) =>
        CheckExpression(condition, flow.ConditionLanguage, $"condition \"{condition}\" of sequenceFlow {flow.Id}", flow.Id, flow.Position);

    /// <summary>An expression must parse in its declared language (an undeclared one was reported by the reader).</summary>
    private void CheckExpression(string text, ExpressionLanguage language, string what, string elementId, SourcePosition? position)
    {
        if (SyntaxError(text, language, what) is { } error) report.Error(error.Code, error.Message, elementId, position);
    }

    /// <summary>Why an expression does not parse in its language (code and message naming <paramref name="what"/>); null when it parses.</summary>
    internal static (string Code, string Message)? SyntaxError(string text, ExpressionLanguage language, string what)
    {
        switch (language)
        {
            case ExpressionLanguage.Feel:
                try
                {
                    FeelExpression.Parse(text);
                    return null;
                }
                catch (FeelParseException e)
                {
                    return (DiagnosticCodes.InvalidExpression, $"{what} does not parse as FEEL: {e.Message}");
                }
            case ExpressionLanguage.Juel:
                try
                {
                    JuelExpression.Parse(text);
                    return null;
                }
                catch (JuelParseException e)
                {
                    return (e.Code == "juel-method-call" ? DiagnosticCodes.UnsupportedExpression : DiagnosticCodes.InvalidExpression, $"{what}: {e.Message}");
                }
            case ExpressionLanguage.Unsupported:
                return null;
            default:
                return JavaScriptSyntax.ExpressionError(text) is { } error
                    ? (DiagnosticCodes.InvalidExpression, $"{what} does not parse as JavaScript: {error}")
                    : null;
        }
    }

    /// <summary>
    /// An assignee or candidate user written as an expression is evaluated when the task is created, so it must parse; a
    /// JUEL method call the reader reported (assignment-expression-unsupported) stays a warning, an incident when it runs.
    /// Candidate groups are not evaluated, but one written as an expression that does not even parse is a mistake too.
    /// </summary>
    private void CheckAssignment(FlowNode node)
    {
        var entries = node.CandidateUsers.Select(u => (Entry: u, What: "candidate user"))
            .Concat(node.CandidateGroupExpressions.Select(g => (Entry: g, What: "candidate groups")));
        if (node.Assignee is { } assignee) entries = entries.Prepend((assignee, "assignee"));
        foreach (var (entry, what) in entries)
        {
            if (ExpressionText.Assignment(entry) is not { } expression) continue;
            if (SyntaxError(expression.Text, expression.Language, $"{what} \"{entry}\" of {node.Kind} {node.Id}") is { } error
                && error.Code != DiagnosticCodes.UnsupportedExpression)
            {
                report.Error(error.Code, error.Message, node.Id, node.Position);
            }
        }
    }

    /// <summary>A multi-instance activity needs a cardinality or a collection; every loop expression must parse.</summary>
    private void CheckLoop(FlowNode node, LoopDefinition loop)
    {
        if (loop.IsMultiInstance && loop.Cardinality is null && loop.Collection is null)
            report.Error(DiagnosticCodes.InvalidLoop,
                $"multi-instance {node.Kind} {node.Id} has neither loopCardinality nor a collection (loopDataInputRef, camunda:collection), so the number of instances is unknown",
                node.Id, node.Position);
        if (loop.Cardinality is { } cardinality) CheckExpression(cardinality.Text, cardinality.Language, $"loopCardinality \"{cardinality.Text}\" of {node.Id}", node.Id, node.Position);
        if (!loop.CollectionIsVariable && loop.Collection is { } collection)
            CheckExpression(collection.Text, collection.Language, $"collection \"{collection.Text}\" of {node.Id}", node.Id, node.Position);
        if (loop.CompletionCondition is { } completion)
            CheckExpression(completion.Text, completion.Language, $"completionCondition \"{completion.Text}\" of {node.Id}", node.Id, node.Position);
        if (loop.LoopCondition is { } condition)
            CheckExpression(condition.Text, condition.Language, $"loopCondition \"{condition.Text}\" of {node.Id}", node.Id, node.Position);
    }

    private FlowNode? Resolve(SequenceFlow flow, string nodeId, string end)
    {
        var node = process.FindNode(nodeId);
        if (node is null && !unsupported.Contains(nodeId))
            report.Error(DiagnosticCodes.MissingReference, $"sequenceFlow {flow.Id}: {end} {nodeId} names no flow node of process {process.Id}",
                flow.Id, flow.Position);
        return node;
    }

    private static string Describe(FlowNode node) => node.TriggeredByEvent ? $"event sub-process {node.Id}"
        : node.Kind == NodeKind.IntermediateCatchEvent ? $"link catch event {node.Id}" : $"link throw event {node.Id}";

    private string Scope(FlowNode node) => node.ParentId is null ? $"process {process.Id}" : $"sub-process {node.ParentId}";

    public void CheckNodes()
    {
        foreach (var node in process.Nodes)
        {
            if (node.IsGateway) CheckGateway(node);
            if (node.DefaultFlowId is { } defaultFlow && !node.Outgoing.Contains(defaultFlow, StringComparer.Ordinal))
                report.Error(DiagnosticCodes.MissingReference, $"default flow {defaultFlow} of {node.Id} is not one of its outgoing flows",
                    node.Id, node.Position);
            if (node.Kind == NodeKind.BoundaryEvent) CheckBoundary(node);
            if (node.Trigger == EventTrigger.Link) CheckLink(node);
            if (node.Trigger == EventTrigger.Compensation) CheckCompensation(node);
            if (node.Trigger == EventTrigger.Cancel || node.IsTransaction) CheckCancel(node);
            if (node.Kind == NodeKind.SubProcess && !childrenOf.Contains(node.Id))
                report.Warning(DiagnosticCodes.EmptySubProcess, $"sub-process {node.Id} has no content and completes at once", node.Id, node.Position);
            CheckTrigger(node);
            if (node.Loop is { } loop) CheckLoop(node, loop);
            if (node.Kind == NodeKind.ScriptTask && node.Script is { } script && JavaScriptSyntax.ScriptError(script) is { } error)
                report.Error(DiagnosticCodes.InvalidExpression, $"script does not parse as JavaScript: {error}", node.Id, node.Position);
        }
    }

    private void CheckGateway(FlowNode gateway)
    {
        if (gateway.Outgoing.Count == 0)
        {
            report.Error(DiagnosticCodes.GatewayWithoutOutgoing, $"gateway {gateway.Id} has no outgoing sequence flow", gateway.Id, gateway.Position);
            return;
        }
        if (gateway.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway && gateway.Outgoing.Count > 1)
        {
            foreach (var flow in gateway.Outgoing.Select(process.FindFlow).OfType<SequenceFlow>())
            {
                if (flow.Condition is null && flow.Id != gateway.DefaultFlowId)
                    report.Warning(DiagnosticCodes.MissingCondition,
                        $"sequenceFlow {flow.Id} leaves branching gateway {gateway.Id} without a condition and is not its default flow",
                        flow.Id, flow.Position);
            }
        }
        if (gateway.Kind == NodeKind.EventBasedGateway)
        {
            foreach (var target in gateway.Outgoing.Select(process.FindFlow).OfType<SequenceFlow>().Select(f => process.FindNode(f.TargetId)).OfType<FlowNode>())
            {
                if (target.Kind is not (NodeKind.IntermediateCatchEvent or NodeKind.ReceiveTask))
                    report.Error(DiagnosticCodes.InvalidEventGateway,
                        $"event-based gateway {gateway.Id} leads to {target.Kind} {target.Id}; only catch events and receive tasks may follow it",
                        target.Id, target.Position);
            }
        }
    }

    private void CheckBoundary(FlowNode boundary)
    {
        if (boundary.AttachedToId is not { } activityId)
        {
            report.Error(DiagnosticCodes.MissingReference, $"boundary event {boundary.Id} has no attachedToRef", boundary.Id, boundary.Position);
            return;
        }
        var activity = process.FindNode(activityId);
        if (activity is null && !unsupported.Contains(activityId))
            report.Error(DiagnosticCodes.MissingReference, $"boundary event {boundary.Id} is attached to {activityId}, which is no flow node of this process",
                boundary.Id, boundary.Position);
        else if (activity is { IsActivity: false })
            report.Error(DiagnosticCodes.InvalidBoundary, $"boundary event {boundary.Id} is attached to {activity.Kind} {activity.Id}, which is not an activity",
                boundary.Id, boundary.Position);
        else if (activity is { TriggeredByEvent: true })
            report.Error(DiagnosticCodes.InvalidBoundary, $"boundary event {boundary.Id} is attached to event sub-process {activity.Id}, which has no boundary events",
                boundary.Id, boundary.Position);
        else if (activity is not null && boundary.Trigger == EventTrigger.Escalation && activity.Kind is not (NodeKind.SubProcess or NodeKind.CallActivity))
            report.Error(DiagnosticCodes.InvalidBoundary,
                $"escalation boundary event {boundary.Id} is attached to {activity.Kind} {activity.Id}; only a sub-process or call activity raises escalations",
                boundary.Id, boundary.Position);
    }

    /// <summary>A compensation boundary names a handler (isForCompensation) by association; a throw's activityRef names an activity.</summary>
    private void CheckCompensation(FlowNode node)
    {
        if (node.Kind != NodeKind.BoundaryEvent)
        {
            if (node.CompensationActivityId is { } activityId && process.FindNode(activityId) is null && !unsupported.Contains(activityId))
                report.Error(DiagnosticCodes.MissingReference, $"compensation event {node.Id}: activityRef {activityId} names no flow node of process {process.Id}",
                    node.Id, node.Position);
            return;
        }
        if (node.CompensationHandlerId is not { } handlerId)
            report.Error(DiagnosticCodes.MissingReference,
                $"compensation boundary event {node.Id} has no association to a compensation handler (an activity with isForCompensation=\"true\")", node.Id, node.Position);
        else if (process.FindNode(handlerId) is not { } handler)
        {
            if (!unsupported.Contains(handlerId))
                report.Error(DiagnosticCodes.MissingReference, $"compensation boundary event {node.Id} is associated with {handlerId}, which is no flow node of this process",
                    node.Id, node.Position);
        }
        else if (!handler.IsActivity || !handler.IsForCompensation)
            report.Error(DiagnosticCodes.InvalidBoundary,
                $"compensation boundary event {node.Id} is associated with {handler.Kind} {handler.Id}, which is no activity with isForCompensation=\"true\"", node.Id, node.Position);
    }

    /// <summary>
    /// A cancel end event belongs directly into a transaction, a cancel boundary event onto one (BPMN 2.0 §10.5.5); a
    /// transaction that can be cancelled should say where it goes on.
    /// </summary>
    private void CheckCancel(FlowNode node)
    {
        if (node.IsTransaction)
        {
            if (childrenOf[node.Id].Any(n => n is { Kind: NodeKind.EndEvent, Trigger: EventTrigger.Cancel })
                && !process.BoundaryEventsOf(node.Id).Any(b => b.Trigger == EventTrigger.Cancel))
                report.Warning(DiagnosticCodes.CancelWithoutBoundary,
                    $"transaction {node.Id} has a cancel end event but no cancel boundary event: a cancelled transaction ends its path", node.Id, node.Position);
            return;
        }
        var transaction = node.Kind == NodeKind.BoundaryEvent ? node.AttachedToId : node.ParentId;
        if (transaction is not null && process.FindNode(transaction) is { IsTransaction: true }) return;
        report.Error(DiagnosticCodes.CancelOutsideTransaction,
            node.Kind == NodeKind.BoundaryEvent
                ? $"cancel boundary event {node.Id} is attached to {transaction ?? "nothing"}, which is no transaction"
                : $"cancel end event {node.Id} is in {Scope(node)}, not directly in a transaction",
            node.Id, node.Position);
    }

    /// <summary>A link throw needs exactly one link catch of its name in its scope; a catch name may be used once per scope.</summary>
    private void CheckLink(FlowNode link)
    {
        var isThrow = link.Kind == NodeKind.IntermediateThrowEvent;
        if (link.LinkName is null)
        {
            report.Error(DiagnosticCodes.UnmatchedLink, $"link {(isThrow ? "throw" : "catch")} event {link.Id} names no link (linkEventDefinition name)",
                link.Id, link.Position);
            return;
        }
        var catches = process.LinkCatchesFor(link);
        if (isThrow && catches.Count == 0)
            report.Error(DiagnosticCodes.UnmatchedLink,
                $"link throw event {link.Id} goes to link \"{link.LinkName}\", but {Scope(link)} has no link catch event of that name", link.Id, link.Position);
        if (!isThrow && catches.Count > 1 && catches[0] != link)
            report.Error(DiagnosticCodes.DuplicateLink,
                $"link catch event {link.Id} has the link name \"{link.LinkName}\" of link catch event {catches[0].Id} in {Scope(link)}; a link name may be caught once per scope",
                link.Id, link.Position);
    }

    /// <summary>Waits need what they wait for: a message name, a signal name, a parsable timer.</summary>
    private void CheckTrigger(FlowNode node)
    {
        var catchesMessage = node.Kind == NodeKind.ReceiveTask
            || (node.Trigger == EventTrigger.Message && node.Kind is NodeKind.StartEvent or NodeKind.IntermediateCatchEvent or NodeKind.BoundaryEvent);
        if (catchesMessage && node.MessageName is null)
            report.Error(DiagnosticCodes.MissingMessageName, $"{node.Kind} {node.Id} waits for a message but names none (messageRef to a message with a name)",
                node.Id, node.Position);
        if (node.Trigger == EventTrigger.Signal && node.SignalName is null)
            report.Error(DiagnosticCodes.MissingSignalName, $"{node.Kind} {node.Id} has a signal trigger but names no signal (signalRef to a signal with a name)",
                node.Id, node.Position);
        if (node.Trigger == EventTrigger.Timer) CheckTimer(node);
        if (node.Trigger == EventTrigger.Conditional)
        {
            if (node.EventCondition is { } condition)
                CheckExpression(condition.Text, condition.Language, $"condition \"{condition.Text}\" of {node.Kind} {node.Id}", node.Id, node.Position);
            else
                report.Error(DiagnosticCodes.InvalidExpression, $"conditional {node.Kind} {node.Id} has no condition, so it could never fire", node.Id, node.Position);
            foreach (var kind in node.ConditionVariableEvents.Where(k => k is not ("create" or "update" or "delete")))
                report.Error(DiagnosticCodes.InvalidVariableEvents,
                    $"camunda:variableEvents of {node.Kind} {node.Id} names \"{kind}\"; the kinds of change are create, update and delete", node.Id, node.Position);
            if (node.ConditionVariableEvents.Count > 0 && node.ConditionVariable is null)
                report.Error(DiagnosticCodes.InvalidVariableEvents,
                    $"camunda:variableEvents of {node.Kind} {node.Id} needs camunda:variableName, the variable whose changes it names", node.Id, node.Position);
        }
        CheckDeadline(node);
        if (node.Decision?.KeyExpression is { } key)
            CheckExpression(key.Text, key.Language, $"decision \"{node.Decision.Key}\" of {node.Kind} {node.Id}", node.Id, node.Position);
        CheckAssignment(node);
        if (node.CalledProcessExpression is { } called)
            CheckExpression(called.Text, called.Language, $"called process \"{node.CalledProcessId}\" of {node.Kind} {node.Id}", node.Id, node.Position);
    }

    /// <summary>
    /// A timer is a parsable literal, or an expression that parses in its language; a process's own timer start has no
    /// case variables to evaluate one against (only an event sub-process's start has: its scope's).
    /// </summary>
    private void CheckTimer(FlowNode node)
    {
        if (node.Timer?.Evaluated is not { } expression)
        {
            var error = node.Timer is null ? "timer event without timeDate, timeDuration or timeCycle" : TimerSyntax.Error(node.Timer);
            if (error is not null) report.Error(DiagnosticCodes.InvalidTimer, error, node.Id, node.Position);
            return;
        }
        if (node.Kind == NodeKind.StartEvent && !(node.ParentId is { } parent && process.FindNode(parent) is { TriggeredByEvent: true }))
        {
            report.Error(DiagnosticCodes.TimerExpressionAtStart,
                $"timer start event {node.Id} is the expression \"{node.Timer.Expression}\"; a process start has no case variables to evaluate it against, so it needs an ISO 8601 date, duration or cycle",
                node.Id, node.Position);
            return;
        }
        CheckExpression(expression.Text, expression.Language, $"timer \"{node.Timer.Expression}\" of {node.Kind} {node.Id}", node.Id, node.Position);
    }

    /// <summary>A deadline belongs to a user task and is an ISO 8601 duration or date-time, or an expression giving one.</summary>
    private void CheckDeadline(FlowNode node)
    {
        if (node.EscalationRole is not null && node.Deadline is null)
            report.Error(DiagnosticCodes.InvalidAnnotation, $"am:escalateTo on {node.Kind} {node.Id} needs a deadline (am:deadline)", node.Id, node.Position);
        if (node.Deadline is not { } deadline) return;
        if (node.Kind != NodeKind.UserTask)
        {
            report.Error(DiagnosticCodes.InvalidAnnotation, $"deadline on {node.Kind} {node.Id}: only user tasks have deadlines", node.Id, node.Position);
            return;
        }
        var text = deadline.Expression;
        if (deadline.Evaluated is { } expression)
        {
            // Evaluated when the task is created; here only its form is checked.
            CheckExpression(expression.Text, expression.Language, $"deadline \"{text}\" of {node.Kind} {node.Id}", node.Id, node.Position);
            return;
        }
        var error = deadline.Kind == TimerKind.Duration
                ? (TimerSyntax.Error(deadline) is null ? null : $"deadline \"{text}\" is not an ISO 8601 duration (e.g. P5D, PT4H)")
                : (TimerSyntax.Error(deadline) is null ? null : $"deadline \"{text}\" is not an ISO 8601 duration or date-time (e.g. P5D, 2026-03-31T12:00:00+01:00)");
        if (error is not null) report.Error(DiagnosticCodes.InvalidTimer, error, node.Id, node.Position);
    }

    /// <summary>Every scope needs a start event; inside a sub-process only none start events can fire.</summary>
    public void CheckStartEvents()
    {
        if (!process.StartEventsIn(null).Any())
            report.Error(DiagnosticCodes.MissingStartEvent, $"process {process.Id} has no start event", process.Id, null);
        foreach (var start in process.StartEventsIn(null).Where(s => s.Trigger is EventTrigger.Error or EventTrigger.Escalation or EventTrigger.Conditional))
            report.Error(DiagnosticCodes.InvalidStartEvent,
                $"start event {start.Id} of process {process.Id} has a {start.Trigger} trigger; only an event sub-process starts by an error, escalation or condition",
                start.Id, start.Position);
        foreach (var sub in process.Nodes.Where(n => n.TriggeredByEvent)) CheckEventSubProcessStart(sub);
        foreach (var sub in process.Nodes.Where(n => n.Kind == NodeKind.SubProcess && !n.TriggeredByEvent && childrenOf.Contains(n.Id)))
        {
            var starts = StartsIn(sub.Id).ToList();
            if (starts.Count == 0)
                report.Error(DiagnosticCodes.MissingStartEvent, $"sub-process {sub.Id} has no start event", sub.Id, sub.Position);
            foreach (var start in starts.Where(s => s.Trigger != EventTrigger.None))
                report.Error(DiagnosticCodes.InvalidStartEvent, $"start event {start.Id} in sub-process {sub.Id} has a {start.Trigger} trigger; only none start events start a sub-process",
                    start.Id, start.Position);
        }
    }

    /// <summary>An event sub-process has exactly one start event, and it has a trigger.</summary>
    private void CheckEventSubProcessStart(FlowNode sub)
    {
        var starts = StartsIn(sub.Id).ToList();
        if (starts.Count != 1)
            report.Error(starts.Count == 0 ? DiagnosticCodes.MissingStartEvent : DiagnosticCodes.InvalidStartEvent,
                $"event sub-process {sub.Id} has {starts.Count} start events; it needs exactly one, with a timer, message, signal, condition, error or escalation trigger",
                sub.Id, sub.Position);
        foreach (var start in starts.Where(s => s.Trigger == EventTrigger.None))
            report.Error(DiagnosticCodes.InvalidStartEvent, $"start event {start.Id} of event sub-process {sub.Id} has no trigger, so nothing could start it",
                start.Id, start.Position);
    }

    /// <summary>
    /// Nodes no start event of their scope reaches (warning: they never run). Boundary events are reached with their
    /// activity, a sub-process's content with the sub-process. Nodes inside unreached sub-processes are not reported
    /// again, nor are targets of flows from unsupported elements.
    /// </summary>
    public void CheckReachability()
    {
        if (!process.StartEventsIn(null).Any()) return;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        // A scope's event sub-processes count as reached with the scope: their start events wait while it runs.
        var queue = new Queue<FlowNode>(process.StartEventsIn(null).Concat(process.Nodes.Where(n => n.TriggeredByEvent && n.ParentId is null)));
        foreach (var flow in process.Flows.Where(f => unsupported.Contains(f.SourceId)))
        {
            if (process.FindNode(flow.TargetId) is { } target) queue.Enqueue(target);
        }
        while (queue.TryDequeue(out var node))
        {
            if (!reached.Add(node.Id)) continue;
            foreach (var flow in node.Outgoing.Select(process.FindFlow).OfType<SequenceFlow>())
            {
                if (process.FindNode(flow.TargetId) is { } target) queue.Enqueue(target);
            }
            foreach (var boundary in process.BoundaryEventsOf(node.Id))
            {
                queue.Enqueue(boundary);
                if (boundary.CompensationHandlerId is { } handler && process.FindNode(handler) is { } h) queue.Enqueue(h);
            }
            if (node.Trigger == EventTrigger.Link && node.Kind == NodeKind.IntermediateThrowEvent)
            {
                foreach (var target in process.LinkCatchesFor(node)) queue.Enqueue(target);
            }
            if (node.Kind != NodeKind.SubProcess) continue;
            foreach (var inner in childrenOf[node.Id].Where(n => n.TriggeredByEvent)) queue.Enqueue(inner);
            var starts = StartsIn(node.Id).ToList();
            // Without a start event (reported above) the sub-process's content counts as reached, to avoid a cascade.
            foreach (var inner in starts.Count > 0 ? starts : childrenOf[node.Id]) queue.Enqueue(inner);
        }
        foreach (var node in process.Nodes)
        {
            if (reached.Contains(node.Id) || node.Kind == NodeKind.BoundaryEvent) continue;
            if (node.ParentId is not null && !reached.Contains(node.ParentId)) continue;
            report.Warning(DiagnosticCodes.UnreachableNode, $"{node.Kind} {node.Id} is not reachable from a start event of its scope", node.Id, node.Position);
        }
    }
}
