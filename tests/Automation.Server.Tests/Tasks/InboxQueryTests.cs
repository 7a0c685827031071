using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests.Tasks;

/// <summary>
/// The inbox's filter, search, order and paging (GET parameters of /aufgaben), fed with data that tries to break them:
/// two processes with the same task name, Aktenzeichen holding LIKE wildcards, a case of another group matching the
/// search, more tasks than a page.
/// </summary>
public sealed class InboxQueryTests(InboxFixture fixture) : IClassFixture<InboxFixture>
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task Filtering_by_process_separates_two_processes_whose_tasks_have_the_same_name()
    {
        var marker = Unique("AZ-PROZ-");
        var eins = await fixture.StartAsync(InboxFixture.Eins, marker + "-1");
        var zwei = await fixture.StartAsync(InboxFixture.Zwei, marker + "-2");
        var clerk = await fixture.ClientAsync("ib-clerk");

        var (html, rows) = await InboxFixture.InboxAsync(clerk, $"?prozess={InboxFixture.Eins}&suche={marker}");
        Assert.Equal([eins.CaseId], rows.Select(r => r.CaseId));
        var (_, other) = await InboxFixture.InboxAsync(clerk, $"?prozess={InboxFixture.Zwei}&suche={marker}");
        Assert.Equal([zwei.CaseId], other.Select(r => r.CaseId));
        // Both processes are offered by name in the filter; the selected one stays selected (a bookmark shows its filter).
        Assert.Contains($"<option value=\"{InboxFixture.Eins}\" selected=\"selected\">{System.Net.WebUtility.HtmlEncode(InboxFixture.EinsName)}</option>", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{InboxFixture.Zwei}\">{System.Net.WebUtility.HtmlEncode(InboxFixture.ZweiName)}</option>", html, StringComparison.Ordinal);
        // The other group's process is not offered to this clerk.
        Assert.DoesNotContain(InboxFixture.FremdName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbox_shows_process_name_and_one_readable_postkorb_instead_of_ids()
    {
        var key = Unique("AZ-NAME-");
        await fixture.StartAsync(InboxFixture.Eins, key);
        var clerk = await fixture.ClientAsync("ib-clerk");
        var (html, rows) = await InboxFixture.InboxAsync(clerk, $"?suche={key}");
        Assert.Single(rows);
        var row = html[html.IndexOf($"data-business-key=\"{key}\"", StringComparison.Ordinal)..];
        row = System.Net.WebUtility.HtmlDecode(row[..row.IndexOf("</tr>", StringComparison.Ordinal)]);
        Assert.Contains($"<td data-label=\"Prozess\">{InboxFixture.EinsName}</td>", row, StringComparison.Ordinal);
        // The lane's name and the role key name one Postkorb: shown once, by its readable name.
        Assert.Contains($"<td data-label=\"Postkorb\">{InboxFixture.Lane}</td>", row, StringComparison.Ordinal);
        Assert.DoesNotContain(">" + InboxFixture.Eins + "<", row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    public async Task Search_treats_like_wildcards_as_plain_characters(string wildcard)
    {
        var marker = Unique("AZ-WILD-");
        var literal = await fixture.StartAsync(InboxFixture.Eins, $"{marker}-A{wildcard}B");
        await fixture.StartAsync(InboxFixture.Eins, $"{marker}-AXB");
        await fixture.StartAsync(InboxFixture.Zwei, $"{marker}-AB");
        var clerk = await fixture.ClientAsync("ib-clerk");

        var (_, rows) = await InboxFixture.InboxAsync(clerk, "?suche=" + Uri.EscapeDataString($"A{wildcard}B"));
        Assert.Equal([literal.CaseId], rows.Where(r => r.Key.StartsWith(marker, StringComparison.Ordinal)).Select(r => r.CaseId));
        Assert.All(rows, r => Assert.Contains($"A{wildcard}B", r.Key, StringComparison.Ordinal));
        // The wildcard alone matches only keys that hold it, not every task.
        var (_, alone) = await InboxFixture.InboxAsync(clerk, "?suche=" + Uri.EscapeDataString(wildcard));
        Assert.NotEmpty(alone);
        Assert.All(alone, r => Assert.Contains(wildcard, r.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_ignores_case_and_finds_task_names_too()
    {
        var key = Unique("AZ-Gross-");
        var started = await fixture.StartAsync(InboxFixture.Zwei, key);
        var clerk = await fixture.ClientAsync("ib-clerk");
        var (_, lower) = await InboxFixture.InboxAsync(clerk, "?suche=" + Uri.EscapeDataString(key.ToLowerInvariant()));
        Assert.Equal([started.CaseId], lower.Select(r => r.CaseId));
        var (_, byName) = await InboxFixture.InboxAsync(clerk, $"?prozess={InboxFixture.Zwei}&suche=" + Uri.EscapeDataString("ANTRAG BEARB"));
        Assert.Contains(started.CaseId, byName.Select(r => r.CaseId));
    }

    [Fact]
    public async Task A_case_of_another_group_never_appears_in_search_results_not_even_for_a_manager_who_sees_every_case()
    {
        var key = Unique("AZ-GEHEIM-");
        var secret = await fixture.StartAsync(InboxFixture.Fremd, key);
        foreach (var user in new[] { "ib-clerk", "ib-lead" })
        {
            var client = await fixture.ClientAsync(user);
            foreach (var query in new[] { $"?suche={key}", $"?suche={key}&prozess={InboxFixture.Fremd}", "?suche=GEHEIM&sortierung=prozess", $"?prozess={InboxFixture.Fremd}" })
            {
                var (html, rows) = await InboxFixture.InboxAsync(client, query);
                Assert.DoesNotContain(secret.CaseId, rows.Select(r => r.CaseId));
                // Nowhere on the page but in the search box that echoes it.
                Assert.DoesNotContain(key, html.Replace($"value=\"{key}\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }
        // The group's own clerk finds it: the search itself works.
        var insider = await fixture.ClientAsync("ib-outsider");
        Assert.Equal([secret.CaseId], (await InboxFixture.InboxAsync(insider, $"?suche={key}")).Rows.Select(r => r.CaseId));
    }

    [Fact]
    public async Task Paging_with_a_filter_returns_every_matching_task_once_and_keeps_the_filter_in_the_page_links()
    {
        var marker = Unique("AZ-SEITE-");
        var started = new List<Guid>();
        for (var i = 0; i < 27; i++) started.Add((await fixture.StartAsync(InboxFixture.Zwei, $"{marker}-{i:00}")).CaseId);
        // Same search text in the other process: the process filter must keep these out of every page.
        for (var i = 0; i < 3; i++) await fixture.StartAsync(InboxFixture.Eins, $"{marker}-E{i}");
        var clerk = await fixture.ClientAsync("ib-clerk");

        var query = $"?prozess={InboxFixture.Zwei}&suche={marker}&sortierung=eingang";
        var (first, page1) = await InboxFixture.InboxAsync(clerk, query);
        Assert.Contains("27 Aufgaben (gefiltert), Seite 1 von 2", first, StringComparison.Ordinal);
        var next = System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value;
        next = System.Net.WebUtility.HtmlDecode(next);
        Assert.Contains($"prozess={InboxFixture.Zwei}", next, StringComparison.Ordinal);
        Assert.Contains($"suche={marker}", next, StringComparison.Ordinal);
        var (_, page2) = await InboxFixture.InboxAsync(clerk, next["/aufgaben".Length..]);
        var all = page1.Concat(page2).Select(r => r.CaseId).ToList();
        Assert.Equal(started, all);
        Assert.True(page1.Count > page2.Count && page2.Count > 0, $"{page1.Count} + {page2.Count}");
    }

    [Fact]
    public async Task Deadline_filters_and_order_follow_the_due_date()
    {
        var marker = Unique("AZ-FRIST-");
        var now = DateTimeOffset.Now;
        var today = new DateTimeOffset(now.Date, now.Offset);
        var overdue = await fixture.StartAsync(InboxFixture.Eins, marker + "-UEBER");
        var laterToday = await fixture.StartAsync(InboxFixture.Eins, marker + "-HEUTE");
        var nextMonth = await fixture.StartAsync(InboxFixture.Eins, marker + "-MONAT");
        var none = await fixture.StartAsync(InboxFixture.Eins, marker + "-OHNE");
        await fixture.SetDueAsync(overdue.CaseId, now.AddDays(-3));
        // Just before midnight: still today, whatever the hour the test runs.
        await fixture.SetDueAsync(laterToday.CaseId, today.AddDays(1).AddMinutes(-1));
        await fixture.SetDueAsync(nextMonth.CaseId, today.AddDays(40));
        var clerk = await fixture.ClientAsync("ib-clerk");

        async Task<List<Guid>> Ids(string q) => (await InboxFixture.InboxAsync(clerk, $"?suche={marker}{q}")).Rows.Select(r => r.CaseId).ToList();
        Assert.Equal([overdue.CaseId], await Ids("&frist=ueberfaellig"));
        Assert.Equal([laterToday.CaseId], await Ids("&frist=heute"));
        Assert.DoesNotContain(nextMonth.CaseId, await Ids("&frist=woche"));
        Assert.DoesNotContain(none.CaseId, await Ids("&frist=woche"));
        Assert.Contains(laterToday.CaseId, await Ids("&frist=woche"));
        // Nearest deadline first, tasks without one last.
        Assert.Equal([overdue.CaseId, laterToday.CaseId, nextMonth.CaseId, none.CaseId], await Ids("&sortierung=frist"));
    }

    [Fact]
    public async Task Unknown_filter_values_and_an_overlong_search_are_named_in_german_not_ignored_or_a_500()
    {
        var clerk = await fixture.ClientAsync("ib-clerk");
        foreach (var (query, expected) in new[]
        {
            ("?frist=gestern", "Unbekannter Fristfilter „gestern“"),
            ("?sortierung=zufall", "Unbekannte Sortierung „zufall“"),
            ("?suche=" + new string('x', 101), "Der Suchbegriff ist zu lang"),
            ("?seite=0", "Die Seite muss 1 oder größer sein"),
        })
        {
            var (html, rows) = await InboxFixture.InboxAsync(clerk, query);
            Assert.Empty(rows);
            Assert.Contains(expected, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_api_inbox_keeps_its_shape_and_carries_process_name_and_postkorb_names()
    {
        var key = Unique("AZ-API-");
        var started = await fixture.StartAsync(InboxFixture.Eins, key);
        using var clerk = fixture.Factory.ApiClient("ib-clerk");
        var inbox = await clerk.GetFromJsonAsync<JsonElement>("/api/tasks");
        var task = inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetGuid() == started.CaseId);
        Assert.Equal(InboxFixture.EinsName, task.GetProperty("processName").GetString());
        Assert.Equal([InboxFixture.Lane], task.GetProperty("mailboxes").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("ib-a", task.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/tasks")).StatusCode);
    }
}
