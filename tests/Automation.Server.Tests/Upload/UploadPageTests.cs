using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Features.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Upload;

/// <summary>The server with a small upload limit, so an oversized file is cheap to send.</summary>
public sealed class SmallUploadServerFactory : ServerFactory
{
    /// <summary>The limit set for these tests.</summary>
    public const int Limit = 40_000;

    private readonly Dictionary<string, HttpClient> sessions = new(StringComparer.Ordinal);

    /// <summary>One logged-in client per user for the whole class: logging in per test would trip the login throttle.</summary>
    public async Task<HttpClient> SessionAsync(string user, string password)
    {
        if (!sessions.TryGetValue(user, out var client)) sessions[user] = client = await LoginAsync(user, password);
        return client;
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Automation:MaxUploadBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>
/// The upload page as a browser would drive it, and as an attacker would: the report shows the API's findings in German
/// with element, label and line; the second step validates again whatever the form says; limits and roles hold.
/// </summary>
public sealed partial class UploadPageTests(SmallUploadServerFactory factory) : IClassFixture<SmallUploadServerFactory>
{
    /// <summary>A flow pointing at an element that does not exist: one error on F3.</summary>
    private static string Broken(string processId) => TestBpmn.TwoTasks(processId).Replace("targetRef=\"End\"", "targetRef=\"Nirgendwo\"", StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string content, string fileName)
    {
        var form = await client.GetStringAsync("/prozesse/hochladen");
        using var body = new MultipartFormDataContent
        {
            { new StringContent(ServerFactory.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "datei", fileName },
        };
        return await client.PostAsync("/prozesse/hochladen?handler=Pruefen", body);
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, string token, string action)
    {
        var form = await client.GetStringAsync("/prozesse/hochladen");
        return await client.PostAsync("/prozesse/hochladen?handler=Speichern", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form), ["token"] = token, ["aktion"] = action,
        }));
    }

    private async Task<List<int>> VersionsAsync(string processId)
    {
        var response = await factory.ApiClient("prozess").GetAsync($"/api/definitions/{processId}/versions");
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        var versions = await response.Content.ReadFromJsonAsync<JsonElement>();
        return versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToList();
    }

    [GeneratedRegex("<tr>\\s*<td data-label=\"Schwere\">(?<sev>[^<]*)</td>\\s*<td data-label=\"Befund\">(?<text>[^<]*)</td>\\s*<td data-label=\"Element\">(?<id>[^<]*)</td>\\s*<td data-label=\"Bezeichnung\">(?<label>[^<]*)</td>\\s*<td data-label=\"Zeile\">(?<line>[^<]*)</td>\\s*<td data-label=\"Code\"><code>(?<code>[^<]*)</code>")]
    private static partial Regex FindingRow();

