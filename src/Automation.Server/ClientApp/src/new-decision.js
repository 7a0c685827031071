// The decision editor's template for a new decision: a small German decision table (UNIQUE, one input, one output,
// two rules) with its shape in the requirements diagram, in the DMN 1.3 namespaces dmn-js writes.

/** DMN XML of a new decision table. */
export function newDecisionXml() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="Definitionen_neu" name="Neue Entscheidung" namespace="urn:automation:entscheidungen">
  <decision id="neue_entscheidung" name="Neue Entscheidung">
    <decisionTable id="Tabelle_1" hitPolicy="UNIQUE">
      <input id="Eingabe_1" label="Betrag">
        <inputExpression id="Eingabeausdruck_1" typeRef="number">
          <text>betrag</text>
        </inputExpression>
      </input>
      <output id="Ausgabe_1" label="Stufe" name="stufe" typeRef="string" />
      <rule id="Regel_1">
        <description>bis einschließlich 100</description>
        <inputEntry id="Eingabeeintrag_1">
          <text>&lt;= 100</text>
        </inputEntry>
        <outputEntry id="Ausgabeeintrag_1">
          <text>"niedrig"</text>
        </outputEntry>
      </rule>
      <rule id="Regel_2">
        <description>über 100</description>
        <inputEntry id="Eingabeeintrag_2">
          <text>&gt; 100</text>
        </inputEntry>
        <outputEntry id="Ausgabeeintrag_2">
          <text>"hoch"</text>
        </outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="Diagramm_1">
      <dmndi:DMNShape id="Form_neue_entscheidung" dmnElementRef="neue_entscheidung">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}
