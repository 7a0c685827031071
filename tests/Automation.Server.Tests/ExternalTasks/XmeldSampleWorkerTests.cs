using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Automation.Samples.Workers;

namespace Automation.Server.Tests.ExternalTasks;

/// <summary>The sample process wohnsitzanmeldung's XMeld step is an external task; the sample worker of the repository does it.</summary>
public sealed class XmeldSampleWorkerTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task The_sample_worker_writes_the_rueckmeldung_and_the_case_moves_on_to_the_next_step()
    {
        var admin = factory.ApiClient("admin");
        var user = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "xmeld-dienst", displayName = "XMeld-Dienst", password = "dienst-passwort-1", roles = new[] { "Clerk" }, groups = new[] { "meldewesen" } });
        Assert.True(user.IsSuccessStatusCode, await user.Content.ReadAsStringAsync());
        var caseId = await TestBpmn.StartAsync(admin, "wohnsitzanmeldung", businessKey: "MA-2026-17");
        await CompleteTasksUntilNoneAsync(admin, caseId);
        var waiting = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Contains("Task_Rueckmeldung", waiting.GetProperty("waits").ToString(), StringComparison.Ordinal);

        var outbox = Path.Combine(factory.Folder, "xmeld-ausgang");
        var loop = new XmeldWorker(new ExternalTaskClient(factory.ApiClient("xmeld-dienst"), "beispiel"), outbox, RetryPolicy.Default, TimeProvider.System);
        Assert.Equal(1, await loop.RunOnceAsync(TimeSpan.FromSeconds(5), CancellationToken.None));

        var message = XDocument.Load(Path.Combine(outbox, $"rueckmeldung-{caseId:N}.xml")).Root!;
        Assert.Equal("MA-2026-17", message.Element("Aktenzeichen")!.Value);
        Assert.Equal("Rückmeldung", message.Element("Nachricht")!.Value);
        Assert.Equal("2", message.Element("Personen")!.Value);
        var moved = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.DoesNotContain("Task_Rueckmeldung", moved.GetProperty("waits").ToString(), StringComparison.Ordinal);
        Assert.Contains($"rueckmeldung-{caseId:N}.xml", moved.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_person_sachbearbeitung_may_fetch_every_sample_workers_topic_as_the_demo_instructions_say()
    {
        // workflows/README.md: one token of the demo person runs xmeld, kasse and gewerbe; a token of the demo Leitung none.
        foreach (var topic in new[] { "xmeld", "kassenverfahren", "gewerbeanzeige" })
        {
            var body = new { workerId = "demo", maxTasks = 1, asyncResponseTimeout = 0, topics = new[] { new { topicName = topic, lockDuration = 1000 } } };
            var allowed = await factory.ApiClient("sachbearbeitung").PostAsJsonAsync("/api/external-tasks/fetch-and-lock", body);
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"{topic}: {await allowed.Content.ReadAsStringAsync()}");
            var refused = await factory.ApiClient("leitung").PostAsJsonAsync("/api/external-tasks/fetch-and-lock", body);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    /// <summary>Completes the case's human tasks with plausible values until none is open.</summary>
    private static async Task CompleteTasksUntilNoneAsync(HttpClient admin, Guid caseId)
    {
        var values = new Dictionary<string, object>
        {
            ["identitaetGeprueft"] = true, ["wohnungsgeberbestaetigungVorhanden"] = true, ["einzugsdatum"] = "2026-11-30",
            ["personenAnzahl"] = 2, ["wohnungsstatus"] = "hauptwohnung",
        };
        for (var round = 0; round < 10; round++)
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            var task = detail.GetProperty("waits").EnumerateArray().FirstOrDefault(w => w.GetProperty("kind").GetString() == "UserTask");
            if (task.ValueKind == JsonValueKind.Undefined) return;
            var response = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{task.GetProperty("id").GetInt64()}/complete", new { values });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
