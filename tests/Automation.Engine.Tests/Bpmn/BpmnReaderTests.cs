using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;
using static Automation.Engine.Tests.Bpmn.BpmnTestSupport;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>Mapping of BPMN elements and extensions onto the model, with small hand-written documents.</summary>
public class BpmnReaderTests
{
    private const string Chain = """
        <start id="s"/><task id="t" name="Prüfen"/><end id="e"/>
        <flow id="f1" sourceRef="s" targetRef="t"/><flow id="f2" sourceRef="t" targetRef="e"/>
        """;

    [Theory]
    [InlineData("bpmn:")]
    [InlineData("model:")]
    [InlineData("semantic:")]
    [InlineData("")]
    public void Matches_the_model_namespace_whatever_the_prefix(string prefix)
    {
        var ns = prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix.TrimEnd(':');
        var body = Chain.Replace("<start", $"<{prefix}startEvent", StringComparison.Ordinal)
            .Replace("<task", $"<{prefix}task", StringComparison.Ordinal)
            .Replace("<end", $"<{prefix}endEvent", StringComparison.Ordinal)
            .Replace("<flow", $"<{prefix}sequenceFlow", StringComparison.Ordinal);
        var xml = $"""
            <?xml version="1.0"?>
            <{prefix}definitions {ns}="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <{prefix}process id="p">{body}</{prefix}process>
            </{prefix}definitions>
            """;

        var set = BpmnReader.ReadText(xml);

        Assert.Empty(set.Diagnostics);
        var process = Assert.Single(set.Processes);
        Assert.Equal("EndEvent:1 StartEvent:1 Task:1", KindSummary(process));
        Assert.Equal(["f1"], process.GetNode("t").Incoming);
        Assert.Equal(["f2"], process.GetNode("t").Outgoing);
    }

    [Fact]
    public void Other_namespaces_with_bpmn_element_names_are_ignored()
    {
        var set = ReadProcess("""
            <bpmn:startEvent id="s"/>
            <x:task xmlns:x="urn:other" id="foreign"/>
            <bpmn:extensionElements><x:complexGateway xmlns:x="urn:other" id="g"/></bpmn:extensionElements>
            """);

        Assert.Empty(set.Diagnostics);
        Assert.Equal(["s"], set.Processes[0].Nodes.Select(n => n.Id));
    }

    [Fact]
    public void Computes_incoming_and_outgoing_from_flows_not_from_child_elements()
    {
        var set = ReadProcess("""
            <bpmn:startEvent id="s"><bpmn:outgoing>bogus</bpmn:outgoing></bpmn:startEvent>
            <bpmn:parallelGateway id="g"><bpmn:incoming>wrong</bpmn:incoming></bpmn:parallelGateway>
            <bpmn:endEvent id="a"/><bpmn:endEvent id="b"/>
            <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="b"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
            <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="a"/>
            """);

        var gateway = set.Processes[0].GetNode("g");
        Assert.Equal(["f1"], gateway.Incoming);
        Assert.Equal(["f3", "f2"], gateway.Outgoing);
        Assert.Equal(["f1"], set.Processes[0].GetNode("s").Outgoing);
    }

