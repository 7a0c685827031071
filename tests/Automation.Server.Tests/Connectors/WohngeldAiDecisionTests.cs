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
/// The seeded sample wohngeldantrag-digital with a model server (WireMock.Net on loopback speaking the chat-completions
/// contract) and a real SMTP server for the confirmation e-mail on the way to the decision table.
/// </summary>
public sealed class WohngeldModelServerFactory : ServerFactory
{
    public WireMockServer Model { get; } = WireMockServer.Start();

    public RefusingSmtpSink Sink { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Connectors:Ai:Endpoint", $"http://127.0.0.1:{Model.Port}/v1"),
        new("Connectors:Ai:Model", "wohngeld-8b"),
        new("Connectors:Ai:SizeClass", "medium"),
        new("Connectors:Email:Host", "127.0.0.1"),
        new("Connectors:Email:Port", Sink.Port.ToString(CultureInfo.InvariantCulture)),
        new("Connectors:Email:Tls", "None"),
        new("Connectors:Email:From", "wohngeld@stadt.example"),
        // Quick retries: each attempt of the worker is HttpAttempts requests (the pipeline's minimum of one retry).
        new("Automation:Connectors:Http:RetryAttempts", "1"),
        new("Automation:Connectors:Http:RetryDelayMilliseconds", "10"),
        new("Automation:Connectors:MaxAttempts", MaxAttempts.ToString(CultureInfo.InvariantCulture)),
        new("Automation:Connectors:RetryBackoffSeconds", "0.1"),
    ];

    /// <summary>Attempts of a connector step before its incident.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Requests of one attempt at a failing server: the first and the pipeline's one retry.</summary>
    public const int HttpAttempts = 2;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Model.Stop();
        Sink.Dispose();
    }
}

/// <summary>
/// Issue 20 item 8: the sample's classification is the <c>ai</c> connector (prompt and schema in the model, the
/// suggestion shown in the review task, measured tokens priced on the ledger) and its routing after the income check is
/// the decision table workflows/wohngeld-weiterleitung.dmn, both published by the first-start seeder.
/// </summary>
public sealed class WohngeldAiDecisionTests(WohngeldModelServerFactory factory) : IClassFixture<WohngeldModelServerFactory>
{
    private const int PromptTokens = 731, CompletionTokens = 64;

    private const string Suggestion = """{"antragsart":"erstantrag","begruendung":"Die Absenderin beantragt erstmals einen Mietzuschuss.","sicherheit":0.93}""";

