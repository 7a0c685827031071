using System.Diagnostics;
using System.Net.Http.Json;
using Automation.Server.Connectors;
using Automation.Server.Connectors.Http;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Automation.Server.Tests.Connectors;

/// <summary>The HTTP/JSON connector against a real HTTP server (WireMock.Net on loopback, allow-listed).</summary>
public sealed class HttpConnectorTests : IClassFixture<ConnectorServerFactory>, IDisposable
{
    private const string Secret = "sk-live-7Hq2Zx9Wm4Lp";
    private readonly ConnectorServerFactory factory;
    private readonly WireMockServer server;
    private readonly string baseUrl;

    public HttpConnectorTests(ConnectorServerFactory factory)
    {
        this.factory = factory;
        server = WireMockServer.Start();
        baseUrl = $"http://127.0.0.1:{server.Port}";
        factory.AllowAsync("127.0.0.1", server.Port).GetAwaiter().GetResult();
        using var admin = factory.ApiClient("admin");
        admin.PutAsJsonAsync("/api/secrets/zahlung-schluessel", new { value = Secret }).GetAwaiter().GetResult().EnsureSuccessStatusCode();
    }

    public void Dispose() => server.Stop();

    private Task<ConnectorResult> RunAsync(Dictionary<string, object?> inputs, Dictionary<string, object?>? variables = null, string key = "schluessel-1") =>
        factory.Http.ExecuteAsync(ConnectorServerFactory.Call(inputs, variables, key), CancellationToken.None);

    [Fact]
    public async Task A_post_fills_the_templates_sends_the_idempotency_key_and_returns_parsed_json()
    {
        server.Given(Request.Create().WithPath("/zahlungen/AZ-7").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithHeader("X-Beleg", "B-1")
                .WithBody("""{"beleg":"B-1","betrag":125.5,"bestaetigt":true}"""));
        var result = await RunAsync(new()
        {
            ["method"] = "post",
            ["url"] = baseUrl + "/zahlungen/{{aktenzeichen}}",
            ["headers"] = """{"X-Api-Key":"{{secret:zahlung-schluessel}}","X-Fall":"{{antrag.art}}"}""",
            ["body"] = """{"betrag":"{{betrag}}","zweck":"Wohngeld {{aktenzeichen}}"}""",
        }, new() { ["aktenzeichen"] = "AZ-7", ["betrag"] = 125.5, ["antrag"] = new Dictionary<string, object?> { ["art"] = "Erstantrag" } }, "vorgang-1-schritt-3");

        Assert.Equal(ConnectorResultKind.Completed, result.Kind);
        Assert.Equal(201.0, result.Outputs["status"]);
        var body = Assert.IsType<Dictionary<string, object?>>(result.Outputs["body"]);
        Assert.Equal("B-1", body["beleg"]);
        Assert.Equal(125.5, body["betrag"]);
        Assert.Equal(true, body["bestaetigt"]);
        Assert.Equal("B-1", Assert.IsType<Dictionary<string, object?>>(result.Outputs["headers"])["x-beleg"]);

        var request = Assert.Single(server.LogEntries).RequestMessage;
        Assert.Equal("vorgang-1-schritt-3", request.Headers!["Idempotency-Key"][0]);
        Assert.Equal(Secret, request.Headers["X-Api-Key"][0]);
        Assert.Equal("Erstantrag", request.Headers["X-Fall"][0]);
        // The whole-string placeholder keeps the number's type; the other is text.
        Assert.Equal("""{"betrag":125.5,"zweck":"Wohngeld AZ-7"}""", request.Body);
        Assert.True(result.Measurement.BytesSent > request.Body!.Length, $"sent {result.Measurement.BytesSent}");
        Assert.True(result.Measurement.BytesReceived > 45, $"received {result.Measurement.BytesReceived}");
    }

    [Fact]
    public async Task Url_values_are_escaped_so_a_variable_cannot_change_the_target()
    {
        server.Given(Request.Create().WithPath("/suche").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("gefunden"));
        var result = await RunAsync(new() { ["url"] = baseUrl + "/suche?name={{name}}" },
            new() { ["name"] = "x&admin=1#@169.254.169.254/" });
        Assert.Equal(ConnectorResultKind.Completed, result.Kind);
        var request = Assert.Single(server.LogEntries).RequestMessage;
        Assert.Equal("x&admin=1#@169.254.169.254/", request.Query!["name"][0]);
        Assert.False(request.Query.ContainsKey("admin"));
    }

