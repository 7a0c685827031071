using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Reading.Bpmn;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Engine.Validation;
using static Automation.Engine.Tests.Bpmn.BpmnTestSupport;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>
/// Real Camunda 7 models (Fixtures/camunda7, from camunda-bpm-examples) and the features they use: what runs, and a
/// German finding with the way out for what does not (Java delegates, listeners, bean calls).
/// </summary>
public sealed class Camunda7ModelTests
{
    private static DefinitionSet Fixture(string name) =>
        DefinitionReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "camunda7", name));

    private static Diagnostic Finding(DefinitionSet set, string code, string elementId) =>
        Assert.Single(set.Diagnostics, d => d.Code == code && d.ElementId == elementId);

    [Fact]
    public void A_java_expression_service_task_is_reported_with_the_external_task_that_replaces_it_and_waits_on_that_topic()
    {
        var set = Fixture("parse-bpmn-process.bpmn");
        var finding = Finding(set, DiagnosticCodes.JavaDelegate, "serviceTask");

        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(13, finding.Position?.Line);
        var text = Texte.Diagnose(finding);
        Assert.Contains("Java-Code (camunda:expression=\"${execution.setVariable('foo', 'bar')}\") läuft hier nicht", text, StringComparison.Ordinal);
        Assert.Contains("als externe Aufgabe: camunda:type=\"external\" camunda:topic=\"execution-set-variable\"", text, StringComparison.Ordinal);
        // The step waits on the suggested topic, not on a Java name nobody can serve.
        Assert.Equal("execution-set-variable", set.Processes[0].GetNode("serviceTask").Service?.ActionName);
    }

    [Fact]
    public void The_other_camunda_features_of_the_model_are_reported_and_what_maps_is_read()
    {
        var set = Fixture("parse-bpmn-process.bpmn");
        var process = set.Processes[0];

        Assert.Contains("Execution-Listener „start“", Texte.Diagnose(Finding(set, DiagnosticCodes.ListenerNotRun, "endEvent")), StringComparison.Ordinal);
        // camunda:asyncBefore is a transaction boundary now: read onto the node, no finding.
        Assert.DoesNotContain(set.Diagnostics, d => d.Code == "async-continuation");
        Assert.True(process.GetNode("serviceTask").AsyncBefore);
        Assert.Contains(set.Diagnostics, d => d.Code == DiagnosticCodes.UnsupportedElement && d.ElementId == "scriptTask");

        Assert.Equal(["management", "accounting"], process.GetNode("userTaskA").Roles);
        Assert.Equal("demo", process.GetNode("userTaskB").Assignee);
        var fields = process.GetNode("startEvent").FormFields;
        Assert.Equal(["name:string:test", "age:long:0"], fields.Select(f => $"{f.Id}:{f.Type}:{f.DefaultValue}"));
    }

    [Fact]
    public void External_tasks_keep_their_topics_and_a_javascript_input_parameter_is_read_without_findings()
    {
        var set = Fixture("loan-granting.bpmn");
        var process = set.Processes[0];

        Assert.Equal("creditScoreChecker", process.GetNode("Task_1lvjtd4").Service?.ActionName);
        Assert.Equal("loanGranter", process.GetNode("Task_0v4gadf").Service?.ActionName);
        Assert.Equal("requestRejecter", process.GetNode("Task_0j0sjlk").Service?.ActionName);
        var input = Assert.Single(process.GetNode("Task_1lvjtd4").InputParameters);
        Assert.Equal(ExpressionLanguage.JavaScript, input.Expression?.Language);
        Assert.DoesNotContain(set.Diagnostics, d => d.Code is DiagnosticCodes.JavaDelegate or DiagnosticCodes.ParameterValueUnsupported);
    }

    [Fact]
    public void The_initiator_is_the_assignee_of_the_task_that_names_it()
    {
        var set = Fixture("initiator-example.bpmn");
        Assert.DoesNotContain(DefinitionValidator.Validate(set), d => d.Severity == DiagnosticSeverity.Error);
        using var engine = new WorkflowEngine(new EngineOptions { ResolveProcess = set.FindProcess });

        var state = engine.Start(set.Processes[0], startedBy: "kermit").State;
        Assert.Equal("kermit", state.Variables["initiator"]);
        Assert.Equal("kermit", Assert.Single(state.Waits).Assignee);

        // Started without a person (a timer, a message): the expression names nobody known, and the case says so.
        var unattended = engine.Start(set.Processes[0]).State;
        Assert.Equal(Execution.AssignmentCode, Assert.Single(unattended.Incidents).Code);
        Assert.Empty(unattended.Waits);
    }

    [Fact]
    public void Bean_method_calls_as_assignees_and_expressions_are_reported()
    {
        var set = Fixture("job-announcement.bpmn");

        foreach (var task in new[] { "review", "correct" })
            Assert.Contains("#{jobAnnouncementService.find", Texte.Diagnose(Finding(set, DiagnosticCodes.AssignmentExpressionUnsupported, task)), StringComparison.Ordinal);
        Assert.Contains("camunda:topic=\"job-announcement-service-notify-about-postings\"",
            Texte.Diagnose(Finding(set, DiagnosticCodes.JavaDelegate, "mail")), StringComparison.Ordinal);
        Assert.DoesNotContain(set.Diagnostics, d => d.Code == DiagnosticCodes.AssignmentExpressionUnsupported && d.ElementId is "edit" or "publish");
    }

    [Theory]
    [InlineData("class", "org.camunda.bpm.example.invoice.service.ArchiveInvoiceService", "archive-invoice-service")]
    [InlineData("class", "com.acme.SendInvoiceDelegate", "send-invoice")]
    [InlineData("class", "com.acme.XMLExportJavaDelegate", "xml-export")]
    [InlineData("class", "Delegate", "delegate")]
    [InlineData("delegateExpression", "${loggerDelegate}", "logger")]
    [InlineData("expression", "${calculator.add(a, b)}", "calculator-add")]
    [InlineData("expression", "#{ü}", "java-delegate")]
    public void A_topic_is_suggested_from_the_java_name(string attribute, string value, string topic) =>
        Assert.Equal(topic, JavaDelegates.SuggestTopic((attribute, value)));

    [Fact]
    public void An_external_task_is_no_java_delegate_and_task_listeners_and_other_delegates_are_reported()
    {
        var set = ReadProcess("""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="extern" camunda:type="external" camunda:topic="rechnung" camunda:class="com.acme.Old" />
            <bpmn:sendTask id="senden" camunda:delegateExpression="${mailDelegate}" />
            <bpmn:intermediateThrowEvent id="werfen"><bpmn:messageEventDefinition camunda:class="com.acme.NotifyDelegate" /></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="aufgabe" camunda:asyncAfter="true">
              <bpmn:extensionElements><camunda:taskListener event="create" class="com.acme.OnCreate" /></bpmn:extensionElements>
            </bpmn:userTask>
            """);

        Assert.DoesNotContain(set.Diagnostics, d => d.ElementId == "extern");
        Assert.Equal("rechnung", set.Processes[0].GetNode("extern").Service?.ActionName);
        Assert.Contains("camunda:topic=\"mail\"", Texte.Diagnose(Finding(set, DiagnosticCodes.JavaDelegate, "senden")), StringComparison.Ordinal);
        var thrower = Texte.Diagnose(Finding(set, DiagnosticCodes.JavaDelegateOnEvent, "werfen"));
        Assert.Contains("das Ereignis wirft nur seine Nachricht", thrower, StringComparison.Ordinal);
        Assert.Contains("camunda:topic=\"notify\"", thrower, StringComparison.Ordinal);
        Assert.Null(set.Processes[0].GetNode("werfen").Service);
        Assert.Contains("Task-Listener „create“ (class=\"com.acme.OnCreate\")",
            Texte.Diagnose(Finding(set, DiagnosticCodes.ListenerNotRun, "aufgabe")), StringComparison.Ordinal);
        Assert.True(set.Processes[0].GetNode("aufgabe").AsyncAfter);
        Assert.False(set.Processes[0].GetNode("aufgabe").AsyncBefore);
    }

    [Fact]
    public void A_groovy_parameter_is_left_out_with_a_finding_naming_it()
    {
        var set = ReadProcess("""
            <bpmn:userTask id="t">
              <bpmn:extensionElements><camunda:inputOutput>
                <camunda:inputParameter name="gut">${a}</camunda:inputParameter>
                <camunda:inputParameter name="groovy"><camunda:script scriptFormat="groovy">a * 2</camunda:script></camunda:inputParameter>
                <camunda:outputParameter name="extern"><camunda:script scriptFormat="javascript" resource="classpath://x.js" /></camunda:outputParameter>
                <camunda:inputParameter name="liste"><camunda:list><camunda:script scriptFormat="groovy">1</camunda:script></camunda:list></camunda:inputParameter>
              </camunda:inputOutput></bpmn:extensionElements>
            </bpmn:userTask>
            """);
        var node = set.Processes[0].GetNode("t");

        Assert.Equal(["gut"], node.InputParameters.Select(p => p.Name));
        Assert.Empty(node.OutputParameters);
        var findings = set.Diagnostics.Where(d => d.Code == DiagnosticCodes.ParameterValueUnsupported).Select(Texte.Diagnose).ToList();
        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, f => f.StartsWith("Der Wert des Parameters „groovy“", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("Der Wert des Parameters „extern“", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("Der Wert des Parameters „liste“", StringComparison.Ordinal));
    }

    [Fact]
    public void Form_constraints_and_candidate_users_are_read_and_constraints_the_engine_cannot_check_are_reported()
    {
        var set = ReadProcess("""
            <bpmn:userTask id="t" camunda:candidateUsers="kermit, ${pruefer}, kermit">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="name" label="Name" type="string">
                    <camunda:validation>
                      <camunda:constraint name="required" />
                      <camunda:constraint name="minlength" config="2" />
                      <camunda:constraint name="maxlength" config="20" />
                      <camunda:constraint name="validator" config="com.acme.NameValidator" />
                    </camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="alter" label="Alter" type="long">
                    <camunda:validation><camunda:constraint name="min" config="18" /><camunda:constraint name="max" config="zwölf" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="az" label="Aktenzeichen" type="string" defaultValue="${az}">
                    <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="z"><bpmn:extensionElements><zeebe:assignmentDefinition candidateUsers="piggy,gonzo" /></bpmn:extensionElements></bpmn:userTask>
            """);
        var node = set.Processes[0].GetNode("t");
        var fields = node.FormFields.ToDictionary(f => f.Id);

        Assert.Equal(["kermit", "${pruefer}"], node.CandidateUsers);
        Assert.Equal(["piggy", "gonzo"], set.Processes[0].GetNode("z").CandidateUsers);
        Assert.True(fields["name"].Required);
        Assert.Equal(2, fields["name"].MinLength);
        Assert.Equal(20, fields["name"].MaxLength);
        Assert.Equal(18d, fields["alter"].Min);
        Assert.Null(fields["alter"].Max);
        Assert.True(fields["az"].ReadOnly);
        Assert.Equal("${az}", fields["az"].DefaultValue);
        var refused = set.Diagnostics.Where(d => d.Code == DiagnosticCodes.FormConstraintUnsupported).Select(Texte.Diagnose).ToList();
        Assert.Equal(2, refused.Count);
        Assert.Contains("Die Prüfung „validator=com.acme.NameValidator“ des Formularfelds „name“", refused[0], StringComparison.Ordinal);
        Assert.Contains("Die Prüfung „max=zwölf“ des Formularfelds „alter“", refused[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_dmn_decision_is_reported_as_not_run_where_no_decisions_are_loaded()
    {
        // The reader cannot know the host's decisions: the CLI's dry run keeps this warning, the server's publish check drops it.
        var set = ReadProcess("""<bpmn:businessRuleTask id="regel" camunda:decisionRef="wohngeld-hoehe" camunda:resultVariable="hoehe" />""");
        Assert.StartsWith("Die Entscheidung „wohngeld-hoehe“ wird hier nicht ausgewertet, weil keine Entscheidungen geladen sind",
            Texte.Diagnose(Finding(set, DiagnosticCodes.DecisionNotRun, "regel")), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_where_they_do_not_apply_are_reported()
    {
        const string Io = "<bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name=\"x\">1</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements>";
        var set = ReadProcess($"""
            <bpmn:intermediateCatchEvent id="warten">{Io}<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:callActivity id="aufruf" calledElement="q">{Io}</bpmn:callActivity>
            <bpmn:callActivity id="zeebe" calledElement="q"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=a" target="b" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:callActivity>
            <bpmn:userTask id="aufgabe">{Io}</bpmn:userTask>
            <bpmn:subProcess id="teil">{Io}</bpmn:subProcess>
            """);

        Assert.Equal(["warten", "aufruf"], set.Diagnostics.Where(d => d.Code == DiagnosticCodes.ParametersNotApplied).Select(d => d.ElementId));
        Assert.StartsWith("Ein- und Ausgabeparameter an diesem Element (intermediateCatchEvent)",
            Texte.Diagnose(Finding(set, DiagnosticCodes.ParametersNotApplied, "warten")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_camunda_finding_has_a_german_text_with_its_values_filled_in()
    {
        var codes = new[]
        {
            DiagnosticCodes.JavaDelegate, DiagnosticCodes.ListenerNotRun,
            DiagnosticCodes.ParameterValueUnsupported, DiagnosticCodes.FormConstraintUnsupported, DiagnosticCodes.AssignmentExpressionUnsupported,
            DiagnosticCodes.ParametersNotApplied, DiagnosticCodes.DecisionNotRun, DiagnosticCodes.JavaDelegateOnEvent,
        };
        foreach (var code in codes)
        {
            var text = Texte.Diagnose(new Diagnostic(DiagnosticSeverity.Warning, code, "detail") { Arguments = ["EINS", "ZWEI"] });
            Assert.Contains("EINS", text, StringComparison.Ordinal);
            Assert.DoesNotContain("{0}", text, StringComparison.Ordinal);
            Assert.DoesNotContain("{1}", text, StringComparison.Ordinal);
            Assert.NotEqual(Texte.DiagnoseAllgemein, text);
        }
    }
}
