using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests;

/// <summary>
/// Completing a task reads the task row and the case row once, through the API and through the page: every statement
/// the server runs on the database is seen (SQLite trace, bound values expanded), and the ones naming the case count.
/// </summary>
public sealed partial class TaskPathReadTests : IClassFixture<ServerFactory>, IAsyncLifetime
{
    private readonly ServerFactory factory;

    public TaskPathReadTests(ServerFactory factory) => this.factory = factory;

    public async Task InitializeAsync() => await TestBpmn.PublishAsync(factory.ApiClient("prozess"), TestBpmn.TwoTasks());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Completing_a_task_through_the_api_reads_the_task_row_and_the_case_row_once()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        var id = await TestBpmn.StartAsync(clerk, "pruefung", "AZ-READS-API");
        var wait = await TestBpmn.FirstTaskAsync(clerk, id);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{id}/{wait}/claim", null)).StatusCode);

        var statements = await ObserveAsync(id, async () =>
        {
            var done = await clerk.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { betrag = 120, ok = true } });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        });

        AssertOneReadEach(statements);
        var detail = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Contains("Task_Zwei", detail.GetProperty("activeNodes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Completing_a_task_through_the_page_reads_the_task_row_and_the_case_row_once_and_keeps_the_form_rules()
    {
        var id = await TestBpmn.StartAsync(factory.ApiClient("sachbearbeitung"), "pruefung", "AZ-READS-PAGE");
        var wait = await TestBpmn.FirstTaskAsync(factory.ApiClient("sachbearbeitung"), id);
        var browser = await factory.LoginAsync("sachbearbeitung", "demo");
        var page = await browser.GetStringAsync($"/aufgaben/{id}/{wait}");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"/aufgaben/{id}/{wait}?handler=Claim", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page) }))).StatusCode);
        page = await browser.GetStringAsync($"/aufgaben/{id}/{wait}");

        HttpResponseMessage? done = null;
        var statements = await ObserveAsync(id, async () =>
        {
            // The checkbox 'ok' is not ticked, so it is not sent; a posted value of no declared field is ignored.
            done = await browser.PostAsync($"/aufgaben/{id}/{wait}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page),
                ["v.betrag"] = "42",
                ["v.fremd"] = "nicht deklariert",
            }));
        });

        Assert.Equal(HttpStatusCode.Redirect, done!.StatusCode);
        Assert.Equal($"/vorgaenge/{id}", done.Headers.Location?.OriginalString);
        AssertOneReadEach(statements);
        var variables = (await factory.ApiClient("sachbearbeitung").GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("variables");
        Assert.Equal(42, variables.GetProperty("betrag").GetInt64());
        Assert.False(variables.GetProperty("ok").GetBoolean());
        Assert.False(variables.TryGetProperty("fremd", out _));
    }

    [Fact]
    public async Task A_page_completion_of_a_task_done_meanwhile_shows_the_conflict_and_writes_nothing()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        var id = await TestBpmn.StartAsync(clerk, "pruefung", "AZ-READS-TWICE");
        var wait = await TestBpmn.FirstTaskAsync(clerk, id);
        var browser = await factory.LoginAsync("sachbearbeitung", "demo");
        var page = await browser.GetStringAsync($"/aufgaben/{id}/{wait}");
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { betrag = 1 } })).StatusCode);

        var late = await browser.PostAsync($"/aufgaben/{id}/{wait}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page),
            ["v.betrag"] = "2",
        }));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("inzwischen von jemand anderem übernommen oder erledigt", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var variables = (await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("variables");
        Assert.Equal(1, variables.GetProperty("betrag").GetInt64());
    }

    private async Task<IReadOnlyList<string>> ObserveAsync(Guid caseId, Func<Task> action)
    {
        var database = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database;
        var seen = new ConcurrentQueue<string>();
        var id = caseId.ToString();
        database.StatementObserver = sql => { if (sql.Contains(id, StringComparison.Ordinal)) seen.Enqueue(sql); };
        try
        {
            await action();
        }
        finally
        {
            database.StatementObserver = null;
        }
        return [.. seen];
    }

    private static void AssertOneReadEach(IReadOnlyList<string> statements)
    {
        var reads = statements.Where(s => s.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).ToList();
        var all = string.Join("\n", statements);
        Assert.True(reads.Count(s => Table("tasks").IsMatch(s)) == 1, "the task row is read once; statements naming the case:\n" + all);
        Assert.True(reads.Count(s => Table("cases").IsMatch(s)) == 1, "the case row is read once; statements naming the case:\n" + all);
    }

    // Word boundaries keep ledger_folded_cases and the like out; EF quotes names ("cases"), the lean SQL does not.
    private static Regex Table(string name) => new($"(?<![\\w]){name}(?![\\w])", RegexOptions.CultureInvariant);
}
