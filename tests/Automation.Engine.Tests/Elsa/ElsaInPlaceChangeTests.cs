using System.Globalization;
using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;

namespace Automation.Engine.Tests.Elsa;

/// <summary>
/// A variable changed in place by a script — an array pushed to, an object property set, Elsa's <c>variables.X = …</c>
/// and <c>setVariable(name, value)</c> — is a change like an assignment: kept in the case state (what the host stores),
/// seen by later activities and by conditional events watching it (elsa-core JavaScriptVariablesWorkflowTests
/// .SetVariableRetainsValue: setMagicNumber(42), variables.MagicNumber = 42 and setVariable('MagicNumber', 42) all leave 42).
/// </summary>
public sealed class ElsaInPlaceChangeTests
{
    private const string Variables = """
        [ { "id": "m", "name": "MagicNumber", "typeName": "Int32", "value": "3" },
          { "id": "i", "name": "Items", "typeName": "Object" },
          { "id": "p", "name": "Person", "typeName": "Object" } ]
        """;

    /// <summary>The scripts in sequence, after one that sets Items to [1, 2, 3] and Person to { Name: "Anna" }.</summary>
    private static ElsaRun Run(params string[] steps)
    {
        string[] scripts = ["setItems([1, 2, 3]); setPerson({ Name: 'Anna' })", .. steps];
        var activities = scripts.Select((s, i) =>
            $$"""{ "id": "S{{i}}", "type": "Elsa.RunJavaScript", "script": { "typeName": "Object", "expression": { "type": "JavaScript", "value": {{JsonSerializer.Serialize(s)}} } } }""");
        var connections = scripts.Skip(1).Select((_, i) => $$"""{ "source": { "activity": "S{{i}}", "port": "Done" }, "target": { "activity": "S{{i + 1}}", "port": "In" } }""");
        var set = ElsaReader.ReadText($$"""
            { "definitionId": "wf", "variables": {{Variables}},
              "root": { "id": "F", "type": "Elsa.Flowchart", "activities": [ {{string.Join(", ", activities)}} ], "connections": [ {{string.Join(", ", connections)}} ] } }
            """, "wf.json");
        return new ElsaRun(set);
    }

    private static CaseState Stored(CaseState state) => JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;

    [Theory(DisplayName = "JavaScriptVariablesWorkflowTests.SetVariableRetainsValue: MagicNumber is 42")]
    [InlineData("setMagicNumber(42)")]
    [InlineData("variables.MagicNumber = 42")]
    [InlineData("setVariable('MagicNumber', 42)")]
    public void Each_of_Elsas_ways_to_set_a_variable_leaves_the_value_in_the_stored_case(string script)
    {
        using var run = Run(script);

        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.Equal(42d, Convert.ToDouble(Stored(run.State).Variables["MagicNumber"], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("getItems().push(4)")]
    [InlineData("variables.Items.push(4)")]
    [InlineData("getVariable('Items').push(4)")]
    [InlineData("Items.push(4)")]
    public void An_array_pushed_to_is_a_change_the_next_activity_sees_and_the_case_keeps(string script)
    {
        using var run = Run(script, "writeLine(String(getItems().length)); writeLine(String(variables.Items[3]))");

        Assert.Equal(["4", "4"], run.Lines);
        Assert.Equal([1d, 2d, 3d, 4d], ((List<object?>)Stored(run.State).Variables["Items"]!).Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("getPerson().Name = 'Bert'")]
    [InlineData("variables.Person.Name = 'Bert'")]
    [InlineData("getVariable('Person').Name = 'Bert'")]
    public void An_object_property_set_is_a_change_the_next_activity_sees(string script)
    {
        using var run = Run(script, "writeLine(getPerson().Name)");

        Assert.Equal(["Bert"], run.Lines);
        Assert.Equal("Bert", ((Dictionary<string, object?>)Stored(run.State).Variables["Person"]!)["Name"]);
    }

    [Fact]
    public void A_failing_script_leaves_an_array_it_pushed_to_as_it_was()
    {
        using var run = Run("getItems().push(4); undefined.property");

        Assert.Single(run.State.Incidents);
        Assert.Equal(3, ((List<object?>)run.State.Variables["Items"]!).Count);
    }

    [Fact]
    public void Reading_a_variable_through_variables_changes_nothing()
    {
        using var run = Run("writeLine(String(variables.MagicNumber)); writeLine(String(variables.Unknown))");

        Assert.Equal(["3", "undefined"], run.Lines);
        Assert.DoesNotContain("Unknown", run.State.Variables.Keys);
        Assert.DoesNotContain("variables", run.State.Variables.Keys);
    }

    [Fact]
    public void A_case_variable_named_like_an_accessor_stays_a_variable()
    {
        var set = ElsaReader.ReadText("""
            { "definitionId": "wf", "variables": [ { "id": "v", "name": "variables", "typeName": "Int32", "value": "5" } ],
              "root": { "id": "F", "type": "Elsa.Flowchart", "activities": [
                { "id": "S", "type": "Elsa.RunJavaScript", "script": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "variables = variables + 1" } } } ], "connections": [] } }
            """, "wf.json");
        using var run = new ElsaRun(set);

        Assert.Equal(6d, Convert.ToDouble(run.State.Variables["variables"], CultureInfo.InvariantCulture));
    }

    /// <summary>A BPMN case: "aendern" pushes to a list in place; "freigabe" waits for the list to hold three entries.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("""camunda:variableName="liste" camunda:variableEvents="update" """)]
    public void A_conditional_event_sees_a_list_changed_in_place(string watch)
    {
        using var p = new TestProcess($"""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:parallelGateway id="split" />
              <bpmn:userTask id="erfassen" />
              <bpmn:scriptTask id="aendern" scriptFormat="javascript"><bpmn:script>liste.push('c'); antrag.status = 'geprüft'</bpmn:script></bpmn:scriptTask>
              <bpmn:intermediateCatchEvent id="freigabe">
                <bpmn:conditionalEventDefinition {watch}><bpmn:condition xsi:type="bpmn:tFormalExpression">liste.length === 3</bpmn:condition></bpmn:conditionalEventDefinition>
              </bpmn:intermediateCatchEvent>
              <bpmn:userTask id="pruefen" />
              <bpmn:endEvent id="e1" />
              <bpmn:endEvent id="e2" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
              <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="erfassen" />
              <bpmn:sequenceFlow id="f3" sourceRef="erfassen" targetRef="aendern" />
              <bpmn:sequenceFlow id="f4" sourceRef="aendern" targetRef="e1" />
              <bpmn:sequenceFlow id="f5" sourceRef="split" targetRef="freigabe" />
              <bpmn:sequenceFlow id="f6" sourceRef="freigabe" targetRef="pruefen" />
              <bpmn:sequenceFlow id="f7" sourceRef="pruefen" targetRef="e2" />
            </bpmn:process>
            """);
        var state = p.Start(("liste", new List<object?> { "a", "b" }), ("antrag", new Dictionary<string, object?> { ["status"] = "neu" })).State;
        Assert.DoesNotContain(state.Waits, w => w.NodeId == "pruefen");

        state = Stored(state);
        p.Complete(state, "erfassen");

        Assert.Contains(state.Waits, w => w.NodeId == "pruefen");
        Assert.Equal(3, ((List<object?>)state.Variables["liste"]!).Count);
        Assert.Equal("geprüft", ((Dictionary<string, object?>)Stored(state).Variables["antrag"]!)["status"]);
    }
}
