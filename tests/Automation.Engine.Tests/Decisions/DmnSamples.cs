namespace Automation.Engine.Tests.Decisions;

/// <summary>DMN files the decision tests share: a Camunda 8 (DMN 1.3) routing table, a Camunda 7 (DMN 1.1) file and a graph.</summary>
internal static class DmnSamples
{
    public const string Dmn13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    /// <summary>A table of the given hit policy on one number input; each rule is (test, output).</summary>
    public static string Table(string hitPolicy, string outputValues, params (string Test, string Output)[] rules)
    {
        var aggregation = hitPolicy.Split(' ') is ["COLLECT", var a] ? $" aggregation=\"{a}\"" : "";
        var policy = aggregation.Length > 0 ? "COLLECT" : hitPolicy;
        var values = outputValues.Length > 0 ? $"<outputValues><text>{outputValues}</text></outputValues>" : "";
        var body = string.Concat(rules.Select((r, i) => $"""
                  <rule id="r{i + 1}"><inputEntry><text>{Escape(r.Test)}</text></inputEntry><outputEntry><text>{Escape(r.Output)}</text></outputEntry></rule>
            """));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="{Dmn13}" id="d" name="Test" namespace="http://example.org">
              <decision id="stufe" name="Stufe">
                <decisionTable id="t" hitPolicy="{policy}"{aggregation}>
                  <input id="i1" label="Betrag"><inputExpression typeRef="number"><text>betrag</text></inputExpression></input>
                  <output id="o1" name="stufe" typeRef="string">{values}</output>
            {body}
                </decisionTable>
              </decision>
            </definitions>
            """;
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);

    /// <summary>Camunda 8 / Modeler 5 style: DMN 1.3, three inputs (number ranges, strings), two outputs, annotations, DI.</summary>
    public const string Routing = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/"
            xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
            id="Wohngeld" name="Wohngeld" namespace="http://camunda.org/schema/1.0/dmn" exporter="Camunda Modeler" exporterVersion="5.31.0"
            modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
          <decision id="pruefweg" name="Prüfweg">
            <decisionTable id="DecisionTable_1" hitPolicy="UNIQUE">
              <input id="in_einkommen" label="Monatseinkommen">
                <inputExpression id="ie1" typeRef="number"><text>einkommen</text></inputExpression>
              </input>
              <input id="in_haushalt" label="Haushaltsgröße">
                <inputExpression id="ie2" typeRef="number"><text>haushalt</text></inputExpression>
              </input>
              <input id="in_art" label="Antragsart">
                <inputExpression id="ie3" typeRef="string"><text>art</text></inputExpression>
                <inputValues id="iv3"><text>"Erstantrag","Weiterleistung"</text></inputValues>
              </input>
              <output id="out_weg" label="Weg" name="weg" typeRef="string">
                <outputValues id="ov1"><text>"automatisch","Sachbearbeitung","Ablehnung"</text></outputValues>
              </output>
              <output id="out_frist" label="Frist (Tage)" name="frist" typeRef="number" />
              <annotation name="Begründung" />
              <rule id="Rule_auto">
                <inputEntry id="e1"><text>&lt; 1500</text></inputEntry>
                <inputEntry id="e2"><text>[1..4]</text></inputEntry>
                <inputEntry id="e3"><text>"Weiterleistung"</text></inputEntry>
                <outputEntry id="o1"><text>"automatisch"</text></outputEntry>
                <outputEntry id="o2"><text>14</text></outputEntry>
                <annotationEntry><text>Weiterleistung mit kleinem Einkommen</text></annotationEntry>
              </rule>
              <rule id="Rule_sb">
                <inputEntry id="e4"><text>&lt; 3000</text></inputEntry>
                <inputEntry id="e5"><text>-</text></inputEntry>
                <inputEntry id="e6"><text>"Erstantrag"</text></inputEntry>
                <outputEntry id="o3"><text>"Sachbearbeitung"</text></outputEntry>
                <outputEntry id="o4"><text>haushalt * 7</text></outputEntry>
                <annotationEntry><text>Erstantrag prüft ein Mensch</text></annotationEntry>
              </rule>
              <rule id="Rule_ab">
                <inputEntry id="e7"><text>&gt;= 3000</text></inputEntry>
                <inputEntry id="e8"><text>-</text></inputEntry>
                <inputEntry id="e9"><text>-</text></inputEntry>
                <outputEntry id="o5"><text>"Ablehnung"</text></outputEntry>
                <outputEntry id="o6"><text>0</text></outputEntry>
                <annotationEntry><text></text></annotationEntry>
              </rule>
            </decisionTable>
          </decision>
          <dmndi:DMNDI><dmndi:DMNDiagram><dmndi:DMNShape dmnElementRef="pruefweg"><dc:Bounds height="80" width="180" x="160" y="100" /></dmndi:DMNShape></dmndi:DMNDiagram></dmndi:DMNDI>
        </definitions>
        """;

    /// <summary>Camunda 7 style: DMN 1.1 namespace, camunda:inputVariable, rule descriptions, FIRST.</summary>
    public const string Camunda7 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
            id="gebuehr" name="Gebühr" namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="gebuehr_decision" name="Gebühr">
            <decisionTable id="dt" hitPolicy="FIRST">
              <input id="in1" label="Seiten" camunda:inputVariable="seiten">
                <inputExpression id="ie1" typeRef="integer"><text>anzahlSeiten</text></inputExpression>
              </input>
              <output id="out1" label="Gebühr" name="gebuehr" typeRef="double" />
              <rule id="rule_viel">
                <description>Großauftrag</description>
                <inputEntry id="e1"><text>seiten &gt; 100</text></inputEntry>
                <outputEntry id="o1"><text>50</text></outputEntry>
              </rule>
              <rule id="rule_rest">
                <inputEntry id="e2"><text></text></inputEntry>
                <outputEntry id="o2"><text>0.5 * anzahlSeiten</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    /// <summary>A diamond: bescheid requires punkte and zuschlag, both require basis; input data alter.</summary>
    public const string Graph = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="g" name="Graph" namespace="http://example.org">
          <inputData id="in_alter" name="Alter"><variable name="Alter" typeRef="number"/></inputData>
          <decision id="basis" name="Basis">
            <informationRequirement><requiredInput href="#in_alter"/></informationRequirement>
            <literalExpression><text>Alter * 2</text></literalExpression>
          </decision>
          <decision id="punkte" name="Punkte">
            <informationRequirement><requiredDecision href="#basis"/></informationRequirement>
            <literalExpression><text>Basis + 1</text></literalExpression>
          </decision>
          <decision id="zuschlag" name="Zuschlag">
            <informationRequirement><requiredDecision href="#basis"/></informationRequirement>
            <decisionTable hitPolicy="UNIQUE">
              <input label="Basis"><inputExpression><text>Basis</text></inputExpression></input>
              <output name="zuschlag"/>
              <rule id="z1"><inputEntry><text>&gt;= 100</text></inputEntry><outputEntry><text>10</text></outputEntry></rule>
              <rule id="z2"><inputEntry><text>&lt; 100</text></inputEntry><outputEntry><text>0</text></outputEntry></rule>
            </decisionTable>
          </decision>
          <decision id="bescheid" name="Bescheid">
            <informationRequirement><requiredDecision href="#punkte"/></informationRequirement>
            <informationRequirement><requiredDecision href="#zuschlag"/></informationRequirement>
            <literalExpression><text>Punkte + Zuschlag</text></literalExpression>
          </decision>
        </definitions>
        """;
}
