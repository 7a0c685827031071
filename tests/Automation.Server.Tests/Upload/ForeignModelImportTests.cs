using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Features.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Upload;

/// <summary>The server with the default upload limit (the Signavio file is over the small one) and one session per user.</summary>
public sealed class ImportServerFactory : ServerFactory
{
    private readonly Dictionary<string, HttpClient> sessions = new(StringComparer.Ordinal);

    /// <summary>One logged-in client per user for the whole class: logging in per test would trip the login throttle.</summary>
    public async Task<HttpClient> SessionAsync(string user, string password)
    {
        if (!sessions.TryGetValue(user, out var client)) sessions[user] = client = await LoginAsync(user, password);
        return client;
    }
}

/// <summary>
/// Models of three other tools (Foreign/README.md) through upload → "Art des Schritts klären" → publish, and the ways to
/// break it: a forged step id, an unknown kind, a person's step without a role, a clerk posting choices, and "Prüfen"
/// reporting something else than publishing.
/// </summary>
public sealed partial class ForeignModelImportTests(ImportServerFactory factory) : IClassFixture<ImportServerFactory>
{
    internal static string Foreign(string file) => File.ReadAllText(Path.Combine(ServerFactory.RepositoryRoot, "tests", "Automation.Server.Tests", "Upload", "Foreign", file));

    /// <summary>A foreign file with its process ids made unique to one test (tests share the server).</summary>
    internal static string Foreign(string file, string prefix)
    {
        var source = Foreign(file);
        var ids = Regex.Matches(source, "<(?:\\w+:)?process [^>]*?\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        for (var i = 0; i < ids.Count; i++) source = source.Replace($"\"{ids[i]}\"", $"\"{prefix}_{i}\"", StringComparison.Ordinal);
        return source;
    }

