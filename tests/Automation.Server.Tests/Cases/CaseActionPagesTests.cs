using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Cases;

/// <summary>The server with two groups' start forms and an incident process, and clerks of each group.</summary>
public sealed class CaseActionServerFactory : ServerFactory
{
    public const string Group = "antrag-gruppe", OtherGroup = "fremde-gruppe";
    public const string Clerk = "antrag-innen", OtherClerk = "antrag-aussen";
    public const string Process = "startformular", OtherProcess = "startformular-fremd", IncidentProcess = "stoerung";

    /// <summary>A start event asking four values, then a task of <paramref name="group"/>.</summary>
    public static string StartForm(string processId, string group) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs_{processId}" targetNamespace="urn:test">
          <bpmn:process id="{processId}" name="Antrag {group}" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:extensionElements>
              <am:field id="betrag" label="Beantragter Betrag (€)" type="long" required="true"/>
              <am:field id="eilig" label="Eilig?" type="boolean"/>
              <am:field id="eingang" label="Eingangsdatum" type="date"/>
              <am:field id="art" label="Antragsart" type="enum" options="erstantrag,aenderung"/>
            </bpmn:extensionElements></bpmn:startEvent>
            <bpmn:userTask id="Task_Pruefen" name="Antrag prüfen">
              <bpmn:extensionElements><am:role name="{group}"/><am:field id="notiz" label="Notiz" type="string"/></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Pruefen"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Pruefen" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A script that fails unless <c>freigabe</c> is set, before a task of the group: a case started without it has an incident.</summary>
    public static string Incident(string processId, string group) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs_{processId}" targetNamespace="urn:test">
          <bpmn:process id="{processId}" name="Störung {group}" isExecutable="true">
            <bpmn:startEvent id="Start"/>
            <bpmn:scriptTask id="Task_Auto" name="Freigabe prüfen" scriptFormat="javascript">
              <bpmn:extensionElements><am:automation level="automated" cpuSeconds="0.5"/></bpmn:extensionElements>
              <bpmn:script>if (!freigabe) throw new Error("nicht freigegeben")</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:userTask id="Task_Danach" name="Weiter bearbeiten"><bpmn:extensionElements><am:role name="{group}"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Auto"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Auto" targetRef="Task_Danach"/>
            <bpmn:sequenceFlow id="F3" sourceRef="Task_Danach" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private int prepared;