    [Fact]
    public void Maps_supported_events_with_their_definitions()
    {
        var set = ReadProcess("""
            <bpmn:startEvent id="msgStart"><bpmn:messageEventDefinition messageRef="m1"/></bpmn:startEvent>
            <bpmn:startEvent id="sigStart"><bpmn:signalEventDefinition signalRef="s1"/></bpmn:startEvent>
            <bpmn:startEvent id="timerStart"><bpmn:timerEventDefinition><bpmn:timeDate>2025-03-01T08:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="cron"><bpmn:timerEventDefinition><bpmn:timeCycle>0 0 9 * * ?</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:intermediateThrowEvent id="sigThrow"><bpmn:signalEventDefinition signalRef="s1"/></bpmn:intermediateThrowEvent>
            <bpmn:intermediateThrowEvent id="noneThrow"/>
            <bpmn:userTask id="task"/>
            <bpmn:boundaryEvent id="anyError" attachedToRef="task"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="codedError" attachedToRef="task"><bpmn:errorEventDefinition errorRef="e1"/></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="signal" attachedToRef="task" cancelActivity="false"><bpmn:signalEventDefinition signalRef="s1"/></bpmn:boundaryEvent>
            <bpmn:endEvent id="errorEnd"><bpmn:errorEventDefinition errorRef="e1"/></bpmn:endEvent>
            <bpmn:endEvent id="terminate"><bpmn:terminateEventDefinition/></bpmn:endEvent>
            <bpmn:endEvent id="msgEnd"><bpmn:messageEventDefinition messageRef="m1"/></bpmn:endEvent>
            """,
            rootContent: """<bpmn:message id="m1" name="Antrag"/><bpmn:signal id="s1" name="Sperre"/><bpmn:error id="e1" name="Fehler" errorCode="E-42"/>""");

        Assert.Empty(set.Diagnostics);
        var p = set.Processes[0];
        Assert.Equal((EventTrigger.Message, "Antrag"), (p.GetNode("msgStart").Trigger, p.GetNode("msgStart").MessageName));
        Assert.Equal((EventTrigger.Signal, "Sperre"), (p.GetNode("sigStart").Trigger, p.GetNode("sigStart").SignalName));
        Assert.Equal(new TimerDefinition(TimerKind.Date, "2025-03-01T08:00:00Z"), p.GetNode("timerStart").Timer);
        Assert.Equal(new TimerDefinition(TimerKind.Cron, "0 0 9 * * ?"), p.GetNode("cron").Timer);
        Assert.Equal("Sperre", p.GetNode("sigThrow").SignalName);
        Assert.Equal(EventTrigger.None, p.GetNode("noneThrow").Trigger);
        Assert.Equal((EventTrigger.Error, (string?)null), (p.GetNode("anyError").Trigger, p.GetNode("anyError").ErrorCode));
        Assert.Equal("E-42", p.GetNode("codedError").ErrorCode);
        Assert.Equal("task", p.GetNode("codedError").AttachedToId);
        Assert.True(p.GetNode("codedError").CancelActivity);
        Assert.False(p.GetNode("signal").CancelActivity);
        Assert.Equal(3, p.BoundaryEventsOf("task").Count);
        Assert.Equal("E-42", p.GetNode("errorEnd").ErrorCode);
        Assert.Equal(EventTrigger.Terminate, p.GetNode("terminate").Trigger);
        Assert.Equal("Antrag", p.GetNode("msgEnd").MessageName);
    }

