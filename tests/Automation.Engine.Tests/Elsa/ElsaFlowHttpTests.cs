using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Elsa;

/// <summary>
/// Elsa's FlowSendHttpRequest: the HTTP connector's step leaving by the port of the response. The expectations are Elsa's
/// own, from elsa-core test/unit/Elsa.Activities.UnitTests/Http/FlowSendHttpRequestTests.cs
/// (Should_Return_Outcome_Based_On_Status_Code with StatusCodeOutcomeTestCases, Should_Return_FailedToConnect_Outcome_On_HttpRequestException,
/// Should_Return_Timeout_Outcome_On_TaskCanceledException) and src/modules/Elsa.Http/Activities/FlowSendHttpRequest.cs.
/// </summary>
public sealed class ElsaFlowHttpTests
{
    private static readonly string[] AllPorts = ["200", "404", "Unmatched status code", "Done", "Failed to connect", "Timeout"];

    /// <summary>A flowchart whose FlowSendHttpRequest has a WriteLine naming the port on each of <paramref name="ports"/>.</summary>
    private static string Workflow(string? expected, IEnumerable<string> ports)
    {
        var portList = ports.ToList();
        var lines = portList.Select((p, i) =>
            "{\"id\": \"W" + i + "\", \"type\": \"Elsa.WriteLine\", \"text\": {\"typeName\": \"String\", \"expression\": {\"type\": \"Literal\", \"value\": "
            + JsonSerializer.Serialize(p) + "}}}");
        var connections = portList.Select((p, i) =>
            "{\"source\": {\"activity\": \"Abruf\", \"port\": " + JsonSerializer.Serialize(p) + "}, \"target\": {\"activity\": \"W" + i + "\", \"port\": \"In\"}}");
        var codes = expected is null ? "" : ", \"expectedStatusCodes\": {\"typeName\": \"Int32[]\", \"expression\": {\"type\": \"Literal\", \"value\": " + expected + "}}";
        var activities = new[] { Http(codes) }.Concat(lines);
        return "{\"definitionId\": \"abruf\", \"root\": {\"type\": \"Elsa.Flowchart\", \"id\": \"F\", \"activities\": ["
            + string.Join(", ", activities) + "], \"connections\": [" + string.Join(", ", connections) + "]}}";
    }

    private static string Http(string codes) =>
        "{\"id\": \"Abruf\", \"type\": \"Elsa.FlowSendHttpRequest\", "
        + "\"url\": {\"typeName\": \"Uri\", \"expression\": {\"type\": \"Literal\", \"value\": \"https://register.example/api/akte\"}}" + codes + "}";

