using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Connectors;
using Automation.Server.Connectors.Vorlagen;
using Automation.Server.Features.Documents;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// The send tasks of urlaubsantrag (decision to the applicant) and eingangsrechnung (payment reminder to the
/// Fachbereich) send their e-mail for real, through the published samples, to a real SMTP server on loopback; a missing
/// address is an incident at the step, one carrying a header line is refused by the start form's e-mail field, and
/// nothing is sent.
/// </summary>
public sealed class SampleSendStepsTests(MailingServerFactory factory) : IClassFixture<MailingServerFactory>
{
    private static readonly Dictionary<string, object> Decision = new()
    {
        ["genehmigt"] = true, ["begruendung"] = "Dienstplan lässt es zu", ["urlaubstage"] = 10,
    };

    private async Task<JsonElement> DetailAsync(Guid caseId) =>
        await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");

    /// <summary>Completes the user tasks with the values until the case ends, has an incident, or only waits for something else.</summary>
    private async Task<JsonElement> RunAsync(Guid caseId, Dictionary<string, object> values)
    {
        var admin = factory.ApiClient("admin");
        JsonElement detail = default;
        for (var round = 0; round < 80; round++)
        {
            detail = await DetailAsync(caseId);
            if (detail.GetProperty("status").GetString() is "Completed" || detail.GetProperty("incidents").GetArrayLength() > 0) break;
            var task = detail.GetProperty("waits").EnumerateArray().FirstOrDefault(w => w.GetProperty("kind").GetString() == "UserTask");
            if (task.ValueKind == JsonValueKind.Undefined)
            {
                await Task.Delay(100);
                continue;
            }
            var response = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{task.GetProperty("id").GetInt64()}/complete", new { values });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return detail;
    }

    private IReadOnlyList<MimeMessage> MailTo(string address) =>
        [.. factory.Sink.Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == address))];

    [Theory]
    [InlineData(true, "Task_GenehmigungMitteilen", "genehmigt", "Ihr Urlaub ist genehmigt (10 Tage gebucht)")]
    [InlineData(false, "Task_AblehnungMitteilen", "abgelehnt", "Ihr Urlaubsantrag ist abgelehnt")]
    public async Task The_decision_on_a_leave_request_reaches_the_applicant_by_email_and_the_case_ends(bool approved, string nodeId, string word, string subject)
    {
        var address = $"anna.{word}@stadt.example";
        var caseId = await TestBpmn.StartAsync(factory.ApiClient("admin"), "urlaubsantrag", variables: new { email = address });

        var detail = await RunAsync(caseId, new Dictionary<string, object>(Decision) { ["genehmigt"] = approved });

        Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
        Assert.Equal("Completed", detail.GetProperty("status").GetString());
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == nodeId);
        var message = Assert.Single(MailTo(address));
        Assert.Equal(subject, message.Subject);
        Assert.Contains($"Der Urlaub ist {word}.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<strong>{word}</strong>", message.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(message.Headers[EmailConnector.IdempotencyHeader]);
    }

    [Fact]
    public async Task A_leave_request_without_an_address_stops_at_the_send_step_with_an_incident_naming_it_and_the_field()
    {
        var caseId = await TestBpmn.StartAsync(factory.ApiClient("admin"), "urlaubsantrag");
        var before = factory.Sink.Messages.Count;

        var detail = await RunAsync(caseId, new Dictionary<string, object>(Decision) { ["genehmigt"] = false });

        var incident = Assert.Single(detail.GetProperty("incidents").EnumerateArray());
        Assert.Equal("Task_AblehnungMitteilen", incident.GetProperty("nodeId").GetString());
        var text = incident.GetProperty("message").GetString()!;
        Assert.Contains("Task_AblehnungMitteilen", text, StringComparison.Ordinal);
        Assert.Contains("„to“", text, StringComparison.Ordinal);
        Assert.NotEqual("Completed", detail.GetProperty("status").GetString());
        Assert.Equal(before, factory.Sink.Messages.Count);
    }

    [Fact]
    public async Task An_address_carrying_a_bcc_header_line_is_refused_at_the_start_form_and_nobody_gets_mail()
    {
        // The start form's e-mail field refuses it before any case exists; the connector's own refusal of control
        // characters (for values no form checked) is EmailConnectorTests.Bad_inputs_fail_without_retry_naming_the_value.
        const string injected = "a@b.de\r\nBcc: x@y.de";
        var admin = factory.ApiClient("admin");
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/cases?processId=urlaubsantrag")).GetProperty("total").GetInt32();
        var response = await admin.PostAsJsonAsync("/api/cases", new { processId = "urlaubsantrag", variables = new { email = injected } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-email", problem.GetProperty("code").GetString());
        Assert.Equal("email", problem.GetProperty("field").GetString());
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/cases?processId=urlaubsantrag")).GetProperty("total").GetInt32());
        Assert.Empty(MailTo("a@b.de"));
        Assert.DoesNotContain(factory.Sink.Messages, m => m.Bcc.Mailboxes.Any() || m.To.Mailboxes.Any(b => b.Address == "x@y.de"));
    }

    [Fact]
    public async Task Three_days_without_the_factual_check_remind_the_fachbereich_of_the_payment_deadline_by_email()
    {
        const string fachbereich = "tiefbau@stadt.example";
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, "eingangsrechnung", "RE-ERINNERUNG");
        var entry = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{await TestBpmn.FirstTaskAsync(admin, caseId)}/complete", new
        {
            values = new { rechnungsnummer = "RE-4712", betrag = 7500.0, faelligAm = "2026-12-30", fachbereichEmail = fachbereich },
        });
        Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
        var timer = (await DetailAsync(caseId)).GetProperty("waits").EnumerateArray().Single(w => w.GetProperty("kind").GetString() == "Timer");

        Assert.True(await factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.FireTimerAsync(caseId, timer.GetProperty("id").GetInt64()));
        for (var wait = 0; wait < 100 && MailTo(fachbereich).Count == 0; wait++) await Task.Delay(100);

        var message = Assert.Single(MailTo(fachbereich));
        Assert.Equal("Erinnerung: Rechnung RE-4712 ist bis 30.12.2026 zu zahlen", message.Subject);
        Assert.Contains("über 7.500 € liegt seit drei Tagen", message.TextBody, StringComparison.Ordinal);
        var detail = await DetailAsync(caseId);
        Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
        // The reminder does not end the check: the Fachbereich's task still waits.
        Assert.Contains(detail.GetProperty("waits").EnumerateArray(), w => w.GetProperty("nodeId").GetString() == "Task_SachlichPruefen");
    }

    [Fact]
    public async Task The_invoice_entry_requires_the_fachbereichs_address()
    {
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, "eingangsrechnung", "RE-OHNE-ADRESSE");
        var entry = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{await TestBpmn.FirstTaskAsync(admin, caseId)}/complete", new
        {
            values = new { rechnungsnummer = "RE-4713", betrag = 10.0, faelligAm = "2026-12-30" },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, entry.StatusCode);
        Assert.Contains("E-Mail-Adresse des prüfenden Fachbereichs", await entry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>
/// The pickup folder of the e-mail connector: instead of SMTP each message is written as an .eml file (same MIME
/// message, Message-Id and idempotency header); a folder that cannot be written to is a failure naming it.
/// </summary>
public sealed class EmailPickupTests(ServerFactory factory) : IClassFixture<ServerFactory>, IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "am-pickup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private EmailConnector Connector(string folder) => new(factory.Services.GetRequiredService<TemplateLibrary>(),
        factory.Services.GetRequiredService<DocumentStore>(),
        Options.Create(new EmailSettings { PickupDirectory = folder, From = "personal@stadt.example" }), TimeProvider.System);

    private static ConnectorCall Call(Dictionary<string, object?> inputs, string key = "fall-7/Task_GenehmigungMitteilen/1") =>
        new(Guid.NewGuid(), null, "urlaubsantrag", "Task_GenehmigungMitteilen", key, inputs, new Dictionary<string, object?> { ["urlaubstage"] = 12L }, 1);

    private static Dictionary<string, object?> Approval(string to = "anna@stadt.example") => new()
    {
        ["to"] = to, ["subject"] = "Ihr Urlaub ist genehmigt ({{urlaubstage}} Tage gebucht)", ["template"] = "urlaub-entscheidung",
        ["entscheidung"] = "genehmigt", ["hinweis"] = "Die Personalstelle hat den Urlaub gebucht.",
    };

    [Fact]
    public async Task The_message_is_written_to_the_pickup_folder_it_creates_and_a_retry_replaces_its_own_copy()
    {
        var folder = Path.Combine(root, "neu", "mail-ausgang");
        var first = await Connector(folder).ExecuteAsync(Call(Approval()), default);
        var again = await Connector(folder).ExecuteAsync(Call(Approval()), default);

        Assert.True(first.Kind == ConnectorResultKind.Completed, first.Message);
        Assert.Equal(first.Outputs["messageId"], again.Outputs["messageId"]);
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("anna@stadt.example", message.To.Mailboxes.Single().Address);
        Assert.Equal("personal@stadt.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("Ihr Urlaub ist genehmigt (12 Tage gebucht)", message.Subject);
        Assert.Contains("Der Urlaub ist genehmigt.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Die Personalstelle hat den Urlaub gebucht.", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(EmailConnector.MessageId("fall-7/Task_GenehmigungMitteilen/1", "stadt.example"), message.MessageId);
        Assert.Equal(message.MessageId, first.Outputs["messageId"]);
        Assert.Equal("fall-7/Task_GenehmigungMitteilen/1", message.Headers[EmailConnector.IdempotencyHeader]);
        Assert.Equal(1, first.Measurement.EmailsSent);
        Assert.Equal(1, first.Measurement.LettersAvoided);
        Assert.Equal(new FileInfo(file).Length, first.Measurement.BytesSent);

        // Another step execution is another message beside it.
        await Connector(folder).ExecuteAsync(Call(Approval(), "fall-8/Task_GenehmigungMitteilen/1"), default);
        Assert.Equal(2, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public async Task A_pickup_folder_that_cannot_be_written_is_a_failure_naming_the_folder()
    {
        Directory.CreateDirectory(root);
        var blocker = Path.Combine(root, "keinordner");
        await File.WriteAllTextAsync(blocker, "eine Datei, kein Ordner");
        // Below a regular file no folder can be created, whoever the process runs as (root ignores permissions).
        var folder = Path.Combine(blocker, "mail-ausgang");

        var result = await Connector(folder).ExecuteAsync(Call(Approval()), default);

        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.Contains($"„{folder}“", result.Message, StringComparison.Ordinal);
        Assert.Contains("PickupDirectory", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Measurement.EmailsSent);
        Assert.Equal("eine Datei, kein Ordner", await File.ReadAllTextAsync(blocker));
    }

    [Theory]
    [InlineData("a@b.de\r\nBcc: x@y.de")]
    [InlineData("a@b.de\nBcc: x@y.de")]
    [InlineData("Anna <a@b.de>\r\nX-Injected: 1")]
    public async Task An_address_with_a_line_break_is_refused_naming_the_field_and_nothing_is_written(string to)
    {
        var folder = Path.Combine(root, "injektion");
        var result = await Connector(folder).ExecuteAsync(Call(Approval(to)), default);

        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.False(result.Retryable);
        Assert.Contains("„to“", result.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any());
    }

    [Fact]
    public async Task Without_smtp_server_and_pickup_folder_a_send_fails_naming_both_settings()
    {
        var connector = new EmailConnector(factory.Services.GetRequiredService<TemplateLibrary>(), factory.Services.GetRequiredService<DocumentStore>(),
            Options.Create(new EmailSettings { From = "personal@stadt.example" }), TimeProvider.System);
        var result = await connector.ExecuteAsync(Call(Approval()), default);
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.Contains("Connectors:Email:Host", result.Message, StringComparison.Ordinal);
        Assert.Contains("Connectors:Email:PickupDirectory", result.Message, StringComparison.Ordinal);
    }
}

/// <summary>The server outside the demo mode.</summary>
public sealed class ProductionModeServerFactory : ServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Automation:Demo:Seed", "false")];
}

/// <summary>Outside the demo mode a server without e-mail settings never writes mail to disk on its own.</summary>
public sealed class EmailProductionDefaultsTests(ProductionModeServerFactory factory) : IClassFixture<ProductionModeServerFactory>
{
    [Fact]
    public void Without_the_demo_mode_no_pickup_folder_and_no_sender_are_assumed()
    {
        var settings = factory.Services.GetRequiredService<IOptions<EmailSettings>>().Value;
        Assert.Null(settings.PickupDirectory);
        Assert.Null(settings.From);
        Assert.Null(settings.Host);
    }
}
