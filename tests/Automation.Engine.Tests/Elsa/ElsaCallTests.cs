using System.Text.Json.Nodes;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Elsa;

/// <summary>
/// Elsa's Complete with outcomes (a workflow activity continues on the ports its workflow completed with), ExecuteWorkflow
/// and the HTTP activities. Expectations named after Elsa's tests come from elsa-core (Fixtures/elsa/NOTICE.md).
/// </summary>
public sealed class ElsaCallTests
{
    private static string Fixture(string name) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa", "fidelity", name));

    private static DefinitionSet Set(string json, string name) => ElsaReader.ReadText(json, name);

    private static ElsaRun Run(params (string Json, string Name)[] files) => new([.. files.Select(f => Set(f.Json, f.Name))]);

    private static (string, string) File(string name) => (Fixture(name), name);

    /// <summary>A fixture with one activity's input expression replaced.</summary>
    private static string WithInput(string name, string activityId, string input, string type, object value)
    {
        var root = JsonNode.Parse(Fixture(name))!;
        var activity = root["root"]!["activities"]!.AsArray().Single(a => (string?)a!["id"] == activityId)!;
        activity[input]!["expression"] = new JsonObject { ["type"] = type, ["value"] = JsonValue.Create(value) };
        return root.ToJsonString();
    }

    // ---- Complete with outcomes ----------------------------------------------------------------------------

    [Fact(DisplayName = "WorkflowDefinitionActivities Tests parent-with-outcomes: \"Success path taken\"")]
    public void A_workflow_activity_continues_on_the_outcome_its_workflow_completed_with()
    {
        using var run = Run(File("outcomes-parent.json"), File("outcomes-child.json")).ToEnd();
        Assert.Equal(["Success path taken"], run.Lines);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
    }

    [Theory]
    [InlineData("\"Failed\"", new[] { "Failed path taken" })]
    [InlineData("[\"Failed\", \"Success\"]", new[] { "Success path taken", "Failed path taken" })]
    [InlineData("\"Elsewhere\"", new string[0])]
    public void Other_outcomes_take_their_own_ports_and_an_outcome_without_connection_ends_the_path(string outcomes, string[] expected)
    {
        var child = Fixture("outcomes-child.json").Replace("\"value\": \"Success\"", "\"value\": " + outcomes, StringComparison.Ordinal);
        Assert.NotEqual(Fixture("outcomes-child.json"), child);
        using var run = Run(File("outcomes-parent.json"), (child, "child.json")).ToEnd();
        Assert.Equal(expected, run.Lines);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
    }

    [Fact]
    public void A_workflow_that_ends_without_Complete_leaves_by_Done_only()
    {
        // The child's Complete becomes a WriteLine: it ends normally, so neither Success nor Failed is taken.
        var child = Fixture("outcomes-child.json").Replace("\"Elsa.Complete\"", "\"Elsa.WriteLine\"", StringComparison.Ordinal)
            .Replace("\"outcomes\":", "\"text\":", StringComparison.Ordinal);
        using var run = Run(File("outcomes-parent.json"), (child, "child.json")).ToEnd();
        Assert.Equal(["Success"], run.Lines);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
    }

    // ---- ExecuteWorkflow -----------------------------------------------------------------------------------

    [Fact(DisplayName = "ExecuteWorkflowTests.ExecuteWorkflowWithWaitForCompletion: three lines in order")]
    public void ExecuteWorkflow_waiting_for_completion_runs_the_child_between_the_parent_lines()
    {
        using var run = Run(File("execute-parent-with-wait.json"), File("execute-child-workflow.json")).ToEnd();
        Assert.Equal(["Parent: Before child", "Child: Executing", "Parent: After child"], run.Lines);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
    }

    [Fact(DisplayName = "ExecuteWorkflowTests.ExecuteWorkflowWithoutWaitForCompletion: all lines, finished")]
    public void ExecuteWorkflow_without_waiting_writes_every_line_and_finishes()
    {
        using var run = Run(File("execute-parent-no-wait.json"), File("execute-child-workflow.json")).ToEnd();
        Assert.Contains("Parent: Before child", run.Lines);
        Assert.Contains("Child: Executing", run.Lines);
        Assert.Contains("Parent: After child", run.Lines);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.Empty(run.State.Scopes);
    }