    [Theory]
    [InlineData("<bpmn:endEvent id=\"x\"><bpmn:conditionalEventDefinition/></bpmn:endEvent>", "unsupported: endEvent with conditionalEventDefinition")]
    [InlineData("<bpmn:intermediateThrowEvent id=\"x\"><bpmn:cancelEventDefinition/></bpmn:intermediateThrowEvent>", "unsupported: intermediateThrowEvent with cancelEventDefinition")]
    [InlineData("<bpmn:intermediateCatchEvent id=\"x\"/>", "unsupported: intermediateCatchEvent without event definition")]
    [InlineData("<bpmn:intermediateThrowEvent id=\"x\"><bpmn:timerEventDefinition/></bpmn:intermediateThrowEvent>", "unsupported: intermediateThrowEvent with timerEventDefinition")]
    [InlineData("<bpmn:intermediateCatchEvent id=\"x\"><bpmn:cancelEventDefinition/></bpmn:intermediateCatchEvent>", "unsupported: intermediateCatchEvent with cancelEventDefinition")]
    [InlineData("<bpmn:intermediateCatchEvent id=\"x\"><bpmn:compensateEventDefinition/></bpmn:intermediateCatchEvent>", "unsupported: intermediateCatchEvent with compensateEventDefinition")]
    [InlineData("<bpmn:startEvent id=\"x\"><bpmn:compensateEventDefinition/></bpmn:startEvent>", "unsupported: startEvent with compensateEventDefinition")]
    [InlineData("<bpmn:boundaryEvent id=\"x\" attachedToRef=\"t\"/>", "unsupported: boundaryEvent without event definition")]
    [InlineData("<bpmn:startEvent id=\"x\"><bpmn:messageEventDefinition/><bpmn:timerEventDefinition/></bpmn:startEvent>", "unsupported: startEvent with multiple event definitions")]
    [InlineData("<bpmn:complexGateway id=\"x\"/>", "unsupported: complexGateway")]
    [InlineData("<bpmn:startEvent id=\"x\"><bpmn:cancelEventDefinition/></bpmn:startEvent>", "unsupported: startEvent with cancelEventDefinition")]
    [InlineData("<bpmn:adHocSubProcess id=\"x\"/>", "unsupported: adHocSubProcess")]
    [InlineData("<bpmn:callChoreography id=\"x\"/>", "unsupported: callChoreography")]
    [InlineData("<bpmn:intermediateThrowEvent id=\"x\"><bpmn:conditionalEventDefinition/></bpmn:intermediateThrowEvent>", "unsupported: intermediateThrowEvent with conditionalEventDefinition")]
    [InlineData("<bpmn:intermediateCatchEvent id=\"x\"><bpmn:escalationEventDefinition/></bpmn:intermediateCatchEvent>", "unsupported: intermediateCatchEvent with escalationEventDefinition")]
    [InlineData("<bpmn:exclusiveGateway id=\"x\"><bpmn:standardLoopCharacteristics/></bpmn:exclusiveGateway>", "unsupported: exclusiveGateway with standardLoopCharacteristics")]
    [InlineData("<bpmn:scriptTask id=\"x\" scriptFormat=\"groovy\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>", "unsupported: scriptTask with scriptFormat groovy (only JavaScript runs)")]
    [InlineData("<bpmn:eventBasedGateway id=\"x\" instantiate=\"true\"/>", "unsupported: eventBasedGateway with instantiate=true")]
    public void Reports_unsupported_elements_by_name_id_and_line(string element, string message)
    {
        var xml = Process("<bpmn:task id=\"t\"/>\n" + element);

        var set = BpmnReader.ReadText(xml, "u.bpmn");

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnsupportedElement, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal("x", diagnostic.ElementId);
        Assert.Equal(LineOf(xml, "id=\"x\""), diagnostic.Position?.Line);
        Assert.Equal(1, diagnostic.Position?.Column);
        Assert.Equal("u.bpmn", diagnostic.File);
        Assert.DoesNotContain(set.Processes[0].Nodes, n => n.Id == "inner");
    }

    [Fact]
    public void Skips_artifacts_and_data_silently_and_keeps_documentation()
    {
        var set = ReadProcess("""
            <bpmn:documentation>process doc</bpmn:documentation>
            <bpmn:extensionElements><camunda:properties/></bpmn:extensionElements>
            <bpmn:ioSpecification><bpmn:dataInput id="di"/></bpmn:ioSpecification>
            <bpmn:property id="prop"/>
            <bpmn:dataObject id="do"/>
            <bpmn:dataObjectReference id="dor" dataObjectRef="do"/>
            <bpmn:dataStoreReference id="dsr"/>
            <bpmn:task id="t">
              <bpmn:documentation>Erste Zeile</bpmn:documentation>
              <bpmn:documentation textFormat="text/plain"><![CDATA[Zweite <Zeile>]]></bpmn:documentation>
              <bpmn:dataInputAssociation id="dia"><bpmn:sourceRef>dor</bpmn:sourceRef></bpmn:dataInputAssociation>
              <bpmn:dataOutputAssociation id="doa"><bpmn:targetRef>dsr</bpmn:targetRef></bpmn:dataOutputAssociation>
            </bpmn:task>
            <bpmn:textAnnotation id="ta"><bpmn:text>Hinweis</bpmn:text></bpmn:textAnnotation>
            <bpmn:association id="as" sourceRef="t" targetRef="ta"/>
            <bpmn:group id="gr"/>
            """,
            rootContent: """<bpmn:itemDefinition id="i"/><bpmn:dataStore id="ds"/><bpmn:globalTask id="gt"/><bpmn:interface id="if" name="x"/><bpmn:category id="c"/>""");

        Assert.Empty(set.Diagnostics);
        var node = Assert.Single(set.Processes[0].Nodes);
        Assert.Equal("Erste Zeile\nZweite <Zeile>", node.Documentation);
    }

