using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// The sample process wohngeldantrag-digital pays through the HTTP connector: the server's connector worker calls a
/// real HTTP server (WireMock.Net on loopback) with the secret, the idempotency key and the case's values, and the
/// step's output parameter takes the payment number; the step's history row says what was measured.
/// </summary>
public sealed class WohngeldPaymentTests(ServerFactory factory) : IClassFixture<ServerFactory>, IDisposable
{
    private readonly WireMockServer payments = WireMockServer.Start();

    public void Dispose() => payments.Stop();

    [Fact]
    public async Task An_approved_application_is_paid_through_the_payment_system_and_the_case_ends()
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
        var values = new Dictionary<string, object>
        {
            ["antragsart"] = "erstantrag", ["aktenzeichen"] = "WG-2026-7", ["eingangsdatum"] = "2026-12-01", ["einkommen"] = 900.0,
            ["haushaltsmitglieder"] = 2, ["miete"] = 550.0, ["bescheidart"] = "bewilligung", ["bewilligungszeitraumMonate"] = 12,
        };
        JsonElement detail = default;
        for (var round = 0; round < 40; round++)
        {
            detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            if (detail.GetProperty("status").GetString() is "Completed" || detail.GetProperty("incidents").GetArrayLength() > 0) break;
            var task = detail.GetProperty("waits").EnumerateArray().FirstOrDefault(w => w.GetProperty("kind").GetString() == "UserTask");
            if (task.ValueKind == JsonValueKind.Undefined)
            {
                await Task.Delay(250);
                continue;
            }
            var response = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{task.GetProperty("id").GetInt64()}/complete", new { values });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.True(detail.GetProperty("status").GetString() == "Completed", detail.ToString());

        var call = Assert.Single(payments.LogEntries).RequestMessage;
        Assert.Equal("Bearer geheim-4711", call.Headers!["Authorization"][0]);
        Assert.False(string.IsNullOrEmpty(call.Headers["Idempotency-Key"][0]));
        using var body = JsonDocument.Parse(call.Body!);
        Assert.Equal("WG-2026-7", body.RootElement.GetProperty("aktenzeichen").GetString());
        Assert.Equal("12", body.RootElement.GetProperty("monate").GetRawText().Trim('"'));
        var text = detail.ToString();
        Assert.Contains("Z-2026-0042", text, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim-4711", text, StringComparison.Ordinal);
        var paid = detail.GetProperty("history").EnumerateArray().Single(s => s.GetProperty("nodeId").GetString() == "Task_ZahlungAnweisen");
        Assert.Contains("Byte gesendet", paid.ToString(), StringComparison.Ordinal);
    }
}
