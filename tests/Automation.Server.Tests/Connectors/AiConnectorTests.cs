using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Data;
using Automation.Engine.Accounting;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// The server with its <c>ai</c> connector pointed at a real HTTP server (WireMock.Net on loopback) that speaks the
/// OpenAI chat-completions contract — a contract we do not own, so a recorded answer stands in for a model.
/// </summary>
public sealed class ModelServerFactory : ServerFactory
{
    public WireMockServer Model { get; } = WireMockServer.Start();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Connectors:Ai:Endpoint", $"http://127.0.0.1:{Model.Port}/v1"),
        new("Connectors:Ai:Model", "lokal-8b"),
        new("Connectors:Ai:ApiKeySecret", "ki-schluessel"),
        new("Connectors:Ai:SizeClass", "small"),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Model.Stop();
    }
}

/// <summary>
/// AI-assisted steps: the prompt and schema come from the model of the process, the endpoint's token counts are the
/// measurement the ledger prices by size class, an answer outside its schema is an incident naming the field, and a
/// model without a person's check after the AI step cannot be published.
/// </summary>
public sealed class AiConnectorTests(ModelServerFactory factory) : IClassFixture<ModelServerFactory>
{
    private const string Schema = """{"type":"object","properties":{"antragsart":{"type":"string","enum":["erstantrag","sonstiges"]},"sicherheit":{"type":"number"}},"required":["antragsart"]}""";