    [Theory]
    [InlineData("${amount > 100}", "amount > 100")]
    [InlineData("#{approved}", "approved")]
    [InlineData("  ${ a == '}' }  ", "a == '}'")]
    [InlineData("= amount > 100", "amount > 100")]
    [InlineData("${a} && ${b}", "${a} && ${b}")]
    [InlineData("betrag >= 5000", "betrag >= 5000")]
    [InlineData("   ", null)]
    public void Normalises_conditions(string written, string? expected)
    {
        var set = ReadProcess($"""
            <bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f" sourceRef="g" targetRef="e"><bpmn:conditionExpression><![CDATA[{written}]]></bpmn:conditionExpression></bpmn:sequenceFlow>
            """);

        Assert.Equal(expected, set.Processes[0].GetFlow("f").Condition);
    }

    [Fact]
    public void Reads_roles_from_lanes_resources_camunda_zeebe_and_am()
    {
        var xml = Process("""
            <bpmn:laneSet id="ls">
              <bpmn:lane id="l1" name="Bürgerbüro">
                <bpmn:flowNodeRef>a</bpmn:flowNodeRef>
                <bpmn:childLaneSet id="cls">
                  <bpmn:lane id="l2" name="Meldestelle"><bpmn:flowNodeRef>a</bpmn:flowNodeRef><bpmn:flowNodeRef>inner</bpmn:flowNodeRef></bpmn:lane>
                </bpmn:childLaneSet>
              </bpmn:lane>
              <bpmn:lane id="unnamed"><bpmn:flowNodeRef>b</bpmn:flowNodeRef></bpmn:lane>
            </bpmn:laneSet>
            <bpmn:userTask id="a" camunda:candidateGroups="sachbearbeitung, leitung" camunda:assignee="mueller">
              <bpmn:extensionElements><am:role name="pruefung"/></bpmn:extensionElements>
              <bpmn:potentialOwner><bpmn:resourceRef>r1</bpmn:resourceRef></bpmn:potentialOwner>
            </bpmn:userTask>
            <bpmn:userTask id="b" am:role="kasse">
              <bpmn:extensionElements><zeebe:assignmentDefinition assignee="schmidt" candidateGroups="kasse,buchhaltung"/></bpmn:extensionElements>
              <bpmn:humanPerformer><bpmn:resourceAssignmentExpression><bpmn:formalExpression>group(vollstreckung), user(kermit)</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:humanPerformer>
            </bpmn:userTask>
            <bpmn:subProcess id="sp"><bpmn:task id="inner"/></bpmn:subProcess>
            """, rootContent: """<bpmn:resource id="r1" name="Sachgebiet 32"/>""");

        var set = BpmnReader.ReadText(xml);

        Assert.Empty(set.Diagnostics);
        var p = set.Processes[0];
        Assert.Equal(["Bürgerbüro", "Meldestelle", "Sachgebiet 32", "sachbearbeitung", "leitung", "pruefung"], p.GetNode("a").Roles);
        Assert.Equal("mueller", p.GetNode("a").Assignee);
        Assert.Equal(["vollstreckung", "kermit", "kasse", "buchhaltung"], p.GetNode("b").Roles);
        Assert.Equal("schmidt", p.GetNode("b").Assignee);
        Assert.Equal(["Meldestelle"], p.GetNode("inner").Roles);
        Assert.Equal("sp", p.GetNode("inner").ParentId);
        Assert.Equal([("Bürgerbüro", 1), ("Meldestelle", 2)], p.Lanes.Select(l => (l.Name, l.NodeIds.Count)));
    }

