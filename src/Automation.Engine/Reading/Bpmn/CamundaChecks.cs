using System.Xml.Linq;
using Automation.Engine.Expressions.Juel;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>
/// What a Camunda 7 model asks for that does not run here, reported per element: Java delegates (with the external task
/// that replaces them), listeners, parameter values and form constraints the engine cannot read.
/// </summary>
internal static class CamundaChecks
{
    /// <summary>Reports the element's Camunda 7 features that do not run as written.</summary>
    public static void Report(XElement element, BpmnContext context)
    {
        // Parameters run on tasks and sub-processes; a call activity maps with camunda:in/out (or Zeebe's ioMapping), events
        // and gateways have none.
        var elementName = element.Name.LocalName;
        var applies = elementName is "task" or "userTask" or "serviceTask" or "scriptTask" or "manualTask" or "sendTask" or "receiveTask"
            or "businessRuleTask" or "subProcess";
        if ((!applies && elementName != "callActivity" && BpmnNames.ZeebeExtensions(element, "ioMapping").Any())
            || (!applies && BpmnNames.CamundaExtensions(element, "inputOutput").Any()))
        {
            context.Warning(DiagnosticCodes.ParametersNotApplied, $"input/output parameters on {element.Name.LocalName} are not applied",
                element, arguments: [element.Name.LocalName]);
        }
        var external = string.Equals(BpmnNames.CamundaAttribute(element, "type"), "external", StringComparison.OrdinalIgnoreCase);
        if (!external && JavaDelegates.Of(element) is { } java)
        {
            context.Warning(DiagnosticCodes.JavaDelegate, $"Java delegate camunda:{java.Attribute}=\"{java.Value}\" does not run; it waits as external task topic {JavaDelegates.SuggestTopic(java)}",
                element, arguments: [$"camunda:{java.Attribute}=\"{java.Value}\"", JavaDelegates.SuggestTopic(java)]);
        }
        foreach (var definition in element.Elements().Where(e => e.Name == BpmnNames.Model + "messageEventDefinition"))
        {
            if (JavaDelegates.Of(definition) is not { } thrower) continue;
            context.Warning(DiagnosticCodes.JavaDelegateOnEvent, $"Java delegate camunda:{thrower.Attribute}=\"{thrower.Value}\" on the message event does not run; the event only throws its message",
                element, arguments: [$"camunda:{thrower.Attribute}=\"{thrower.Value}\"", JavaDelegates.SuggestTopic(thrower)]);
        }
        if (element.Name.LocalName == "businessRuleTask" && BpmnContext.NonBlank(BpmnNames.CamundaAttribute(element, "decisionRef")) is { } decision)
        {
            context.Warning(DiagnosticCodes.DecisionNotRun, $"decision {decision} (camunda:decisionRef) is not evaluated; the step completes without a result",
                element, arguments: [decision]);
        }
        foreach (var listener in BpmnNames.Extensions(element).Where(e => BpmnNames.IsCamunda(e.Name.Namespace)
                     && e.Name.LocalName is "executionListener" or "taskListener"))
        {
            var what = JavaDelegates.OfListener(listener) is { } code ? $"{code.Attribute}=\"{code.Value}\"" : "camunda:script";
            var kind = listener.Name.LocalName == "taskListener" ? "Task-Listener" : "Execution-Listener";
            context.Warning(DiagnosticCodes.ListenerNotRun, $"{listener.Name.LocalName} event {BpmnContext.Attr(listener, "event")} with {what} does not run",
                element, arguments: [$"{kind} „{BpmnContext.Attr(listener, "event") ?? "?"}“", what]);
        }
        foreach (var entry in new[] { VendorExtensions.Assignee(element) }.Concat(VendorExtensions.CandidateUsers(element)).OfType<string>())
        {
            if (!entry.Contains("${", StringComparison.Ordinal) && !entry.Contains("#{", StringComparison.Ordinal)) continue;
            try
            {
                JuelExpression.Parse(entry);
            }
            catch (JuelParseException e)
            {
                // Other syntax errors are the validator's (ProcessChecker.CheckAssignment): the model does not publish.
                if (e.Code == "juel-method-call")
                    context.Warning(DiagnosticCodes.AssignmentExpressionUnsupported, $"assignment {entry} cannot run: {e.Message}", element, arguments: [entry]);
            }
        }
        foreach (var groups in VendorExtensions.CandidateGroupTexts(element))
        {
            if (ExpressionText.Assignment(groups) is not { } expression) continue;
            // One that does not parse is the validator's error (ProcessChecker.CheckAssignment), not also this note.
            if (Validation.ProcessChecker.SyntaxError(expression.Text, expression.Language, "") is null or { Code: DiagnosticCodes.UnsupportedExpression })
                context.Warning(DiagnosticCodes.CandidateGroupExpression, $"candidate groups {groups} are an expression; groups are read as fixed names, not evaluated",
                    element, arguments: [groups]);
        }
        foreach (var name in VendorExtensions.UnreadableParameters(element))
        {
            context.Warning(DiagnosticCodes.ParameterValueUnsupported, $"parameter {name} has a value the engine does not read (Groovy or external script?); it is left out",
                element, arguments: [name]);
        }
        foreach (var field in BpmnNames.CamundaExtensions(element, "formData").Elements().Where(e => e.Name.LocalName == "formField"))
        {
            foreach (var (name, config) in VendorExtensions.FormConstraints(field))
            {
                var known = name is "required" or "readonly"
                    || (name is "minlength" or "maxlength" or "min" or "max" && VendorExtensions.Number(config) is not null);
                if (known) continue;
                context.Warning(DiagnosticCodes.FormConstraintUnsupported, $"form field {BpmnContext.Attr(field, "id")}: constraint {name} {config} is not checked",
                    element, arguments: [BpmnContext.Attr(field, "id") ?? "?", config is null ? name : $"{name}={config}"]);
            }
        }
    }
}
