using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Elsa;

/// <summary>Elsa behaviours beyond Elsa's own fixtures: scripts with return, merge modes, terminal nodes, faults, workflow activities.</summary>
public sealed class ElsaBehaviourTests
{
    private const string Variables =
        """[ { "id": "v1", "name": "Result", "typeName": "Object" }, { "id": "v2", "name": "Secret", "typeName": "String", "value": "geheim" } ]""";

    private static DefinitionSet Workflow(string activities, string connections, string id = "wf", string extra = "", string variables = Variables) =>
        ElsaReader.ReadText($$"""
            {
              "definitionId": "{{id}}",
              "name": "Test",
              {{extra}}
              "variables": {{variables}},
              "root": { "id": "Flowchart1", "type": "Elsa.Flowchart", "activities": {{activities}}, "connections": {{connections}} }
            }
            """, id + ".json");

    private static string Js(string script) =>
        $$"""{ "typeName": "Object", "expression": { "type": "JavaScript", "value": {{JsonSerializer.Serialize(script)}} } }""";

    private static string Text(string text) =>
        $$"""{ "typeName": "String", "expression": { "type": "Literal", "value": {{JsonSerializer.Serialize(text)}} } }""";

    private static string WriteLine(string id, string text) => $$"""{ "id": "{{id}}", "type": "Elsa.WriteLine", "text": {{Text(text)}} }""";

    private static string Task(string id) => $$"""{ "id": "{{id}}", "type": "Elsa.RunTask", "taskName": {{Text("Sachbearbeitung")}} }""";

    private static string C(string source, string target, string port = "Done") =>
        $$"""{ "source": { "activity": "{{source}}", "port": "{{port}}" }, "target": { "activity": "{{target}}", "port": "In" } }""";

    private static (CaseState State, List<string> Lines, WorkflowEngine Engine, ProcessDefinition Definition) Start(params DefinitionSet[] sets)
    {
        foreach (var set in sets)
        {
            var errors = DefinitionValidator.Validate(set, id => sets.SelectMany(s => s.Processes).FirstOrDefault(p => p.Id == id))
                .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }
        var engine = new WorkflowEngine(new EngineOptions
        {
            Clock = new VirtualClock(TestProcess.T0),
            ResolveProcess = id => sets.SelectMany(s => s.Processes).FirstOrDefault(p => p.Id == id),
            Actions = ServiceActionRegistry.WithBuiltIns(),
        });
        var definition = sets[0].Processes[0];
        var run = engine.Start(definition);
        return (run.State, [.. run.Output], engine, definition);
    }

