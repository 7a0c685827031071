// A small valid starting diagram: one executable process, start event → user task → end event, with DI.
export function emptyDiagram() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:am="urn:automation:bpmn:1" id="Definitions_Neu" targetNamespace="urn:automation:kommune:workflows">
  <bpmn:process id="neuer-prozess" name="Neuer Prozess" isExecutable="true">
    <bpmn:startEvent id="Start_Eingang" name="Antrag eingegangen">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Task_Bearbeiten" name="Antrag bearbeiten">
      <bpmn:extensionElements>
        <am:role name="sachbearbeitung"/>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End_Erledigt" name="Erledigt">
      <bpmn:incoming>Flow_2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_Eingang" targetRef="Task_Bearbeiten"/>
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Bearbeiten" targetRef="End_Erledigt"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="neuer-prozess">
      <bpmndi:BPMNShape id="Start_Eingang_di" bpmnElement="Start_Eingang">
        <dc:Bounds x="152" y="102" width="36" height="36"/>
        <bpmndi:BPMNLabel><dc:Bounds x="136" y="145" width="68" height="27"/></bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_Bearbeiten_di" bpmnElement="Task_Bearbeiten">
        <dc:Bounds x="240" y="80" width="100" height="80"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_Erledigt_di" bpmnElement="End_Erledigt">
        <dc:Bounds x="392" y="102" width="36" height="36"/>
        <bpmndi:BPMNLabel><dc:Bounds x="390" y="145" width="40" height="14"/></bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
        <di:waypoint x="188" y="120"/>
        <di:waypoint x="240" y="120"/>
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2">
        <di:waypoint x="340" y="120"/>
        <di:waypoint x="392" y="120"/>
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