    private static string Process(string id, string after = """<bpmn:userTask id="pruefen" name="Vorschlag prüfen"><bpmn:extensionElements><am:role name="posteingang"/></bpmn:extensionElements></bpmn:userTask>""") => $$$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:t">
          <bpmn:process id="{{{id}}}" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:serviceTask id="klassifizieren" name="Eingang klassifizieren">
              <bpmn:extensionElements>
                <am:automation level="decision-preparing" ai="true"/>
                <am:action name="ai"/>
                <camunda:inputOutput>
                  <camunda:inputParameter name="system">Du ordnest Eingänge einer Wohngeldstelle zu.</camunda:inputParameter>
                  <camunda:inputParameter name="prompt">Ordne den Eingang „{{betreff}}“ einer Antragsart zu.</camunda:inputParameter>
                  <camunda:inputParameter name="schema">{{{Schema}}}</camunda:inputParameter>
                  <camunda:outputParameter name="antragsart">${antragsart}</camunda:outputParameter>
                  <camunda:outputParameter name="kiTokens">${tokens}</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            {{{after}}}
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="klassifizieren"/>
            <bpmn:sequenceFlow id="f2" sourceRef="klassifizieren" targetRef="{{{(after.Contains("userTask", StringComparison.Ordinal) ? "pruefen" : "weiter")}}}"/>
            <bpmn:sequenceFlow id="f3" sourceRef="{{{(after.Contains("userTask", StringComparison.Ordinal) ? "pruefen" : "weiter")}}}" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Completion(string content, int prompt, int completion) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1", @object = "chat.completion", created = 1_765_000_000, model = "lokal-8b",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion },
    });

    private async Task<HttpClient> PrepareAsync(string answer, int prompt = 812, int completion = 38)
    {
        factory.Model.Reset();
        factory.Model.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Completion(answer, prompt, completion)));
        var admin = factory.ApiClient("admin");
        Assert.True((await admin.PutAsJsonAsync("/api/secrets/ki-schluessel", new { value = "sk-geheim-0815" })).IsSuccessStatusCode);
        var allowed = await admin.PostAsJsonAsync("/api/outbound-hosts", new { host = "127.0.0.1", port = factory.Model.Port });
        Assert.True(allowed.IsSuccessStatusCode || allowed.StatusCode == HttpStatusCode.Conflict, await allowed.Content.ReadAsStringAsync());
        return admin;
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, Guid caseId)
    {
        for (var round = 0; round < 80; round++)
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            if (detail.GetProperty("incidents").GetArrayLength() > 0
                || detail.GetProperty("waits").EnumerateArray().Any(w => w.GetProperty("kind").GetString() == "UserTask")) return detail;
            await Task.Delay(250);
        }
        throw new TimeoutException($"case {caseId} did not reach the review or an incident");
    }

    [Fact]
    public async Task The_model_proposes_a_person_checks_and_the_ledger_prices_the_measured_tokens_by_size_class()
    {
        var admin = await PrepareAsync("""{"antragsart":"erstantrag","sicherheit":0.92}""");
        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=ki.bpmn&overrideReason=Test", TestBpmn.Xml(Process("ki-vorschlag")));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var caseId = await TestBpmn.StartAsync(admin, "ki-vorschlag", variables: new { betreff = "Antrag auf Wohngeld, Familie Öztürk" });
        var detail = await WaitAsync(admin, caseId);
        Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());

        // The proposal reached the case through the output parameters; the person's check waits.
        var text = detail.ToString();
        Assert.Contains("\"antragsart\":\"erstantrag\"", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-geheim-0815", text, StringComparison.Ordinal);

        // What the model server got: the key, the model, the rendered prompt and the schema as structured output.
        var call = Assert.Single(factory.Model.LogEntries).RequestMessage;
        Assert.Equal("Bearer sk-geheim-0815", call.Headers!["Authorization"][0]);
        using (var body = JsonDocument.Parse(call.Body!))
        {
            var root = body.RootElement;
            Assert.Equal("lokal-8b", root.GetProperty("model").GetString());
            var messages = root.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal("system", messages[0].GetProperty("role").GetString());
            Assert.Contains("Familie Öztürk", messages[^1].GetProperty("content").ToString(), StringComparison.Ordinal);
            Assert.Equal("json_schema", root.GetProperty("response_format").GetProperty("type").GetString());
            Assert.Contains("erstantrag", root.GetProperty("response_format").ToString(), StringComparison.Ordinal);
        }

        // The ledger: 850 measured tokens × the small class's Wh per 1,000 tokens × PUE, carbon through the grid factor.
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        var ended = DateTimeOffset.UtcNow;
        var factors = host.Factors.Current;
        var expectedWh = 850m / 1000m * factors.Get(FactorKeys.AiTokens("small"), ended).Value * factors.Get(FactorKeys.Pue, ended).Value;
        var line = (await LedgerQueries.CaseEntriesAsync(host.Database, caseId)).Single(l => l.NodeId == "klassifizieren");
        Assert.Equal((double)expectedWh, line.Carbon.EnergyWh(CarbonComponents.AiInference), 9);
        Assert.Contains(line.Factors, f => f.StartsWith("ai.tokens.small@", StringComparison.Ordinal));
        Assert.DoesNotContain(line.Factors, f => f.StartsWith("ai.inference@", StringComparison.Ordinal));
        var step = detail.GetProperty("history").EnumerateArray().Single(s => s.GetProperty("nodeId").GetString() == "klassifizieren");
        Assert.Contains("850 Token (Größenklasse small)", step.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_outside_its_schema_is_an_incident_naming_the_field_and_is_not_retried()
    {
        var admin = await PrepareAsync("""{"antragsart":"quatsch"}""");
        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=ki.bpmn&overrideReason=Test", TestBpmn.Xml(Process("ki-schema")));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var caseId = await TestBpmn.StartAsync(admin, "ki-schema", variables: new { betreff = "Irgendwas" });
        var detail = await WaitAsync(admin, caseId);
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray()).ToString();
        Assert.Contains("/antragsart", incident, StringComparison.Ordinal);
        Assert.Contains("klassifizieren", incident, StringComparison.Ordinal);
        Assert.Single(factory.Model.LogEntries);
        Assert.DoesNotContain(detail.GetProperty("waits").EnumerateArray(), w => w.GetProperty("kind").GetString() == "UserTask");
    }

    [Fact]
    public async Task An_ai_step_without_a_persons_check_after_it_cannot_be_published()
    {
        var admin = factory.ApiClient("admin");
        var xml = Process("ki-ohne", """<bpmn:serviceTask id="weiter" name="Bescheid senden"><bpmn:extensionElements><am:action name="noop"/></bpmn:extensionElements></bpmn:serviceTask>""");
        var response = await admin.PostAsync("/api/definitions?publish=true&fileName=ki.bpmn&overrideReason=Test", TestBpmn.Xml(xml));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("ai-without-review", problem, StringComparison.Ordinal);
        Assert.Contains("klassifizieren", problem, StringComparison.Ordinal);
        Assert.Contains("weiter", problem, StringComparison.Ordinal);
        // Stored unpublished: its register entry may declare a fully automated act (RegisterAiActTests), which the rule accepts.
        var versions = await admin.GetFromJsonAsync<JsonElement>("/api/definitions/ki-ohne/versions");
        Assert.False(Assert.Single(versions.EnumerateArray()).GetProperty("published").GetBoolean());
    }
}