    [Fact]
    public async Task An_unknown_variable_or_secret_fails_naming_it_and_sends_nothing()
    {
        var variable = await RunAsync(new() { ["url"] = baseUrl + "/x/{{gibtsnicht}}" });
        Assert.Equal(ConnectorResultKind.Failure, variable.Kind);
        Assert.False(variable.Retryable);
        Assert.Contains("gibtsnicht", variable.Message, StringComparison.Ordinal);
        Assert.Contains("url", variable.Message, StringComparison.Ordinal);

        var secret = await RunAsync(new() { ["url"] = baseUrl + "/x", ["headers"] = """{"Authorization":"Bearer {{secret:unbekannt}}"}""" });
        Assert.Equal(ConnectorResultKind.Failure, secret.Kind);
        Assert.Contains("unbekannt", secret.Message, StringComparison.Ordinal);

        var inUrl = await RunAsync(new() { ["url"] = baseUrl + "/x?k={{secret:zahlung-schluessel}}" });
        Assert.Equal(ConnectorResultKind.Failure, inUrl.Kind);
        Assert.DoesNotContain(Secret, inUrl.Message, StringComparison.Ordinal);
        Assert.Empty(server.LogEntries);
    }

    [Fact]
    public async Task Inputs_of_the_wrong_type_fail_naming_the_field()
    {
        var result = await RunAsync(new() { ["url"] = baseUrl + "/x", ["timeoutSeconds"] = "bald", ["errorMapping"] = """{"abc":"X"}""" });
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.False(result.Retryable);
        Assert.Contains("timeoutSeconds", result.Message, StringComparison.Ordinal);
        Assert.Contains("Zahl", result.Message, StringComparison.Ordinal);
        var missing = await RunAsync(new() { ["method"] = "GET" });
        Assert.Contains("url", missing.Message, StringComparison.Ordinal);
        var header = await RunAsync(new() { ["url"] = baseUrl + "/x", ["headers"] = """{"X-A":"a\r\nX-Injected: 1"}""" });
        Assert.Equal(ConnectorResultKind.Failure, header.Kind);
        Assert.Contains("X-A", header.Message, StringComparison.Ordinal);
        Assert.Empty(server.LogEntries);
    }

    [Fact]
    public async Task A_secret_the_endpoint_echoes_in_an_error_does_not_leak_into_the_message_or_outputs()
    {
        server.Given(Request.Create().WithPath("/echo").UsingGet()).RespondWith(Response.Create().WithCallback(r => new ResponseMessage
        {
            StatusCode = 401,
            BodyData = new BodyData { BodyAsString = "Schlüssel " + r.Headers!["X-Api-Key"][0] + " abgelehnt", DetectedBodyType = BodyType.String },
        }));
        server.Given(Request.Create().WithPath("/echo-ok").UsingGet()).RespondWith(Response.Create().WithCallback(r => new ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json"), ["X-Echo"] = new(r.Headers!["X-Api-Key"][0]) },
            BodyData = new BodyData { BodyAsString = "{\"schluessel\":\"" + r.Headers!["X-Api-Key"][0] + "\"}", DetectedBodyType = BodyType.String },
        }));
        var headers = """{"X-Api-Key":"{{secret:zahlung-schluessel}}"}""";
        var failed = await RunAsync(new() { ["url"] = baseUrl + "/echo", ["headers"] = headers });
        Assert.Equal(ConnectorResultKind.Failure, failed.Kind);
        Assert.Contains("401", failed.Message, StringComparison.Ordinal);
        Assert.Contains("abgelehnt", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failed.Message, StringComparison.Ordinal);

        var mapped = await RunAsync(new() { ["url"] = baseUrl + "/echo", ["headers"] = headers, ["errorMapping"] = """{"4xx":"ZUGANG_ABGELEHNT"}""" });
        Assert.Equal(ConnectorResultKind.BpmnError, mapped.Kind);
        Assert.DoesNotContain(Secret, mapped.Message, StringComparison.Ordinal);

        var ok = await RunAsync(new() { ["url"] = baseUrl + "/echo-ok", ["headers"] = headers });
        Assert.Equal(ConnectorResultKind.Completed, ok.Kind);
        Assert.DoesNotContain(Secret, System.Text.Json.JsonSerializer.Serialize(ok.Outputs), StringComparison.Ordinal);