    internal static async Task<string> UploadAsync(HttpClient client, string content, string fileName)
    {
        var form = await client.GetStringAsync("/prozesse/hochladen");
        using var body = new MultipartFormDataContent
        {
            { new StringContent(ServerFactory.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "datei", fileName },
        };
        var response = await client.PostAsync("/prozesse/hochladen?handler=Pruefen", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A step of the clarification form as the page offers it.</summary>
    internal sealed record OfferedStep(string Id, string Kind, string? Role, bool Effort);

    [GeneratedRegex("name=\"schritte\\[(?<i>\\d+)\\]\\.Id\" value=\"(?<id>[^\"]*)\"")]
    private static partial Regex StepId();

    internal static List<OfferedStep> Offered(string html) => StepId().Matches(html).Select(m =>
    {
        var i = m.Groups["i"].Value;
        var select = Regex.Match(html, $"<select id=\"art-{i}\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline).Groups["options"].Value;
        var kind = Regex.Match(select, "<option value=\"(?<v>[^\"]+)\" selected=\"selected\"").Groups["v"].Value;
        var role = Regex.Match(html, $"name=\"schritte\\[{i}\\]\\.Rolle\"(?: value=\"(?<r>[^\"]*)\")?").Groups["r"];
        return new OfferedStep(m.Groups["id"].Value, kind, role.Success ? role.Value : null, html.Contains($"name=\"schritte[{i}].Aufwand\"", StringComparison.Ordinal));
    }).ToList();

    internal static string Token(string html) => Regex.Match(html, "name=\"token\" value=\"([0-9A-F]+)\"").Groups[1].Value;

    internal static async Task<HttpResponseMessage> ClarifyAsync(HttpClient client, string token, IEnumerable<(string Id, string Kind, string? Role, bool Effort)> choices)
    {
        var form = await client.GetStringAsync("/prozesse/hochladen");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", ServerFactory.AntiforgeryToken(form)), new("token", token) };
        var i = 0;
        foreach (var (id, kind, role, effort) in choices)
        {
            fields.Add(new($"schritte[{i}].Id", id));
            fields.Add(new($"schritte[{i}].Art", kind));
            if (role is not null) fields.Add(new($"schritte[{i}].Rolle", role));
            if (effort) fields.Add(new($"schritte[{i}].Aufwand", "true"));
            i++;
        }
        return await client.PostAsync("/prozesse/hochladen?handler=Klaeren", new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, string token, string action)
    {
        var form = await client.GetStringAsync("/prozesse/hochladen");
        return await client.PostAsync("/prozesse/hochladen?handler=Speichern", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form), ["token"] = token, ["aktion"] = action,
        }));
    }

    private static object CompleteEntry() => new
    {
        purpose = "Versendet die Anforderung automatisch.", legalBasis = "§ 1 Testgesetz", automationLevel = "automated-processing",
        humanOversight = "Die Sachbearbeitung prüft Stichproben.", affectedGroups = "Antragstellende", dataUsed = "Antragsdaten",
        systemName = "Regel im Prozessmodell", provider = "Stadt", riskClass = "none", responsibleUnit = "Fachbereich Test", contact = "test@stadt.example",
    };

    [Theory]
    [InlineData("bpmnio-A.4.0-export.bpmn", 6, new string[0])]
    [InlineData("signavio-C.1.0-export.bpmn", 9, new[] { "sid-109005CC-521B-414D-984A-F177506D2282" })]
    [InlineData("camunda-web-modeler-C.9.1.bpmn", 3, new[] { "SendTask_RequestDocument", "SendTask_SendReminderEmail" })]
    public async Task A_foreign_model_is_clarified_with_the_proposals_and_published_with_register_entries_for_its_automated_steps_only(
        string file, int unclear, string[] automated)
    {
        var client = await factory.SessionAsync("prozess", "demo");
        var source = Foreign(file, "klaeren_" + file[..5]);
        // The journey follows the last pool of the file: it holds the automated steps where there are any.
        var processId = $"klaeren_{file[..5]}_{Regex.Count(source, "<(?:\\w+:)?process ") - 1}";

        var before = await UploadAsync(client, source, file);

        var offered = Offered(before);
        Assert.Contains("Art des Schritts klären", before, StringComparison.Ordinal);
        Assert.Equal(unclear, offered.Count);
        // The type decides the proposal: service and send tasks are software, user and plain tasks people.
        Assert.Equal(automated.Order(StringComparer.Ordinal), offered.Where(o => o.Kind == StepKinds.Automated).Select(o => o.Id).Order(StringComparer.Ordinal));
        // The browser submits what the page proposes, with a role where no lane gives one.
        var response = await ClarifyAsync(client, Token(before), offered.Select(o => (o.Id, o.Kind, o.Role ?? (o.Kind == StepKinds.Human ? "sachbearbeitung" : null), o.Effort)));
        var after = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Angaben für {unclear} Schritte eingetragen", after, StringComparison.Ordinal);
        Assert.Empty(Offered(after));
        Assert.DoesNotContain("handler=Klaeren", after, StringComparison.Ordinal);
        var registerSteps = Regex.Matches(after, "<li>[^<]*\\((?<id>[^,]+), [^)]+\\): (automatisiert|KI-gestützt|softwareunterstützt)</li>").Select(m => m.Groups["id"].Value);
        Assert.Equal(automated.Order(StringComparer.Ordinal), registerSteps.Order(StringComparer.Ordinal));

        var decided = await DecideAsync(client, Token(after), "veroeffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var status = WebUtility.HtmlDecode(await client.GetStringAsync("/prozesse"));
        var api = factory.ApiClient("prozess");
        var versions = await api.GetFromJsonAsync<JsonElement>($"/api/definitions/{processId}/versions");
        var version = versions[0];
        if (automated.Length == 0)
        {
            Assert.Contains($"({processId}) Version 1 ist veröffentlicht.", status, StringComparison.Ordinal);
            Assert.True(version.GetProperty("published").GetBoolean());
            return;
        }
        // Stored unpublished; the register asks for exactly the steps chosen as software, no human step.
        Assert.Contains("Als Entwurf gespeichert, aber nicht veröffentlicht", status, StringComparison.Ordinal);
        Assert.False(version.GetProperty("published").GetBoolean());
        var id = version.GetProperty("id").GetInt64();
        var register = await api.GetFromJsonAsync<JsonElement>($"/api/register/{id}");
        Assert.Equal(automated.Order(StringComparer.Ordinal), register.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("nodeId").GetString()!).Order(StringComparer.Ordinal));
        foreach (var step in automated)
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/register/{id}/steps/{step}", CompleteEntry())).StatusCode);
        var published = await api.PostAsync($"/api/definitions/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.True((await api.GetFromJsonAsync<JsonElement>($"/api/definitions/{processId}/versions"))[0].GetProperty("published").GetBoolean());
    }

    [Fact]
    public async Task Without_clarification_plain_tasks_without_a_lane_count_as_software_and_each_blocks_publishing()
    {
        var client = await factory.SessionAsync("prozess", "demo");

        var html = await UploadAsync(client, Foreign("bpmnio-A.4.0-export.bpmn", "ohne_klaerung"), "a4.bpmn");

        // Tasks 1, 2, 4 and 6 lie in no lane: the reader takes them as software, so the register wants an entry for each.
        Assert.Contains("4 Schritte ohne vollständigen Registereintrag", html, StringComparison.Ordinal);
        Assert.Contains("<li>Task 1 (Task1Task, ohne_klaerung_0): automatisiert</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Task 6 (Task6Task, ohne_klaerung_1): automatisiert</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Task3Task, ohne_klaerung_1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_effort_proposed_from_the_name_is_the_factor_tables_and_is_written_as_am_effort()
    {
        var client = await factory.SessionAsync("prozess", "demo");
        var source = Foreign("signavio-C.1.0-export.bpmn", "aufwand_vorschlag").Replace("name=\"Approve Invoice\"", "name=\"Antrag prüfen\"", StringComparison.Ordinal);
        var html = await UploadAsync(client, source, "aufwand.bpmn");
        var cell = Automation.Engine.Accounting.FactorSet.Default.FindZeitwert(3, Automation.Engine.Model.Complexity.Medium, DateTimeOffset.UtcNow)!;

        Assert.Contains($"Standardaufwand übernehmen: {cell.Label}, {cell.Value.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("de-DE"))} Minuten je Fall (Stichwort „prüf“)", html, StringComparison.Ordinal);
        Assert.Contains("Annahme: Komplexität „mittel“", html, StringComparison.Ordinal);
        var offered = Offered(html);
        const string Approve = "sid-3D32F965-45BE-4805-8961-8775C07C2C84", Review = "sid-B4536FCD-EEC2-41BF-BB75-1F69DF149E6F";
        Assert.True(offered.Single(o => o.Id == Review).Effort);
        await ClarifyAsync(client, Token(html), offered.Select(o => (o.Id, o.Kind, (string?)(o.Role ?? "sachbearbeitung"), o.Id == Approve)));

        var kept = factory.Services.GetRequiredService<PendingUploads>().Latest("prozess")!.Source;
        var approve = Regex.Match(kept, $"<userTask [^>]*id=\"{Approve}\"[^>]*>").Value;
        Assert.Contains("am:activity=\"3\"", approve, StringComparison.Ordinal);
        Assert.Contains("am:complexity=\"medium\"", approve, StringComparison.Ordinal);
        // Only the ticked step gets an effort; the form's tick on the others was not sent.
        var review = Regex.Match(kept, $"<userTask [^>]*id=\"{Review}\"[^>]*>").Value;
        Assert.Contains("am:level=\"manual\"", review, StringComparison.Ordinal);
        Assert.DoesNotContain("am:activity", review, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Task_Gibt_Es_Nicht", "mensch", "sachbearbeitung", "Den Schritt „Task_Gibt_Es_Nicht“ gibt es in der hochgeladenen Datei nicht")]
    [InlineData("StartEvent_1", "automatisiert", null, "Den Schritt „StartEvent_1“ gibt es in der hochgeladenen Datei nicht")]
    [InlineData("SendTask_SendReminderEmail", "roboter", null, "ist die Art „roboter“ unbekannt; erlaubt sind Person, automatisiert, KI-gestützt")]
    [InlineData("SendTask_RequestDocument", "mensch", null, "fehlt die Rolle")]
    [InlineData("SendTask_RequestDocument", "mensch", "x\u0001y", "ist ungültig: höchstens 100 Zeichen, ohne Steuerzeichen")]
    public async Task A_forged_choice_is_refused_in_german_and_the_kept_model_stays_as_uploaded(string id, string kind, string? role, string expected)
    {
        var client = await factory.SessionAsync("prozess", "demo");
        var source = Foreign("camunda-web-modeler-C.9.1.bpmn");
        var html = await UploadAsync(client, source, "c91.bpmn");
        var token = Token(html);

        var response = await ClarifyAsync(client, token, [("UserTask_CallCustomer", "mensch", "sachbearbeitung", false), (id, kind, role, false)]);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, page, StringComparison.Ordinal);
        // Nothing half-written: the first, valid choice was not applied either.
        var kept = factory.Services.GetRequiredService<PendingUploads>().Latest("prozess")!;
        Assert.Equal(source, kept.Source);
        Assert.Equal(token, kept.Token);
    }

    [Fact]
    public async Task A_clerk_cannot_post_choices_even_with_the_owners_token()
    {
        var owner = await factory.SessionAsync("prozess", "demo");
        var source = Foreign("camunda-web-modeler-C.9.1.bpmn");
        var token = Token(await UploadAsync(owner, source, "c91.bpmn"));
        var clerk = await factory.SessionAsync("sachbearbeitung", "demo");
        var home = await clerk.GetStringAsync("/");

        var response = await clerk.PostAsync("/prozesse/hochladen?handler=Klaeren", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(home), ["token"] = token,
            ["schritte[0].Id"] = "UserTask_CallCustomer", ["schritte[0].Art"] = "automatisiert",
        }));
        var api = await factory.ApiClient("sachbearbeitung").PostAsync("/api/definitions/validate?fileName=c91.bpmn", new StringContent(source, Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/kein-zugriff", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync(response.Headers.Location!.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(source, factory.Services.GetRequiredService<PendingUploads>().Latest("prozess")!.Source);
    }

    private static List<string> Findings(JsonElement diagnostics) => diagnostics.EnumerateArray()
        .Select(d => string.Join(" | ", d.GetProperty("severity").GetString(), d.GetProperty("code").GetString(), d.GetProperty("elementId").GetString(),
            d.GetProperty("label").GetString(), d.GetProperty("message").GetString()))
        .Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("bpmnio-A.4.0-export.bpmn")]
    [InlineData("signavio-C.1.0-export.bpmn")]
    [InlineData("camunda-web-modeler-C.9.1.bpmn")]
    public async Task Pruefen_reports_exactly_the_findings_publishing_refuses_with(string file)
    {
        var api = factory.ApiClient("prozess");
        var source = Foreign(file, "pruefen_" + file[..5]);

        var check = await (await api.PostAsync($"/api/definitions/validate?fileName={file}", new StringContent(source, Encoding.UTF8, "application/xml")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var refused = await api.PostAsync($"/api/definitions?publish=true&fileName={file}", new StringContent(source, Encoding.UTF8, "application/xml"));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.False(check.GetProperty("publishable").GetBoolean());
        Assert.True(check.GetProperty("valid").GetBoolean());
        var checkFindings = Findings(check.GetProperty("diagnostics"));
        Assert.Contains(checkFindings, f => f.StartsWith("error | register-incomplete | ", StringComparison.Ordinal) && f.Contains("Zweck, Rechtsgrundlage", StringComparison.Ordinal));
        Assert.Equal(Findings(problem.GetProperty("diagnostics")), checkFindings);
        // The same file checked again after the refused publish (now stored unpublished) still matches: entries carry over alike.
        var again = await (await api.PostAsync($"/api/definitions/validate?fileName={file}", new StringContent(source, Encoding.UTF8, "application/xml")))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(checkFindings, Findings(again.GetProperty("diagnostics")));
    }

    [Fact]
    public async Task Pruefen_counts_register_entries_the_new_version_will_carry_over_as_publishing_does()
    {
        var api = factory.ApiClient("prozess");
        var source = Foreign("camunda-web-modeler-C.9.1.bpmn", "pruefen_uebernahme");
        var stored = await api.PostAsync("/api/definitions?fileName=c91.bpmn", new StringContent(source, Encoding.UTF8, "application/xml"));
        var id = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0].GetProperty("id").GetInt64();
        await api.PutAsJsonAsync($"/api/register/{id}/steps/SendTask_RequestDocument", CompleteEntry());
        // A changed file becomes version 2 and takes version 1's entries for the same element ids.
        var changed = source.Replace("name=\"Call customer\"", "name=\"Kunden anrufen\"", StringComparison.Ordinal);

        var check = await (await api.PostAsync("/api/definitions/validate?fileName=c91.bpmn", new StringContent(changed, Encoding.UTF8, "application/xml")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var refused = await api.PostAsync("/api/definitions?publish=true&fileName=c91.bpmn", new StringContent(changed, Encoding.UTF8, "application/xml"));

        var gaps = Findings(check.GetProperty("diagnostics")).Where(f => f.Contains("register-incomplete", StringComparison.Ordinal)).ToList();
        Assert.Equal(["error | register-incomplete | SendTask_SendReminderEmail | Send reminder email | " + PublishFindings.RegisterText(["purpose", "legalBasis", "automationLevel", "humanOversight", "affectedGroups", "dataUsed", "systemName", "provider", "riskClass", "responsibleUnit", "contact"])], gaps);
        Assert.Equal(Findings((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics")), Findings(check.GetProperty("diagnostics")));
    }
}
