namespace Automation.Benchmarks;

/// <summary>The benchmark processes as BPMN, read by the same reader as production definitions.</summary>
internal static class BpmnScenarios
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="bench" targetNamespace="urn:bench">
        """;

    public const string ThreeServiceTasks = Header + """
          <bpmn:process id="three-services" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="s1"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="s2"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="s3"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="s1" />
            <bpmn:sequenceFlow id="f2" sourceRef="s1" targetRef="s2" />
            <bpmn:sequenceFlow id="f3" sourceRef="s2" targetRef="s3" />
            <bpmn:sequenceFlow id="f4" sourceRef="s3" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>(e): one service task run as 100 parallel instances (multi-instance, cardinality 100) per case.</summary>
    public const string HundredParallelInstances = Header + """
          <bpmn:process id="hundred-instances" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="mi">
              <bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>100</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="mi" />
            <bpmn:sequenceFlow id="f2" sourceRef="mi" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public const string ThreeScriptTasks = Header + """
          <bpmn:process id="three-scripts" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="s1" scriptFormat="javascript"><bpmn:script>gebuehr = betrag * 0.02</bpmn:script></bpmn:scriptTask>
            <bpmn:scriptTask id="s2" scriptFormat="javascript"><bpmn:script>summe = betrag + gebuehr</bpmn:script></bpmn:scriptTask>
            <bpmn:scriptTask id="s3" scriptFormat="javascript"><bpmn:script>freigabe = summe > 1000</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="s1" />
            <bpmn:sequenceFlow id="f2" sourceRef="s1" targetRef="s2" />
            <bpmn:sequenceFlow id="f3" sourceRef="s2" targetRef="s3" />
            <bpmn:sequenceFlow id="f4" sourceRef="s3" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Scripts that reach built-ins (Math, a method call): each evaluation gets a fresh engine.</summary>
    public const string ThreeBuiltInScriptTasks = Header + """
          <bpmn:process id="three-builtin-scripts" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="s1" scriptFormat="javascript"><bpmn:script>gebuehr = Math.round(betrag * 0.02)</bpmn:script></bpmn:scriptTask>
            <bpmn:scriptTask id="s2" scriptFormat="javascript"><bpmn:script>summe = Math.max(betrag + gebuehr, 0)</bpmn:script></bpmn:scriptTask>
            <bpmn:scriptTask id="s3" scriptFormat="javascript"><bpmn:script>freigabe = summe.toFixed(2) > 1000</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="s1" />
            <bpmn:sequenceFlow id="f2" sourceRef="s1" targetRef="s2" />
            <bpmn:sequenceFlow id="f3" sourceRef="s2" targetRef="s3" />
            <bpmn:sequenceFlow id="f4" sourceRef="s3" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>start, xor split (2 service tasks), xor merge, and split, 3 service tasks, and join, service task, end: 12 nodes.</summary>
    public const string TwelveNodes = Header + """
          <bpmn:process id="twelve" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:exclusiveGateway id="x1" default="fLow" />
            <bpmn:serviceTask id="high"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="low"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:exclusiveGateway id="x2" />
            <bpmn:parallelGateway id="p1" />
            <bpmn:serviceTask id="a"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="b"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:serviceTask id="c"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:parallelGateway id="p2" />
            <bpmn:serviceTask id="last"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="x1" />
            <bpmn:sequenceFlow id="fHigh" sourceRef="x1" targetRef="high"><bpmn:conditionExpression>betrag &gt; 1000</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="fLow" sourceRef="x1" targetRef="low" />
            <bpmn:sequenceFlow id="f2" sourceRef="high" targetRef="x2" />
            <bpmn:sequenceFlow id="f3" sourceRef="low" targetRef="x2" />
            <bpmn:sequenceFlow id="f4" sourceRef="x2" targetRef="p1" />
            <bpmn:sequenceFlow id="f5" sourceRef="p1" targetRef="a" />
            <bpmn:sequenceFlow id="f6" sourceRef="p1" targetRef="b" />
            <bpmn:sequenceFlow id="f7" sourceRef="p1" targetRef="c" />
            <bpmn:sequenceFlow id="f8" sourceRef="a" targetRef="p2" />
            <bpmn:sequenceFlow id="f9" sourceRef="b" targetRef="p2" />
            <bpmn:sequenceFlow id="f10" sourceRef="c" targetRef="p2" />
            <bpmn:sequenceFlow id="f11" sourceRef="p2" targetRef="last" />
            <bpmn:sequenceFlow id="f12" sourceRef="last" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
