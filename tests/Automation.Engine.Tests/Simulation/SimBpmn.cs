using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Simulation;

namespace Automation.Engine.Tests.Simulation;

/// <summary>Small BPMN processes and helpers for the simulation tests.</summary>
internal static class SimBpmn
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            id="sim" targetNamespace="urn:sim">
        """;

    /// <summary>One user task of role "schalter" between start and end: a single-server queue.</summary>
    public const string SingleServer = """
        <bpmn:process id="queue" isExecutable="true">
          <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
          <bpmn:userTask id="serve" name="Bedienen">
            <bpmn:extensionElements><am:role name="schalter"/><am:effort minutes="60" payLevel="gehoben" occupation="73202"/></bpmn:extensionElements>
            <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
          </bpmn:userTask>
          <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="serve"/>
          <bpmn:sequenceFlow id="f2" sourceRef="serve" targetRef="end"/>
        </bpmn:process>
        """;

    /// <summary>Check, then an exclusive gateway: approve (70 %) or reject (30 %), each a user task, then a letter.</summary>
    public const string Branching = """
        <bpmn:process id="antrag" isExecutable="true">
          <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
          <bpmn:userTask id="pruefen" name="Antrag prüfen">
            <bpmn:extensionElements><am:role name="sachbearbeitung"/><am:effort activity="3" complexity="medium" payLevel="gehoben" occupation="73202"/>
              <am:footprint printedPages="3" letters="0" citizenTrips="1"/></bpmn:extensionElements>
            <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
          </bpmn:userTask>
          <bpmn:exclusiveGateway id="gw" default="nein"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>ja</bpmn:outgoing><bpmn:outgoing>nein</bpmn:outgoing></bpmn:exclusiveGateway>
          <bpmn:userTask id="bewilligen" name="Bewilligen">
            <bpmn:extensionElements><am:role name="sachbearbeitung"/><am:effort activity="11" complexity="simple" payLevel="gehoben" occupation="73202"/></bpmn:extensionElements>
            <bpmn:incoming>ja</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
          </bpmn:userTask>
          <bpmn:userTask id="ablehnen" name="Ablehnen">
            <bpmn:extensionElements><am:role name="leitung"/><am:effort activity="11" complexity="medium" payLevel="hoeher" occupation="73204"/></bpmn:extensionElements>
            <bpmn:incoming>nein</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
          </bpmn:userTask>
          <bpmn:exclusiveGateway id="join"><bpmn:incoming>f3</bpmn:incoming><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing></bpmn:exclusiveGateway>
          <bpmn:serviceTask id="versand" name="Bescheid versenden">
            <bpmn:extensionElements><am:automation level="automated" cpuSeconds="2"/><am:footprint printedPages="2" letters="1" citizenTrips="0"/></bpmn:extensionElements>
            <bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f6</bpmn:outgoing>
          </bpmn:serviceTask>
          <bpmn:endEvent id="end"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen"/>
          <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="gw"/>
          <bpmn:sequenceFlow id="ja" sourceRef="gw" targetRef="bewilligen"><bpmn:conditionExpression>ok == true</bpmn:conditionExpression></bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="nein" sourceRef="gw" targetRef="ablehnen"/>
          <bpmn:sequenceFlow id="f3" sourceRef="bewilligen" targetRef="join"/>
          <bpmn:sequenceFlow id="f4" sourceRef="ablehnen" targetRef="join"/>
          <bpmn:sequenceFlow id="f5" sourceRef="join" targetRef="versand"/>
          <bpmn:sequenceFlow id="f6" sourceRef="versand" targetRef="end"/>
        </bpmn:process>
        """;

    public static IReadOnlyList<ProcessDefinition> Read(string body)
    {
        var set = BpmnReader.ReadText(Header + body + "</bpmn:definitions>", "sim.bpmn");
        Assert.DoesNotContain(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return set.Processes;
    }

    public static SimulationStudy Compile(string body, string scenarioJson) =>
        SimulationCompiler.Compile(Read(body), ScenarioFile.Parse(scenarioJson));
}