    private static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-wg", @object = "chat.completion", created = 1_765_000_000, model = "wohngeld-8b",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens },
    });

    private async Task<HttpClient> AnswerAsync(string content)
    {
        factory.Model.Reset();
        factory.Model.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Completion(content)));
        var admin = factory.ApiClient("admin");
        var allowed = await admin.PostAsJsonAsync("/api/outbound-hosts", new { host = "127.0.0.1", port = factory.Model.Port });
        Assert.True(allowed.IsSuccessStatusCode || allowed.StatusCode == HttpStatusCode.Conflict, await allowed.Content.ReadAsStringAsync());
        return admin;
    }

    [Fact]
    public async Task The_model_suggests_the_review_shows_it_and_the_ledger_prices_the_measured_tokens()
    {
        var admin = await AnswerAsync(Suggestion);
        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag-digital", $"WG-KI-{Guid.NewGuid():N}",
            new { eingangstext = "Sehr geehrte Damen und Herren, ich beantrage erstmals Wohngeld für meine Mietwohnung." });
        var (detail, review) = await NextTaskAsync(admin, caseId);
        Assert.Equal("Task_KlassifizierungPruefen", review.GetProperty("nodeId").GetString());

        // The prompt of the model reached the server with the case's text and the schema as structured output.
        var call = Assert.Single(factory.Model.LogEntries).RequestMessage;
        using (var body = JsonDocument.Parse(call.Body!))
        {
            Assert.Equal("wohngeld-8b", body.RootElement.GetProperty("model").GetString());
            Assert.Contains("erstmals Wohngeld", body.RootElement.GetProperty("messages").ToString(), StringComparison.Ordinal);
            Assert.Equal("json_schema", body.RootElement.GetProperty("response_format").GetProperty("type").GetString());
        }

        // The review task shows the suggestion: the proposed type preselected, the model's reason and its name read-only.
        var task = await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{caseId}/{review.GetProperty("id").GetInt64()}");
        var fields = task.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.Equal("erstantrag", fields["antragsart"].GetProperty("default").GetString());
        Assert.Equal("Die Absenderin beantragt erstmals einen Mietzuschuss.", fields["kiBegruendung"].GetProperty("default").GetString());
        Assert.True(fields["kiBegruendung"].GetProperty("readOnly").GetBoolean());
        Assert.Contains("wohngeld-8b", fields["kiHinweis"].GetProperty("default").GetString(), StringComparison.Ordinal);
        // The page shows the form to the person who claimed the task: a clerk of the Posteingang.
        var waitId = review.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("sachbearbeitung").PostAsync($"/api/tasks/{caseId}/{waitId}/claim", null)).StatusCode);
        var html = await (await factory.LoginAsync("sachbearbeitung", "demo")).GetStringAsync($"/aufgaben/{caseId}/{waitId}");
        Assert.Contains("value=\"Die Absenderin beantragt erstmals einen Mietzuschuss.\"", html, StringComparison.Ordinal);

        // The ledger: the tokens the model server reported × the medium class's Wh per 1,000 tokens × PUE, carbon by the grid.
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        var line = (await LedgerQueries.CaseEntriesAsync(host.Database, caseId)).Single(l => l.NodeId == "Task_EingangKlassifizieren");
        var factors = host.Factors.Current;
        var at = line.EndedAt;
        var wh = (PromptTokens + CompletionTokens) / 1000m * factors.Get(FactorKeys.AiTokens("medium"), at).Value * factors.Get(FactorKeys.Pue, at).Value;
        var grams = wh * factors.Get(FactorKeys.GridIntensity, at).Value / 1000m;
        Assert.Equal(PromptTokens + CompletionTokens, line.AiTokens);
        Assert.Equal("medium", line.AiSizeClass);
        Assert.Equal((double)wh, line.Carbon.EnergyWh(CarbonComponents.AiInference), 9);
        Assert.Equal((double)grams, line.Carbon.Grams([CarbonComponents.AiInference]), 9);
        Assert.True(grams > 0);
        var ledger = await admin.GetFromJsonAsync<JsonElement>($"/api/ledger/cases/{caseId}");
        var entry = ledger.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("nodeId").GetString() == "Task_EingangKlassifizieren");
        Assert.Equal(PromptTokens + CompletionTokens, entry.GetProperty("aiTokens").GetDouble());
        var step = detail.GetProperty("history").EnumerateArray().Single(s => s.GetProperty("nodeId").GetString() == "Task_EingangKlassifizieren");
        Assert.Contains("795 Token (Größenklasse medium)", step.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_answer_outside_the_schema_is_an_incident_naming_the_field_and_no_review_is_created()
    {
        var admin = await AnswerAsync("""{"antragsart":"erstantrag","begruendung":"Sicher.","sicherheit":1.7}""");
        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag-digital", $"WG-KI-{Guid.NewGuid():N}", new { eingangstext = "Antrag auf Wohngeld" });
        var (detail, _) = await NextTaskAsync(admin, caseId);
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Equal("Task_EingangKlassifizieren", incident.GetProperty("nodeId").GetString());
        Assert.Contains("/sicherheit", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(detail.GetProperty("waits").EnumerateArray(), w => w.GetProperty("kind").GetString() == "UserTask");
        Assert.Single(factory.Model.LogEntries);
    }

    [Fact]
    public async Task A_configured_model_server_that_fails_is_retried_and_then_an_incident_not_a_silent_note()
    {
        factory.Model.Reset();
        factory.Model.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        var admin = factory.ApiClient("admin");
        var allowed = await admin.PostAsJsonAsync("/api/outbound-hosts", new { host = "127.0.0.1", port = factory.Model.Port });
        Assert.True(allowed.IsSuccessStatusCode || allowed.StatusCode == HttpStatusCode.Conflict, await allowed.Content.ReadAsStringAsync());
        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag-digital", $"WG-503-{Guid.NewGuid():N}"[..20], new { eingangstext = "Antrag auf Wohngeld" });
        var (detail, _) = await NextTaskAsync(admin, caseId);
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Equal("Task_EingangKlassifizieren", incident.GetProperty("nodeId").GetString());
        Assert.Contains("503", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Kein KI-Vorschlag", detail.ToString(), StringComparison.Ordinal);
        Assert.Equal(WohngeldModelServerFactory.MaxAttempts * WohngeldModelServerFactory.HttpAttempts, factory.Model.LogEntries.Count);
    }

    [Fact]
    public async Task The_decision_table_routes_a_low_income_to_the_calculation_and_a_high_income_to_the_rejection_check()
    {
        var admin = await AnswerAsync(Suggestion);
        var low = await ToRoutingAsync(admin, einkommen: 900, haushaltsmitglieder: 2);
        var high = await ToRoutingAsync(admin, einkommen: 4200, haushaltsmitglieder: 2);

        Assert.Equal("Task_BescheidErstellen", low.Task.GetProperty("nodeId").GetString());
        Assert.Equal("berechnen", low.Detail.GetProperty("variables").GetProperty("weiterleitung").GetString());
        Assert.Contains(low.Detail.GetProperty("history").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == "Task_WohngeldBerechnen");

        Assert.Equal("Task_AblehnungPruefen", high.Task.GetProperty("nodeId").GetString());
        Assert.Equal("ablehnung", high.Detail.GetProperty("variables").GetProperty("weiterleitung").GetString());
        Assert.DoesNotContain(high.Detail.GetProperty("history").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == "Task_WohngeldBerechnen");
        // The table that decided is the one the seeder published from workflows/, named in the step's history.
        var rule = high.Detail.GetProperty("history").EnumerateArray().Single(s => s.GetProperty("nodeId").GetString() == "Task_WeiterleitungErmitteln");
        Assert.Contains("wohngeld-weiterleitung", rule.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // "Warum?": the evaluation names the rule for two persons above their limit.
        var why = await admin.GetStringAsync($"/api/cases/{high.CaseId}/decisions");
        Assert.Contains("Regel_04", why, StringComparison.Ordinal);

        // The clerk may disagree with the table: "no" sends the application to the calculation after all.
        var back = await admin.PostAsJsonAsync($"/api/tasks/{high.CaseId}/{high.Task.GetProperty("id").GetInt64()}/complete",
            new { values = new Dictionary<string, object> { ["ablehnungBestaetigt"] = false } });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var (_, next) = await NextTaskAsync(admin, high.CaseId);
        Assert.Equal("Task_BescheidErstellen", next.GetProperty("nodeId").GetString());
    }

    /// <summary>Runs a case through classification, review, confirmation and income check to the task after the routing.</summary>
    private static async Task<(Guid CaseId, JsonElement Detail, JsonElement Task)> ToRoutingAsync(HttpClient admin, double einkommen, int haushaltsmitglieder)
    {
        var key = $"WG-R-{Guid.NewGuid():N}"[..16];
        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag-digital", key, new { eingangstext = "Antrag auf Wohngeld" });
        var values = new Dictionary<string, object>
        {
            ["antragsart"] = "erstantrag", ["aktenzeichen"] = key, ["eingangsdatum"] = "2026-12-01", ["antragsteller"] = "Erika Mustermann",
            ["email"] = "erika@buerger.example", ["einkommen"] = einkommen, ["haushaltsmitglieder"] = haushaltsmitglieder, ["miete"] = 550.0,
            ["mietbescheinigungBeigefuegt"] = true, ["einkommensnachweiseBeigefuegt"] = true,
        };
        foreach (var expected in new[] { "Task_KlassifizierungPruefen", "Task_EingangBestaetigen", "Task_EinkommenPruefen" })
        {
            var (_, task) = await NextTaskAsync(admin, caseId);
            Assert.Equal(expected, task.GetProperty("nodeId").GetString());
            var done = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{task.GetProperty("id").GetInt64()}/complete", new { values });
            Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        }
        var (detail, after) = await NextTaskAsync(admin, caseId);
        Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
        return (caseId, detail, after);
    }

    /// <summary>Waits until the case has an open user task or an incident (connector steps run on the worker).</summary>
    private static async Task<(JsonElement Detail, JsonElement Task)> NextTaskAsync(HttpClient client, Guid caseId)
    {
        for (var round = 0; round < 120; round++)
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            var task = detail.GetProperty("waits").EnumerateArray().FirstOrDefault(w => w.GetProperty("kind").GetString() == "UserTask");
            if (task.ValueKind != JsonValueKind.Undefined || detail.GetProperty("incidents").GetArrayLength() > 0) return (detail, task);
            await Task.Delay(250);
        }
        throw new TimeoutException($"case {caseId} reached no task and no incident");
    }
}

/// <summary>
/// The default demo: no model server configured. The AI step does not pretend — it completes with a German note,
/// measures no tokens and no AI energy — and the review classifies by hand; the seeded register entries are complete,
/// so the sample is published without an override, and its demo cases start without incidents.
/// </summary>
public sealed class WohngeldWithoutModelTests(SeededServerFactory factory) : IClassFixture<SeededServerFactory>
{
    [Fact]
    public async Task Without_a_model_server_the_step_notes_it_records_no_ai_energy_and_the_review_classifies_by_hand()
    {
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag-digital", $"WG-OHNE-{Guid.NewGuid():N}"[..20]);
        JsonElement detail = default, review = default;
        for (var round = 0; round < 120 && review.ValueKind == JsonValueKind.Undefined; round++)
        {
            detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
            review = detail.GetProperty("waits").EnumerateArray().FirstOrDefault(w => w.GetProperty("kind").GetString() == "UserTask");
            if (review.ValueKind == JsonValueKind.Undefined) await Task.Delay(250);
        }
        Assert.Equal("Task_KlassifizierungPruefen", review.GetProperty("nodeId").GetString());
        var step = detail.GetProperty("history").EnumerateArray().Single(s => s.GetProperty("nodeId").GetString() == "Task_EingangKlassifizieren");
        // The clerk reads this note: it says who can help, not which configuration key is empty.
        const string Note = "Kein KI-Vorschlag: Es ist kein KI-Modell angeschlossen; das kann die Verwaltung (Betrieb) einrichten.";
        Assert.StartsWith(Note, step.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Connectors:", step.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Completed", step.GetProperty("outcome").GetString());

        // The review shows the note and proposes nothing.
        var task = await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{caseId}/{review.GetProperty("id").GetInt64()}");
        var fields = task.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.StartsWith(Note, fields["kiHinweis"].GetProperty("default").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, fields["antragsart"].GetProperty("default").ValueKind);
        // The page shows the form to the person who claimed the task: a clerk of the Posteingang.
        var waitId = review.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("sachbearbeitung").PostAsync($"/api/tasks/{caseId}/{waitId}/claim", null)).StatusCode);
        var html = await (await factory.LoginAsync("sachbearbeitung", "demo")).GetStringAsync($"/aufgaben/{caseId}/{waitId}");
        Assert.Contains(Note, html, StringComparison.Ordinal);

        // No tokens, no inference: the annotation's expected inference is not priced in place of a call that never happened.
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        var line = (await LedgerQueries.CaseEntriesAsync(host.Database, caseId)).Single(l => l.NodeId == "Task_EingangKlassifizieren");
        Assert.Equal(0, line.AiTokens);
        Assert.Null(line.AiSizeClass);
        Assert.Equal(0, line.Carbon.EnergyWh(CarbonComponents.AiInference));
        Assert.Equal(0, line.Carbon.Grams([CarbonComponents.AiInference]));
        Assert.DoesNotContain(line.Factors, f => f.StartsWith("ai.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_seeder_publishes_the_decision_first_and_the_sample_with_complete_register_entries_and_its_demo_cases_without_incidents()
    {
        var admin = factory.ApiClient("admin");
        var decisions = await admin.GetStringAsync("/api/decisions");
        Assert.Contains("wohngeld-weiterleitung", decisions, StringComparison.Ordinal);

        var versions = await admin.GetFromJsonAsync<JsonElement>("/api/definitions/wohngeldantrag-digital/versions");
        var version = Assert.Single(versions.EnumerateArray());
        Assert.True(version.GetProperty("published").GetBoolean());
        var register = await admin.GetFromJsonAsync<JsonElement>($"/api/register/{version.GetProperty("id").GetInt64()}");
        var steps = register.GetProperty("steps").EnumerateArray().ToList();
        Assert.Contains(steps, s => s.GetProperty("nodeId").GetString() == "Task_EingangKlassifizieren");
        Assert.Contains(steps, s => s.GetProperty("nodeId").GetString() == "Task_WeiterleitungErmitteln");
        Assert.All(steps, s => Assert.True(s.GetProperty("missing").GetArrayLength() == 0, s.ToString()));
        // Complete entries: published without the demo's override.
        Assert.Empty(register.GetProperty("overrides").EnumerateArray());

        var cases = await admin.GetFromJsonAsync<JsonElement>("/api/cases?processId=wohngeldantrag-digital");
        var demo = cases.GetProperty("items").EnumerateArray()
            .Where(c => (c.GetProperty("businessKey").GetString() ?? "").StartsWith("DEMO-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, demo.Count);
        foreach (var c in demo)
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{c.GetProperty("id").GetGuid()}");
            Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
        }
    }
}
