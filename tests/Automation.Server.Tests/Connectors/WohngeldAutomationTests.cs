using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// The server with its e-mail connector pointed at a real SMTP server on loopback (started with the fixture, so its
/// port is known when the server is configured).
/// </summary>
public sealed class MailingServerFactory : ServerFactory
{
    public RefusingSmtpSink Sink { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Connectors:Email:Host", "127.0.0.1"),
        new("Connectors:Email:Port", Sink.Port.ToString(CultureInfo.InvariantCulture)),
        new("Connectors:Email:Tls", "None"),
        new("Connectors:Email:From", "wohngeld@stadt.example"),
        new("Connectors:Email:FromName", "Wohngeldstelle Musterstadt"),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Sink.Dispose();
    }
}

/// <summary>
/// The sample process wohngeldantrag-digital automates for real: the Eingangsbestätigung goes by e-mail to a real SMTP
/// server, the Bescheid is generated as a PDF, stored with the case and sent as an attachment, and the payment order
/// goes to a real HTTP server (WireMock.Net) with the secret and the idempotency key. The ledger shows what the
/// connectors measured: e-mails, letters avoided (with their post carbon beside, not subtracted), PDF pages, transfer.
/// </summary>
public sealed class WohngeldAutomationTests(MailingServerFactory factory) : IClassFixture<MailingServerFactory>, IDisposable
{
    private readonly WireMockServer payments = WireMockServer.Start();

    public void Dispose() => payments.Stop();

    private static readonly Dictionary<string, object> Values = new()
    {
        ["antragsart"] = "erstantrag", ["aktenzeichen"] = "WG-2026-7", ["eingangsdatum"] = "2026-12-01", ["antragsteller"] = "Erika Mustermann",
        ["email"] = "erika@buerger.example", ["einkommen"] = 900.0, ["haushaltsmitglieder"] = 2, ["miete"] = 550.0, ["bescheidart"] = "bewilligung",
        ["bewilligungszeitraumMonate"] = 12, ["mietbescheinigungBeigefuegt"] = true, ["einkommensnachweiseBeigefuegt"] = true,
    };

