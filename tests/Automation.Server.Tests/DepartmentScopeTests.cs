using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests;

/// <summary>
/// Clerks of one department (group, Postkorb) try to reach the cases of another: by list, by id, through task ids,
/// messages by business key, message start events, signals, starting its process, and managers reassigning a task
/// to an outsider. Every attempt must be refused without revealing the case, and must change nothing.
/// </summary>
public sealed class DepartmentScopeTests(ServerFactory factory) : IClassFixture<ServerFactory>, IAsyncLifetime
{
    private const string Password = "geheim-genug-1";
    private const string Wohngeld = "abt-wohngeld", Gewerbe = "abt-gewerbe", GewerbeZwei = "abt-gewerbe-zwei";
    private const string WgGroup = "wg-sachbearbeitung", GwGroup = "gw-gewerbeamt";

    private static readonly (string Name, string[] Roles, string[] Groups)[] People =
    [
        ("wg-clerk", [Roles.Clerk], [WgGroup]),
        ("gw-clerk", [Roles.Clerk], [GwGroup]),
        // Near misses of the Wohngeld group: a prefix, another case, a broader key.
        ("near-clerk", [Roles.Clerk], ["wg", "WG-Sachbearbeitung", "sachbearbeitung"]),
        ("wg-lead", [Roles.Manager], [WgGroup]),
        ("wg-owner", [Roles.ProcessOwner], [WgGroup]),
        ("kind-clerk", [Roles.Clerk], ["kindgruppe"]),
    ];

