using System.Xml.Linq;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Bpmn;

/// <summary>Maps a BPMN <c>definitions</c> document: root-level lookups, collaborations, then one definition per process.</summary>
internal static class DefinitionsMapper
{
    /// <summary>Root-level elements kept for reference lookups (names of messages, signals, errors, resources).</summary>
    private static readonly HashSet<string> Referenced = new(StringComparer.Ordinal)
    {
        "message", "signal", "error", "resource", "escalation", "messageEventDefinition", "timerEventDefinition",
        "signalEventDefinition", "errorEventDefinition", "terminateEventDefinition", "escalationEventDefinition",
        "compensateEventDefinition", "conditionalEventDefinition", "linkEventDefinition", "cancelEventDefinition",
    };

    public static DefinitionSet Map(XDocument document, string sourceText, BpmnContext context)
    {
        var root = document.Root!;
        if (root.Name != BpmnNames.Model + "definitions")
        {
            context.Error(DiagnosticCodes.NotBpmn,
                $"not a BPMN 2.0 document: the root element is {{{root.Name.NamespaceName}}}{root.Name.LocalName}, expected definitions in {BpmnNames.Model.NamespaceName}",
                root);
            return Result(context, [], [], sourceText);
        }
        var children = root.Elements().Where(e => e.Name.Namespace == BpmnNames.Model).ToList();
        foreach (var e in children.Where(e => Referenced.Contains(e.Name.LocalName))) context.AddRootElement(e);

        var participantNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var messageFlows = new List<MessageFlow>();
        foreach (var collaboration in children.Where(e => e.Name.LocalName == "collaboration"))
        {
            foreach (var participant in collaboration.Elements(BpmnNames.Model + "participant"))
            {
                if (BpmnContext.Ref(participant, "processRef") is { } processRef && BpmnContext.Attr(participant, "name") is { } name)
                    participantNames.TryAdd(processRef, name);
            }
            messageFlows.AddRange(collaboration.Elements(BpmnNames.Model + "messageFlow").Select(f => ReadMessageFlow(f, context)).OfType<MessageFlow>());
        }

        var processes = new List<ProcessDefinition>();
        var processIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var process in children.Where(e => e.Name.LocalName == "process"))
        {
            if (BpmnContext.Attr(process, "id") is not { } id)
            {
                context.Error(DiagnosticCodes.MissingId, "process without id", process);
                continue;
            }
            // Processes are not flow nodes, so the validator cannot see their duplicates; report them here.
            if (!processIds.Add(id)) context.Error(DiagnosticCodes.DuplicateId, $"duplicate id {id} (process)", process);
            processes.Add(ProcessMapper.Map(process, id, participantNames.GetValueOrDefault(id), context));
        }
        // A choreography describes interactions between parties; it has no executable meaning here.
        foreach (var choreography in children.Where(e => e.Name.LocalName == "choreography"))
            context.Unsupported(choreography, "choreography");
        return Result(context, processes, messageFlows, sourceText);
    }

    private static MessageFlow? ReadMessageFlow(XElement flow, BpmnContext context)
    {
        var id = BpmnContext.Attr(flow, "id");
        var source = BpmnContext.Ref(flow, "sourceRef");
        var target = BpmnContext.Ref(flow, "targetRef");
        if (id is null || source is null || target is null)
        {
            context.Error(id is null ? DiagnosticCodes.MissingId : DiagnosticCodes.MissingReference,
                id is null ? "messageFlow without id" : "messageFlow without sourceRef or targetRef", flow);
            return null;
        }
        return new MessageFlow(id, BpmnContext.Attr(flow, "name"), source, target, context.MessageName(BpmnContext.Attr(flow, "messageRef")));
    }

    private static DefinitionSet Result(BpmnContext context, List<ProcessDefinition> processes, List<MessageFlow> messageFlows, string sourceText) =>
        new(context.FileName, SourceFormat.Bpmn, processes, messageFlows, context.Diagnostics, sourceText);
}