    [Fact]
    public void Reads_service_bindings()
    {
        var set = ReadProcess("""
            <bpmn:serviceTask id="am"><bpmn:extensionElements><am:action name="http" url="https://example.org" method="POST"/></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="amAttr" am:action="noop"/>
            <bpmn:serviceTask id="external" camunda:type="external" camunda:topic="meldung-pruefen"/>
            <bpmn:serviceTask id="class" camunda:class="de.stadt.Pruefer"/>
            <bpmn:serviceTask id="delegate" camunda:delegateExpression="${pruefer}"/>
            <bpmn:serviceTask id="zeebe"><bpmn:extensionElements><zeebe:taskDefinition type="ocr"/><zeebe:taskHeaders><zeebe:header key="lang" value="de"/></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="activiti" activiti:class="org.Example" xmlns:activiti="http://activiti.org/bpmn"/>
            <bpmn:serviceTask id="unbound"/>
            """);

        // Java delegates are reported and wait as external tasks of the topic suggested from their Java name.
        Assert.Equal(["class", "delegate", "activiti"], set.Diagnostics.Select(d => d.ElementId));
        Assert.All(set.Diagnostics, d => Assert.Equal(DiagnosticCodes.JavaDelegate, d.Code));
        var p = set.Processes[0];
        var http = p.GetNode("am").Service!;
        Assert.Equal("http", http.ActionName);
        Assert.Equal(new Dictionary<string, string> { ["url"] = "https://example.org", ["method"] = "POST" }, http.Parameters);
        Assert.Equal("noop", p.GetNode("amAttr").Service?.ActionName);
        Assert.Equal("meldung-pruefen", p.GetNode("external").Service?.ActionName);
        Assert.Equal("pruefer", p.GetNode("class").Service?.ActionName);
        Assert.Equal("pruefer", p.GetNode("delegate").Service?.ActionName);
        Assert.Equal("ocr", p.GetNode("zeebe").Service?.ActionName);
        Assert.Equal("de", p.GetNode("zeebe").Service?.Parameters["lang"]);
        Assert.Equal("example", p.GetNode("activiti").Service?.ActionName);
        Assert.Null(p.GetNode("unbound").Service);
    }

    [Fact]
    public void Reads_script_tasks_and_send_receive_messages()
    {
        var set = ReadProcess("""
            <bpmn:scriptTask id="js" scriptFormat="JavaScript" camunda:resultVariable="summe"><bpmn:script><![CDATA[a + b]]></bpmn:script></bpmn:scriptTask>
            <bpmn:scriptTask id="plain"><bpmn:script>x = 1;</bpmn:script></bpmn:scriptTask>
            <bpmn:sendTask id="send" messageRef="m"/>
            <bpmn:receiveTask id="receive" messageRef="m"><bpmn:extensionElements><am:correlation key="antragsnummer"/></bpmn:extensionElements></bpmn:receiveTask>
            <bpmn:intermediateCatchEvent id="catch"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
            """, rootContent: """<bpmn:message id="m" name="Nachweis"><bpmn:extensionElements><zeebe:subscription correlationKey="=aktenzeichen"/></bpmn:extensionElements></bpmn:message>""");

        Assert.Empty(set.Diagnostics);
        var p = set.Processes[0];
        Assert.Equal(("a + b", "summe"), (p.GetNode("js").Script, p.GetNode("js").ResultVariable));
        Assert.Equal("x = 1;", p.GetNode("plain").Script);
        Assert.Equal(("Nachweis", (string?)null), (p.GetNode("send").MessageName, p.GetNode("send").CorrelationKey));
        Assert.Equal(("Nachweis", "antragsnummer"), (p.GetNode("receive").MessageName, p.GetNode("receive").CorrelationKey));
        Assert.Equal("aktenzeichen", p.GetNode("catch").CorrelationKey);
    }

    [Fact]
    public void Reads_call_activity_targets_and_mappings()
    {
        var set = ReadProcess("""
            <bpmn:callActivity id="camunda" calledElement="gebuehr">
              <bpmn:extensionElements>
                <camunda:in source="antrag" target="eingabe"/>
                <camunda:in sourceExpression="${betrag * 2}" target="doppelt"/>
                <camunda:in variables="all"/>
                <camunda:out source="bescheid" target="ergebnis"/>
              </bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:callActivity id="zeebe">
              <bpmn:extensionElements>
                <zeebe:calledElement processId="zahlung" propagateAllChildVariables="false"/>
                <zeebe:ioMapping><zeebe:input source="=betrag" target="summe"/><zeebe:output source="= quittung" target="beleg"/></zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:callActivity>
            """);

        Assert.Empty(set.Diagnostics);
        var p = set.Processes[0];
        var camunda = p.GetNode("camunda");
        Assert.Equal("gebuehr", camunda.CalledProcessId);
        Assert.Equal([new VariableMapping("antrag", "eingabe"), new VariableMapping("betrag * 2", "doppelt")], camunda.InputMappings);
        Assert.Equal([new VariableMapping("bescheid", "ergebnis")], camunda.OutputMappings);
        var zeebe = p.GetNode("zeebe");
        Assert.Equal("zahlung", zeebe.CalledProcessId);
        Assert.Equal([new VariableMapping("betrag", "summe")], zeebe.InputMappings);
        Assert.Equal([new VariableMapping("quittung", "beleg")], zeebe.OutputMappings);
    }