    [Fact]
    public async Task The_report_lists_the_same_findings_as_the_api_in_german_with_element_label_and_line()
    {
        var source = Broken("upload_bericht").Replace("<bpmn:userTask id=\"Task_Zwei\" name=\"Bescheid schreiben\">",
            "<bpmn:userTask id=\"Task_Zwei\" name=\"Bescheid schreiben\"><bpmn:standardLoopCharacteristics/>", StringComparison.Ordinal);
        var api = await factory.ApiClient("prozess").PostAsync("/api/definitions/validate?fileName=x.bpmn", new StringContent(source, Encoding.UTF8, "application/xml"));
        var expected = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray()
            .Select(d => (Code: d.GetProperty("code").GetString()!, Id: d.GetProperty("elementId").GetString() ?? "–",
                Line: d.GetProperty("line").ValueKind == JsonValueKind.Number ? d.GetProperty("line").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "–"))
            .OrderBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        Assert.Contains(expected, d => d.Code == "missing-reference");

        var client = await factory.SessionAsync("prozess", "demo");
        var response = await UploadAsync(client, source, "bericht.bpmn");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = FindingRow().Matches(html).Select(m => m.Groups).ToList();
        Assert.Equal(expected, rows.Select(g => (Code: g["code"].Value, Id: g["id"].Value, Line: g["line"].Value))
            .OrderBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal).ToList());
        var broken = rows.Single(g => g["code"].Value == "missing-reference");
        Assert.Equal("Fehler", broken["sev"].Value);
        Assert.Equal("Das Element verweist auf ein Element, das es nicht gibt.", broken["text"].Value);
        // The engine's English message stays out of the page.
        Assert.DoesNotContain("unknown", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("handler=Speichern", html, StringComparison.Ordinal);
        Assert.Contains("nicht möglich, solange der Bericht Fehler enthält", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finding_on_a_named_task_shows_the_tasks_label()
    {
        var source = TestBpmn.TwoTasks("upload_label").Replace("<am:role name=\"sachbearbeitung\"/><", "<am:role name=\"sachbearbeitung\"/><am:effort activity=\"-3\"/><", StringComparison.Ordinal);
        var client = await factory.SessionAsync("prozess", "demo");

        var html = WebUtility.HtmlDecode(await (await UploadAsync(client, source, "label.bpmn")).Content.ReadAsStringAsync());

        var row = Assert.Single(FindingRow().Matches(html), m => m.Groups["id"].Value == "Task_Zwei");
        Assert.Equal("Bescheid schreiben", row.Groups["label"].Value);
        Assert.Matches("^[0-9]+$", row.Groups["line"].Value);
    }

    [Fact]
    public async Task Malformed_xml_is_reported_with_its_line_and_nothing_is_stored()
    {
        var source = TestBpmn.TwoTasks("upload_kaputt").Replace("</bpmn:process>", "", StringComparison.Ordinal);
        var client = await factory.SessionAsync("prozess", "demo");

        var html = WebUtility.HtmlDecode(await (await UploadAsync(client, source, "kaputt.bpmn")).Content.ReadAsStringAsync());

        var row = Assert.Single(FindingRow().Matches(html));
        Assert.Equal("xml-malformed", row.Groups["code"].Value);
        var expectedLine = source.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains("</bpmn:definitions>", StringComparison.Ordinal)).i + 1;
        Assert.Equal(expectedLine.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Groups["line"].Value);
        Assert.Contains("Das XML ist fehlerhaft", html, StringComparison.Ordinal);
        Assert.Empty(await VersionsAsync("upload_kaputt"));
    }

    [Fact]
    public async Task A_file_with_errors_cannot_be_published_or_saved_by_forging_the_second_post()
    {
        var client = await factory.SessionAsync("prozess", "demo");
        await UploadAsync(client, Broken("upload_gefaelscht"), "gefaelscht.bpmn");
        // The attacker knows the token (the page does not show one when errors remain) and posts the decision anyway.
        var token = PendingToken("prozess");

        foreach (var action in new[] { "veroeffentlichen", "entwurf", "irgendwas" })
        {
            var response = await DecideAsync(client, token, action);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("nicht möglich: Die Definition enthält 1 Fehler", html, StringComparison.Ordinal);
        }
        Assert.Empty(await VersionsAsync("upload_gefaelscht"));
    }

    [Fact]
    public async Task A_token_of_a_replaced_upload_or_of_another_user_publishes_nothing()
    {
        var owner = await factory.SessionAsync("prozess", "demo");
        await UploadAsync(owner, TestBpmn.TwoTasks("upload_alt"), "alt.bpmn");
        var oldToken = PendingToken("prozess");
        await UploadAsync(owner, Broken("upload_neu"), "neu.bpmn");
        var admin = await factory.SessionAsync("admin", "admin-secret-1");

        var replaced = await DecideAsync(owner, oldToken, "veroeffentlichen");
        var foreign = await DecideAsync(admin, PendingToken("prozess"), "veroeffentlichen");

        Assert.Equal(HttpStatusCode.Conflict, replaced.StatusCode);
        Assert.Contains("Bitte laden Sie sie erneut hoch", WebUtility.HtmlDecode(await replaced.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, foreign.StatusCode);
        Assert.Empty(await VersionsAsync("upload_alt"));
        Assert.Empty(await VersionsAsync("upload_neu"));
    }

    [Fact]
    public async Task A_valid_file_is_published_after_the_report_and_redirects_to_the_process_with_a_status()
    {
        var client = await factory.SessionAsync("prozess", "demo");
        var report = WebUtility.HtmlDecode(await (await UploadAsync(client, TestBpmn.TwoTasks("upload_gut", "Gute Prüfung"), "gut.bpmn")).Content.ReadAsStringAsync());
        var token = Regex.Match(report, "name=\"token\" value=\"([0-9A-F]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.Empty(await VersionsAsync("upload_gut"));

        var response = await DecideAsync(client, token, "veroeffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/prozesse#p-upload_gut", response.Headers.Location!.OriginalString);
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/prozesse"));
        Assert.Contains("„Gute Prüfung“ (upload_gut) Version 1 ist veröffentlicht.", list, StringComparison.Ordinal);
        Assert.Equal([1], await VersionsAsync("upload_gut"));
        // The kept text is gone once stored: the same decision again stores no second version.
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(client, token, "veroeffentlichen")).StatusCode);
        Assert.Equal([1], await VersionsAsync("upload_gut"));
    }

    [Fact]
    public async Task A_clerk_can_neither_open_nor_post_the_upload()
    {
        var clerk = await factory.SessionAsync("sachbearbeitung", "demo");
        var home = await clerk.GetStringAsync("/");

        var page = await clerk.GetAsync("/prozesse/hochladen");
        using var body = new MultipartFormDataContent
        {
            { new StringContent(ServerFactory.AntiforgeryToken(home)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(TestBpmn.TwoTasks("upload_clerk"))), "datei", "clerk.bpmn" },
        };
        var post = await clerk.PostAsync("/prozesse/hochladen?handler=Pruefen", body);
        var denied = await clerk.GetAsync("/kein-zugriff");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/kein-zugriff", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/kein-zugriff", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.DoesNotContain("/prozesse/hochladen", await (await clerk.GetAsync("/prozesse")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(factory.Services.GetRequiredService<PendingUploads>().Latest("sachbearbeitung"));
    }

    [Theory]
    [InlineData(SmallUploadServerFactory.Limit + 1)]
    [InlineData(SmallUploadServerFactory.Limit * 3)]
    public async Task An_oversized_file_gets_a_german_error_not_a_500(int size)
    {
        var client = await factory.SessionAsync("prozess", "demo");
        var xml = TestBpmn.TwoTasks("upload_gross");
        var padded = xml + "<!--" + new string('x', size - Encoding.UTF8.GetByteCount(xml) - 7) + "-->";
        Assert.Equal(size, Encoding.UTF8.GetByteCount(padded));

        var response = await UploadAsync(client, padded, "gross.bpmn");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("erlaubt sind höchstens 39,1 kB", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Prozess hochladen</h1>", html, StringComparison.Ordinal);
        Assert.Empty(await VersionsAsync("upload_gross"));
    }

    [Fact]
    public async Task A_file_far_over_the_limit_is_refused_unread_and_the_upload_page_names_the_limit()
    {
        var client = await factory.SessionAsync("prozess", "demo");

        var response = await UploadAsync(client, "<" + new string('x', SmallUploadServerFactory.Limit * 10), "riesig.bpmn");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("Die Datei war zu groß; erlaubt sind höchstens 39,1 kB.", page, StringComparison.Ordinal);
        Assert.Null(factory.Services.GetRequiredService<PendingUploads>().Latest("prozess") is { FileName: "riesig.bpmn" } ? "kept" : null);
    }

    /// <summary>The token the server keeps for the user's latest upload, read as an attacker who guessed it would hold it.</summary>
    private string PendingToken(string user) =>
        factory.Services.GetRequiredService<PendingUploads>().Latest(user)?.Token ?? throw new InvalidOperationException("no pending upload");
}
