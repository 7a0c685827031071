using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// Elsa's FlowSendHttpRequest run through the server: the HTTP connector calls a real HTTP server (WireMock.Net) and the
/// case continues on the port of the response, as Elsa's FlowSendHttpRequestTests expect (elsa-core
/// test/unit/Elsa.Activities.UnitTests/Http/FlowSendHttpRequestTests.cs: Should_Return_Outcome_Based_On_Status_Code,
/// Should_Return_FailedToConnect_Outcome_On_HttpRequestException). Every port sets a variable of its own.
/// </summary>
public sealed class ElsaFlowHttpTests : IClassFixture<ConnectorServerFactory>, IDisposable
{
    // Port → the variable its SetVariable sets.
    private static readonly Dictionary<string, string> Ports = new(StringComparer.Ordinal)
    {
        ["200"] = "weg200", ["404"] = "weg404", ["Unmatched status code"] = "wegUnpassend", ["Done"] = "wegFertig",
        ["Failed to connect"] = "wegKeineVerbindung", ["Timeout"] = "wegZeit",
    };

    private readonly ConnectorServerFactory factory;
    private readonly WireMockServer server;
    private readonly HttpClient admin;

    public ElsaFlowHttpTests(ConnectorServerFactory factory)
    {
        this.factory = factory;
        server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/akte").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"az":"A-1"}"""));
        server.Given(Request.Create().WithPath("/fehlt").UsingGet()).RespondWith(Response.Create().WithStatusCode(404).WithBody("nicht da"));
        server.Given(Request.Create().WithPath("/kaputt").UsingGet()).RespondWith(Response.Create().WithStatusCode(500).WithBody("Fehler"));
        factory.AllowAsync("127.0.0.1", server.Port).GetAwaiter().GetResult();
        admin = factory.ApiClient("admin");
    }

    public void Dispose()
    {
        server.Stop();
        admin.Dispose();
    }

    private static string Workflow(string id, string url, string expected, IEnumerable<string> ports)
    {
        var connected = ports.ToList();
        var sets = connected.Select(p =>
            "{\"id\": \"S" + Ports[p] + "\", \"type\": \"Elsa.SetVariable\", \"variable\": {\"id\": \"" + Ports[p] + "\", \"name\": \"" + Ports[p]
            + "\", \"typeName\": \"Boolean\"}, \"value\": {\"typeName\": \"Boolean\", \"expression\": {\"type\": \"Literal\", \"value\": \"true\"}}}");
        var connections = connected.Select(p =>
            "{\"source\": {\"activity\": \"Abruf\", \"port\": " + JsonSerializer.Serialize(p) + "}, \"target\": {\"activity\": \"S" + Ports[p] + "\", \"port\": \"In\"}}");
        var http = $$$"""
            {"id": "Abruf", "type": "Elsa.FlowSendHttpRequest", "canStartWorkflow": true,
             "url": {"typeName": "Uri", "expression": {"type": "Literal", "value": "{{{url}}}"}},
             "expectedStatusCodes": {"typeName": "Int32[]", "expression": {"type": "Literal", "value": "{{{expected}}}"}},
             "statusCode": {"typeName": "Int32", "memoryReference": {"id": "Status"}}
            """ + "}";
        return $$"""{"definitionId": "{{id}}", "name": "Akte abrufen", "variables": [{"id": "Status", "name": "Status", "typeName": "Int32"}], """
            + "\"root\": {\"type\": \"Elsa.Flowchart\", \"id\": \"F\", \"activities\": [" + string.Join(", ", sets.Prepend(http))
            + "], \"connections\": [" + string.Join(", ", connections) + "]}}";
    }

    /// <summary>Publishes the workflow, starts a case and waits until it completed or has an incident.</summary>
    private async Task<JsonElement> RunAsync(string id, string url, string expected, IEnumerable<string> ports)
    {
        var published = await admin.PostAsync($"/api/definitions?publish=true&fileName={id}.json&overrideReason=Test",
            new StringContent(Workflow(id, url, expected, ports), Encoding.UTF8, "application/json"));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var caseId = await TestBpmn.StartAsync(admin, id);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            if (detail.GetProperty("status").GetString() == "Completed" || detail.GetProperty("incidents").GetArrayLength() > 0) return detail;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("the case neither completed nor stopped: " + detail);
            await Task.Delay(100);
        }
    }

    /// <summary>The ports whose SetVariable ran.</summary>
    private static string[] Taken(JsonElement detail)
    {
        var variables = detail.GetProperty("variables");
        return [.. Ports.Where(p => variables.TryGetProperty(p.Value, out var v) && v.ValueKind == JsonValueKind.True).Select(p => p.Key).Order(StringComparer.Ordinal)];
    }

    private static string[] Sorted(params string[] ports) => [.. ports.Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("elsa-ok", "/akte", new[] { "200", "Done" })]
    [InlineData("elsa-fehlt", "/fehlt", new[] { "404", "Done" })]
    [InlineData("elsa-kaputt", "/kaputt", new[] { "Unmatched status code", "Done" })]
    public async Task The_status_of_the_real_response_picks_the_branch(string id, string path, string[] expected)
    {
        var detail = await RunAsync(id, $"http://127.0.0.1:{server.Port}{path}", "[200, 404]", Ports.Keys);
        Assert.True(detail.GetProperty("status").GetString() == "Completed", detail.ToString());
        Assert.Equal(Sorted(expected), Taken(detail));
        Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
        // The status output reaches the activity's variable, 404 and 500 included.
        Assert.Equal(expected[0] == "Unmatched status code" ? 500 : int.Parse(expected[0], System.Globalization.CultureInfo.InvariantCulture),
            detail.GetProperty("variables").GetProperty("Status").GetInt32());
    }

    [Fact]
    public async Task A_closed_port_on_an_allowed_host_leaves_by_failed_to_connect()
    {
        var closed = ClosedPort();
        await factory.AllowAsync("127.0.0.1", closed);
        var detail = await RunAsync("elsa-zu", $"http://127.0.0.1:{closed}/akte", "[200, 404]", Ports.Keys);
        Assert.True(detail.GetProperty("status").GetString() == "Completed", detail.ToString());
        Assert.Equal(["Failed to connect"], Taken(detail));
    }

    [Fact]
    public async Task A_status_without_a_port_is_an_incident_as_for_every_http_step()
    {
        // 404 is neither listed nor caught by "Unmatched status code" (not connected): the connector fails as before.
        var detail = await RunAsync("elsa-ohne-port", $"http://127.0.0.1:{server.Port}/fehlt", "[200]", ["200", "Done"]);
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Contains("404", incident.ToString(), StringComparison.Ordinal);
        Assert.Empty(Taken(detail));
    }

    [Fact]
    public async Task A_loopback_target_not_on_the_allow_list_gets_the_guard_incident_not_the_failure_port()
    {
        // 127.0.0.2 is loopback and not listed; the "Failed to connect" port is connected and must not swallow the refusal.
        var detail = await RunAsync("elsa-ssrf", $"http://127.0.0.2:{server.Port}/akte", "[200, 404]", Ports.Keys);
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Contains("127.0.0.2", incident.ToString(), StringComparison.Ordinal);
        Assert.Empty(Taken(detail));
        Assert.Empty(server.LogEntries);
    }

    [Fact]
    public async Task Publishing_refuses_an_http_step_whose_status_list_is_no_list_of_codes_naming_step_and_field()
    {
        const string bpmn = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
              <process id="statusliste" isExecutable="true">
                <startEvent id="Start" />
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Abruf" />
                <serviceTask id="Abruf" name="Akte abrufen" camunda:type="external" camunda:topic="http">
                  <extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="url">https://register.example/akte</camunda:inputParameter>
                    <camunda:inputParameter name="acceptStatus">["404", "abc"]</camunda:inputParameter>
                    <camunda:inputParameter name="failureAsResult">["connect", "dns"]</camunda:inputParameter>
                  </camunda:inputOutput></extensionElements>
                </serviceTask>
                <sequenceFlow id="f2" sourceRef="Abruf" targetRef="Ende" />
                <endEvent id="Ende" />
              </process>
            </definitions>
            """;
        var response = await admin.PostAsync("/api/definitions?publish=true&fileName=statusliste.bpmn&overrideReason=Test", TestBpmn.Xml(bpmn));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("connector-input-invalid", text, StringComparison.Ordinal);
        Assert.Contains("acceptStatus", text, StringComparison.Ordinal);
        Assert.Contains("abc", text, StringComparison.Ordinal);
        Assert.Contains("failureAsResult", text, StringComparison.Ordinal);
        Assert.Contains("dns", text, StringComparison.Ordinal);
        Assert.Contains("Abruf", text, StringComparison.Ordinal);
    }

    private Task<Automation.Server.Connectors.ConnectorResult> CallAsync(Dictionary<string, object?> inputs) =>
        factory.Http.ExecuteAsync(ConnectorServerFactory.Call(inputs), CancellationToken.None);

    [Fact]
    public async Task The_connector_returns_a_listed_status_class_and_fails_on_others_as_before()
    {
        var accepted = await CallAsync(new() { ["url"] = $"http://127.0.0.1:{server.Port}/fehlt", ["acceptStatus"] = """["4xx"]""" });
        Assert.Equal(Automation.Server.Connectors.ConnectorResultKind.Completed, accepted.Kind);
        Assert.Equal(404.0, accepted.Outputs["status"]);
        Assert.Equal("nicht da", accepted.Outputs["body"]);
        // Nothing asked about failures: the outputs stay as they were.
        Assert.False(accepted.Outputs.ContainsKey("failure"));

        // A listed code wins over the error mapping; an unlisted one is mapped or fails as before.
        var listed = await CallAsync(new() { ["url"] = $"http://127.0.0.1:{server.Port}/fehlt", ["acceptStatus"] = "[404]", ["errorMapping"] = """{"404":"FEHLT"}""" });
        Assert.Equal(Automation.Server.Connectors.ConnectorResultKind.Completed, listed.Kind);
        var mapped = await CallAsync(new() { ["url"] = $"http://127.0.0.1:{server.Port}/fehlt", ["acceptStatus"] = "[200]", ["errorMapping"] = """{"404":"FEHLT"}""" });
        Assert.Equal(("FEHLT", Automation.Server.Connectors.ConnectorResultKind.BpmnError), (mapped.ErrorCode, mapped.Kind));
        var failed = await CallAsync(new() { ["url"] = $"http://127.0.0.1:{server.Port}/fehlt" });
        Assert.Equal(Automation.Server.Connectors.ConnectorResultKind.Failure, failed.Kind);
    }

    [Fact]
    public async Task A_timeout_is_a_result_only_when_asked_for_and_a_bad_list_is_refused_naming_the_field()
    {
        server.Given(Request.Create().WithPath("/langsam").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(4)));
        var url = $"http://127.0.0.1:{server.Port}/langsam";
        var asked = await CallAsync(new() { ["url"] = url, ["timeoutSeconds"] = "1", ["failureAsResult"] = """["timeout"]""" });
        Assert.Equal(Automation.Server.Connectors.ConnectorResultKind.Completed, asked.Kind);
        Assert.Equal("timeout", asked.Outputs["failure"]);
        Assert.Null(asked.Outputs["status"]);

        var otherKind = await CallAsync(new() { ["url"] = url, ["timeoutSeconds"] = "1", ["failureAsResult"] = """["connect"]""" });
        Assert.Equal((Automation.Server.Connectors.ConnectorResultKind.Failure, true), (otherKind.Kind, otherKind.Retryable));

        var bad = await CallAsync(new() { ["url"] = url, ["acceptStatus"] = "[200, 700]" });
        Assert.Equal((Automation.Server.Connectors.ConnectorResultKind.Failure, false), (bad.Kind, bad.Retryable));
        Assert.Contains("acceptStatus", bad.Message, StringComparison.Ordinal);
        Assert.Contains("700", bad.Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nobody listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