    [Fact]
    public void Reads_form_fields_from_camunda_and_am()
    {
        var set = ReadProcess("""
            <bpmn:userTask id="u">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="name" label="Name" type="string"><camunda:validation><camunda:constraint name="required"/></camunda:validation></camunda:formField>
                  <camunda:formField id="art" label="Art" type="enum"><camunda:value id="erst" name="Erstantrag"/><camunda:value id="folge" name="Folgeantrag"/></camunda:formField>
                </camunda:formData>
                <am:field id="einkommen" label="Monatseinkommen" type="double" required="true"/>
                <am:field id="status" type="enum" options="ledig, verheiratet"/>
              </bpmn:extensionElements>
            </bpmn:userTask>
            """);

        Assert.Empty(set.Diagnostics);
        var fields = set.Processes[0].GetNode("u").FormFields;
        Assert.Equal(["name:Name:string:True:", "art:Art:enum:False:erst|folge", "einkommen:Monatseinkommen:double:True:", "status:status:enum:False:ledig|verheiratet"],
            fields.Select(f => $"{f.Id}:{f.Label}:{f.Type}:{f.Required}:{string.Join('|', f.Options)}"));
    }

    [Fact]
    public void Reads_product_annotations_from_elements_and_attributes()
    {
        var set = ReadProcess("""
            <bpmn:userTask id="u">
              <bpmn:extensionElements>
                <am:effort activity="5" complexity="medium" payLevel="gehoben" occupation="73203" minutes="12.5"/>
                <am:footprint printedPages="3" letters="1" citizenTrips="0"/>
                <am:automation level="decision-preparing" ai="true" candidate="true" inferences="1" cpuSeconds="0.2"/>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:task id="t" am:activity="17" am:complexity="simple" am:payLevel="höher" am:printedPages="0.5" am:level="automated"/>
            <bpmn:task id="m" am:payLevel="mittel"/>
            """);

        Assert.Empty(set.Diagnostics);
        var p = set.Processes[0];
        var u = p.GetNode("u");
        Assert.Equal(new EffortAnnotation(5, Complexity.Medium, PayLevel.Gehoben, "73203", 12.5), u.Effort);
        Assert.Equal(new FootprintAnnotation(3, 1, 0), u.Footprint);
        Assert.Equal(new AutomationAnnotation(AutomationLevel.DecisionPreparing, true, true, 1, 0.2), u.Automation);
        var t = p.GetNode("t");
        Assert.Equal(new EffortAnnotation(17, Complexity.Simple, PayLevel.Hoeher, null, null), t.Effort);
        Assert.Equal(new FootprintAnnotation(0.5, 0, 0), t.Footprint);
        Assert.Equal(new AutomationAnnotation(AutomationLevel.Automated, false, false, null, null), t.Automation);
        Assert.Equal(PayLevel.EinfacherMittlerer, p.GetNode("m").Effort?.PayLevel);
    }

