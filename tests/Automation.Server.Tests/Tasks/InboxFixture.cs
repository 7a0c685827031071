using System.Net;
using System.Text.RegularExpressions;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Tasks;

/// <summary>
/// Processes and people for the inbox tests: two processes of group <c>ib-a</c> whose tasks have the same name (one in
/// a lane named differently from its role key), one process of group <c>ib-b</c>; clerks of each group, a second
/// member of <c>ib-a</c>, a manager of <c>ib-a</c>, a deactivated member of <c>ib-a</c>.
/// </summary>
public sealed partial class InboxFixture : IAsyncLifetime, IDisposable
{
    public const string Password = "geheim-genug-1";
    public const string Eins = "ib-eins", Zwei = "ib-zwei", Fremd = "ib-fremd";
    public const string EinsName = "Inbox Eins (Meldewesen)", ZweiName = "Inbox Zwei (Gewerbe)", FremdName = "Inbox Fremd";
    public const string Lane = "Bürgerbüro Eins";
    public const string TaskName = "Antrag bearbeiten";

    public ServerFactory Factory { get; } = new();

    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>A logged-in browser-like client per person, shared by the tests (the login is rate-limited).</summary>
    public async Task<HttpClient> ClientAsync(string user)
    {
        await gate.WaitAsync();
        try
        {
            if (!clients.TryGetValue(user, out var client)) clients[user] = client = await Factory.LoginAsync(user, Password);
            return client;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A process whose only task is <see cref="TaskName"/> of the group, in a lane of that name when given.</summary>
    public static string Process(string id, string name, string group, string? lane = null) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs_{id}" targetNamespace="urn:test">
          <bpmn:process id="{id}" name="{System.Security.SecurityElement.Escape(name)}" isExecutable="true">
            {(lane is null ? "" : $"""<bpmn:laneSet id="LS_{id}"><bpmn:lane id="Lane_{id}" name="{lane}"><bpmn:flowNodeRef>Task</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>""")}
            <bpmn:startEvent id="Start"/>
            <bpmn:userTask id="Task" name="{TaskName}">
              <bpmn:extensionElements><am:role name="{group}"/><am:field id="eingang" label="Eingangsdatum" type="date" required="true"/></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    public async Task InitializeAsync()
    {
        var store = Factory.Services.GetRequiredService<UserStore>();
        foreach (var (name, roles, groups) in new (string, string[], string[])[]
        {
            ("ib-clerk", [Roles.Clerk], ["ib-a"]),
            ("ib-kollegin", [Roles.Clerk], ["ib-a"]),
            ("ib-outsider", [Roles.Clerk], ["ib-b"]),
            ("ib-lead", [Roles.Manager], ["ib-a"]),
            ("ib-owner", [Roles.ProcessOwner], ["ib-a"]),
        })
        {
            await store.SaveAsync(new ServerUser(name, "Person " + name, roles, groups), Password, CancellationToken.None);
        }
        await store.SaveAsync(new ServerUser("ib-weg", "Person ib-weg", [Roles.Clerk], ["ib-a"]), Password, CancellationToken.None);
        var host = Factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        await using (var context = host.Database.CreateContext())
        {
            Assert.Equal(1, await context.Users.Where(u => u.UserName == "ib-weg").ExecuteUpdateAsync(s => s.SetProperty(u => u.Active, false)));
        }
        using var owner = Factory.ApiClient("prozess");
        await TestBpmn.PublishAsync(owner, Process(Eins, EinsName, "ib-a", Lane));
        await TestBpmn.PublishAsync(owner, Process(Zwei, ZweiName, "ib-a"));
        await TestBpmn.PublishAsync(owner, Process(Fremd, FremdName, "ib-b"));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients.Values) client.Dispose();
        await Factory.DisposeAsync();
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Starts a case; returns its id and the wait id of its task.</summary>
    public async Task<(Guid CaseId, long WaitId)> StartAsync(string processId, string businessKey)
    {
        using var admin = Factory.ApiClient("admin");
        var id = await TestBpmn.StartAsync(admin, processId, businessKey);
        return (id, await TestBpmn.FirstTaskAsync(admin, id));
    }

    /// <summary>Sets a task's deadline directly (the tests need deadlines relative to now, not to the process's start).</summary>
    public async Task SetDueAsync(Guid caseId, DateTimeOffset? due)
    {
        var host = Factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        await using var context = host.Database.CreateContext();
        var value = due?.ToUnixTimeMilliseconds();
        await context.Tasks.Where(t => t.CaseId == caseId.ToString()).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, value));
    }

    /// <summary>The inbox page for the person under the given query string; the rows as (case, business key) in page order.</summary>
    public static async Task<(string Html, List<(Guid CaseId, string Key)> Rows)> InboxAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/aufgaben" + query);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var rows = RowPattern().Matches(html).Select(m => (Guid.Parse(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        return (html, rows);
    }

    [GeneratedRegex("<tr data-case=\"([0-9a-f-]{36})\" data-business-key=\"([^\"]*)\"")]
    private static partial Regex RowPattern();
}