    private const string CallingProcesses = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs_Eltern" targetNamespace="urn:test">
          <bpmn:process id="abt-eltern" isExecutable="true">
            <bpmn:startEvent id="Start"/>
            <bpmn:callActivity id="Aufruf" calledElement="abt-kind"/>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Aufruf"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Aufruf" targetRef="End"/>
          </bpmn:process>
          <bpmn:process id="abt-kind" isExecutable="true">
            <bpmn:startEvent id="KStart"/>
            <bpmn:userTask id="KTask" name="Teil erledigen"><bpmn:extensionElements><am:role name="kindgruppe"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="KEnd"/>
            <bpmn:sequenceFlow id="K1" sourceRef="KStart" targetRef="KTask"/>
            <bpmn:sequenceFlow id="K2" sourceRef="KTask" targetRef="KEnd"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string MessageStart = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs_Neu" targetNamespace="urn:test">
          <bpmn:message id="Message_Neu" name="Neuantrag Wohngeld"/>
          <bpmn:signal id="Signal_Neu" name="Aktion Wohngeld"/>
          <bpmn:process id="abt-neuantrag" isExecutable="true">
            <bpmn:startEvent id="StartMessage"><bpmn:messageEventDefinition messageRef="Message_Neu"/></bpmn:startEvent>
            <bpmn:startEvent id="StartSignal"><bpmn:signalEventDefinition signalRef="Signal_Neu"/></bpmn:startEvent>
            <bpmn:userTask id="Erfassen"><bpmn:extensionElements><am:role name="wg-sachbearbeitung"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="StartMessage" targetRef="Erfassen"/>
            <bpmn:sequenceFlow id="F2" sourceRef="StartSignal" targetRef="Erfassen"/>
            <bpmn:sequenceFlow id="F3" sourceRef="Erfassen" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string WithoutGroup = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_Ohne" targetNamespace="urn:test">
          <bpmn:process id="abt-ohne" isExecutable="true">
            <bpmn:startEvent id="Start"/>
            <bpmn:userTask id="Irgendwer" name="Irgendwer erledigt es"/>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Irgendwer"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Irgendwer" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    public async Task InitializeAsync()
    {
        var store = factory.Services.GetRequiredService<UserStore>();
        foreach (var (name, roles, groups) in People) await store.SaveAsync(new ServerUser(name, name, roles, groups), Password, CancellationToken.None);
        var owner = factory.ApiClient("prozess");
        await TestBpmn.PublishAsync(owner, TestBpmn.Department(Wohngeld, WgGroup));
        await TestBpmn.PublishAsync(owner, TestBpmn.Department(Gewerbe, GwGroup));
        // Another department's process waiting for the Wohngeld message name.
        await TestBpmn.PublishAsync(owner, TestBpmn.Department(GewerbeZwei, GwGroup, $"{Wohngeld} Nachweis"));
        await TestBpmn.PublishAsync(owner, CallingProcesses);
        await TestBpmn.PublishAsync(owner, MessageStart);
        await TestBpmn.PublishAsync(owner, WithoutGroup);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Admin => factory.ApiClient("admin");

    private async Task<(Guid Id, string Key)> StartWohngeldAsync()
    {
        var key = "AZ-WG-" + Guid.NewGuid().ToString("N")[..8];
        return (await TestBpmn.StartAsync(Admin, Wohngeld, key, new { iban = "DE02 1001 0010 0006 8201 01" }), key);
    }

    private async Task<JsonElement> CaseAsync(Guid id) => await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");

    private async Task<long> CountAsync(string sql, Guid? caseId = null)
    {
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        await using var connection = await host.Database.OpenAsync();
        await using var cmd = connection.CreateCommand();
#pragma warning disable CA2100 // constant SQL of this test; the value goes in a parameter
        cmd.CommandText = sql;
#pragma warning restore CA2100
        if (caseId is { } id)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@c";
            p.Value = id.ToString();
            cmd.Parameters.Add(p);
        }
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString() ?? "";

    [Fact]
    public async Task A_clerk_lists_only_the_cases_of_their_groups_whatever_the_filter()
    {
        var (wg, wgKey) = await StartWohngeldAsync();
        var gw = await TestBpmn.StartAsync(Admin, Gewerbe, "AZ-GW-LIST");

        foreach (var outsider in new[] { "gw-clerk", "near-clerk" })
        {
            using var client = factory.ApiClient(outsider);
            var all = await client.GetFromJsonAsync<JsonElement>("/api/cases?pageSize=200");
            Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), c => c.GetProperty("processId").GetString() == Wohngeld);
            var byProcess = await client.GetFromJsonAsync<JsonElement>($"/api/cases?processId={Wohngeld}");
            Assert.Equal(0, byProcess.GetProperty("total").GetInt32());
            var byKey = await client.GetFromJsonAsync<JsonElement>($"/api/cases?businessKey={wgKey}");
            Assert.Equal(0, byKey.GetProperty("total").GetInt32());
        }
        var gwList = await factory.ApiClient("gw-clerk").GetFromJsonAsync<JsonElement>("/api/cases?pageSize=200");
        Assert.Contains(gwList.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == gw);
        Assert.All(gwList.GetProperty("items").EnumerateArray(), c => Assert.Contains(c.GetProperty("processId").GetString(), new[] { Gewerbe, GewerbeZwei }));
        Assert.Equal(gwList.GetProperty("items").GetArrayLength(), gwList.GetProperty("total").GetInt32());

