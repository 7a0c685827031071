using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Automation.Samples.Workers;

namespace Automation.Server.Tests.ExternalTasks;

/// <summary>
/// The sample worker "kasse" does the payment steps of wohngeldantrag and eingangsrechnung (topic kassenverfahren, group
/// kasse): it files an Auszahlungsanordnung with the case's amount and completes the step with the Kassenzeichen.
/// </summary>
public sealed class KasseSampleWorkerTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private string Outbox(string name) => Path.Combine(factory.Folder, name);

    /// <summary>The worker as the demo documents it: a token of the demo person "sachbearbeitung" (Postkorb kasse).</summary>
    private KasseWorker Worker(string outbox, string user = "sachbearbeitung", RetryPolicy? retry = null) =>
        new(new ExternalTaskClient(factory.ApiClient(user), "kasse-test"), outbox, retry ?? RetryPolicy.Default, TimeProvider.System);

    private async Task<JsonElement> CaseAsync(Guid caseId) => await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");

    private static decimal Given(string variable) => Convert.ToDecimal(SampleCases.Values[variable], CultureInfo.InvariantCulture);

    /// <summary>Runs the worker once, reads the order it filed for the case and checks the case ended with its Kassenzeichen.</summary>
    private async Task<XElement> PayAsync(string processId, string nodeId, string businessKey)
    {
        var caseId = await SampleCases.StartUntilAsync(factory, processId, businessKey, nodeId);
        var outbox = Outbox("kasse-" + processId);
        Assert.Equal(1, await Worker(outbox).RunOnceAsync(Wait, CancellationToken.None));

        var path = Path.Combine(outbox, $"auszahlungsanordnung-{caseId:N}.xml");
        // What the declaration says: UTF-8 without a byte order mark.
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Encoding.ASCII.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
        var order = XDocument.Load(path).Root!;
        Assert.Equal(caseId.ToString("D"), order.Element("Vorgang")!.Value);
        Assert.Empty(Directory.GetFiles(outbox, "*.tmp"));
        var detail = await CaseAsync(caseId);
        Assert.Equal("Completed", detail.GetProperty("status").GetString());
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == nodeId);
        var kassenzeichen = detail.GetProperty("variables").GetProperty("kassenzeichen").GetString();
        Assert.Matches(@"^KZ-\d{10}$", kassenzeichen);
        Assert.Equal(kassenzeichen, order.Element("Kassenzeichen")!.Value);
        Assert.Equal($"auszahlungsanordnung-{caseId:N}.xml", detail.GetProperty("variables").GetProperty("auszahlungsanordnung").GetString());
        return order;
    }

    [Fact]
    public async Task The_wohngeld_payment_is_filed_with_the_cases_monthly_amount_and_period_and_the_case_ends()
    {
        var order = await PayAsync("wohngeldantrag", "Task_ZahlungAnweisen", "WG-KASSE-1");

        Assert.Equal("wohngeld", order.Attribute("art")!.Value);
        Assert.Equal(Given("wohngeld"), decimal.Parse(order.Element("Betrag")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal("EUR", order.Element("Betrag")!.Attribute("waehrung")!.Value);
        Assert.Equal(SampleCases.Values["aktenzeichen"], order.Element("Aktenzeichen")!.Value);
        Assert.Equal(Convert.ToString(SampleCases.Values["bewilligungszeitraumMonate"], CultureInfo.InvariantCulture), order.Element("Zahlungen")!.Attribute("anzahl")!.Value);
        // Paid monthly in advance: due on a first of the month, after today.
        var due = DateOnly.ParseExact(order.Element("Faelligkeit")!.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(1, due.Day);
        Assert.True(due > DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains((string)SampleCases.Values["aktenzeichen"], order.Element("Verwendungszweck")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_invoice_payment_is_filed_with_the_invoices_amount_due_date_and_budget_line_and_the_case_ends()
    {
        var order = await PayAsync("eingangsrechnung", "Task_Zahlen", "ER-KASSE-1");

        Assert.Equal("rechnung", order.Attribute("art")!.Value);
        Assert.Equal(Given("betrag"), decimal.Parse(order.Element("Betrag")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(SampleCases.Values["rechnungsnummer"], order.Element("Rechnungsnummer")!.Value);
        Assert.Equal(SampleCases.Values["faelligAm"], order.Element("Faelligkeit")!.Value);
        Assert.Equal(SampleCases.Values["haushaltsstelle"], order.Element("Haushaltsstelle")!.Value);
        Assert.Equal("ER-KASSE-1", order.Element("Aktenzeichen")!.Value);
    }

    [Fact]
    public async Task Tokens_outside_the_kasse_group_are_refused_and_file_nothing_while_the_kasse_then_pays()
    {
        var caseId = await SampleCases.StartUntilAsync(factory, "wohngeldantrag", "WG-KASSE-FREMD", "Task_ZahlungAnweisen");
        await SampleCases.WorkerAsync(factory, "gewerbe-dienst-fremd", "gewerbeamt");
        var outbox = Outbox("kasse-fremd");
        // A clerk of another Postkorb, and the demo's Leitung (a role that fetches no external tasks at all).
        foreach (var stranger in new[] { "gewerbe-dienst-fremd", "leitung" })
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Worker(outbox, stranger).RunOnceAsync(TimeSpan.Zero, CancellationToken.None));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        Assert.False(Directory.Exists(outbox));
        Assert.Contains("Task_ZahlungAnweisen", (await CaseAsync(caseId)).GetProperty("waits").ToString(), StringComparison.Ordinal);

        Assert.Equal(1, await Worker(outbox).RunOnceAsync(Wait, CancellationToken.None));
        Assert.Equal("Completed", (await CaseAsync(caseId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unwritable_outbox_fails_with_a_german_message_and_after_the_retries_the_step_has_an_incident()
    {
        var caseId = await SampleCases.StartUntilAsync(factory, "eingangsrechnung", "ER-KASSE-VOLL", "Task_Zahlen");
        // A file where the folder should be: not writable for anyone, root included.
        var outbox = Outbox("kasse-blockiert");
        await File.WriteAllTextAsync(outbox, "kein Ordner");
        var worker = Worker(outbox, retry: new RetryPolicy(2, TimeSpan.Zero));

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(0, await worker.RunOnceAsync(Wait, CancellationToken.None));
            var retrying = await CaseAsync(caseId);
            Assert.Equal(0, retrying.GetProperty("incidents").GetArrayLength());
            Assert.Contains("Task_Zahlen", retrying.GetProperty("waits").ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await worker.RunOnceAsync(Wait, CancellationToken.None));

        var detail = await CaseAsync(caseId);
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Equal("Task_Zahlen", incident.GetProperty("nodeId").GetString());
        var message = incident.GetProperty("message").GetString()!;
        Assert.StartsWith("Die Auszahlungsanordnung konnte nicht im Ablageordner", message, StringComparison.Ordinal);
        Assert.Contains(outbox, message, StringComparison.Ordinal);
        Assert.NotEqual("Completed", detail.GetProperty("status").GetString());
        Assert.False(detail.GetProperty("variables").TryGetProperty("kassenzeichen", out _));
    }

    [Theory]
    [InlineData("ohne", """{"rechnungsnummer":"RE-1"}""", "Der Betrag fehlt (Variable „betrag“)")]
    [InlineData("leer", """{"rechnungsnummer":"RE-2","betrag":null}""", "Der Betrag fehlt (Variable „betrag“)")]
    [InlineData("text", """{"rechnungsnummer":"RE-3","betrag":"viel"}""", "Variable „betrag“ ist keine Zahl")]
    [InlineData("negativ", """{"rechnungsnummer":"RE-4","betrag":-50}""", "muss größer als 0 € sein, ist aber -50,00 €")]
    [InlineData("null", """{"rechnungsnummer":"RE-5","betrag":0}""", "muss größer als 0 € sein")]
    [InlineData("bruchteil", """{"rechnungsnummer":"RE-6","betrag":10.005}""", "nicht auf den Cent genau: 10,005 €")]
    public async Task A_missing_or_invalid_amount_gives_the_step_an_incident_at_once_naming_the_variable_and_files_nothing(
        string name, string variables, string expected)
    {
        var caseId = await SampleCases.StartOneStepAsync(factory, "zahlung-" + name, "Task_Zahlen", "kasse",
            """<am:action name="kassenverfahren" auszahlung="rechnung"/>""", JsonSerializer.Deserialize<JsonElement>(variables));
        var outbox = Outbox("kasse-" + name);

        Assert.Equal(0, await Worker(outbox).RunOnceAsync(Wait, CancellationToken.None));

        var detail = await CaseAsync(caseId);
        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Equal("Task_Zahlen", incident.GetProperty("nodeId").GetString());
        Assert.StartsWith("Die Auszahlung kann nicht angewiesen werden: ", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(expected, incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(outbox) && Directory.EnumerateFileSystemEntries(outbox).Any());
    }
}