    [Fact]
    public void Return_outside_a_function_gives_the_value_as_in_Elsa()
    {
        var set = Workflow($$"""
            [ { "id": "Start", "type": "Elsa.Start" },
              { "id": "Compute", "type": "Elsa.SetVariable", "variable": { "id": "v1", "name": "Result" }, "value": {{Js("const x = 2; if (x > 5) { return 0; } x * 21")}} },
              { "id": "Decide", "type": "Elsa.FlowDecision", "condition": {{Js("if (getResult() === 42) return true;\nreturn false;")}} },
              { "id": "Script", "type": "Elsa.RunJavaScript", "script": {{Js("return getResult() + 1")}} },
              {{WriteLine("No", "falsch")}} ]
            """, $"[{C("Start", "Compute")}, {C("Compute", "Decide")}, {C("Decide", "Script", "True")}, {C("Decide", "No", "False")}]");

        var (state, lines, engine, _) = Start(set);
        engine.Dispose();

        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(42d, Convert.ToDouble(state.Variables["Result"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(lines);
        Assert.Equal(1, TestProcess.Count(state, "Script"));
    }

    [Fact]
    public void A_script_that_is_not_JavaScript_still_names_the_problem()
    {
        var set = Workflow($$"""[ { "id": "Decide", "type": "Elsa.FlowDecision", "condition": {{Js("return (;")}} }, {{WriteLine("W", "x")}} ]""",
            $"[{C("Decide", "W", "True")}]");

        var error = Assert.Single(DefinitionValidator.Validate(set), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.InvalidExpression, error.Code);
        Assert.Contains("\"return (\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_merge_mode_is_an_error_at_the_activity()
    {
        var set = Workflow($$"""[ {{WriteLine("A", "a")}}, {{WriteLine("B", "b")}}, { "id": "J", "type": "Elsa.WriteLine", "mergeMode": "Sometimes", "text": {{Text("j")}} } ]""",
            $"[{C("A", "J")}, {C("B", "J")}]");

        var error = Assert.Single(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.InvalidValue, "J"), (error.Code, error.ElementId));
        Assert.Contains("Sometimes", error.Message, StringComparison.Ordinal);
        Assert.True(error.Position?.Line > 0);
    }

    [Fact]
    public void Cascade_runs_the_target_once_per_arrival_and_the_default_runs_it_once()
    {
        string Flow(string mode) => $$"""
            [ { "id": "Start", "type": "Elsa.Start" }, {{WriteLine("A", "a")}}, {{WriteLine("B", "b")}},
              { "id": "J", "type": "Elsa.WriteLine", {{mode}} "text": {{Text("j")}} } ]
            """;
        var connections = $"[{C("Start", "A")}, {C("Start", "B")}, {C("A", "J")}, {C("B", "J")}]";

        var (cascade, cascadeLines, e1, _) = Start(Workflow(Flow("\"customProperties\": { \"mergeMode\": \"Cascade\" },"), connections));
        var (stream, streamLines, e2, _) = Start(Workflow(Flow(""), connections));
        e1.Dispose();
        e2.Dispose();

        Assert.Equal(["a", "b", "j", "j"], cascadeLines);
        Assert.Equal(["a", "b", "j"], streamLines);
        Assert.Equal(CaseStatus.Completed, cascade.Status);
        Assert.Equal(CaseStatus.Completed, stream.Status);
    }

    [Fact]
    public void Race_continues_with_the_first_branch_and_cancels_the_waiting_one()
    {
        var set = Workflow($$"""
            [ { "id": "Start", "type": "Elsa.Start" }, {{Task("Slow")}}, {{WriteLine("Fast", "schnell")}},
              { "id": "J", "type": "Elsa.WriteLine", "mergeMode": "Race", "text": {{Text("weiter")}} } ]
            """, $"[{C("Start", "Slow")}, {C("Start", "Fast")}, {C("Slow", "J")}, {C("Fast", "J")}]");

        var (state, lines, engine, _) = Start(set);
        engine.Dispose();

        Assert.Equal(["schnell", "weiter"], lines);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Empty(state.Waits);
        Assert.Contains(state.History, h => h.NodeId == "Slow" && h.Outcome == StepOutcome.Interrupted);
    }

    [Fact]
    public void End_completes_the_workflow_while_another_branch_waits_at_a_task()
    {
        var set = Workflow($$"""
            [ { "id": "Start", "type": "Elsa.Start" }, {{Task("Review")}}, {{WriteLine("Quick", "fertig")}}, { "id": "End1", "type": "Elsa.End" } ]
            """, $"[{C("Start", "Review")}, {C("Start", "Quick")}, {C("Quick", "End1")}]");

        var (state, lines, engine, _) = Start(set);
        engine.Dispose();

        Assert.Equal(["fertig"], lines);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Empty(state.Waits);
        Assert.Contains(state.History, h => h.NodeId == "Review" && h.Outcome == StepOutcome.Interrupted);
    }

    [Fact]
    public void Fault_is_an_incident_with_its_message_and_code_and_a_retry_faults_again()
    {
        var set = Workflow($$"""
            [ { "id": "Start", "type": "Elsa.Start" },
              { "id": "F", "type": "Elsa.Fault", "code": {{Text("E-17")}}, "message": {{Js("'Antrag ' + getSecret().length + ' abgelehnt'")}} } ]
            """, $"[{C("Start", "F")}]");

        var (state, _, engine, definition) = Start(set);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal(("F", "E-17", "Antrag 6 abgelehnt"), (incident.NodeId, incident.Code, incident.Message));

        var retried = engine.RetryIncident(definition, state, incident.Id).State;
        engine.Dispose();

        Assert.Equal(CaseStatus.Incident, retried.Status);
        Assert.Equal("Antrag 6 abgelehnt", Assert.Single(retried.Incidents).Message);
    }

    [Fact]
    public void A_workflow_activity_sees_only_its_inputs_and_returns_only_its_outputs()
    {
        var provider = Workflow($$"""
            [ { "id": "Set", "type": "Elsa.SetOutput", "outputName": {{Text("Answer")}}, "outputValue": {{Js("return typeof Secret + '/' + getQuestion()")}} },
              { "id": "Leak", "type": "Elsa.SetVariable", "variable": { "id": "p1", "name": "Result" }, "value": {{Js("'vom Kind'")}} } ]
            """, $"[{C("Set", "Leak")}]", id: "provider", variables: """[ { "id": "p1", "name": "Result", "typeName": "Object" } ]""",
            extra: "\"inputs\": [ { \"name\": \"Question\", \"type\": \"String\" } ], \"outputs\": [ { \"name\": \"Answer\", \"type\": \"String\" } ],");
        var consumer = Workflow("""
            [ { "id": "Call", "type": "Provider", "workflowDefinitionId": "provider",
                "question": { "typeName": "String", "expression": { "type": "JavaScript", "value": "getSecret() + '?'" } },
                "answer": { "typeName": "Object", "memoryReference": { "id": "v1" } } } ]
            """, "[]", id: "consumer");

        var (state, _, engine, _) = Start(consumer, provider);
        engine.Dispose();

        Assert.Equal(CaseStatus.Completed, state.Status);
        // The provider saw its input, not the caller's variable Secret; its own Result did not overwrite the caller's.
        Assert.Equal("undefined/geheim?", state.Variables["Result"]);
        Assert.Equal("geheim", state.Variables["Secret"]);
    }
}