    /// <summary>A child that waits an hour before it writes its line (definitionId child-workflow, as Elsa's).</summary>
    private const string SlowChild = """
        {"definitionId": "child-workflow", "root": {"type": "Elsa.Flowchart", "id": "F", "activities": [
          {"id": "Warten", "type": "Elsa.Delay", "timeSpan": {"typeName": "TimeSpan", "expression": {"type": "Literal", "value": "01:00:00"}}},
          {"id": "Schreiben", "type": "Elsa.WriteLine", "text": {"typeName": "String", "expression": {"type": "Literal", "value": "Child: Executing"}}}],
          "connections": [{"source": {"activity": "Warten", "port": "Done"}, "target": {"activity": "Schreiben", "port": "In"}}]}}
        """;

    [Fact]
    public void Without_waiting_the_parent_goes_on_while_the_child_still_waits()
    {
        using var run = Run(File("execute-parent-no-wait.json"), (SlowChild, "slow.json"));
        Assert.Equal(["Parent: Before child", "Parent: After child"], run.Lines);
        Assert.Equal(CaseStatus.Waiting, run.State.Status);
        // The ExecuteWorkflow step completed when it started the child, once.
        Assert.Single(run.State.History, h => h.NodeId == "ExecuteWorkflow1" && h.Outcome == StepOutcome.Completed);
        run.ToEnd();
        Assert.Equal(["Parent: Before child", "Parent: After child", "Child: Executing"], run.Lines);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.Single(run.State.History, h => h.NodeId == "ExecuteWorkflow1");
    }

    [Fact]
    public void Waiting_for_completion_the_parent_waits_for_a_slow_child()
    {
        using var run = Run(File("execute-parent-with-wait.json"), (SlowChild, "slow.json"));
        Assert.Equal(["Parent: Before child"], run.Lines);
        run.ToEnd();
        Assert.Equal(["Parent: Before child", "Child: Executing", "Parent: After child"], run.Lines);
    }

    [Fact(DisplayName = "ExecuteWorkflowTests.ExecuteWorkflowPassesInput: \"Child received: Hello from parent\"")]
    public void ExecuteWorkflow_passes_the_input_object_as_the_childs_inputs()
    {
        using var run = Run(File("execute-parent-with-input.json"), File("execute-child-with-input.json")).ToEnd();
        Assert.Equal(["Child received: Hello from parent"], run.Lines);
        Assert.DoesNotContain("Message", run.State.Variables.Keys);
    }

    [Fact(DisplayName = "ExecuteWorkflowTests.ExecuteWorkflowCapturesOutput: \"Child output: 42\", \"Parent received: 42\"")]
    public void ExecuteWorkflow_gives_the_childs_outputs_in_its_result()
    {
        using var run = Run(File("execute-parent-capture-output.json"), File("execute-child-with-output.json")).ToEnd();
        Assert.Equal(["Child output: 42", "Parent received: 42"], run.Lines);
        var result = Assert.IsType<Dictionary<string, object?>>(run.State.Variables["ChildResult"]);
        Assert.Equal("Finished", result["status"]);
    }

    [Fact]
    public void An_input_that_is_no_object_stops_the_step_with_an_incident()
    {
        var parent = Fixture("execute-parent-with-input.json").Replace("({ Message: 'Hello from parent' })", "42", StringComparison.Ordinal);
        using var run = Run((parent, "parent.json"), File("execute-child-with-input.json"));
        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal("ExecuteWorkflow1", incident.NodeId);
        Assert.Empty(run.Lines);
    }

