using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// The register for AI steps and business rule tasks (issue 20 items 6 and 7): drafts prefilled from the model and the
/// server's Connectors:Ai settings, the AI Act and §35a VwVfG fields with their validation, the internal fields kept
/// off the public register, and the one exception to the review task after an AI step: a complete fully automated act.
/// </summary>
public sealed class RegisterAiActTests(ModelServerFactory factory) : IClassFixture<ModelServerFactory>
{
    private const string Review = """<bpmn:userTask id="pruefen" name="Vorschlag prüfen"><bpmn:extensionElements><am:role name="posteingang"/></bpmn:extensionElements></bpmn:userTask>""";

    private const string NoReview = """<bpmn:serviceTask id="weiter" name="Bescheid senden"><bpmn:extensionElements><am:action name="noop"/></bpmn:extensionElements></bpmn:serviceTask>""";

    /// <summary>Start → AI step (the <c>ai</c> connector) → <paramref name="after"/> → end.</summary>
    private static string AiProcess(string id, string after) => $$$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:t">
          <bpmn:process id="{{{id}}}" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:serviceTask id="klassifizieren" name="Eingang klassifizieren">
              <bpmn:extensionElements>
                <am:automation level="decision-preparing" ai="true"/>
                <am:action name="ai"/>
                <camunda:inputOutput>
                  <camunda:inputParameter name="prompt">Ordne den Eingang zu.</camunda:inputParameter>
                  <camunda:inputParameter name="schema">{"type":"object"}</camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            {{{after}}}
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="klassifizieren"/>
            <bpmn:sequenceFlow id="f2" sourceRef="klassifizieren" targetRef="{{{(after == Review ? "pruefen" : "weiter")}}}"/>
            <bpmn:sequenceFlow id="f3" sourceRef="{{{(after == Review ? "pruefen" : "weiter")}}}" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A business rule task calling a decision, in Camunda 7 or Camunda 8 form.</summary>
    private static string RuleProcess(string id, string task) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="urn:t">
          <bpmn:process id="{id}" isExecutable="true">
            <bpmn:startEvent id="start"/>
            {task}
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="regel"/>
            <bpmn:sequenceFlow id="f2" sourceRef="regel" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A complete entry of an AI step that declares a fully automated act under § 35a VwVfG.</summary>
    private static Dictionary<string, object?> FullyAutomated() => new()
    {
        ["purpose"] = "Ordnet Eingänge zu und erlässt die Eingangsbestätigung.",
        ["legalBasis"] = "§ 22 WoGG",
        ["automationLevel"] = "automated-decision",
        ["fullAutomationPermitted"] = true,
        ["humanOversight"] = "Stichproben der Wohngeldstelle",
        ["affectedGroups"] = "Antragstellende",
        ["dataUsed"] = "Betreff des Eingangs",
        ["systemName"] = "Sprachmodell",
        ["provider"] = "Landesrechenzentrum",
        ["riskClass"] = "limited",
        ["affectedInformation"] = "Die Bestätigung nennt die KI-Zuordnung; Erklärung auf Nachfrage.",
        ["logRetentionMonths"] = 6,
        ["fullAutomationBasis"] = "vwvfg-35a",
        ["noDiscretionConfirmed"] = true,
        ["permittingNorm"] = "§ 24 Abs. 5 WoGG",
        ["humanRoute"] = "Antrag auf Bearbeitung durch die Sachbearbeitung, wohngeld@stadt.example",
        ["responsibleUnit"] = "Wohngeldstelle",
        ["contact"] = "wohngeld@stadt.example",
    };

    private static readonly Dictionary<string, object?> NoopEntry = new()
    {
        ["purpose"] = "Versendet den Bescheid.", ["legalBasis"] = "§ 41 VwVfG", ["automationLevel"] = "automated-processing",
        ["humanOversight"] = "keine Entscheidung", ["affectedGroups"] = "Antragstellende", ["dataUsed"] = "Bescheid", ["systemName"] = "Automation-Server",
        ["provider"] = "Stadt", ["riskClass"] = "none", ["responsibleUnit"] = "Wohngeldstelle", ["contact"] = "wohngeld@stadt.example",
    };

