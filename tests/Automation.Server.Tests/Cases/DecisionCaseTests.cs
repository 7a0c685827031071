using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Cases;

/// <summary>
/// Business rule tasks on the server (SQLite): a .dmn published through the definitions upload, a BPMN calling it, the
/// case's variable, evaluation row, audit entry and "Warum?"; a UNIQUE overlap as incident that a retry after a fixed
/// version resolves; a process naming an unpublished key refused; another inbox's clerk sees nothing.
/// </summary>
public sealed class DecisionCaseTests(DecisionCaseTests.Factory factory) : IClassFixture<DecisionCaseTests.Factory>
{
    private const string Group = "gebuehren-gruppe", Clerk = "gebuehr-innen", OtherClerk = "gebuehr-aussen";

    /// <summary>The server with a clerk of the process's group and one of another group.</summary>
    public sealed class Factory : ServerFactory
    {
        private int prepared;

        public async Task PrepareAsync()
        {
            if (Interlocked.Exchange(ref prepared, 1) == 1) return;
            var store = Services.GetRequiredService<UserStore>();
            await store.SaveAsync(new ServerUser(Clerk, "Gerda Innen", [Roles.Clerk], [Group]), "geheim-innen-1", CancellationToken.None);
            await store.SaveAsync(new ServerUser(OtherClerk, "Olaf Außen", [Roles.Clerk], ["andere-gruppe"]), "geheim-aussen-1", CancellationToken.None);
        }
    }

    /// <summary>Fee table: r1 [0..200] and r2 [100..1000] overlap at 100–200 (a UNIQUE violation there), r3 above 1000.</summary>
    private static string Fees(string hitPolicy) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="Gebühren" namespace="http://example.org">
          <decision id="gebuehr" name="Gebühr">
            <decisionTable id="t" hitPolicy="{hitPolicy}">
              <input id="i1" label="Betrag"><inputExpression typeRef="number"><text>betrag</text></inputExpression></input>
              <output id="o1" name="stufe" typeRef="string" />
              <output id="o2" name="faktor" typeRef="number" />
              <annotation name="Begründung" />
              <rule id="r1"><inputEntry><text>[0..200]</text></inputEntry><outputEntry><text>"niedrig"</text></outputEntry><outputEntry><text>1.5</text></outputEntry><annotationEntry><text>bis 200 Euro</text></annotationEntry></rule>
              <rule id="r2"><inputEntry><text>[100..1000]</text></inputEntry><outputEntry><text>"mittel"</text></outputEntry><outputEntry><text>2</text></outputEntry><annotationEntry><text>ab 100 Euro</text></annotationEntry></rule>
              <rule id="r3"><inputEntry><text>&gt; 1000</text></inputEntry><outputEntry><text>"hoch"</text></outputEntry><outputEntry><text>1234.5</text></outputEntry><annotationEntry><text>über 1000 Euro</text></annotationEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    private static string Process(string processId, string decisionKey, string binding = "latest") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{processId}" targetNamespace="urn:test">
          <bpmn:process id="{processId}" name="Gebühr {processId}" isExecutable="true">
            <bpmn:startEvent id="Start"/>
            <bpmn:businessRuleTask id="Regel" name="Gebühr bestimmen" camunda:decisionRef="{decisionKey}" camunda:decisionRefBinding="{binding}" camunda:resultVariable="gebuehr"
                camunda:mapDecisionResult="singleResult">
              <bpmn:extensionElements><am:automation level="automated" cpuSeconds="0.1"/></bpmn:extensionElements>
            </bpmn:businessRuleTask>
            <bpmn:userTask id="Pruefen" name="Bescheid prüfen"><bpmn:extensionElements><am:role name="{Group}"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Regel"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Regel" targetRef="Pruefen"/>
            <bpmn:sequenceFlow id="F3" sourceRef="Pruefen" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static async Task<JsonElement> PublishDmnAsync(HttpClient owner, string xml)
    {
        var response = await owner.PostAsync("/api/definitions?publish=true&fileName=gebuehr.dmn", TestBpmn.Xml(xml));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisions").EnumerateArray());
    }

