using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Automation.Server.Tests.Tasks;

/// <summary>
/// The task page: Aktenzeichen and process name instead of ids; reassignment by the Leitung to members of the task's
/// groups only, with forged posts (an outsider as target, a clerk as sender, no anti-forgery token) refused and changing
/// nothing; validation messages of the form in German.
/// </summary>
public sealed partial class TaskPageReassignTests(InboxFixture fixture) : IClassFixture<InboxFixture>
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private async Task<JsonElement> TaskAsync(Guid caseId, long waitId)
    {
        using var admin = fixture.Factory.ApiClient("admin");
        return (await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("waits").EnumerateArray()
            .Single(w => w.GetProperty("id").GetInt64() == waitId);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string handler, Dictionary<string, string> values, bool withToken = true)
    {
        if (withToken) values["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(await client.GetStringAsync(url));
        return await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task The_task_page_shows_aktenzeichen_and_process_name_and_no_guid_as_text()
    {
        var key = Unique("AZ-SEITE-");
        var (caseId, waitId) = await fixture.StartAsync(InboxFixture.Eins, key);
        var clerk = await fixture.ClientAsync("ib-clerk");
        var html = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/aufgaben/{caseId}/{waitId}"));
        Assert.Contains($"<dd id=\"task-business-key\">{key}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"task-process\">{InboxFixture.EinsName}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<title>{InboxFixture.TaskName} – {key}", html, StringComparison.Ordinal);
        // The case id may be in links and form addresses, never in what a person reads.
        Assert.DoesNotContain(caseId.ToString(), Tags().Replace(html, " "), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(">" + InboxFixture.Eins + "<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_leitung_is_offered_exactly_the_active_members_of_the_tasks_group_and_a_clerk_no_reassignment()
    {
        var (caseId, waitId) = await fixture.StartAsync(InboxFixture.Zwei, Unique("AZ-LISTE-"));
        var lead = await fixture.ClientAsync("ib-lead");
        var html = await lead.GetStringAsync($"/aufgaben/{caseId}/{waitId}");
        var select = html[html.IndexOf("<select id=\"reassign-to\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        var offered = Options().Matches(select).Select(m => m.Groups[1].Value).Where(v => v.Length > 0).Order(StringComparer.Ordinal).ToList();
        // Not the other group's clerk, the group's process owner (no task-working role), the deactivated member,
        // the administrator or the demo clerk of other groups.
        Assert.Equal(["ib-clerk", "ib-kollegin", "ib-lead"], offered);

        var clerk = await fixture.ClientAsync("ib-clerk");
        Assert.DoesNotContain("reassign-to", await clerk.GetStringAsync($"/aufgaben/{caseId}/{waitId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_reassignments_are_refused_and_change_nothing()
    {
        var (caseId, waitId) = await fixture.StartAsync(InboxFixture.Eins, Unique("AZ-FALSCH-"));
        var url = $"/aufgaben/{caseId}/{waitId}";
        var lead = await fixture.ClientAsync("ib-lead");
        foreach (var outsider in new[] { "ib-outsider", "ib-owner", "ib-weg", "admin", "sachbearbeitung", "niemand" })
        {
            var refused = await PostAsync(lead, url, "Reassign", new() { ["to"] = outsider });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(outsider, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        // A clerk of the group posting the form the Leitung would get, naming a member: refused by role.
        var clerk = await fixture.ClientAsync("ib-clerk");
        var byClerk = await PostAsync(clerk, url, "Reassign", new() { ["to"] = "ib-kollegin" });
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Contains("Aufgaben zuweisen darf nur die Leitung", WebUtility.HtmlDecode(await byClerk.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        // The Leitung without the anti-forgery token (a cross-site post).
        var noToken = await PostAsync(lead, url, "Reassign", new() { ["to"] = "ib-kollegin" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var task = await TaskAsync(caseId, waitId);
        Assert.Equal("open", task.GetProperty("taskStatus").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("assignee").ValueKind);
    }

    [Fact]
    public async Task The_leitung_reassigns_with_a_redirect_and_a_german_notice_and_the_new_assignee_completes_with_german_validation()
    {
        var (caseId, waitId) = await fixture.StartAsync(InboxFixture.Eins, Unique("AZ-ZUWEISEN-"));
        var url = $"/aufgaben/{caseId}/{waitId}";
        var lead = await fixture.ClientAsync("ib-lead");
        var given = await PostAsync(lead, url, "Reassign", new() { ["to"] = "ib-kollegin" });
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal(url, given.Headers.Location?.OriginalString);
        var after = WebUtility.HtmlDecode(await lead.GetStringAsync(url));
        Assert.Contains("Die Aufgabe ist jetzt ib-kollegin zugewiesen.", after, StringComparison.Ordinal);
        Assert.Contains("übernommen von ib-kollegin", after, StringComparison.Ordinal);
        // The notice is shown once (after the redirect), not on every later visit.
        Assert.DoesNotContain("zugewiesen.", WebUtility.HtmlDecode(await lead.GetStringAsync(url)), StringComparison.Ordinal);
        Assert.Equal("ib-kollegin", (await TaskAsync(caseId, waitId)).GetProperty("assignee").GetString());

        var colleague = await fixture.ClientAsync("ib-kollegin");
        var wrong = await PostAsync(colleague, url, "Complete", new() { ["v.eingang"] = "kein Datum" });
        var message = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("„Eingangsdatum“ muss ein Datum", message, StringComparison.Ordinal);
        Assert.DoesNotContain("must be", message, StringComparison.Ordinal);
        var missing = WebUtility.HtmlDecode(await (await PostAsync(colleague, url, "Complete", new() { ["v.eingang"] = "" })).Content.ReadAsStringAsync());
        Assert.Contains("ist ein Pflichtfeld", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("is required", missing, StringComparison.Ordinal);

        var done = await PostAsync(colleague, url, "Complete", new() { ["v.eingang"] = "11.11.2026" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        using var admin = fixture.Factory.ApiClient("admin");
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal("2026-11-11", detail.GetProperty("variables").GetProperty("eingang").GetString());
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex Options();
}