    /// <summary>Publishes the processes and adds the clerks once per server.</summary>
    public async Task PrepareAsync()
    {
        if (Interlocked.Exchange(ref prepared, 1) == 1) return;
        var store = Services.GetRequiredService<UserStore>();
        await store.SaveAsync(new ServerUser(Clerk, "Clara Innen", [Roles.Clerk], [Group]), "geheim-innen-1", CancellationToken.None);
        await store.SaveAsync(new ServerUser(OtherClerk, "Otto Außen", [Roles.Clerk], [OtherGroup]), "geheim-aussen-1", CancellationToken.None);
        using var owner = ApiClient("prozess");
        await TestBpmn.PublishAsync(owner, StartForm(Process, Group));
        await TestBpmn.PublishAsync(owner, StartForm(OtherProcess, OtherGroup));
        // A script step needs its register entry; the administration may publish without it for a test.
        using var admin = ApiClient("admin");
        var incident = await admin.PostAsync("/api/definitions?publish=true&fileName=stoerung.bpmn&overrideReason=Test", TestBpmn.Xml(Incident(IncidentProcess, Group)));
        Assert.True(incident.IsSuccessStatusCode, await incident.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// Starting a case, cancelling it and retrying an incident from the pages, tried as the roles and groups that must be
/// refused: every refusal is checked on the POST itself, not only by a hidden button.
/// </summary>
public sealed class CaseActionPagesTests(CaseActionServerFactory factory) : IClassFixture<CaseActionServerFactory>
{
    private const string Clerk = CaseActionServerFactory.Clerk, OtherClerk = CaseActionServerFactory.OtherClerk;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string pagePath, Dictionary<string, string> values,
        bool withToken = true)
    {
        if (withToken) values["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(await client.GetStringAsync(pagePath));
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>A person's browser is sent to the no-access page (which answers 403), as for every page of another role.</summary>
    private static void AssertNoAccess(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath == "/kein-zugriff",
            $"{what}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    private async Task<int> CasesOfAsync(string processId) =>
        (await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases?processId={processId}")).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_clerk_starts_a_case_of_their_group_with_the_start_form_and_sees_the_entered_values_in_german()
    {
        await factory.PrepareAsync();
        using var clerk = await factory.LoginAsync(Clerk, "geheim-innen-1");
        var before = await CasesOfAsync("startformular");
        var choice = await clerk.GetStringAsync("/vorgaenge/neu");
        Assert.Contains("Antrag antrag-gruppe", choice, StringComparison.Ordinal);
        Assert.DoesNotContain("Antrag fremde-gruppe", choice, StringComparison.Ordinal);
        var form = await clerk.GetStringAsync("/vorgaenge/neu?prozess=startformular");
        foreach (var label in new[] { "Aktenzeichen", "Beantragter Betrag (€)", "Eilig?", "Eingangsdatum", "Antragsart" }) Assert.Contains(label, form, StringComparison.Ordinal);

        // A wrong value: the form comes back with the German message at the field and everything typed kept.
        var refused = await PostFormAsync(clerk, "/vorgaenge/neu?prozess=startformular", "/vorgaenge/neu?prozess=startformular", new()
        {
            ["prozess"] = "startformular", ["aktenzeichen"] = "AZ-START-1", ["v.betrag"] = "zwölf", ["v.eilig"] = "true", ["v.eingang"] = "2026-11-11", ["v.art"] = "aenderung",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches("aria-invalid=\"true\" aria-describedby=\"v_betrag_fehler\"", html);
        Assert.Contains("<p class=\"field-error\" id=\"v_betrag_fehler\">„Beantragter Betrag (€)“ muss eine ganze Zahl sein.</p>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"AZ-START-1\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"zw", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-11-11\"", html, StringComparison.Ordinal);
        Assert.Matches("<option value=\"aenderung\" selected=\"selected\">", html);
        Assert.Matches("id=\"v_eilig\" name=\"v.eilig\" value=\"true\" checked=\"checked\"", html);
        Assert.Equal(before, await CasesOfAsync("startformular"));

        var started = await PostFormAsync(clerk, "/vorgaenge/neu", "/vorgaenge/neu?prozess=startformular", new()
        {
            ["prozess"] = "startformular", ["aktenzeichen"] = "AZ-START-1", ["v.betrag"] = "1200", ["v.eilig"] = "true", ["v.eingang"] = "2026-11-11", ["v.art"] = "aenderung",
        });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        var id = Guid.Parse(Regex.Match(location, "^/vorgaenge/([0-9a-f-]{36})\\?meldung=gestartet$").Groups[1].Value);
        var detail = await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal("AZ-START-1", detail.GetProperty("businessKey").GetString());
        Assert.Equal(1200, detail.GetProperty("variables").GetProperty("betrag").GetDouble());
        Assert.True(detail.GetProperty("variables").GetProperty("eilig").GetBoolean());

        var casePage = WebUtility.HtmlDecode(await clerk.GetStringAsync(location));
        Assert.Contains("Der Vorgang wurde gestartet.", casePage, StringComparison.Ordinal);
        var values = Regex.Match(casePage, "<table class=\"data\" id=\"values\".*?</table>", RegexOptions.Singleline).Value;
        Assert.Contains("<th scope=\"row\">Beantragter Betrag (€)</th><td class=\"wrap\">1.200</td>", values, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Eingangsdatum</th><td class=\"wrap\">11.11.2026</td>", values, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Eilig?</th><td class=\"wrap\">ja</td>", values, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Antragsart</th><td class=\"wrap\">aenderung</td>", values, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_labels_a_value_by_the_form_field_of_any_task_and_marks_a_variable_no_form_asks_for_as_technical()
    {
        await factory.PrepareAsync();
        // "notiz" is asked by the user task, not the start event; "kiAntragsart" by no form at all (a script or connector sets such).
        var id = await TestBpmn.StartAsync(factory.ApiClient("admin"), CaseActionServerFactory.Process, "AZ-WERTE-1",
            new Dictionary<string, object> { ["betrag"] = 7, ["notiz"] = "Rückfrage", ["kiAntragsart"] = "erstantrag" });
        using var clerk = await factory.LoginAsync(Clerk, "geheim-innen-1");
        var casePage = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{id}"));
        var values = Regex.Match(casePage, "<table class=\"data\" id=\"values\".*?</table>", RegexOptions.Singleline).Value;
        Assert.Contains("<th scope=\"row\">Notiz</th><td class=\"wrap\">Rückfrage</td>", values, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">notiz</th>", values, StringComparison.Ordinal);
        // Not passed off as a German label: the name stays, marked as a process variable, after the labelled values.
        Assert.Contains("<th scope=\"row\"><code>kiAntragsart</code> <span class=\"muted\">(Prozessvariable)</span></th><td class=\"wrap\">erstantrag</td>", values,
            StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">kiAntragsart</th>", values, StringComparison.Ordinal);
        Assert.True(values.IndexOf("Notiz", StringComparison.Ordinal) < values.IndexOf("kiAntragsart", StringComparison.Ordinal), values);
    }

    [Fact]
    public async Task A_clerk_of_another_group_neither_sees_the_start_form_nor_starts_the_process_by_a_forged_post()
    {
        await factory.PrepareAsync();
        using var outsider = await factory.LoginAsync(OtherClerk, "geheim-aussen-1");
        Assert.DoesNotContain("Antrag antrag-gruppe", await outsider.GetStringAsync("/vorgaenge/neu"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/vorgaenge/neu?prozess=startformular")).StatusCode);
        var before = await CasesOfAsync("startformular");
        // A valid token taken from the outsider's own start page, posted for the other group's process.
        var forged = await PostFormAsync(outsider, "/vorgaenge/neu", "/vorgaenge/neu?prozess=startformular-fremd", new()
        {
            ["prozess"] = "startformular", ["aktenzeichen"] = "AZ-FREMD", ["v.betrag"] = "5",
        });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(before, await CasesOfAsync("startformular"));
        // Roles without the start right do not get the page at all.
        foreach (var (user, password) in new[] { ("leitung", "demo"), ("jobcenter", "demo") })
        {
            using var client = await factory.LoginAsync(user, password);
            var response = await client.GetAsync("/vorgaenge/neu?prozess=startformular");
            AssertNoAccess(response, user);
            Assert.DoesNotContain("Beantragter Betrag", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_and_cancel_posts_without_the_antiforgery_token_are_refused_and_change_nothing()
    {
        await factory.PrepareAsync();
        using var owner = await factory.LoginAsync("prozess", "demo");
        var before = await CasesOfAsync("startformular");
        var start = await PostFormAsync(owner, "/vorgaenge/neu", "", new() { ["prozess"] = "startformular", ["v.betrag"] = "5" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        Assert.Equal(before, await CasesOfAsync("startformular"));

        var id = await TestBpmn.StartAsync(factory.ApiClient("admin"), "startformular", "AZ-OHNE-TOKEN", new { betrag = 1 });
        var cancel = await PostFormAsync(owner, $"/vorgaenge/{id}?handler=Cancel", "", new(), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.Equal("Waiting", (await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_and_retry_are_hidden_from_clerks_and_managers_and_their_forged_posts_are_refused()
    {
        await factory.PrepareAsync();
        var admin = factory.ApiClient("admin");
        var waiting = await TestBpmn.StartAsync(admin, "startformular", "AZ-KEIN-ABBRUCH", new { betrag = 1 });
        var failing = await TestBpmn.StartAsync(admin, "stoerung", "AZ-KEIN-RETRY", new { freigabe = false });
        var incident = (await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{failing}")).GetProperty("incidents")[0].GetProperty("id").GetInt64();
        foreach (var (user, password) in new[] { (Clerk, "geheim-innen-1"), ("leitung", "demo") })
        {
            using var client = await factory.LoginAsync(user, password);
            var page = await client.GetStringAsync($"/vorgaenge/{failing}");
            Assert.Contains("nicht freigegeben", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Erneut versuchen", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Vorgang abbrechen", await client.GetStringAsync($"/vorgaenge/{waiting}"), StringComparison.Ordinal);
            // A valid anti-forgery token from a page the user may open, posted to the commands.
            var cancel = await PostFormAsync(client, $"/vorgaenge/{waiting}?handler=Cancel", $"/vorgaenge/{waiting}", []);
            AssertNoAccess(cancel, $"{user} cancel");
            var retry = await PostFormAsync(client, $"/vorgaenge/{failing}?handler=Retry&incidentId={incident}", $"/vorgaenge/{failing}", []);
            AssertNoAccess(retry, $"{user} retry");
        }
        Assert.Equal("Waiting", (await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{waiting}")).GetProperty("status").GetString());
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{failing}");
        Assert.Equal(incident, after.GetProperty("incidents")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_process_owner_retries_an_incident_and_cancels_a_case_and_is_told_so_in_german()
    {
        await factory.PrepareAsync();
        var admin = factory.ApiClient("admin");
        var failing = await TestBpmn.StartAsync(admin, "stoerung", "AZ-RETRY", new { freigabe = false });
        var incident = (await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{failing}")).GetProperty("incidents")[0].GetProperty("id").GetInt64();
        using var owner = await factory.LoginAsync("prozess", "demo");
        var page = await owner.GetStringAsync($"/vorgaenge/{failing}");
        Assert.Contains("Erneut versuchen", page, StringComparison.Ordinal);
        var retry = await PostFormAsync(owner, $"/vorgaenge/{failing}?handler=Retry&incidentId={incident}", $"/vorgaenge/{failing}", []);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal($"/vorgaenge/{failing}?meldung=wiederholt", retry.Headers.Location!.OriginalString);
        Assert.Contains("Der fehlgeschlagene Schritt wurde erneut versucht.", await owner.GetStringAsync(retry.Headers.Location.OriginalString), StringComparison.Ordinal);
        // The script still fails: the old incident is closed and a new one stands in its place.
        var incidents = (await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{failing}")).GetProperty("incidents");
        Assert.DoesNotContain(incidents.EnumerateArray(), i => i.GetProperty("id").GetInt64() == incident);

        var cancel = await PostFormAsync(owner, $"/vorgaenge/{failing}?handler=Cancel", $"/vorgaenge/{failing}", []);
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        var cancelled = WebUtility.HtmlDecode(await owner.GetStringAsync(cancel.Headers.Location!.OriginalString));
        Assert.Contains("Der Vorgang wurde abgebrochen.", cancelled, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"case-status\">abgebrochen</dd>", cancelled, StringComparison.Ordinal);
        Assert.DoesNotContain("Vorgang abbrechen", cancelled, StringComparison.Ordinal);
        // Cancelling twice (a second tab) is a German notice, not an error page.
        var again = await PostFormAsync(owner, $"/vorgaenge/{failing}?handler=Cancel", $"/vorgaenge/{failing}", []);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Der Vorgang ist schon beendet.", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_names_no_one_who_completed_a_step()
    {
        await factory.PrepareAsync();
        var id = await TestBpmn.StartAsync(factory.ApiClient("admin"), "startformular", "AZ-WER", new { betrag = 3 });
        var clerkApi = factory.ApiClient(Clerk);
        var wait = await TestBpmn.FirstTaskAsync(clerkApi, id);
        Assert.True((await clerkApi.PostAsync($"/api/tasks/{id}/{wait}/claim", null)).IsSuccessStatusCode);
        var done = await clerkApi.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { notiz = "geprüft" } });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
        using var owner = await factory.LoginAsync("prozess", "demo");
        var page = WebUtility.HtmlDecode(await owner.GetStringAsync($"/vorgaenge/{id}"));
        Assert.Contains("<th scope=\"row\">Notiz</th><td class=\"wrap\">geprüft</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Clerk, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Clara Innen", page, StringComparison.Ordinal);
    }
}
