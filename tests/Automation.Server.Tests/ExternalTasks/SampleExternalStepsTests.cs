using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Automation.Server.Tests.ExternalTasks;

/// <summary>
/// The payment steps of wohngeldantrag and eingangsrechnung go to the Kassenverfahren (topic "kassenverfahren", group
/// kasse) and the three notifications of gewerbeanmeldung (chamber, tax office, statistics office) to the Fachverfahren
/// Gewerbe (topic "gewerbeanzeige", group gewerbeamt, input empfaenger) as external tasks of the published samples: a worker of the group fetches the task with the case's
/// values, completes it, and the case moves on; a worker reporting its system down leaves an incident at the step.
/// </summary>
public sealed class SampleExternalStepsTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static object Fetch(string worker, string topic) =>
        new { workerId = worker, maxTasks = 100, asyncResponseTimeout = 0, topics = new[] { new { topicName = topic, lockDuration = 60_000 } } };

    private Task<HttpClient> WorkerAsync(string userName, string group) => SampleCases.WorkerAsync(factory, userName, group);

    private Task<Guid> StartUntilAsync(string processId, string businessKey, string nodeId) => SampleCases.StartUntilAsync(factory, processId, businessKey, nodeId);

    private static async Task<JsonElement> FetchOneAsync(HttpClient worker, string workerId, string topic, Guid caseId, string? nodeId = null) =>
        Assert.Single(await FetchAllAsync(worker, workerId, topic, caseId), t => nodeId is null || t.GetProperty("nodeId").GetString() == nodeId);

    /// <summary>The tasks of the topic that belong to the case, locked by the worker.</summary>
    private static async Task<List<JsonElement>> FetchAllAsync(HttpClient worker, string workerId, string topic, Guid caseId)
    {
        var fetched = await worker.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", Fetch(workerId, topic));
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        return [.. (await fetched.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Where(t => t.GetProperty("caseId").GetGuid() == caseId)];
    }

    [Theory]
    [InlineData("wohngeldantrag", "Task_ZahlungAnweisen", "wohngeld", "wohngeld", "187.5")]
    [InlineData("eingangsrechnung", "Task_Zahlen", "rechnung", "betrag", "7500")]
    public async Task The_kassenverfahren_fetches_the_payment_with_the_cases_values_completes_it_and_the_case_ends(
        string processId, string nodeId, string kind, string amountVariable, string amount)
    {
        var worker = await WorkerAsync("kassenverfahren-" + kind, "kasse");
        var caseId = await StartUntilAsync(processId, $"KV-{kind}", nodeId);

        var task = await FetchOneAsync(worker, "kv", "kassenverfahren", caseId);
        Assert.Equal(nodeId, task.GetProperty("nodeId").GetString());
        Assert.Equal(kind, task.GetProperty("inputs").GetProperty("auszahlung").GetString());
        Assert.Equal(amount, task.GetProperty("variables").GetProperty(amountVariable).GetRawText());
        var done = await worker.PostAsJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetString()}/complete",
            new { workerId = "kv", variables = new { kassenzeichen = $"KZ-{kind}-0815" } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        var detail = await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal("Completed", detail.GetProperty("status").GetString());
        Assert.Contains($"KZ-{kind}-0815", detail.ToString(), StringComparison.Ordinal);
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == nodeId);
    }

    [Fact]
    public async Task A_kassenverfahren_that_is_down_leaves_an_incident_at_the_payment_step_and_the_case_does_not_end()
    {
        var worker = await WorkerAsync("kassenverfahren-gestoert", "kasse");
        var caseId = await StartUntilAsync("eingangsrechnung", "KV-gestoert", "Task_Zahlen");

        var task = await FetchOneAsync(worker, "kv-down", "kassenverfahren", caseId);
        var failed = await worker.PostAsJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetString()}/failure",
            new { workerId = "kv-down", errorMessage = "Kassenverfahren nicht erreichbar", retries = 0, retryTimeout = 0 });
        Assert.Equal(HttpStatusCode.NoContent, failed.StatusCode);

        var detail = await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Equal("Task_Zahlen", incident.GetProperty("nodeId").GetString());
        Assert.Equal("Kassenverfahren nicht erreichbar", incident.GetProperty("message").GetString());
        Assert.NotEqual("Completed", detail.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_worker_outside_the_kasse_group_cannot_fetch_payments()
    {
        var stranger = await WorkerAsync("fremder-dienst", "gewerbeamt");
        await StartUntilAsync("wohngeldantrag", "KV-fremd", "Task_ZahlungAnweisen");
        var refused = await stranger.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", Fetch("fremd", "kassenverfahren"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_fachverfahren_gewerbe_notifies_the_chamber_and_the_case_moves_on_to_filing()
    {
        var worker = await WorkerAsync("fachverfahren-gewerbe", "gewerbeamt");
        var caseId = await StartUntilAsync("gewerbeanmeldung", "GA-2026-9", "Task_Kammer");

        var task = await FetchOneAsync(worker, "gw", "gewerbeanzeige", caseId, "Task_Kammer");
        Assert.Equal("kammer", task.GetProperty("inputs").GetProperty("empfaenger").GetString());
        // A craft business goes to the Handwerkskammer: the worker decides it from the case's variable.
        Assert.True(task.GetProperty("variables").GetProperty("handwerk").GetBoolean());
        var done = await worker.PostAsJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetString()}/complete",
            new { workerId = "gw", variables = new { kammerUnterrichtet = "HWK" } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        var detail = await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == "Task_Kammer");
        Assert.DoesNotContain(detail.GetProperty("waits").EnumerateArray(), w => w.GetProperty("nodeId").GetString() == "Task_Kammer");
        Assert.Contains("HWK", detail.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fachverfahren_gewerbe_gets_all_three_notifications_each_with_its_recipient_and_the_case_moves_on_only_after_all()
    {
        var worker = await WorkerAsync("fachverfahren-gewerbe-alle", "gewerbeamt");
        var caseId = await StartUntilAsync("gewerbeanmeldung", "GA-2026-11", "Task_Finanzamt");

        var tasks = await FetchAllAsync(worker, "gw-alle", "gewerbeanzeige", caseId);
        Assert.Equal(["Task_Finanzamt:finanzamt", "Task_Kammer:kammer", "Task_Statistik:statistik"],
            tasks.Select(t => $"{t.GetProperty("nodeId").GetString()}:{t.GetProperty("inputs").GetProperty("empfaenger").GetString()}").Order(StringComparer.Ordinal));
        var admin = factory.ApiClient("admin");
        foreach (var task in tasks)
        {
            // Before the last notification is done the parallel join holds the case: nobody can file it yet.
            var before = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            Assert.False(Reached(before, "Task_Ablegen"));
            var done = await worker.PostAsJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetString()}/complete", new { workerId = "gw-alle" });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
        foreach (var nodeId in new[] { "Task_Finanzamt", "Task_Kammer", "Task_Statistik" })
        {
            Assert.Contains(detail.GetProperty("history").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == nodeId);
        }
        Assert.True(Reached(detail, "Task_Ablegen"));
    }

    /// <summary>Whether the case waits at the step or has done it.</summary>
    private static bool Reached(JsonElement detail, string nodeId) =>
        detail.GetProperty("waits").EnumerateArray().Concat(detail.GetProperty("history").EnumerateArray()).Any(e => e.GetProperty("nodeId").GetString() == nodeId);

    [Fact]
    public async Task A_failed_chamber_notification_leaves_an_incident_naming_the_step()
    {
        var worker = await WorkerAsync("fachverfahren-gewerbe-gestoert", "gewerbeamt");
        var caseId = await StartUntilAsync("gewerbeanmeldung", "GA-2026-10", "Task_Kammer");

        var task = await FetchOneAsync(worker, "gw-down", "gewerbeanzeige", caseId, "Task_Kammer");
        var failed = await worker.PostAsJsonAsync($"/api/external-tasks/{task.GetProperty("id").GetString()}/failure",
            new { workerId = "gw-down", errorMessage = "Übermittlung an die Kammer abgelehnt", retries = 0, retryTimeout = 0 });
        Assert.Equal(HttpStatusCode.NoContent, failed.StatusCode);

        var detail = await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Equal("Task_Kammer", incident.GetProperty("nodeId").GetString());
        Assert.Equal("Übermittlung an die Kammer abgelehnt", incident.GetProperty("message").GetString());
    }
}

/// <summary>
/// A fresh demo start with the formerly empty steps: each sample is published with complete register entries for
/// the step (no override), and the demo cases start without incidents. The demo has no SMTP server: its e-mails go to
/// the pickup folder.
/// </summary>
public sealed class SampleExternalStepsSeedTests(SeededServerFactory factory) : IClassFixture<SeededServerFactory>
{
    [Theory]
    [InlineData("wohngeldantrag", "Task_ZahlungAnweisen", "kassenverfahren")]
    [InlineData("eingangsrechnung", "Task_Zahlen", "kassenverfahren")]
    [InlineData("gewerbeanmeldung", "Task_Kammer", "gewerbeanzeige")]
    [InlineData("wohngeldantrag-digital", "Task_VollstaendigkeitPruefen", "JavaScript")]
    [InlineData("gewerbeanmeldung", "Task_Finanzamt", "gewerbeanzeige")]
    [InlineData("gewerbeanmeldung", "Task_Statistik", "gewerbeanzeige")]
    [InlineData("urlaubsantrag", "Task_GenehmigungMitteilen", "E-Mail-Konnektor")]
    [InlineData("urlaubsantrag", "Task_AblehnungMitteilen", "E-Mail-Konnektor")]
    [InlineData("eingangsrechnung", "Task_Erinnern", "E-Mail-Konnektor")]
    public async Task The_sample_is_published_with_a_complete_register_entry_for_the_step_and_its_demo_cases_have_no_incidents(
        string processId, string nodeId, string system)
    {
        var admin = factory.ApiClient("admin");
        var version = Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/api/definitions/{processId}/versions")).EnumerateArray());
        Assert.True(version.GetProperty("published").GetBoolean());
        var register = await admin.GetFromJsonAsync<JsonElement>($"/api/register/{version.GetProperty("id").GetInt64()}");
        var step = Assert.Single(register.GetProperty("steps").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == nodeId);
        Assert.True(step.GetProperty("missing").GetArrayLength() == 0, step.ToString());
        Assert.Contains(system, step.ToString(), StringComparison.Ordinal);
        Assert.Empty(register.GetProperty("overrides").EnumerateArray());

        var cases = await admin.GetFromJsonAsync<JsonElement>($"/api/cases?processId={processId}");
        var demo = cases.GetProperty("items").EnumerateArray()
            .Where(c => (c.GetProperty("businessKey").GetString() ?? "").StartsWith("DEMO-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, demo.Count);
        foreach (var c in demo)
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{c.GetProperty("id").GetGuid()}");
            Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
        }
    }

    [Fact]
    public async Task Without_an_smtp_server_the_demo_writes_its_emails_to_the_pickup_folder_and_the_case_ends()
    {
        var settings = factory.Services.GetRequiredService<IOptions<EmailSettings>>().Value;
        Assert.Null(settings.Host);
        Assert.Equal(EmailSettings.DemoPickupDirectory, settings.PickupDirectory);
        var address = $"demo-{Guid.NewGuid():N}@musterstadt.example";
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, "urlaubsantrag", variables: new { email = address });
        var decided = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{await TestBpmn.FirstTaskAsync(admin, caseId)}/complete",
            new { values = new { genehmigt = false } });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        JsonElement detail = default;
        for (var wait = 0; wait < 100; wait++)
        {
            detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            if (detail.GetProperty("status").GetString() == "Completed" || detail.GetProperty("incidents").GetArrayLength() > 0) break;
            await Task.Delay(100);
        }
        Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
        Assert.Equal("Completed", detail.GetProperty("status").GetString());
        var written = Directory.GetFiles(Path.GetFullPath(settings.PickupDirectory!), "*.eml")
            .Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList();
        var message = Assert.Single(written);
        Assert.Equal("Ihr Urlaubsantrag ist abgelehnt", message.Subject);
        Assert.Equal(EmailSettings.DemoFrom, message.From.Mailboxes.Single().Address);
    }
}