    [Theory]
    [InlineData("workflowDefinitionId", "JavaScript", "'child-' + 'with-input'", DiagnosticCodes.UnsupportedExpression)]
    [InlineData("waitForCompletion", "Literal", "vielleicht", DiagnosticCodes.InvalidValue)]
    public void A_computed_workflow_id_or_a_bad_wait_flag_is_reported(string input, string type, string value, string code)
    {
        var parent = WithInput("execute-parent-with-input.json", "ExecuteWorkflow1", input, type, value);
        var finding = Assert.Single(Set(parent, "parent.json").Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(code, finding.Code);
        Assert.Equal("ExecuteWorkflow1", finding.ElementId);
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private const string SendRequest = """
        {"definitionId": "senden", "variables": [{"id": "Antwort", "name": "Antwort", "typeName": "Object"}, {"id": "Status", "name": "Status", "typeName": "Int32"},
          {"id": "Kennung", "name": "Kennung", "typeName": "String", "value": "A-17"}],
         "root": {"type": "Elsa.Flowchart", "id": "F", "activities": [
          {"id": "Melden", "type": "Elsa.SendHttpRequest",
           "url": {"typeName": "Uri", "expression": {"type": "Literal", "value": "https://register.example/api/meldungen"}},
           "method": {"typeName": "String", "expression": {"type": "Literal", "value": "POST"}},
           "content": {"typeName": "Object", "expression": {"type": "JavaScript", "value": "({ kennung: getKennung() })"}},
           "contentType": {"typeName": "String", "expression": {"type": "Literal", "value": "application/json"}},
           "requestHeaders": {"typeName": "HttpHeaders", "expression": {"type": "Literal", "value": "{\"X-Quelle\": \"automation\"}"}},
           "statusCode": {"typeName": "Int32", "memoryReference": {"id": "Status"}},
           "parsedContent": {"typeName": "Object", "memoryReference": {"id": "Antwort"}}},
          {"id": "Fertig", "type": "Elsa.WriteLine", "text": {"typeName": "String", "expression": {"type": "JavaScript", "value": "`Status ${getStatus()}`"}}}],
          "connections": [{"source": {"activity": "Melden", "port": "Done"}, "target": {"activity": "Fertig", "port": "In"}}]}}
        """;

    [Fact]
    public void SendHttpRequest_waits_for_the_http_connector_with_its_inputs_and_sets_its_outputs()
    {
        var set = Set(SendRequest, "senden.json");
        Assert.DoesNotContain(DefinitionValidator.Validate(set), d => d.Severity == DiagnosticSeverity.Error);
        var clock = new VirtualClock(TestProcess.T0);
        using var engine = new WorkflowEngine(new EngineOptions { Clock = clock, UnknownActions = UnknownActionPolicy.ExternalTask });
        var process = set.Processes[0];
        var state = engine.Start(process).State;

        var task = Assert.Single(state.Waits);
        Assert.Equal(WaitKind.ExternalTask, task.Kind);
        Assert.Equal("http", task.Topic);
        Assert.Equal("https://register.example/api/meldungen", task.Inputs!["url"]);
        Assert.Equal("POST", task.Inputs["method"]);
        Assert.Equal("A-17", Assert.IsType<Dictionary<string, object?>>(task.Inputs["body"])["kennung"]);
        var headers = Assert.IsType<Dictionary<string, object?>>(task.Inputs["headers"]);
        Assert.Equal("application/json", headers["Content-Type"]);
        Assert.Equal("automation", headers["X-Quelle"]);

        // What the connector reports (status, body) lands in the activity's outputs.
        var done = engine.CompleteExternalTask(process, state, task.Id, [new("status", 201.0), new("body", new Dictionary<string, object?> { ["id"] = "m-1" })]);
        Assert.Equal(CaseStatus.Completed, done.State.Status);
        Assert.Equal(["Status 201"], done.Output);
        Assert.Equal("m-1", Assert.IsType<Dictionary<string, object?>>(done.State.Variables["Antwort"])["id"]);
    }

    [Theory]
    [InlineData("Elsa.HttpEndpoint")]
    [InlineData("Elsa.WriteHttpResponse")]
    public void Http_endpoints_are_refused_with_a_german_reason_and_what_to_use_instead(string type)
    {
        var json = $$$"""
            {"definitionId": "endpunkt", "root": {"type": "Elsa.Flowchart", "id": "F", "activities": [
              {"id": "Eingang", "type": "{{{type}}}", "metadata": {"displayText": "Antrag empfangen"}}], "connections": []}}
            """;
        var finding = Assert.Single(Set(json, "endpunkt.json").Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.HttpEndpointUnsupported, finding.Code);
        Assert.Equal("Eingang", finding.ElementId);
        Assert.NotNull(finding.Position);
        var text = Texte.Diagnose(finding);
        Assert.Contains("stellt keine Adressen bereit", text, StringComparison.Ordinal);
        Assert.Contains("SendHttpRequest", text, StringComparison.Ordinal);
    }
}