        // The client's own logging (every level: it names the request headers) saw the calls, and never the value.
        Assert.Contains(factory.Logs, l => l.Contains(HttpConnector.ClientName, StringComparison.Ordinal) && l.Contains("/echo", StringComparison.Ordinal));
        Assert.Contains(factory.Logs, l => l.Contains("X-Api-Key", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Error_mapping_turns_a_status_or_range_into_a_bpmn_error_exact_before_range()
    {
        server.Given(Request.Create().WithPath("/fehlt").UsingGet()).RespondWith(Response.Create().WithStatusCode(404).WithBody("nicht da"));
        server.Given(Request.Create().WithPath("/konflikt").UsingGet()).RespondWith(Response.Create().WithStatusCode(409));
        var mapping = """{"404":"NICHT_GEFUNDEN","4xx":"ANFRAGE_ABGELEHNT"}""";
        var notFound = await RunAsync(new() { ["url"] = baseUrl + "/fehlt", ["errorMapping"] = mapping });
        Assert.Equal(ConnectorResultKind.BpmnError, notFound.Kind);
        Assert.Equal("NICHT_GEFUNDEN", notFound.ErrorCode);
        Assert.Contains("404", notFound.Message, StringComparison.Ordinal);
        var conflict = await RunAsync(new() { ["url"] = baseUrl + "/konflikt", ["errorMapping"] = mapping });
        Assert.Equal("ANFRAGE_ABGELEHNT", conflict.ErrorCode);
    }

    [Fact]
    public async Task A_4xx_without_mapping_is_a_final_failure_with_the_status_after_one_attempt()
    {
        server.Given(Request.Create().WithPath("/falsch").UsingPost()).RespondWith(Response.Create().WithStatusCode(422).WithBody("Feld betrag fehlt"));
        var result = await RunAsync(new() { ["method"] = "POST", ["url"] = baseUrl + "/falsch", ["body"] = "{}" });
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.False(result.Retryable);
        Assert.Contains("422", result.Message, StringComparison.Ordinal);
        Assert.Contains("Feld betrag fehlt", result.Message, StringComparison.Ordinal);
        Assert.Single(server.LogEntries);
    }

    [Fact]
    public async Task A_5xx_is_retried_by_the_pipeline_with_the_same_idempotency_key_then_a_retryable_failure()
    {
        server.Given(Request.Create().WithPath("/kaputt").UsingPost()).RespondWith(Response.Create().WithStatusCode(503).WithBody("Wartung"));
        var result = await RunAsync(new() { ["method"] = "POST", ["url"] = baseUrl + "/kaputt", ["body"] = """{"a":1}""" }, key: "gleich-1");
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.True(result.Retryable);
        Assert.Contains("503", result.Message, StringComparison.Ordinal);
        var attempts = server.LogEntries.Select(e => e.RequestMessage).ToList();
        Assert.Equal(1 + ConnectorServerFactory.RetryAttempts, attempts.Count);
        Assert.All(attempts, r => Assert.Equal("gleich-1", r.Headers!["Idempotency-Key"][0]));
        Assert.All(attempts, r => Assert.Equal("""{"a":1}""", r.Body));
        // Every attempt is measured, not only the last.
        Assert.True(result.Measurement.BytesSent >= attempts.Count * 7, $"sent {result.Measurement.BytesSent}");
    }

    [Fact]
    public async Task A_transient_5xx_then_success_completes()
    {
        server.Given(Request.Create().WithPath("/wackelig").UsingGet()).InScenario("wackelig").WillSetStateTo("wieder da")
            .RespondWith(Response.Create().WithStatusCode(502));
        server.Given(Request.Create().WithPath("/wackelig").UsingGet()).InScenario("wackelig").WhenStateIs("wieder da")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));
        var result = await RunAsync(new() { ["url"] = baseUrl + "/wackelig" });
        Assert.Equal(ConnectorResultKind.Completed, result.Kind);
        Assert.Equal(2, server.LogEntries.Count);
    }

    [Fact]
    public async Task The_time_limit_bounds_the_whole_call_and_is_a_retryable_failure()
    {
        server.Given(Request.Create().WithPath("/langsam").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(5)));
        var watch = Stopwatch.StartNew();
        var result = await RunAsync(new() { ["url"] = baseUrl + "/langsam", ["timeoutSeconds"] = 1.0 });
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.True(result.Retryable);
        Assert.Contains("1 Sekunden", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_the_same_allowed_host_is_followed_and_a_text_body_is_text()
    {
        server.Given(Request.Create().WithPath("/alt").UsingGet()).RespondWith(Response.Create().WithStatusCode(301).WithHeader("Location", "/neu"));
        server.Given(Request.Create().WithPath("/neu").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/plain; charset=utf-8").WithBody("Grüße"));
        var result = await RunAsync(new() { ["url"] = baseUrl + "/alt" });
        Assert.Equal(ConnectorResultKind.Completed, result.Kind);
        Assert.Equal("Grüße", result.Outputs["body"]);
    }

    [Fact]
    public void The_registry_finds_the_connector_by_name_and_version_only()
    {
        var registry = (ConnectorRegistry)factory.Services.GetService(typeof(ConnectorRegistry))!;
        Assert.Same(factory.Http, registry.Find("http:1"));
        Assert.Null(registry.Find("http:2"));
        Assert.Null(registry.Find("http:eins"));
        Assert.Null(registry.Find("noop"));
        var lookup = registry.Lookup("http:2");
        Assert.True(lookup.KnownName);
        Assert.Null(lookup.Connector);
    }
}