    [Fact]
    public async Task An_approved_application_is_confirmed_decided_as_pdf_sent_and_paid_and_the_ledger_counts_what_was_measured()
    {
        payments.Given(Request.Create().WithPath("/api/anweisungen").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"nummer":"Z-2026-0042"}"""));
        var admin = factory.ApiClient("admin");
        Assert.True((await admin.PutAsJsonAsync("/api/secrets/zahlung-schluessel", new { value = "geheim-4711" })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsJsonAsync("/api/outbound-hosts", new { host = "127.0.0.1", port = payments.Port })).IsSuccessStatusCode);
        var xml = (await File.ReadAllTextAsync(Path.Combine(ServerFactory.RepositoryRoot, "workflows", "wohngeldantrag-digital.bpmn")))
            .Replace("https://zahlung.stadt.example/api/anweisungen", $"http://127.0.0.1:{payments.Port}/api/anweisungen", StringComparison.Ordinal);
        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=wohngeldantrag-digital.bpmn&overrideReason=Test", TestBpmn.Xml(xml));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag-digital", businessKey: "WG-2026-7");
        var detail = await RunToEndAsync(admin, caseId);
        Assert.True(detail.GetProperty("status").GetString() == "Completed", detail.ToString());

        // The payment: secret, idempotency key and the case's values reached the payment system; the secret never shows.
        var call = Assert.Single(payments.LogEntries).RequestMessage;
        Assert.Equal("Bearer geheim-4711", call.Headers!["Authorization"][0]);
        Assert.False(string.IsNullOrEmpty(call.Headers["Idempotency-Key"][0]));
        using (var body = JsonDocument.Parse(call.Body!))
        {
            Assert.Equal("WG-2026-7", body.RootElement.GetProperty("aktenzeichen").GetString());
            Assert.Equal("12", body.RootElement.GetProperty("monate").GetRawText().Trim('"'));
        }
        var text = detail.ToString();
        Assert.Contains("Z-2026-0042", text, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim-4711", text, StringComparison.Ordinal);
        var paid = detail.GetProperty("history").EnumerateArray().Single(s => s.GetProperty("nodeId").GetString() == "Task_ZahlungAnweisen");
        Assert.Contains("Byte gesendet", paid.ToString(), StringComparison.Ordinal);

        // Two e-mails to the applicant: the confirmation from the template, then the Bescheid with the generated PDF attached.
        var mails = factory.Sink.Messages.Where(m => m.To.Mailboxes.Any(a => a.Address == "erika@buerger.example")).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Contains("WG-2026-7", mails[0].Subject, StringComparison.Ordinal);
        Assert.Contains("Erika Mustermann", mails[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("Wohngeldbescheid", mails[1].Subject + mails[1].TextBody, StringComparison.OrdinalIgnoreCase);
        var attachment = Assert.Single(mails[1].Attachments.OfType<MimePart>());
        Assert.Equal("Bescheid-WG-2026-7.pdf", attachment.FileName);
        using (var pdf = new MemoryStream())
        {
            await attachment.Content!.DecodeToAsync(pdf);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf.ToArray(), 0, 4));
        }

        // The PDF is a document of the case, listed with the case.
        var documents = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}/documents");
        Assert.Contains(documents.EnumerateArray(), d => d.GetProperty("fileName").GetString() == "Bescheid-WG-2026-7.pdf");

        // The ledger counts what the connectors measured, per step and in the case's totals.
        var ledger = await admin.GetFromJsonAsync<JsonElement>($"/api/ledger/cases/{caseId}");
        JsonElement Line(string node) => ledger.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("nodeId").GetString() == node);
        static double D(JsonElement e, string name) => e.GetProperty("deliveries").GetProperty(name).GetDouble();
        var confirmation = Line("Task_EingangsbestaetigungSenden");
        Assert.Equal((1, 1, 0), (D(confirmation, "emailsSent"), D(confirmation, "lettersAvoided"), D(confirmation, "pdfPages")));
        Assert.True(D(confirmation, "avoidedPostG") > 0);
        var generated = Line("Task_BescheidPdf");
        Assert.Equal(0, D(generated, "emailsSent"));
        Assert.True(D(generated, "pdfPages") >= 1);
        Assert.Equal(0, generated.GetProperty("paperG").GetDouble());
        var totals = ledger.GetProperty("totals").GetProperty("deliveries");
        Assert.Equal((2, 2), (totals.GetProperty("emailsSent").GetDouble(), totals.GetProperty("lettersAvoided").GetDouble()));
        Assert.Equal(2 * D(confirmation, "avoidedPostG"), totals.GetProperty("avoidedPostG").GetDouble(), 6);
        // Avoided emissions stand beside; they are never subtracted from the post the case caused (none here).
        Assert.Equal(0, ledger.GetProperty("totals").GetProperty("postG").GetDouble());
    }

    [Fact]
    public async Task An_unreachable_recipient_address_stops_at_the_confirmation_with_an_incident_naming_it_and_nothing_is_paid()
    {
        var admin = factory.ApiClient("admin");
        var xml = (await File.ReadAllTextAsync(Path.Combine(ServerFactory.RepositoryRoot, "workflows", "wohngeldantrag-digital.bpmn")))
            .Replace("https://zahlung.stadt.example/api/anweisungen", $"http://127.0.0.1:{payments.Port}/api/anweisungen", StringComparison.Ordinal);
        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=wohngeldantrag-digital.bpmn&overrideReason=Test", TestBpmn.Xml(xml));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag-digital", businessKey: "WG-2026-8");
        var values = new Dictionary<string, object>(Values) { ["aktenzeichen"] = "WG-2026-8", ["email"] = "kein@refused.example" };
        var detail = await RunToEndAsync(admin, caseId, values);
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Contains("kein@refused.example", incident.ToString(), StringComparison.Ordinal);
        Assert.Contains("Task_EingangsbestaetigungSenden", incident.ToString(), StringComparison.Ordinal);
        Assert.Empty(payments.LogEntries);
        Assert.DoesNotContain(factory.Sink.Messages, m => m.To.Mailboxes.Any(a => a.Address == "kein@refused.example"));
    }

    [Fact]
    public async Task Without_the_income_proofs_the_completeness_check_requests_them_and_checks_again_when_they_arrive()
    {
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag-digital", businessKey: "WG-2026-9");
        var values = new Dictionary<string, object>(Values) { ["aktenzeichen"] = "WG-2026-9", ["einkommensnachweiseBeigefuegt"] = false };
        var detail = await CompleteUntilAsync(admin, caseId, values, "Task_UnterlagenNachfordern");
        var check = detail.GetProperty("history").EnumerateArray().Single(s => s.GetProperty("nodeId").GetString() == "Task_VollstaendigkeitPruefen");
        Assert.Equal("ScriptTask", check.GetProperty("kind").GetString());
        Assert.Equal("false", Variable(detail, "unterlagenVollstaendig"));

        // The request is sent; the proofs arrive with the message, and the step checks again: now complete.
        detail = await CompleteUntilAsync(admin, caseId, new Dictionary<string, object>(values) { ["fehlendeUnterlagen"] = "Einkommensnachweise" }, "Event_UnterlagenEingegangen");
        var arrived = await admin.PostAsJsonAsync("/api/messages", new { name = "Unterlagen eingegangen", correlationKey = "WG-2026-9", payload = new { einkommensnachweiseBeigefuegt = true } });
        Assert.True(arrived.IsSuccessStatusCode, await arrived.Content.ReadAsStringAsync());
        detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal(2, detail.GetProperty("history").EnumerateArray().Count(s => s.GetProperty("nodeId").GetString() == "Task_VollstaendigkeitPruefen"));
        Assert.Equal("true", Variable(detail, "unterlagenVollstaendig"));
        Assert.Contains(detail.GetProperty("waits").EnumerateArray(), w => w.GetProperty("nodeId").GetString() == "Task_EinkommenPruefen");
    }

    private static string? Variable(JsonElement detail, string name) =>
        detail.GetProperty("variables").TryGetProperty(name, out var v) ? v.ToString().ToLowerInvariant() : null;

    /// <summary>Completes user tasks with the values until the case waits at <paramref name="nodeId"/>.</summary>
    private static async Task<JsonElement> CompleteUntilAsync(HttpClient admin, Guid caseId, Dictionary<string, object> values, string nodeId)
    {
        for (var round = 0; round < 40; round++)
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
            var waits = detail.GetProperty("waits").EnumerateArray().ToList();
            if (waits.Any(w => w.GetProperty("nodeId").GetString() == nodeId)) return detail;
            var task = waits.FirstOrDefault(w => w.GetProperty("kind").GetString() == "UserTask");
            if (task.ValueKind == JsonValueKind.Undefined)
            {
                await Task.Delay(250);
                continue;
            }
            var response = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{task.GetProperty("id").GetInt64()}/complete", new { values });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        throw new Xunit.Sdk.XunitException($"the case did not reach {nodeId}");
    }

    /// <summary>Completes every user task with the values until the case ends or has an incident.</summary>
    private static async Task<JsonElement> RunToEndAsync(HttpClient admin, Guid caseId, Dictionary<string, object>? values = null)
    {
        JsonElement detail = default;
        for (var round = 0; round < 80; round++)
        {
            detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            if (detail.GetProperty("status").GetString() is "Completed" || detail.GetProperty("incidents").GetArrayLength() > 0) break;
            var task = detail.GetProperty("waits").EnumerateArray().FirstOrDefault(w => w.GetProperty("kind").GetString() == "UserTask");
            if (task.ValueKind == JsonValueKind.Undefined)
            {
                await Task.Delay(250);
                continue;
            }
            var response = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{task.GetProperty("id").GetInt64()}/complete", new { values = values ?? Values });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return detail;
    }
}