    private const string RoutingDmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="routing" name="Zuständigkeit" namespace="http://example.org">
          <decision id="wohngeld-routing" name="Zuständigkeit">
            <decisionTable id="t" hitPolicy="FIRST">
              <input id="i1" label="Betrag"><inputExpression typeRef="number"><text>betrag</text></inputExpression></input>
              <output id="o1" name="stelle" typeRef="string" />
              <rule id="r1"><inputEntry><text>-</text></inputEntry><outputEntry><text>"Wohngeldstelle"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    private static async Task<long> StoreAsync(HttpClient client, string xml)
    {
        var response = await client.PostAsync("/api/definitions?fileName=ki.bpmn", TestBpmn.Xml(xml));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0].GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> StepAsync(HttpClient client, long id, string nodeId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/register/{id}")).GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("nodeId").GetString() == nodeId);

    /// <summary>Every string of a JSON answer, unescaped (the serializer escapes umlauts).</summary>
    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var values = new List<string>();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: values.Add(e.GetString()!); break;
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) Walk(p.Value); break;
                case JsonValueKind.Array: foreach (var i in e.EnumerateArray()) Walk(i); break;
            }
        }
        Walk(await response.Content.ReadFromJsonAsync<JsonElement>());
        return string.Join("\n", values);
    }

    /// <summary>The message of the review rule's finding in a problem or check answer (null: no such finding).</summary>
    private static async Task<string?> ReviewMessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("code").GetString() == "ai-without-review").Select(d => d.GetProperty("message").GetString()).FirstOrDefault();

    private static List<string?> Missing(JsonElement step) => step.GetProperty("missing").EnumerateArray().Select(f => f.GetString()).ToList();

    [Fact]
    public async Task Storing_an_ai_step_drafts_its_entry_from_the_settings_and_the_review_task_and_the_draft_still_blocks_publishing()
    {
        var owner = factory.ApiClient("prozess");
        var id = await StoreAsync(owner, AiProcess("rai-entwurf", Review));
        var step = await StepAsync(owner, id, "klassifizieren");
        Assert.True(step.GetProperty("draft").GetBoolean());
        Assert.Equal(JsonValueKind.Null, step.GetProperty("carriedFromVersion").ValueKind);
        var entry = step.GetProperty("entry");
        Assert.Equal("Eingang klassifizieren", entry.GetProperty("purpose").GetString());
        // Model and size class as the factory configures Connectors:Ai, the provider is the endpoint's host.
        Assert.Contains("lokal-8b", entry.GetProperty("systemName").GetString(), StringComparison.Ordinal);
        Assert.Contains("small", entry.GetProperty("systemName").GetString(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", entry.GetProperty("provider").GetString(), StringComparison.Ordinal);
        Assert.Equal("decision-preparing", entry.GetProperty("automationLevel").GetString());
        var oversight = entry.GetProperty("humanOversight").GetString();
        Assert.Contains("Vorschlag prüfen", oversight, StringComparison.Ordinal);
        Assert.Contains("posteingang", oversight, StringComparison.Ordinal);

        // What only the process owner knows is missing, the AI Act fields of every AI step included.
        var missing = Missing(step);
        Assert.Contains("legalBasis", missing);
        Assert.Contains("affectedInformation", missing);
        Assert.Contains("logRetentionMonths", missing);
        Assert.DoesNotContain("purpose", missing);
        var refused = await owner.PostAsync($"/api/definitions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("klassifizieren", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rai-regel-c7", """<bpmn:businessRuleTask id="regel" name="Zuständigkeit bestimmen" camunda:decisionRef="wohngeld-routing"/>""")]
    [InlineData("rai-regel-c8", """<bpmn:businessRuleTask id="regel" name="Zuständigkeit bestimmen"><bpmn:extensionElements><zeebe:calledDecision decisionId="wohngeld-routing" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask>""")]
    public async Task A_business_rule_task_drafts_its_entry_with_the_decision_key(string processId, string task)
    {
        var owner = factory.ApiClient("prozess");
        // A business rule task may only name a published decision (publish check decision-unknown).
        var dmn = await owner.PostAsync("/api/definitions?publish=true&fileName=routing.dmn", TestBpmn.Xml(RoutingDmn));
        Assert.True(dmn.IsSuccessStatusCode, await dmn.Content.ReadAsStringAsync());
        var id = await StoreAsync(owner, RuleProcess(processId, task));
        var step = await StepAsync(owner, id, "regel");
        Assert.True(step.GetProperty("draft").GetBoolean());
        Assert.Contains("wohngeld-routing", step.GetProperty("entry").GetProperty("systemName").GetString(), StringComparison.Ordinal);
        Assert.Equal("Zuständigkeit bestimmen", step.GetProperty("entry").GetProperty("purpose").GetString());
        // Not an AI step: the AI Act fields are not asked for.
        Assert.DoesNotContain("affectedInformation", Missing(step));
    }

    [Fact]
    public async Task An_ai_step_without_review_publishes_only_once_its_entry_declares_a_complete_fully_automated_act()
    {
        var owner = factory.ApiClient("prozess");
        var xml = AiProcess("rai-vollautomat", NoReview);
        var refused = await owner.PostAsync("/api/definitions?publish=true&fileName=ki.bpmn", TestBpmn.Xml(xml));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var text = await TextAsync(refused);
        Assert.Contains("ai-without-review", text, StringComparison.Ordinal);
        // Stored unpublished, so the register entry can declare the exception.
        var version = (await owner.GetFromJsonAsync<JsonElement>("/api/definitions/rai-vollautomat/versions"))[0];
        Assert.False(version.GetProperty("published").GetBoolean());
        var id = version.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/register/{id}/steps/weiter", NoopEntry)).StatusCode);

        // Confirmation ticked, norm empty: still blocked, the missing field named in German.
        var entry = FullyAutomated();
        entry["permittingNorm"] = null;
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/register/{id}/steps/klassifizieren", entry)).StatusCode);
        refused = await owner.PostAsync($"/api/definitions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Zulassende Rechtsvorschrift", await ReviewMessageAsync(refused), StringComparison.Ordinal);
        // The check before publishing ("Prüfen") says the same.
        var validate = await owner.PostAsync("/api/definitions/validate?fileName=ki.bpmn", TestBpmn.Xml(xml));
        Assert.Contains("Zulassende Rechtsvorschrift", await ReviewMessageAsync(validate), StringComparison.Ordinal);
        var check = await (await owner.PostAsync("/api/definitions/validate?fileName=ki.bpmn", TestBpmn.Xml(xml))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(check.GetProperty("publishable").GetBoolean());

        // Complete: publishing without a review task goes through, without an administrator's override.
        entry["permittingNorm"] = "§ 24 Abs. 5 WoGG";
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/register/{id}/steps/klassifizieren", entry)).StatusCode);
        check = await (await owner.PostAsync("/api/definitions/validate?fileName=ki.bpmn", TestBpmn.Xml(xml))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(check.GetProperty("publishable").GetBoolean(), check.ToString());
        Assert.DoesNotContain(check.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "ai-without-review");
        var published = await owner.PostAsync($"/api/definitions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var versions = await owner.GetFromJsonAsync<JsonElement>("/api/definitions/rai-vollautomat/versions");
        Assert.True(versions[0].GetProperty("published").GetBoolean());
    }

    [Theory]
    [InlineData("noDiscretionConfirmed", false, "Bestätigung: weder Ermessen noch Beurteilungsspielraum")]
    [InlineData("humanRoute", null, "Weg zur Bearbeitung durch einen Menschen")]
    [InlineData("fullAutomationBasis", null, "Rechtsgrundlage des vollautomatisierten Verwaltungsakts")]
    [InlineData("automationLevel", "decision-preparing", "Automatisierungsstufe")]
    public async Task Any_gap_in_the_declaration_keeps_the_review_task_required_and_is_named(string field, object? value, string label)
    {
        var owner = factory.ApiClient("prozess");
        var processId = "rai-luecke-" + field.ToLowerInvariant();
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await owner.PostAsync("/api/definitions?publish=true&fileName=ki.bpmn", TestBpmn.Xml(AiProcess(processId, NoReview)))).StatusCode);
        var id = (await owner.GetFromJsonAsync<JsonElement>($"/api/definitions/{processId}/versions"))[0].GetProperty("id").GetInt64();
        await owner.PutAsJsonAsync($"/api/register/{id}/steps/weiter", NoopEntry);
        var entry = FullyAutomated();
        entry[field] = value;
        if (field == "automationLevel") entry["fullAutomationPermitted"] = true;
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/register/{id}/steps/klassifizieren", entry)).StatusCode);
        // Not even an administrator's override publishes it.
        var refused = await factory.ApiClient("admin").PostAsync($"/api/definitions/{id}/publish?overrideReason=Eilt", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(label, await ReviewMessageAsync(refused), StringComparison.Ordinal);
        Assert.False((await owner.GetFromJsonAsync<JsonElement>($"/api/definitions/{processId}/versions"))[0].GetProperty("published").GetBoolean());
    }

    [Theory]
    [InlineData("friaDate", "15.01.2026")]
    [InlineData("friaReviewDate", "2025-12-31")]
    [InlineData("dpiaLink", "javascript:alert(1)")]
    [InlineData("fullAutomationBasis", "bayvwvfg-35a")]
    [InlineData("annexIiiPoint", "9z")]
    [InlineData("logRetentionMonths", 3)]
    [InlineData("logRetentionMonths", 0)]
    public async Task A_wrong_ai_act_value_is_refused_naming_the_field_and_nothing_is_saved(string field, object value)
    {
        var owner = factory.ApiClient("prozess");
        var id = await StoreAsync(owner, AiProcess("rai-wert-" + Guid.NewGuid().ToString("N")[..12], Review));
        var before = (await StepAsync(owner, id, "klassifizieren")).GetProperty("entry").ToString();
        var entry = FullyAutomated();
        entry["riskClass"] = "high";
        entry["friaDate"] = "2026-01-15";
        entry[field] = value;
        var response = await owner.PutAsJsonAsync($"/api/register/{id}/steps/klassifizieren", entry);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, (await StepAsync(owner, id, "klassifizieren")).GetProperty("entry").ToString());
    }

    [Fact]
    public async Task A_high_risk_ai_step_needs_the_annex_viii_fields_and_the_public_register_shows_them_but_not_the_internal_ones()
    {
        var owner = factory.ApiClient("prozess");
        var id = await StoreAsync(owner, AiProcess("rai-oeffentlich", Review));
        var entry = FullyAutomated();
        foreach (var key in new[] { "fullAutomationBasis", "noDiscretionConfirmed", "permittingNorm", "humanRoute" }) entry.Remove(key);
        entry["automationLevel"] = "decision-preparing";
        entry["fullAutomationPermitted"] = false;
        entry["riskClass"] = "high";
        foreach (var fria in new[] { "friaProcesses", "friaPeriodFrequency", "friaAffectedCategories", "friaSpecificRisks", "friaOversight", "friaMeasures",
                     "friaComplaintChannel" }) entry[fria] = "Angabe " + fria;
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/register/{id}/steps/klassifizieren", entry)).StatusCode);
        Assert.Equal(["annexIiiPoint", "friaDate", "friaVersion", "friaReviewDate", "authorityNotifiedOn", "providerEuDbNumber", "deployerName", "deployerAddress"],
            Missing(await StepAsync(owner, id, "klassifizieren")));

        entry["annexIiiPoint"] = "5a";
        entry["friaDate"] = "2026-01-15";
        entry["friaVersion"] = "Fassung-7f3";
        entry["friaReviewDate"] = "2027-01-15";
        entry["authorityNotifiedOn"] = "2026-02-03";
        entry["dpiaLink"] = "https://intranet.stadt.example/dsfa-geheim-4711";
        entry["providerEuDbNumber"] = "EUDB-4711-XY";
        entry["deployerName"] = "Stadt Musterhausen";
        entry["deployerAddress"] = "Marktplatz 9, 99999 Musterhausen";
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/register/{id}/steps/klassifizieren", entry)).StatusCode);
        var step = await StepAsync(owner, id, "klassifizieren");
        Assert.Empty(Missing(step));
        // The owners' API shows the internal fields.
        Assert.Equal("https://intranet.stadt.example/dsfa-geheim-4711", step.GetProperty("entry").GetProperty("dpiaLink").GetString());
        Assert.Equal("2026-02-03", step.GetProperty("entry").GetProperty("authorityNotifiedOn").GetString());
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/definitions/{id}/publish", null)).StatusCode);

        var anonymous = factory.ApiClient(null);
        var page = await anonymous.GetStringAsync("/transparenzregister");
        var json = await anonymous.GetStringAsync("/transparenzregister/register.json");
        var csv = await anonymous.GetStringAsync("/transparenzregister/register.csv");
        foreach (var published in new[] { page, json, csv })
        {
            Assert.Contains("EUDB-4711-XY", published, StringComparison.Ordinal);
            Assert.Contains("Musterhausen", published, StringComparison.Ordinal);
            Assert.Contains("Fassung-7f3", published, StringComparison.Ordinal);
            Assert.DoesNotContain("dsfa-geheim-4711", published, StringComparison.Ordinal);
            Assert.DoesNotContain("2026-02-03", published, StringComparison.Ordinal);
            Assert.DoesNotContain("03.02.2026", published, StringComparison.Ordinal);
        }
        Assert.Contains("15.01.2026", page, StringComparison.Ordinal);
        Assert.Contains("Buchst. a", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_edit_page_shows_the_new_fields_and_refuses_a_month_count_that_is_no_number_at_its_field()
    {
        var owner = factory.ApiClient("prozess");
        var id = await StoreAsync(owner, AiProcess("rai-seite", Review));
        var login = await factory.LoginAsync("prozess", "demo");
        var form = await login.GetStringAsync($"/register/{id}/schritt/klassifizieren");
        foreach (var name in new[] { "friaDate", "authorityNotifiedOn", "dpiaLink", "annexIiiPoint", "providerEuDbNumber", "deployerName", "affectedInformation",
                     "logRetentionMonths", "fullAutomationBasis", "noDiscretionConfirmed", "permittingNorm", "humanRoute" })
        {
            Assert.Contains($"name=\"{name}\"", form, StringComparison.Ordinal);
        }
        Assert.Contains("vorausgefüllt", form, StringComparison.Ordinal);
        var post = await login.PostAsync($"/register/{id}/schritt/klassifizieren", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
            ["purpose"] = "Zweck",
            ["logRetentionMonths"] = "sechs",
        }));
        var html = await post.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("keine ganze Zahl", html, StringComparison.Ordinal);
        Assert.Equal("Eingang klassifizieren", (await StepAsync(owner, id, "klassifizieren")).GetProperty("entry").GetProperty("purpose").GetString());
    }
}