    private static (WorkflowEngine Engine, ProcessDefinition Process, CaseState State, WaitState Task) Start(DefinitionSet set)
    {
        Assert.DoesNotContain(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(DefinitionValidator.Validate(set), d => d.Severity == DiagnosticSeverity.Error);
        var engine = new WorkflowEngine(new EngineOptions { Clock = new VirtualClock(TestProcess.T0), UnknownActions = UnknownActionPolicy.ExternalTask });
        var process = set.Processes[0];
        var state = engine.Start(process).State;
        var task = Assert.Single(state.Waits);
        Assert.Equal(("http", WaitKind.ExternalTask), (task.Topic, task.Kind));
        return (engine, process, state, task);
    }

    public static TheoryData<string?, double, string[]> StatusCases() => new()
    {
        // Elsa's StatusCodeOutcomeTestCases: expected 200 and 404.
        { "\"[200, 404]\"", 200, ["200", "Done"] },
        { "\"[200, 404]\"", 404, ["404", "Done"] },
        { "\"[200, 404]\"", 500, ["Unmatched status code", "Done"] },
        // No expected status codes: only Done.
        { null, 200, ["Done"] },
        // Elsa's designer stores the list as text or as a JSON list; both read alike.
        { "[200, 404]", 404, ["404", "Done"] },
        { "\"200, 404\"", 404, ["404", "Done"] },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void The_response_status_picks_the_port_named_after_it_or_unmatched_and_done_besides(string? expected, double status, string[] ports)
    {
        var (engine, process, state, task) = Start(ElsaReader.ReadText(Workflow(expected, AllPorts), "abruf.json"));
        using var _ = engine;
        var done = engine.CompleteExternalTask(process, state, task.Id, [new("status", status)]);
        Assert.Equal(CaseStatus.Completed, done.State.Status);
        Assert.Equal(ports.Order(StringComparer.Ordinal), done.Output.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("connect", "Failed to connect")]
    [InlineData("timeout", "Timeout")]
    public void A_transport_failure_leaves_by_its_port_alone(string failure, string port)
    {
        var (engine, process, state, task) = Start(ElsaReader.ReadText(Workflow("\"[200]\"", AllPorts), "abruf.json"));
        using var _ = engine;
        // The connector's result for a failure the step asked for: no status, the kind in failure.
        var done = engine.CompleteExternalTask(process, state, task.Id, [new("status", null), new("failure", failure)]);
        Assert.Equal([port], done.Output);
        Assert.Equal(CaseStatus.Completed, done.State.Status);
    }

    [Fact]
    public void The_connector_is_asked_to_return_only_what_a_connected_port_takes()
    {
        // Listed codes and no "Unmatched status code" connection: only the listed codes come back instead of failing;
        // no failure port connected: failures stay incidents (no failureAsResult).
        var listed = Start(ElsaReader.ReadText(Workflow("\"[200, 404]\"", ["200", "404", "Done"]), "abruf.json"));
        using (listed.Engine)
        {
            Assert.Equal("[200,404]", listed.Task.Inputs!["acceptStatus"]);
            Assert.False(listed.Task.Inputs.ContainsKey("failureAsResult"));
        }

        // "Unmatched status code" connected: every status has a port; only the timeout port is connected.
        var unmatched = Start(ElsaReader.ReadText(Workflow("\"[404]\"", ["404", "Unmatched status code", "Timeout"]), "abruf.json"));
        using (unmatched.Engine)
        {
            Assert.Equal("""["1xx","2xx","3xx","4xx","5xx"]""", unmatched.Task.Inputs!["acceptStatus"]);
            Assert.Equal("""["timeout"]""", unmatched.Task.Inputs["failureAsResult"]);
        }

        // No list: nothing accepted beyond 2xx (Elsa gives only Done); a connected failure port still asks for it.
        var plain = Start(ElsaReader.ReadText(Workflow(null, ["Done", "Failed to connect"]), "abruf.json"));
        using (plain.Engine)
        {
            Assert.False(plain.Task.Inputs!.ContainsKey("acceptStatus"));
            Assert.Equal("""["connect"]""", plain.Task.Inputs["failureAsResult"]);
        }
    }

    [Fact]
    public void A_failure_result_without_its_port_connected_takes_no_other_port()
    {
        // Only Done is connected: a failure result (which the connector gives only when asked) must not pass as Done.
        var (engine, process, state, task) = Start(ElsaReader.ReadText(Workflow("\"[200]\"", ["Done", "Failed to connect"]), "abruf.json"));
        using var _ = engine;
        var done = engine.CompleteExternalTask(process, state, task.Id, [new("status", null), new("failure", "connect")]);
        Assert.Equal(["Failed to connect"], done.Output);
    }

    [Fact]
    public void A_case_variable_named_failure_does_not_route_a_response_to_a_failure_port()
    {
        var json = Workflow("\"[200]\"", AllPorts).Replace("\"definitionId\": \"abruf\",",
            "\"definitionId\": \"abruf\", \"variables\": [{\"id\": \"failure\", \"name\": \"failure\", \"typeName\": \"String\", \"value\": \"connect\"}],", StringComparison.Ordinal);
        var (engine, process, state, task) = Start(ElsaReader.ReadText(json, "abruf.json"));
        using var _ = engine;
        // The connector always gives failure (null on a response) when failures are asked for.
        var done = engine.CompleteExternalTask(process, state, task.Id, [new("status", 200.0), new("failure", null)]);
        Assert.Equal(["200", "Done"], done.Output.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_dry_run_that_skips_the_call_leaves_by_done_only_not_by_every_port()
    {
        // The CLI's run and the simulation skip actions: no response, so no status or failure port may run.
        var set = ElsaReader.ReadText(Workflow("\"[200, 404]\"", AllPorts), "abruf.json");
        using var engine = new WorkflowEngine(new EngineOptions { Clock = new VirtualClock(TestProcess.T0), UnknownActions = UnknownActionPolicy.Skip });
        var run = engine.Start(set.Processes[0]);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.Equal(["Done"], run.Output);
    }

    [Theory]
    [InlineData("201")]
    [InlineData("Erfolg")]
    public void A_port_that_is_no_outcome_is_reported_and_never_taken(string port)
    {
        var set = ElsaReader.ReadText(Workflow("\"[200, 404]\"", ["Done", port]), "abruf.json");
        var warning = Assert.Single(set.Diagnostics, d => d.Code == DiagnosticCodes.UnknownPort);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("Abruf", warning.ElementId);
        Assert.Contains($"'{port}'", warning.Message, StringComparison.Ordinal);
        var (engine, process, state, task) = Start(set);
        using var _ = engine;
        var done = engine.CompleteExternalTask(process, state, task.Id, [new("status", 201.0)]);
        Assert.Equal(["Done"], done.Output);
    }

    [Fact]
    public void Without_expected_codes_a_status_port_and_unmatched_are_no_outcomes()
    {
        var set = ElsaReader.ReadText(Workflow(null, ["Done", "200", "Unmatched status code"]), "abruf.json");
        Assert.Equal(2, set.Diagnostics.Count(d => d.Code == DiagnosticCodes.UnknownPort));
    }

    [Theory]
    [InlineData("\"[200, 99]\"", "'99'")]
    [InlineData("\"[200, \\\"ok\\\"]\"", "'ok'")]
    [InlineData("[600]", "'600'")]
    public void Expected_codes_that_are_no_status_codes_are_errors_naming_the_activity_and_value(string expected, string named)
    {
        var set = ElsaReader.ReadText(Workflow(expected, ["Done"]), "abruf.json");
        var error = Assert.Single(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.InvalidValue, "Abruf"), (error.Code, error.ElementId));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("expectedStatusCodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expected_codes_computed_by_a_script_are_an_error_because_the_ports_need_them()
    {
        var json = Workflow(null, ["Done"]).Replace("\"https://register.example/api/akte\"}}",
            "\"https://register.example/api/akte\"}}, \"expectedStatusCodes\": {\"typeName\": \"Int32[]\", \"expression\": {\"type\": \"JavaScript\", \"value\": \"[200]\"}}", StringComparison.Ordinal);
        var error = Assert.Single(ElsaReader.ReadText(json, "abruf.json").Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.InvalidValue, "Abruf"), (error.Code, error.ElementId));
        Assert.Contains("JavaScript", error.Message, StringComparison.Ordinal);
    }
}
