using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Automation.Samples.Workers;

namespace Automation.Server.Tests.ExternalTasks;

/// <summary>
/// The sample worker "gewerbe" does the three notifications of gewerbeanmeldung (topic gewerbeanzeige, group
/// gewerbeamt): one notice per case and recipient in the outbox, the chamber by the variable handwerk.
/// </summary>
public sealed class GewerbeSampleWorkerTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>The worker as the demo documents it: a token of the demo person "sachbearbeitung" (Postkorb gewerbeamt).</summary>
    private GewerbeWorker Worker(string outbox, string user = "sachbearbeitung") =>
        new(new ExternalTaskClient(factory.ApiClient(user), "gewerbe-test"), outbox, RetryPolicy.Default, TimeProvider.System);

    private async Task<JsonElement> CaseAsync(Guid caseId) => await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");

    [Theory]
    [InlineData(true, "hwk", "Handwerkskammer", "ihk")]
    [InlineData(false, "ihk", "Industrie- und Handelskammer", "hwk")]
    public async Task Each_recipient_gets_its_notice_the_chamber_by_handwerk_and_the_case_moves_on_to_filing(
        bool handwerk, string chamber, string chamberName, string otherChamber)
    {
        var values = new Dictionary<string, object>(SampleCases.Values) { ["handwerk"] = handwerk, ["gewerbekennziffer"] = handwerk ? "43.22" : "47.11" };
        var caseId = await SampleCases.StartUntilAsync(factory, "gewerbeanmeldung", $"GA-{chamber}", "Task_Kammer", values);
        var outbox = Path.Combine(factory.Folder, "gewerbe-" + chamber);

        Assert.Equal(3, await Worker(outbox).RunOnceAsync(Wait, CancellationToken.None));

        var files = Directory.GetFiles(outbox).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"gewerbeanzeige-{caseId:N}-finanzamt.xml", $"gewerbeanzeige-{caseId:N}-{chamber}.xml", $"gewerbeanzeige-{caseId:N}-statistik.xml"],
            files);
        Assert.DoesNotContain($"gewerbeanzeige-{caseId:N}-{otherChamber}.xml", files);
        var notice = XDocument.Load(Path.Combine(outbox, $"gewerbeanzeige-{caseId:N}-{chamber}.xml")).Root!;
        Assert.Equal(chamberName, notice.Element("Empfaenger")!.Value);
        Assert.Equal($"GA-{chamber}", notice.Element("Aktenzeichen")!.Value);
        Assert.Equal(values["gewerbekennziffer"], notice.Element("Wirtschaftszweig")!.Value);
        Assert.Equal(values["betriebsbeginn"], notice.Element("Betriebsbeginn")!.Value);
        Assert.Equal("Finanzamt", XDocument.Load(Path.Combine(outbox, $"gewerbeanzeige-{caseId:N}-finanzamt.xml")).Root!.Element("Empfaenger")!.Value);
        Assert.Equal("Statistisches Landesamt", XDocument.Load(Path.Combine(outbox, $"gewerbeanzeige-{caseId:N}-statistik.xml")).Root!.Element("Empfaenger")!.Value);

        var detail = await CaseAsync(caseId);
        Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
        Assert.Equal(chamber.ToUpperInvariant(), detail.GetProperty("variables").GetProperty("kammerUnterrichtet").GetString());
        // The parallel join let the case on only after all three: on to the filing.
        Assert.Contains(detail.GetProperty("waits").EnumerateArray().Concat(detail.GetProperty("history").EnumerateArray()),
            s => s.GetProperty("nodeId").GetString() == "Task_Ablegen");
        foreach (var nodeId in new[] { "Task_Finanzamt", "Task_Kammer", "Task_Statistik" })
        {
            Assert.Contains(detail.GetProperty("history").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == nodeId);
        }
    }

    [Fact]
    public async Task A_token_outside_the_gewerbeamt_group_is_refused_and_files_nothing()
    {
        var caseId = await SampleCases.StartUntilAsync(factory, "gewerbeanmeldung", "GA-FREMD", "Task_Kammer");
        await SampleCases.WorkerAsync(factory, "kasse-dienst-fremd", "kasse");
        var outbox = Path.Combine(factory.Folder, "gewerbe-fremd");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Worker(outbox, "kasse-dienst-fremd").RunOnceAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(Directory.Exists(outbox));

        // The rightful worker then finds all three still waiting.
        Assert.Equal(3, await Worker(outbox).RunOnceAsync(Wait, CancellationToken.None));
        Assert.Equal(0, (await CaseAsync(caseId)).GetProperty("incidents").GetArrayLength());
    }

    [Fact]
    public async Task Without_the_handwerk_variable_the_chamber_step_gets_an_incident_at_once_and_no_chamber_is_notified()
    {
        var caseId = await SampleCases.StartOneStepAsync(factory, "kammer-ohne-handwerk", "Task_Kammer", "gewerbeamt",
            """<am:action name="gewerbeanzeige" empfaenger="kammer"/>""", new { gewerbekennziffer = "43.22" });
        var outbox = Path.Combine(factory.Folder, "gewerbe-ohne");

        Assert.Equal(0, await Worker(outbox).RunOnceAsync(Wait, CancellationToken.None));

        var incident = Assert.Single((await CaseAsync(caseId)).GetProperty("incidents").EnumerateArray());
        Assert.Equal("Task_Kammer", incident.GetProperty("nodeId").GetString());
        Assert.Contains("Variable „handwerk“", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(outbox) && Directory.EnumerateFileSystemEntries(outbox).Any());
    }
}
