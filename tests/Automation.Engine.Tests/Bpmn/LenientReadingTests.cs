using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>Issue 18, item 3: models that BPMN allows are read as BPMN reads them, not refused by over-strict checks.</summary>
public sealed class LenientReadingTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tns="http://example.org/amt"
                     xmlns:other="http://example.org/elsewhere" targetNamespace="http://example.org/amt" id="d">
        """;

    private static DefinitionSet Read(string body) => BpmnReader.ReadText(Head + body + "</definitions>", "lenient.bpmn");

    private static IReadOnlyList<Diagnostic> Validate(string body) => DefinitionValidator.Validate(Read(body));

    private const string UnnamedMessageAndSignal = """
          <message id="M1"/>
          <signal id="S1"/>
          <process id="p" isExecutable="true">
            <startEvent id="s"/>
            <sequenceFlow id="f1" sourceRef="s" targetRef="w"/>
            <intermediateCatchEvent id="w" name="Antrag eingegangen"><messageEventDefinition messageRef="M1"/></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="w" targetRef="sig"/>
            <intermediateCatchEvent id="sig" name="Freigabe"><signalEventDefinition/></intermediateCatchEvent>
            <sequenceFlow id="f3" sourceRef="sig" targetRef="e"/>
            <endEvent id="e"/>
          </process>
        """;

    [Fact]
    public void A_message_or_signal_without_a_name_is_known_by_the_events_name_with_a_warning_and_the_case_runs()
    {
        var diagnostics = Validate(UnnamedMessageAndSignal);
        Assert.False(diagnostics.HasErrors(), string.Join("\n", diagnostics));
        Assert.Equal("w", Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.MessageNameFromEvent).ElementId);
        Assert.Equal("sig", Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.SignalNameFromEvent).ElementId);

        var set = Read(UnnamedMessageAndSignal);
        using var engine = new WorkflowEngine();
        var definition = set.Processes[0];
        var state = engine.Start(definition).State;
        Assert.False(engine.CorrelateMessage(definition, state, "M1").Matched);
        Assert.True(engine.CorrelateMessage(definition, state, "Antrag eingegangen").Matched);
        engine.BroadcastSignal(definition, state, "Freigabe");
        Assert.Equal(CaseStatus.Completed, state.Status);
    }

    [Fact]
    public void A_catch_event_without_any_name_is_still_an_error()
    {
        var diagnostics = Validate("""
              <process id="p" isExecutable="true">
                <startEvent id="s"/>
                <sequenceFlow id="f1" sourceRef="s" targetRef="w"/>
                <intermediateCatchEvent id="w"><messageEventDefinition/></intermediateCatchEvent>
                <sequenceFlow id="f2" sourceRef="w" targetRef="e"/>
                <endEvent id="e"/>
              </process>
            """);
        Assert.Equal("w", Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error).ElementId);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.MissingMessageName);
    }

    [Fact]
    public void References_with_a_prefix_bound_to_the_files_own_namespace_find_their_element()
    {
        var body = """
              <collaboration id="c"><participant id="pa" name="Amt" processRef="tns:p"/><participant id="pb" name="Bürger"/></collaboration>
              <category id="cat"><categoryValue id="cv" value="Fachlich"/></category>
              <process id="p" isExecutable="true">
                <startEvent id="s"/>
                <sequenceFlow id="f1" sourceRef="tns:s" targetRef="tns:t"/>
                <userTask id="t" name="Prüfen" categoryValueRef="cv"/>
                <boundaryEvent id="b" attachedToRef="tns:t"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
                <sequenceFlow id="f2" sourceRef="t" targetRef="g"/>
                <exclusiveGateway id="g" default="tns:f4"/>
                <sequenceFlow id="f3" sourceRef="g" targetRef="e"><conditionExpression>x == 1</conditionExpression></sequenceFlow>
                <sequenceFlow id="f4" sourceRef="g" targetRef="e"/>
                <sequenceFlow id="f5" sourceRef="b" targetRef="e"/>
                <endEvent id="e"/>
              </process>
            """;
        var diagnostics = Validate(body);
        Assert.Empty(diagnostics);
        var process = Assert.Single(Read(body).Processes);
        Assert.Equal("t", process.FindNode("b")!.AttachedToId);
        Assert.Equal("f4", process.FindNode("g")!.DefaultFlowId);
    }

    [Fact]
    public void A_prefix_bound_to_another_namespace_is_not_taken_for_the_files_own_element()
    {
        var diagnostics = Validate("""
              <process id="p" isExecutable="true">
                <startEvent id="s"/>
                <sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                <userTask id="t"/>
                <boundaryEvent id="b" attachedToRef="other:t"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
                <sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
                <sequenceFlow id="f3" sourceRef="b" targetRef="e"/>
                <endEvent id="e"/>
              </process>
            """);
        var error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("b", DiagnosticCodes.MissingReference), (error.ElementId, error.Code));
        Assert.Contains("other:t", error.Message, StringComparison.Ordinal);
    }

    private const string DescriptiveWithGaps = """
          <process id="doku" isExecutable="false">
            <task id="a" name="Antrag prüfen"/>
            <intermediateCatchEvent id="w"><messageEventDefinition/></intermediateCatchEvent>
          </process>
        """;

    [Fact]
    public void A_process_marked_not_executable_validates_with_warnings_only_but_does_not_start_while_they_are_errors()
    {
        var diagnostics = Validate(DescriptiveWithGaps);
        Assert.False(diagnostics.HasErrors(), string.Join("\n", diagnostics));
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.MissingStartEvent && d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.MissingMessageName && d.ElementId == "w");
        using var engine = new WorkflowEngine();
        var refused = Assert.Throws<WorkflowInputException>(() => engine.Start(Read(DescriptiveWithGaps).Processes[0]));
        Assert.Contains("isExecutable", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_marked_not_executable_without_findings_starts_like_any_other()
    {
        var set = Read("""
              <process id="skizze" isExecutable="false">
                <startEvent id="s"/>
                <sequenceFlow id="f1" sourceRef="s" targetRef="e"/>
                <endEvent id="e"/>
              </process>
            """);
        Assert.Empty(DefinitionValidator.Validate(set));
        using var engine = new WorkflowEngine();
        Assert.Equal(CaseStatus.Completed, engine.Start(set.Processes[0]).State.Status);
    }

    [Fact]
    public void The_same_findings_in_an_executable_process_stay_errors()
    {
        var diagnostics = Validate(DescriptiveWithGaps.Replace("isExecutable=\"false\"", "isExecutable=\"true\"", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.MissingStartEvent && d.Severity == DiagnosticSeverity.Error);
    }
}
