using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests;

public sealed class CaseAndTaskApiTests : IClassFixture<ServerFactory>, IAsyncLifetime
{
    private readonly ServerFactory factory;

    public CaseAndTaskApiTests(ServerFactory factory) => this.factory = factory;

    public async Task InitializeAsync() => await TestBpmn.PublishAsync(factory.ApiClient("prozess"), TestBpmn.TwoTasks());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Start_list_filter_page_and_detail()
    {
        var client = factory.ApiClient("sachbearbeitung");
        var id = await TestBpmn.StartAsync(client, "pruefung", "AZ-LIST-1", new { antragsteller = "Erika" });
        await TestBpmn.StartAsync(client, "pruefung", "AZ-LIST-2");
        await TestBpmn.StartAsync(client, "pruefung", "AZ-LIST-3");

        var page = await client.GetFromJsonAsync<JsonElement>("/api/cases?processId=pruefung&status=waiting&page=1&pageSize=2");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
        var byKey = await client.GetFromJsonAsync<JsonElement>("/api/cases?businessKey=AZ-LIST-1");
        Assert.Equal(id, byKey.GetProperty("items")[0].GetProperty("id").GetGuid());

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal("Waiting", detail.GetProperty("status").GetString());
        Assert.Equal("Erika", detail.GetProperty("variables").GetProperty("antragsteller").GetString());
        Assert.Contains("Task_Pruefen", detail.GetProperty("activeNodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Start", detail.GetProperty("completedNodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == "Start");

        var bad = await client.GetAsync("/api/cases?status=gibtsnicht");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("status", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Start_of_unknown_process_is_404_and_unknown_case_is_404()
    {
        var client = factory.ApiClient("sachbearbeitung");
        var response = await client.PostAsJsonAsync("/api/cases", new { processId = "gibtsnicht" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/cases/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Cancel_and_retry_of_unknown_incident()
    {
        var owner = factory.ApiClient("prozess");
        var id = await TestBpmn.StartAsync(owner, "pruefung");
        var retry = await owner.PostAsync($"/api/cases/{id}/incidents/42/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        var cancelled = await owner.PostAsync($"/api/cases/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Inbox_claim_release_complete_and_the_case_advances()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        var id = await TestBpmn.StartAsync(clerk, "pruefung", "AZ-TASK-1");
        var inbox = await clerk.GetFromJsonAsync<JsonElement>("/api/tasks");
        var task = inbox.EnumerateArray().Single(t => t.GetProperty("caseId").GetGuid() == id);
        var wait = task.GetProperty("waitId").GetInt64();
        Assert.Equal("AZ-TASK-1", task.GetProperty("businessKey").GetString());

        // The job-centre user has no sachbearbeitung inbox and does not see the case: its task ids are unknown to her.
        var other = await factory.ApiClient("jobcenter").GetFromJsonAsync<JsonElement>("/api/tasks");
        Assert.DoesNotContain(other.EnumerateArray(), t => t.GetProperty("caseId").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ApiClient("jobcenter").PostAsync($"/api/tasks/{id}/{wait}/claim", null)).StatusCode);

        var claimed = await clerk.PostAsync($"/api/tasks/{id}/{wait}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var form = await claimed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["betrag", "ok"], form.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray());
        Assert.True(form.GetProperty("claimedByMe").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{id}/{wait}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{id}/{wait}/claim", null)).StatusCode);

        var missing = await clerk.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { ok = true } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal("betrag", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        var done = await clerk.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { betrag = 120, ok = true } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var detail = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Contains("Task_Zwei", detail.GetProperty("activeNodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(120, detail.GetProperty("variables").GetProperty("betrag").GetDouble());

        var again = await clerk.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { betrag = 1 } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Completing_a_task_claimed_by_someone_else_is_409()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        var id = await TestBpmn.StartAsync(clerk, "pruefung");
        var wait = await TestBpmn.FirstTaskAsync(clerk, id);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{id}/{wait}/claim", null)).StatusCode);
        var response = await factory.ApiClient("admin").PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { betrag = 5 } });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reassign_by_manager_and_unknown_task_is_404()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        var id = await TestBpmn.StartAsync(clerk, "pruefung");
        var wait = await TestBpmn.FirstTaskAsync(clerk, id);
        var admin = factory.ApiClient("admin");
        var reassigned = await admin.PostAsJsonAsync($"/api/tasks/{id}/{wait}/reassign", new { user = "sachbearbeitung" });
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        Assert.Equal("sachbearbeitung", (await reassigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("assignee").GetString());
        var unknownUser = await admin.PostAsJsonAsync($"/api/tasks/{id}/{wait}/reassign", new { user = "niemand" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownUser.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await clerk.PostAsync($"/api/tasks/{id}/999/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/1/complete", new { values = new { } })).StatusCode);
    }

    [Fact]
    public async Task Messages_signals_and_health()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        var message = await factory.ApiClient("admin").PostAsJsonAsync("/api/messages", new { name = "Niemand wartet", correlationKey = "AZ-1", payload = new { x = 1 } });
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        Assert.Equal("Buffered", (await message.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery").GetString());
        // A clerk's message is never buffered: a later case of any group could take it (DepartmentScopeTests).
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.PostAsJsonAsync("/api/messages", new { name = "Niemand wartet", correlationKey = "AZ-1" })).StatusCode);
        var noName = await clerk.PostAsJsonAsync("/api/messages", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal("name", (await noName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        var signal = await clerk.PostAsJsonAsync("/api/signals", new { name = "Niemand hört", payload = new { } });
        Assert.Equal(HttpStatusCode.OK, signal.StatusCode);
        Assert.Equal(0, (await signal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cases").GetInt32());

        var health = await factory.ApiClient(null).GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("database").GetBoolean());
        Assert.Equal("running", report.GetProperty("host").GetString());
    }
}