    [Theory]
    [InlineData("<am:effort complexity=\"hard\"/>", "complexity \"hard\"")]
    [InlineData("<am:effort activity=\"18\"/>", "activity \"18\"")]
    [InlineData("<am:effort activity=\"0\"/>", "activity \"0\"")]
    [InlineData("<am:effort occupation=\"7320\"/>", "occupation \"7320\"")]
    [InlineData("<am:effort occupation=\"7320A\"/>", "occupation \"7320A\"")]
    [InlineData("<am:effort payLevel=\"x\"/>", "payLevel \"x\"")]
    [InlineData("<am:effort minutes=\"zwölf\"/>", "minutes \"zwölf\"")]
    [InlineData("<am:footprint printedPages=\"-1\"/>", "printedPages \"-1\"")]
    [InlineData("<am:footprint letters=\"1,5\"/>", "letters \"1,5\"")]
    [InlineData("<am:automation level=\"robotic\"/>", "level \"robotic\"")]
    [InlineData("<am:automation ai=\"ja\"/>", "ai \"ja\"")]
    [InlineData("<am:automation cpuSeconds=\"-0.1\"/>", "cpuSeconds \"-0.1\"")]
    [InlineData("<am:field id=\"f\" type=\"money\"/>", "type \"money\"")]
    [InlineData("<am:field id=\"f\" type=\"enum\"/>", "needs options")]
    [InlineData("<am:field label=\"ohne id\"/>", "needs a id")]
    [InlineData("<am:effort activty=\"5\"/>", "unknown attribute activty")]
    [InlineData("<am:cost euro=\"5\"/>", "unknown annotation am:cost")]
    [InlineData("<am:role/>", "am:role needs a name")]
    [InlineData("<am:effort activity=\"1\"/><am:effort activity=\"2\"/>", "am:effort is given more than once")]
    public void Reports_invalid_product_annotations(string annotation, string expectedInMessage)
    {
        var xml = Process($"""
            <bpmn:userTask id="pruefen">
              <bpmn:extensionElements>
                {annotation}
              </bpmn:extensionElements>
            </bpmn:userTask>
            """);

        var set = BpmnReader.ReadText(xml, "am.bpmn");

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidAnnotation, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(expectedInMessage, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("pruefen", diagnostic.ElementId);
        Assert.Equal(LineOf(xml, "<am:"), diagnostic.Position?.Line);
        Assert.Equal("am.bpmn", diagnostic.File);
    }

    [Fact]
    public void Reports_unknown_product_attribute_on_the_node()
    {
        var xml = Process("<bpmn:task id=\"t\" am:colour=\"red\"/>");

        var diagnostic = Assert.Single(BpmnReader.ReadText(xml).Diagnostics);

        Assert.Equal((DiagnosticCodes.InvalidAnnotation, "t"), (diagnostic.Code, diagnostic.ElementId));
        Assert.Contains("am:colour", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(xml, "id=\"t\""), diagnostic.Position?.Line);
    }

    [Fact]
    public void Reads_iso_8859_1_files_with_umlauts()
    {
        var xml = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <process id="p" name="Gewerbeanmeldung prüfen">
                <userTask id="t" name="Größe der Straße prüfen"/>
              </process>
            </definitions>
            """;
        var bytes = Encoding.Latin1.GetBytes(xml);
        Assert.Equal(0xFC, bytes[xml.IndexOf('ü', StringComparison.Ordinal)]);

        var set = BpmnReader.Read(new MemoryStream(bytes), "latin1.bpmn");

        Assert.Empty(set.Diagnostics);
        Assert.Equal("Gewerbeanmeldung prüfen", set.Processes[0].Name);
        Assert.Equal("Größe der Straße prüfen", set.Processes[0].GetNode("t").Name);
        Assert.Contains("Straße", set.SourceText, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_miwg_iso_8859_1_fixture_through_a_stream()
    {
        using var stream = File.OpenRead(FixturePath("A.1.0.bpmn"));

        var set = BpmnReader.Read(stream, "A.1.0.bpmn");

        Assert.Empty(set.Diagnostics);
        Assert.Equal(5, set.Processes[0].Nodes.Count);
    }

    [Fact]
    public void Reports_bytes_invalid_in_the_declared_encoding()
    {
        var bytes = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions name=\"Prüfung\"/>");

        var set = BpmnReader.Read(new MemoryStream(bytes));

        Assert.Equal(DiagnosticCodes.InvalidEncoding, Assert.Single(set.Diagnostics).Code);
    }

    [Fact]
    public void Reports_a_root_that_is_not_bpmn()
    {
        var set = BpmnReader.ReadText("<definitions xmlns=\"http://www.omg.org/spec/DMN/20151101/dmn.xsd\"/>", "x.dmn");

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal(DiagnosticCodes.NotBpmn, diagnostic.Code);
        Assert.Empty(set.Processes);
    }

    [Fact]
    public void Reports_elements_without_id_and_duplicate_process_ids()
    {
        var xml = Process("<bpmn:task name=\"ohne\"/>", rootContent: "<bpmn:process id=\"p\"/>");

        var set = BpmnReader.ReadText(xml);

        Assert.Equal([DiagnosticCodes.DuplicateId, DiagnosticCodes.MissingId], set.Diagnostics.Select(d => d.Code));
        Assert.Equal(("p", LineOf(xml, "<bpmn:process id=\"p\" ")), (set.Diagnostics[0].ElementId, set.Diagnostics[0].Position?.Line));
        Assert.Equal(LineOf(xml, "<bpmn:task"), set.Diagnostics[1].Position?.Line);
    }
}