        var wgList = await factory.ApiClient("wg-clerk").GetFromJsonAsync<JsonElement>($"/api/cases?businessKey={wgKey}");
        Assert.Equal(wg, Assert.Single(wgList.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Reading_a_case_of_another_group_by_id_is_the_same_404_as_an_unknown_id_without_variables_or_history()
    {
        var (wg, _) = await StartWohngeldAsync();
        using var outsider = factory.ApiClient("gw-clerk");
        var refused = await outsider.GetAsync($"/api/cases/{wg}");
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("DE02", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Task_Bearbeiten", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Wohngeld, body, StringComparison.Ordinal);
        var unknown = Guid.NewGuid();
        var missing = await outsider.GetAsync($"/api/cases/{unknown}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((await DetailOf(missing)).Replace(unknown.ToString(), "{id}", StringComparison.Ordinal),
            JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!.Replace(wg.ToString(), "{id}", StringComparison.Ordinal));

        var insider = await factory.ApiClient("wg-clerk").GetFromJsonAsync<JsonElement>($"/api/cases/{wg}");
        Assert.Equal("DE02 1001 0010 0006 8201 01", insider.GetProperty("variables").GetProperty("iban").GetString());
        Assert.NotEmpty(insider.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Guessed_task_ids_in_a_case_of_another_group_are_404_like_unknown_ones_and_change_nothing()
    {
        var (wg, _) = await StartWohngeldAsync();
        var wait = await TestBpmn.FirstTaskAsync(Admin, wg);
        using var outsider = factory.ApiClient("gw-clerk");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/tasks/{wg}/{wait}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/tasks/{wg}/{wait}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/tasks/{wg}/{wait}/complete", new { values = new { notiz = "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/tasks/{Guid.NewGuid()}/{wait}")).StatusCode);
        var inbox = await outsider.GetFromJsonAsync<JsonElement>("/api/tasks");
        Assert.DoesNotContain(inbox.EnumerateArray(), t => t.GetProperty("caseId").GetGuid() == wg);
        var task = (await CaseAsync(wg)).GetProperty("waits").EnumerateArray().Single(w => w.GetProperty("id").GetInt64() == wait);
        Assert.Equal("open", task.GetProperty("taskStatus").GetString());
        Assert.Contains("Task_Bearbeiten", (await CaseAsync(wg)).GetProperty("activeNodes").EnumerateArray().Select(e => e.GetString()));

        // A manager sees every case, so for her the task exists but is not hers to work: 403.
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient("leitung").PostAsync($"/api/tasks/{wg}/{wait}/claim", null)).StatusCode);
    }

    [Fact]
    public async Task A_message_by_business_key_to_a_case_of_another_group_is_refused_and_changes_nothing()
    {
        var (wg, key) = await StartWohngeldAsync();
        using var outsider = factory.ApiClient("gw-clerk");
        var refused = await outsider.PostAsJsonAsync("/api/messages", new { name = $"{Wohngeld} Nachweis", correlationKey = key, payload = new { iban = "DE99 ANGREIFER" } });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain(wg.ToString(), body, StringComparison.Ordinal);
        Assert.DoesNotContain(key, body, StringComparison.Ordinal);
        // Same answer as a message nobody waits for: nothing tells that a case exists.
        var nobody = await outsider.PostAsJsonAsync("/api/messages", new { name = $"{Wohngeld} Nachweis", correlationKey = "AZ-GIBT-ES-NICHT" });
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Equal(await DetailOf(nobody), JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());

        var after = await CaseAsync(wg);
        Assert.Equal("DE02 1001 0010 0006 8201 01", after.GetProperty("variables").GetProperty("iban").GetString());
        Assert.Contains(after.GetProperty("waits").EnumerateArray(), w => w.GetProperty("kind").GetString() == "Message");
        // Not buffered either: a buffered message would be taken by the next case of that name, of any group.
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM buffered_messages"));

        var delivered = await factory.ApiClient("wg-clerk").PostAsJsonAsync("/api/messages",
            new { name = $"{Wohngeld} Nachweis", correlationKey = key, payload = new { iban = "DE11 NEU" } });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(wg, (await delivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetGuid());
        Assert.Equal("DE11 NEU", (await CaseAsync(wg)).GetProperty("variables").GetProperty("iban").GetString());
    }

    [Fact]
    public async Task A_message_without_key_skips_the_older_case_of_another_group_and_reaches_the_clerks_own()
    {
        // Without the scope the oldest waiting case would get it, here the other department's.
        var older = await TestBpmn.StartAsync(Admin, GewerbeZwei, "AZ-GW2-ALT");
        var (wg, _) = await StartWohngeldAsync();
        var delivered = await factory.ApiClient("wg-clerk").PostAsJsonAsync("/api/messages", new { name = $"{Wohngeld} Nachweis", payload = new { iban = "DE11 NEU" } });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var reached = (await delivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetGuid();
        Assert.Equal(Wohngeld, (await CaseAsync(reached)).GetProperty("processId").GetString());
        var untouched = await CaseAsync(older);
        Assert.Contains(untouched.GetProperty("waits").EnumerateArray(), w => w.GetProperty("kind").GetString() == "Message");
        Assert.False(untouched.GetProperty("variables").TryGetProperty("iban", out _));

        var own = await factory.ApiClient("gw-clerk").PostAsJsonAsync("/api/messages", new { name = $"{Wohngeld} Nachweis" });
        Assert.Equal(older, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetGuid());
        Assert.NotEqual(wg, older);
    }

    [Fact]
    public async Task A_message_or_signal_start_event_of_another_group_starts_no_case()
    {
        using var outsider = factory.ApiClient("gw-clerk");
        var message = await outsider.PostAsJsonAsync("/api/messages", new { name = "Neuantrag Wohngeld", correlationKey = "AZ-NEU-1" });
        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        var signal = await outsider.PostAsJsonAsync("/api/signals", new { name = "Aktion Wohngeld" });
        Assert.Equal(HttpStatusCode.OK, signal.StatusCode);
        Assert.Equal(0, (await signal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cases").GetInt32());
        var cases = await Admin.GetFromJsonAsync<JsonElement>("/api/cases?processId=abt-neuantrag");
        Assert.Equal(0, cases.GetProperty("total").GetInt32());

        var started = await factory.ApiClient("wg-clerk").PostAsJsonAsync("/api/messages", new { name = "Neuantrag Wohngeld", correlationKey = "AZ-NEU-2" });
        Assert.Equal("Started", (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery").GetString());
    }

    [Fact]
    public async Task A_signal_from_a_clerk_reaches_only_the_cases_of_their_groups()
    {
        var (wg, _) = await StartWohngeldAsync();
        const string jobs = "SELECT COUNT(*) FROM jobs WHERE case_id = @c AND kind = 'signal'";
        var outsider = await factory.ApiClient("gw-clerk").PostAsJsonAsync("/api/signals", new { name = $"{Wohngeld} Stichtag" });
        Assert.Equal(HttpStatusCode.OK, outsider.StatusCode);
        Assert.Equal(0, (await outsider.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cases").GetInt32());
        Assert.Equal(0, await CountAsync(jobs, wg));

        var insider = await factory.ApiClient("wg-clerk").PostAsJsonAsync("/api/signals", new { name = $"{Wohngeld} Stichtag" });
        Assert.True((await insider.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cases").GetInt32() >= 1);
        Assert.Equal(1, await CountAsync(jobs, wg));
    }

    [Fact]
    public async Task Starting_a_process_of_another_group_is_the_same_404_as_an_unknown_process()
    {
        using var outsider = factory.ApiClient("gw-clerk");
        var before = (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases?processId={Wohngeld}")).GetProperty("total").GetInt32();
        var refused = await outsider.PostAsJsonAsync("/api/cases", new { processId = Wohngeld, businessKey = "AZ-FREMD" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var unknown = await outsider.PostAsJsonAsync("/api/cases", new { processId = "abt-gibtsnicht" });
        Assert.Equal((await DetailOf(unknown)).Replace("abt-gibtsnicht", "{p}", StringComparison.Ordinal),
            (await DetailOf(refused)).Replace(Wohngeld, "{p}", StringComparison.Ordinal));
        Assert.Equal(before, (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases?processId={Wohngeld}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await factory.ApiClient("wg-clerk").PostAsJsonAsync("/api/cases", new { processId = Wohngeld })).StatusCode);
    }

    [Fact]
    public async Task Reassigning_a_task_to_someone_who_cannot_work_it_is_400_naming_the_field_and_changes_nothing()
    {
        var (wg, _) = await StartWohngeldAsync();
        var wait = await TestBpmn.FirstTaskAsync(Admin, wg);
        using var lead = factory.ApiClient("wg-lead");
        // Another group's clerk; a process owner of the group (no task-working role); a job-centre user without groups.
        foreach (var outsider in new[] { "gw-clerk", "wg-owner", "jobcenter", "near-clerk" })
        {
            var refused = await lead.PostAsJsonAsync($"/api/tasks/{wg}/{wait}/reassign", new { user = outsider });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("user", problem.GetProperty("field").GetString());
            Assert.Contains("Postkorb", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var task = (await CaseAsync(wg)).GetProperty("waits").EnumerateArray().Single(w => w.GetProperty("id").GetInt64() == wait);
            Assert.Equal("open", task.GetProperty("taskStatus").GetString());
            Assert.Equal(JsonValueKind.Null, task.GetProperty("assignee").ValueKind);
        }
        var given = await lead.PostAsJsonAsync($"/api/tasks/{wg}/{wait}/reassign", new { user = "wg-clerk" });
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        // The new assignee can complete it: the point of the rule.
        var done = await factory.ApiClient("wg-clerk").PostAsJsonAsync($"/api/tasks/{wg}/{wait}/complete", new { values = new { notiz = "erledigt" } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task A_called_process_puts_the_case_into_the_groups_of_its_tasks()
    {
        var parent = await TestBpmn.StartAsync(Admin, "abt-eltern", "AZ-ELTERN");
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("kind-clerk").GetAsync($"/api/cases/{parent}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ApiClient("gw-clerk").GetAsync($"/api/cases/{parent}")).StatusCode);
        var wait = await TestBpmn.FirstTaskAsync(Admin, parent);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("kind-clerk").PostAsync($"/api/tasks/{parent}/{wait}/claim", null)).StatusCode);
    }

    [Fact]
    public async Task Managers_and_process_owners_read_every_case_but_a_manager_cannot_message_it()
    {
        var (wg, key) = await StartWohngeldAsync();
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("leitung").GetAsync($"/api/cases/{wg}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("prozess").GetAsync($"/api/cases/{wg}")).StatusCode);
        var message = await factory.ApiClient("leitung").PostAsJsonAsync("/api/messages", new { name = $"{Wohngeld} Nachweis", correlationKey = key });
        Assert.Equal(HttpStatusCode.Forbidden, message.StatusCode);
    }

    [Fact]
    public async Task The_pages_show_a_clerk_only_the_cases_and_tasks_of_their_groups()
    {
        var (wg, wgKey) = await StartWohngeldAsync();
        var wait = await TestBpmn.FirstTaskAsync(Admin, wg);
        var gw = await TestBpmn.StartAsync(Admin, Gewerbe, "AZ-GW-PAGE");
        var outsider = await factory.LoginAsync("gw-clerk", Password);
        var list = await outsider.GetStringAsync("/vorgaenge");
        Assert.DoesNotContain(wgKey, list, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{Wohngeld}\"", list, StringComparison.Ordinal);
        Assert.Contains("AZ-GW-PAGE", list, StringComparison.Ordinal);
        var filtered = await outsider.GetStringAsync($"/vorgaenge?processId={Wohngeld}&businessKey={wgKey}");
        Assert.DoesNotContain($"/vorgaenge/{wg}", filtered, StringComparison.Ordinal);
        Assert.Contains("0 Vorgänge", filtered, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/vorgaenge/{wg}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync($"/vorgaenge/{gw}")).StatusCode);
        Assert.DoesNotContain(wg.ToString(), await outsider.GetStringAsync("/aufgaben"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/aufgaben/{wg}/{wait}")).StatusCode);

        var insider = await factory.LoginAsync("wg-clerk", Password);
        Assert.Contains(wgKey, await insider.GetStringAsync("/vorgaenge"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync($"/vorgaenge/{wg}")).StatusCode);
        Assert.Contains(wg.ToString(), await insider.GetStringAsync("/aufgaben"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_without_group_is_everyones_but_its_case_of_no_group_is_no_clerks_and_completing_returns_to_the_inbox()
    {
        var id = await TestBpmn.StartAsync(Admin, "abt-ohne", "AZ-OHNE");
        var wait = await TestBpmn.FirstTaskAsync(Admin, id);
        var clerk = await factory.LoginAsync("gw-clerk", Password);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/vorgaenge/{id}")).StatusCode);
        var page = await clerk.GetStringAsync($"/aufgaben/{id}/{wait}");
        var done = await clerk.PostAsync($"/aufgaben/{id}/{wait}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/aufgaben", done.Headers.Location?.OriginalString);
        Assert.Equal("Completed", (await CaseAsync(id)).GetProperty("status").GetString());
    }
}
