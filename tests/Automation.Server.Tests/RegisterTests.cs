using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests;

/// <summary>Transparency register: publish rule and override, entries, public register, audit log.</summary>
public sealed class RegisterTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    /// <summary>Start → automated script task → end: completes at once and writes one ledger entry per case.</summary>
    internal static string AutoStep(string processId, string taskName = "Betrag berechnen") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs" targetNamespace="urn:test">
          <bpmn:process id="{processId}" name="Registertest {processId}" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:scriptTask id="Task_Auto" name="{taskName}" scriptFormat="javascript">
              <bpmn:extensionElements><am:automation level="automated" cpuSeconds="0.5"/></bpmn:extensionElements>
              <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
              <bpmn:script>1 + 1</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Auto"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Auto" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static object CompleteEntry(string? purpose = null) => new
    {
        purpose = purpose ?? "Berechnet den Betrag nach fester Tabelle.",
        legalBasis = "§ 1 Testgesetz",
        automationLevel = "automated-processing",
        humanOversight = "Die Sachbearbeitung prüft Stichproben.",
        affectedGroups = "Antragstellende",
        dataUsed = "Antragsdaten",
        systemName = "Regel im Prozessmodell",
        provider = "Stadt",
        riskClass = "none",
        responsibleUnit = "Fachbereich Test",
        contact = "test@stadt.example",
    };

    private static async Task<long> StoreAsync(HttpClient client, string xml)
    {
        var response = await client.PostAsync("/api/definitions?fileName=test.bpmn", TestBpmn.Xml(xml));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0].GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> AuditAsync(HttpClient admin, string kind, string entityId) =>
        await admin.GetFromJsonAsync<JsonElement>($"/api/audit?kind={kind}&entityId={Uri.EscapeDataString(entityId)}");

    [Fact]
    public async Task Publishing_is_blocked_with_the_missing_fields_per_element_until_the_entry_is_complete()
    {
        var owner = factory.ApiClient("prozess");
        var refused = await owner.PostAsync("/api/definitions?publish=true&fileName=test.bpmn", TestBpmn.Xml(AutoStep("reg-block")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var missing = problem.GetProperty("missing")[0];
        Assert.Equal("Task_Auto", missing.GetProperty("elementId").GetString());
        var fields = missing.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("purpose", fields);
        Assert.Contains("legalBasis", fields);
        Assert.Contains("contact", fields);
        Assert.Equal("register-incomplete", problem.GetProperty("diagnostics")[0].GetProperty("code").GetString());

        // The version is stored unpublished so its register can be filled in.
        var version = (await owner.GetFromJsonAsync<JsonElement>("/api/definitions/reg-block/versions"))[0];
        Assert.False(version.GetProperty("published").GetBoolean());
        var id = version.GetProperty("id").GetInt64();

        // A partial entry still blocks, naming only what is left.
        var partial = await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", new { purpose = "Zweck", legalBasis = "§ 1" });
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var stillRefused = await owner.PostAsync($"/api/definitions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stillRefused.StatusCode);
        var left = (await stillRefused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("missing")[0].GetProperty("fields")
            .EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.DoesNotContain("purpose", left);
        Assert.Contains("humanOversight", left);

        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", CompleteEntry())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/definitions/{id}/publish", null)).StatusCode);
        var published = (await owner.GetFromJsonAsync<JsonElement>("/api/definitions/reg-block/versions"))[0];
        Assert.True(published.GetProperty("published").GetBoolean());
        Assert.Equal(1, published.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task High_risk_ai_needs_the_article_27_fields_and_an_automated_decision_needs_the_legal_basis_flag()
    {
        var owner = factory.ApiClient("prozess");
        var id = await StoreAsync(owner, AutoStep("reg-fria"));
        var highRisk = new Dictionary<string, object?>(JsonSerializer.SerializeToElement(CompleteEntry()).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value.GetString())) { ["riskClass"] = "high" };
        await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", highRisk);
        var register = await owner.GetFromJsonAsync<JsonElement>($"/api/register/{id}");
        var missing = register.GetProperty("steps")[0].GetProperty("missing").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal(["friaProcesses", "friaPeriodFrequency", "friaAffectedCategories", "friaSpecificRisks", "friaOversight", "friaMeasures",
            "friaComplaintChannel"], missing);

        highRisk["automationLevel"] = "automated-decision";
        var refused = await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", highRisk);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("fullAutomationPermitted", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        highRisk["fullAutomationPermitted"] = true;
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", highRisk)).StatusCode);
    }

    [Theory]
    [InlineData("riskClass", "mittel")]
    [InlineData("automationLevel", "vollautomatisch")]
    public async Task An_unknown_risk_class_or_automation_level_is_refused_naming_the_field(string field, string value)
    {
        var owner = factory.ApiClient("prozess");
        var id = await StoreAsync(owner, AutoStep("reg-enum-" + field.ToLowerInvariant()));
        var response = await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", new Dictionary<string, string> { ["purpose"] = "x", [field] = value });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(value, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Nothing was stored.
        var register = await owner.GetFromJsonAsync<JsonElement>($"/api/register/{id}");
        Assert.False(register.GetProperty("steps")[0].GetProperty("hasEntry").GetBoolean());
    }

    [Fact]
    public async Task An_admin_may_publish_over_gaps_with_a_reason_that_the_register_and_the_audit_log_show()
    {
        var owner = factory.ApiClient("prozess");
        var forbidden = await owner.PostAsync("/api/definitions?publish=true&fileName=test.bpmn&overrideReason=Eilt", TestBpmn.Xml(AutoStep("reg-override")));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var admin = factory.ApiClient("admin");
        var reason = "Gesetzliche Frist ab 1. Januar, Eintrag folgt bis Ende der Woche";
        var response = await admin.PostAsync($"/api/definitions?publish=true&fileName=test.bpmn&overrideReason={Uri.EscapeDataString(reason)}",
            TestBpmn.Xml(AutoStep("reg-override")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0].GetProperty("id").GetInt64();

        var register = await admin.GetFromJsonAsync<JsonElement>($"/api/register/{id}");
        Assert.True(register.GetProperty("published").GetBoolean());
        Assert.Equal(reason, register.GetProperty("overrides")[0].GetProperty("reason").GetString());
        var audit = await AuditAsync(admin, "definition", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var entry = audit.EnumerateArray().Single(a => a.GetProperty("action").GetString() == "publish-override");
        Assert.Equal("admin", entry.GetProperty("actor").GetString());
        Assert.Equal(reason, entry.GetProperty("reason").GetString());
        Assert.Contains("Task_Auto", entry.GetProperty("before").GetString(), StringComparison.Ordinal);

        var page = await factory.ApiClient(null).GetStringAsync("/transparenzregister");
        Assert.Contains(reason, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_version_carries_the_previous_entries_over_as_drafts_for_steps_with_the_same_id()
    {
        var owner = factory.ApiClient("prozess");
        var v1 = await StoreAsync(owner, AutoStep("reg-carry"));
        await owner.PutAsJsonAsync($"/api/register/{v1}/steps/Task_Auto", CompleteEntry("Zweck aus Version 1"));
        var v2 = await StoreAsync(owner, AutoStep("reg-carry", "Betrag neu berechnen"));
        Assert.NotEqual(v1, v2);
        var step = (await owner.GetFromJsonAsync<JsonElement>($"/api/register/{v2}")).GetProperty("steps")[0];
        Assert.True(step.GetProperty("draft").GetBoolean());
        Assert.Equal(1, step.GetProperty("carriedFromVersion").GetInt32());
        Assert.Equal("Zweck aus Version 1", step.GetProperty("entry").GetProperty("purpose").GetString());
        // Saving reviews the draft.
        await owner.PutAsJsonAsync($"/api/register/{v2}/steps/Task_Auto", CompleteEntry("Zweck aus Version 2"));
        step = (await owner.GetFromJsonAsync<JsonElement>($"/api/register/{v2}")).GetProperty("steps")[0];
        Assert.False(step.GetProperty("draft").GetBoolean());
        var v1Step = (await owner.GetFromJsonAsync<JsonElement>($"/api/register/{v1}")).GetProperty("steps")[0];
        Assert.Equal("Zweck aus Version 1", v1Step.GetProperty("entry").GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task Public_register_needs_no_login_shows_the_seeded_entries_and_no_personal_data()
    {
        var anonymous = factory.ApiClient(null);
        var page = await anonymous.GetAsync("/transparenzregister");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Rückmeldung an frühere Meldebehörde", html, StringComparison.Ordinal);
        Assert.Contains("Grundrechte-Folgenabschätzung", html, StringComparison.Ordinal);
        Assert.Contains("wohngeld@stadt.example", html, StringComparison.Ordinal);
        var json = await anonymous.GetStringAsync("/transparenzregister/register.json");
        var csv = await anonymous.GetStringAsync("/transparenzregister/register.csv");
        var atom = await anonymous.GetStringAsync("/transparenzregister/aenderungen.atom");
        Assert.Contains("Task_EingangKlassifizieren", json, StringComparison.Ordinal);
        // The seeder fills every automated or AI step of the sample processes completely (no override needed).
        var samples = JsonDocument.Parse(json).RootElement.GetProperty("entries").EnumerateArray()
            .Where(e => !e.GetProperty("processId").GetString()!.StartsWith("reg-", StringComparison.Ordinal)).ToList();
        // 20: with the decision table's business rule task of wohngeldantrag-digital (issue 20, item 8).
        Assert.Equal(20, samples.Count);
        Assert.All(samples, e => Assert.True(e.GetProperty("complete").GetBoolean(), e.GetProperty("elementId").GetString()));
        Assert.Contains("Task_EingangKlassifizieren", csv, StringComparison.Ordinal);
        Assert.Contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", atom, StringComparison.Ordinal);
        // No person: neither the demo users' names nor who edited or published anything.
        foreach (var text in new[] { html, json, csv, atom })
        {
            foreach (var person in new[] { "Paula Prozess", "Lena Leitung", "Sam Sachbearbeitung", "Jonas Jobcenter", "Administration\"", "\"admin\"" })
            {
                Assert.DoesNotContain(person, text, StringComparison.Ordinal);
            }
        }
        // Unpublished versions are not in the public register.
        var owner = factory.ApiClient("prozess");
        await StoreAsync(owner, AutoStep("reg-unpublished"));
        Assert.DoesNotContain("reg-unpublished", await anonymous.GetStringAsync("/transparenzregister/register.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markup_and_formulas_in_register_text_are_shown_as_text_in_page_json_csv_and_atom()
    {
        var owner = factory.ApiClient("prozess");
        var id = await StoreAsync(owner, AutoStep("reg-markup"));
        const string Script = "<script>alert('x')</script><b>fett</b>";
        var entry = new Dictionary<string, object?>(JsonSerializer.SerializeToElement(CompleteEntry(Script)).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value.GetString())) { ["legalBasis"] = "=HYPERLINK(\"http://evil.example\")", ["provider"] = "@SUM(A1)" };
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", entry)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/definitions/{id}/publish", null)).StatusCode);

        var anonymous = factory.ApiClient(null);
        var html = await anonymous.GetStringAsync("/transparenzregister");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>fett</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var json = await anonymous.GetStringAsync("/transparenzregister/register.json");
        Assert.DoesNotContain("<script>", json, StringComparison.Ordinal);
        var purposes = JsonDocument.Parse(json).RootElement.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("processId").GetString() == "reg-markup").Select(e => e.GetProperty("purpose").GetString()).ToList();
        Assert.Equal([Script], purposes);
        var csv = await anonymous.GetStringAsync("/transparenzregister/register.csv");
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'@SUM(A1)\"", csv, StringComparison.Ordinal);
        var atom = await anonymous.GetStringAsync("/transparenzregister/aenderungen.atom");
        Assert.DoesNotContain("<script>", atom, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", atom, StringComparison.Ordinal);

        var login = await factory.LoginAsync("prozess", "demo");
        var form = await login.GetStringAsync($"/register/{id}/schritt/Task_Auto");
        Assert.DoesNotContain("<script>alert", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_figures_appear_from_five_cases_on()
    {
        var owner = factory.ApiClient("prozess");
        var id = await StoreAsync(owner, AutoStep("reg-ledger"));
        await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", CompleteEntry());
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync($"/api/definitions/{id}/publish", null)).StatusCode);
        for (var i = 0; i < 4; i++) await TestBpmn.StartAsync(owner, "reg-ledger");
        var figures = (await owner.GetFromJsonAsync<JsonElement>($"/api/register/{id}")).GetProperty("steps")[0].GetProperty("figures");
        Assert.Equal(4, figures.GetProperty("cases").GetInt32());
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("gramsCo2ePerCase").ValueKind);
        await TestBpmn.StartAsync(owner, "reg-ledger");
        figures = (await owner.GetFromJsonAsync<JsonElement>($"/api/register/{id}")).GetProperty("steps")[0].GetProperty("figures");
        Assert.Equal(5, figures.GetProperty("cases").GetInt32());
        Assert.True(figures.GetProperty("gramsCo2ePerCase").GetDouble() > 0);
        Assert.Equal(0, figures.GetProperty("staffMinutesPerCase").GetDouble());
    }

    [Fact]
    public async Task Every_kind_of_change_writes_an_audit_entry_with_who_before_and_after()
    {
        var admin = factory.ApiClient("admin");
        var owner = factory.ApiClient("prozess");
        // Definitions: deploy and publish.
        var id = await StoreAsync(owner, AutoStep("reg-audit"));
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var deploy = (await AuditAsync(admin, "definition", idText)).EnumerateArray().Single(a => a.GetProperty("action").GetString() == "deploy");
        Assert.Equal("prozess", deploy.GetProperty("actor").GetString());
        // Register entries: create, then update with before and after.
        await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", CompleteEntry("erster Zweck"));
        await owner.PutAsJsonAsync($"/api/register/{id}/steps/Task_Auto", CompleteEntry("zweiter Zweck"));
        var entries = (await AuditAsync(admin, "register-entry", $"{id}/Task_Auto")).EnumerateArray().ToList();
        Assert.Equal(["update", "create"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Contains("erster Zweck", entries[0].GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("zweiter Zweck", entries[0].GetProperty("after").GetString(), StringComparison.Ordinal);
        await owner.PostAsync($"/api/definitions/{id}/publish", null);
        Assert.Contains((await AuditAsync(admin, "definition", idText)).EnumerateArray(), a => a.GetProperty("action").GetString() == "publish");
        // Users and roles.
        await admin.PostAsJsonAsync("/api/admin/users", new { userName = "audit-person", roles = new[] { "Clerk" }, password = "geheim-123" });
        await admin.PatchAsJsonAsync("/api/admin/users/audit-person", new { roles = new[] { "Clerk", "Manager" } });
        var users = (await AuditAsync(admin, "user", "audit-person")).EnumerateArray().ToList();
        Assert.Equal(["update", "create"], users.Select(e => e.GetProperty("action").GetString()));
        Assert.Contains("Manager", users[0].GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Manager", users[0].GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("geheim-123", users[1].GetProperty("after").GetString(), StringComparison.Ordinal);
        // Users created by the seeder on first start are recorded too, by "system".
        Assert.Equal("system", (await AuditAsync(admin, "user", "prozess"))[0].GetProperty("actor").GetString());
        // API tokens: recorded without the token.
        var token = await admin.PostAsJsonAsync("/api/admin/tokens", new { user = "audit-person", label = "Fachverfahren" });
        var secret = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var tokenAudit = (await AuditAsync(admin, "api-token", "audit-person")).EnumerateArray().Single();
        Assert.Equal("admin", tokenAudit.GetProperty("actor").GetString());
        Assert.DoesNotContain(secret, tokenAudit.GetProperty("after").GetString(), StringComparison.Ordinal);

        // Export: CSV of the filtered log, admins only.
        var csv = await admin.GetStringAsync("/api/audit/export.csv?kind=user&entityId=audit-person");
        Assert.Contains("\"audit-person\"", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/api/audit/export.csv")).StatusCode);
        var page = await (await factory.LoginAsync("admin", "admin-secret-1")).GetStringAsync("/verwaltung/protokoll?kind=user");
        Assert.Contains("audit-person", page, StringComparison.Ordinal);
        // The kind is named in German in the rows and the filter, never as its stored code.
        Assert.Contains("<td>Person</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>user</code>", page, StringComparison.Ordinal);
        Assert.Contains(">Prozessdefinition</option>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_of_audit_entry_has_a_German_name()
    {
        var kinds = typeof(Automation.Server.Features.Audit.AuditKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.True(kinds.Count >= 8);
        Assert.All(kinds, k => Assert.NotNull(Automation.Engine.Texts.Texte.Find("Protokollart_" + k)));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_rows()
    {
        await factory.ApiClient("admin").PostAsJsonAsync("/api/admin/users", new { userName = "audit-immutable", roles = new[] { "Clerk" } });
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        await using var context = host.Database.CreateContext();
        Assert.True(await context.AuditLog.AnyAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlRawAsync("UPDATE audit_log SET actor = 'jemand'"));
        await Assert.ThrowsAnyAsync<Exception>(() => context.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));
        Assert.DoesNotContain(await context.AuditLog.Select(a => a.Actor).ToListAsync(), a => a == "jemand");
    }
}
