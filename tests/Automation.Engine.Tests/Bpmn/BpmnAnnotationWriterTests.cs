using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Reading.Bpmn;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>Decisions written into foreign BPMN read back as the actor chosen, whatever the file's prefixes and element types.</summary>
public sealed class BpmnAnnotationWriterTests
{
    private static FlowNode Node(string source, string id) => BpmnReader.ReadText(source, "t.bpmn").Processes.SelectMany(p => p.Nodes).Single(n => n.Id == id);

    [Fact]
    public void Each_decision_reads_back_as_its_actor_even_where_the_element_type_said_otherwise()
    {
        // Default namespace, no am: declaration: as bpmn.io or Signavio export it.
        const string Source = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <process id="p" isExecutable="true">
                <startEvent id="s"/>
                <serviceTask id="service" name="Bescheid prüfen"/>
                <scriptTask id="script" scriptFormat="javascript"><script>x = 1</script></scriptTask>
                <userTask id="user"/>
                <task id="plain"/>
                <endEvent id="e"/>
                <sequenceFlow id="f1" sourceRef="s" targetRef="service"/>
                <sequenceFlow id="f2" sourceRef="service" targetRef="script"/>
                <sequenceFlow id="f3" sourceRef="script" targetRef="user"/>
                <sequenceFlow id="f4" sourceRef="user" targetRef="plain"/>
                <sequenceFlow id="f5" sourceRef="plain" targetRef="e"/>
              </process>
            </definitions>
            """;
        Assert.Equal(ActorKind.Automated, Node(Source, "plain").ActorKind);

        var written = BpmnAnnotationWriter.Apply(Source,
        [
            new StepDecision("service", ActorKind.Human, "sachbearbeitung", (3, Complexity.Medium)),
            new StepDecision("script", ActorKind.Human, "kasse", null),
            new StepDecision("user", ActorKind.Automated, null, null),
            new StepDecision("plain", ActorKind.AiAssisted, "sachbearbeitung", null),
        ]);

        var service = Node(written, "service");
        Assert.Equal((NodeKind.UserTask, ActorKind.Human), (service.Kind, service.ActorKind));
        Assert.Equal(["sachbearbeitung"], service.Roles);
        Assert.Equal((3, Complexity.Medium), (service.Effort!.Activity, service.Effort.Complexity));
        var script = Node(written, "script");
        Assert.Equal((NodeKind.UserTask, ActorKind.Human, null), (script.Kind, script.ActorKind, script.Script));
        Assert.Equal((NodeKind.ServiceTask, ActorKind.Automated), (Node(written, "user").Kind, Node(written, "user").ActorKind));
        Assert.Equal(ActorKind.AiAssisted, Node(written, "plain").ActorKind);
        Assert.False(DefinitionValidator.Validate(BpmnReader.ReadText(written, "t.bpmn")).HasErrors());
    }

    [Fact]
    public void An_id_that_names_no_task_is_refused_and_a_dtd_is_not_read()
    {
        var source = BpmnTestSupport.Process("<bpmn:startEvent id=\"s\"/><bpmn:task id=\"t\"/>");

        Assert.Throws<ArgumentException>(() => BpmnAnnotationWriter.Apply(source, [new StepDecision("s", ActorKind.Human, "x", null)]));
        Assert.Throws<ArgumentException>(() => BpmnAnnotationWriter.Apply(source, [new StepDecision("t", ActorKind.System, null, null)]));
        Assert.Throws<System.Xml.XmlException>(() => BpmnAnnotationWriter.Apply(
            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]>" + source[source.IndexOf("<bpmn:definitions", StringComparison.Ordinal)..], []));
    }
}