    private static async Task<JsonElement> StartAsync(HttpClient client, string processId, double betrag)
    {
        var response = await client.PostAsJsonAsync("/api/cases", new { processId, variables = new { betrag }, businessKey = $"AZ-{Guid.NewGuid():N}" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_published_decision_decides_the_step_and_is_explained_audited_and_hidden_from_other_inboxes()
    {
        await factory.PrepareAsync();
        using var owner = factory.ApiClient("prozess");
        using var admin = factory.ApiClient("admin");
        // A decision table under UNIQUE without overlaps for the case below: r3 only.
        var first = await PublishDmnAsync(owner, Fees("UNIQUE"));
        Assert.Equal("gebuehr", first.GetProperty("key").GetString());
        var again = await PublishDmnAsync(owner, Fees("UNIQUE"));
        Assert.False(again.GetProperty("created").GetBoolean());
        Assert.Equal(first.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32());

        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=gebuehr.bpmn&overrideReason=Test", TestBpmn.Xml(Process("gebuehr-fall", "gebuehr")));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        using var clerk = factory.ApiClient(Clerk);
        var started = await StartAsync(clerk, "gebuehr-fall", 1500.5);
        var id = started.GetProperty("id").GetGuid();
        var result = started.GetProperty("variables").GetProperty("gebuehr");
        Assert.Equal("hoch", result.GetProperty("stufe").GetString());
        Assert.Equal(1234.5, result.GetProperty("faktor").GetDouble());

        var explained = Assert.Single((await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/decisions")).EnumerateArray());
        Assert.Equal("gebuehr", explained.GetProperty("decisionKey").GetString());
        var decision = Assert.Single(explained.GetProperty("decisions").EnumerateArray());
        Assert.Equal("1.500,5", Assert.Single(decision.GetProperty("inputs").EnumerateArray()).GetProperty("value").GetString());
        var rule = Assert.Single(decision.GetProperty("rules").EnumerateArray());
        Assert.Equal("r3", rule.GetProperty("id").GetString());
        Assert.Equal("über 1000 Euro", rule.GetProperty("annotation").GetString());
        Assert.Equal("1.234,5", rule.GetProperty("outputs").GetProperty("faktor").GetString());

        using var page = await factory.LoginAsync(Clerk, "geheim-innen-1");
        var html = await page.GetStringAsync($"/vorgaenge/{id}");
        Assert.Contains("Warum?", html, StringComparison.Ordinal);
        Assert.Contains("über 1000 Euro", html, StringComparison.Ordinal);
        Assert.Contains("1.500,5", html, StringComparison.Ordinal);

        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        await using (var context = host.Database.CreateContext())
        {
            var row = await context.DecisionEvaluations.AsNoTracking().SingleAsync(e => e.CaseId == id.ToString());
            Assert.Equal("Regel", row.NodeId);
            var audit = await context.AuditLog.AsNoTracking().SingleAsync(a => a.EntityKind == "decision-evaluation" && a.EntityId == id.ToString());
            Assert.Contains("\"r3\"", audit.AfterJson, StringComparison.Ordinal);
            // The audit log outlives the case's data: it names the rules, never the inputs.
            Assert.DoesNotContain("1500", audit.AfterJson, StringComparison.Ordinal);
        }

        // Another inbox's clerk: the case and its explanation do not exist for them.
        using var other = await factory.LoginAsync(OtherClerk, "geheim-aussen-1");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/vorgaenge/{id}")).StatusCode);
        using var otherApi = factory.ApiClient(OtherClerk);
        Assert.Equal(HttpStatusCode.NotFound, (await otherApi.GetAsync($"/api/cases/{id}/decisions")).StatusCode);

        var list = await owner.GetStringAsync("/api/decisions");
        Assert.Contains("gebuehr", list, StringComparison.Ordinal);
        var download = await owner.GetAsync($"/api/decisions/gebuehr/versions/{first.GetProperty("version").GetInt32()}/source");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("decisionTable", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unique_overlap_is_an_incident_and_a_retry_after_publishing_a_fixed_version_runs_on()
    {
        await factory.PrepareAsync();
        using var owner = factory.ApiClient("prozess");
        using var admin = factory.ApiClient("admin");
        var broken = await PublishDmnAsync(owner, Fees("UNIQUE").Replace("\"gebuehr\"", "\"gebuehr2\"", StringComparison.Ordinal));
        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=gebuehr2.bpmn&overrideReason=Test", TestBpmn.Xml(Process("gebuehr-fall2", "gebuehr2")));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        using var clerk = factory.ApiClient(Clerk);
        var started = await StartAsync(clerk, "gebuehr-fall2", 150);
        var id = started.GetProperty("id").GetGuid();
        var incident = Assert.Single(started.GetProperty("incidents").EnumerateArray());
        Assert.Equal("decision-failed", incident.GetProperty("code").GetString());
        var message = incident.GetProperty("message").GetString()!;
        Assert.Contains("Gebühr", message, StringComparison.Ordinal);
        Assert.Contains("r1", message, StringComparison.Ordinal);
        Assert.Contains("r2", message, StringComparison.Ordinal);
        Assert.False(started.GetProperty("variables").TryGetProperty("gebuehr", out _));
        Assert.Empty((await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/decisions")).EnumerateArray());

        var fixedVersion = await PublishDmnAsync(owner, Fees("FIRST").Replace("\"gebuehr\"", "\"gebuehr2\"", StringComparison.Ordinal));
        Assert.Equal(broken.GetProperty("version").GetInt32() + 1, fixedVersion.GetProperty("version").GetInt32());
        var retried = await admin.PostAsync($"/api/cases/{id}/incidents/{incident.GetProperty("id").GetInt64()}/retry", null);
        Assert.True(retried.IsSuccessStatusCode, await retried.Content.ReadAsStringAsync());
        var after = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(after.GetProperty("incidents").EnumerateArray());
        Assert.Equal("niedrig", after.GetProperty("variables").GetProperty("gebuehr").GetProperty("stufe").GetString());
        var explained = Assert.Single((await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/decisions")).EnumerateArray());
        Assert.Equal(fixedVersion.GetProperty("version").GetInt32(), explained.GetProperty("decisionVersion").GetInt32());
    }

    [Fact]
    public async Task Publishing_a_process_whose_decision_is_not_published_is_refused_naming_element_and_key()
    {
        await factory.PrepareAsync();
        using var admin = factory.ApiClient("admin");
        var response = await admin.PostAsync("/api/definitions?publish=true&fileName=fehlt.bpmn&overrideReason=Test", TestBpmn.Xml(Process("gebuehr-fehlt", "nie-veroeffentlicht")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var finding = Assert.Single(problem.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal("decision-unknown", finding.GetProperty("code").GetString());
        Assert.Equal("Regel", finding.GetProperty("elementId").GetString());
        Assert.Equal("Gebühr bestimmen", finding.GetProperty("label").GetString());
        Assert.Contains("nie-veroeffentlicht", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("gebuehr-fehlt", await admin.GetStringAsync("/api/definitions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dmn_file_with_errors_is_refused_with_its_lines_and_stores_nothing()
    {
        await factory.PrepareAsync();
        using var owner = factory.ApiClient("prozess");
        var bad = Fees("UNIQUE").Replace("\"gebuehr\"", "\"kaputt\"", StringComparison.Ordinal).Replace("[0..200]", "[0..", StringComparison.Ordinal);
        var response = await owner.PostAsync("/api/definitions?publish=true&fileName=kaputt.dmn", TestBpmn.Xml(bad));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var finding = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray().First();
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.True(finding.GetProperty("line").GetInt32() > 1);
        Assert.DoesNotContain("kaputt", await owner.GetStringAsync("/api/decisions"), StringComparison.Ordinal);
        // No drafts of decisions: without publish=true nothing is stored either.
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsync("/api/definitions?fileName=gebuehr.dmn", TestBpmn.Xml(Fees("FIRST")))).StatusCode);
    }

    [Fact]
    public async Task A_deployment_binding_evaluates_the_version_recorded_when_the_process_was_published()
    {
        await factory.PrepareAsync();
        using var owner = factory.ApiClient("prozess");
        using var admin = factory.ApiClient("admin");
        var key = "gebuehr_bindung";
        var first = await PublishDmnAsync(owner, Fees("FIRST").Replace("\"gebuehr\"", $"\"{key}\"", StringComparison.Ordinal));
        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=bindung.bpmn&overrideReason=Test",
            TestBpmn.Xml(Process("gebuehr-bindung", key, "deployment")));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var second = await PublishDmnAsync(owner, Fees("FIRST").Replace("\"gebuehr\"", $"\"{key}\"", StringComparison.Ordinal).Replace("\"niedrig\"", "\"gering\"", StringComparison.Ordinal));
        Assert.Equal(first.GetProperty("version").GetInt32() + 1, second.GetProperty("version").GetInt32());

        // The later version's publish time says "earlier" (another node's clock): the recorded binding still holds.
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        await using (var context = host.Database.CreateContext())
        {
            await context.DecisionDefinitions.Where(d => d.DecisionKey == key && d.Version == second.GetProperty("version").GetInt32())
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.PublishedAt, 0L));
            var bound = await context.DecisionBindings.AsNoTracking().SingleAsync(b => b.DecisionKey == key);
            Assert.Equal(first.GetProperty("version").GetInt32(), bound.DecisionVersion);
        }

        using var clerk = factory.ApiClient(Clerk);
        var started = await StartAsync(clerk, "gebuehr-bindung", 50);
        Assert.Equal("niedrig", started.GetProperty("variables").GetProperty("gebuehr").GetProperty("stufe").GetString());
        var explained = Assert.Single((await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{started.GetProperty("id").GetGuid()}/decisions")).EnumerateArray());
        Assert.Equal(first.GetProperty("version").GetInt32(), explained.GetProperty("decisionVersion").GetInt32());
    }

    [Fact]
    public async Task A_Zeebe_decision_id_in_FEEL_publishes_and_an_unknown_resulting_key_is_an_incident_naming_it()
    {
        await factory.PrepareAsync();
        using var owner = factory.ApiClient("prozess");
        using var admin = factory.ApiClient("admin");
        await PublishDmnAsync(owner, Fees("FIRST").Replace("\"gebuehr\"", "\"gebuehr_2026\"", StringComparison.Ordinal));
        const string zeebe = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
                xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_zeebe" targetNamespace="urn:test">
              <bpmn:process id="gebuehr-zeebe" name="Gebühr Zeebe" isExecutable="true">
                <bpmn:startEvent id="Start"/>
                <bpmn:businessRuleTask id="Regel" name="Gebühr bestimmen">
                  <bpmn:extensionElements>
                    <zeebe:calledDecision decisionId="=&quot;gebuehr_&quot; + string(jahr)" resultVariable="gebuehr"/>
                    <am:automation level="automated" cpuSeconds="0.1"/>
                  </bpmn:extensionElements>
                </bpmn:businessRuleTask>
                <bpmn:userTask id="Pruefen" name="Bescheid prüfen"><bpmn:extensionElements><am:role name="{Group}"/></bpmn:extensionElements></bpmn:userTask>
                <bpmn:endEvent id="End"/>
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Regel"/>
                <bpmn:sequenceFlow id="F2" sourceRef="Regel" targetRef="Pruefen"/>
                <bpmn:sequenceFlow id="F3" sourceRef="Pruefen" targetRef="End"/>
              </bpmn:process>
            </bpmn:definitions>
            """;
        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=zeebe.bpmn&overrideReason=Test", TestBpmn.Xml(zeebe));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        using var clerk = factory.ApiClient(Clerk);
        var known = await clerk.PostAsJsonAsync("/api/cases", new { processId = "gebuehr-zeebe", variables = new { betrag = 50, jahr = 2026 }, businessKey = "AZ-Z1" });
        Assert.True(known.IsSuccessStatusCode, await known.Content.ReadAsStringAsync());
        var run = await known.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(run.GetProperty("incidents").EnumerateArray());
        Assert.Equal("niedrig", run.GetProperty("variables").GetProperty("gebuehr").GetProperty("stufe").GetString());

        var unknown = await clerk.PostAsJsonAsync("/api/cases", new { processId = "gebuehr-zeebe", variables = new { betrag = 50, jahr = 1999 }, businessKey = "AZ-Z2" });
        var failed = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var incident = Assert.Single(failed.GetProperty("incidents").EnumerateArray());
        Assert.Equal("decision-unknown", incident.GetProperty("code").GetString());
        Assert.Contains("„gebuehr_1999“", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Gebühr bestimmen", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
