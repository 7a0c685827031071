using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Automation.Data.Documents;
using Automation.Server.Connectors;
using Automation.Server.Connectors.Vorlagen;
using Automation.Server.Features.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Automation.Server.Tests.Connectors;

/// <summary>An SMTP server on a loopback port that keeps what it receives and refuses recipients at refused.example.</summary>
public sealed class RefusingSmtpSink : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Store store = new();

    public RefusingSmtpSink()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        services.Add(new Filter());
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => [.. store.Messages];

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose() => stop.Cancel();

    private sealed class Filter : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(to.Host != "refused.example");
    }

    private sealed class Store : MessageStore
    {
        public System.Collections.Concurrent.ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>A secret store with fixed secrets, standing in for the server's encrypted one.</summary>
internal sealed class FixedSecrets(Dictionary<string, string> secrets) : ISecretStore
{
    public Task<string?> GetAsync(string name, CancellationToken ct) => Task.FromResult(secrets.GetValueOrDefault(name));
}

/// <summary>
/// The email connector against a real SMTP server on loopback: rendered HTML and text parts, the case's document as
/// attachment, the idempotency key in the message; refusals (a document of another case, a refused recipient, a
/// missing secret) are not retried, an SMTP server that is down is.
/// </summary>
public sealed class EmailConnectorTests(ServerFactory factory) : IClassFixture<ServerFactory>, IDisposable
{
    private const string Process = "doc-mail";
    private readonly RefusingSmtpSink sink = new();

    private static readonly Dictionary<string, object?> Variables = new(StringComparer.Ordinal)
    {
        ["antragsteller"] = "Jürgen <Müßig>",
        ["eingangsdatum"] = "2026-11-30",
    };

    public void Dispose() => sink.Dispose();

    private DocumentStore Store => factory.Services.GetRequiredService<DocumentStore>();

    private EmailConnector Connector(int? port = null, string? secret = null) => new(factory.Services.GetRequiredService<TemplateLibrary>(), Store,
        Options.Create(new EmailSettings
        {
            Host = "127.0.0.1", Port = port ?? sink.Port, Tls = "None", From = "wohngeld@stadt.example", FromName = "Stadt Musterstadt",
            PasswordSecret = secret, User = secret is null ? null : "postmaster", TimeoutSeconds = 5,
        }), TimeProvider.System, new FixedSecrets([]));

    private async Task<Guid> CaseAsync()
    {
        var published = await factory.ApiClient("prozess").PostAsync("/api/definitions?publish=true&fileName=test.bpmn",
            TestBpmn.Xml(TestBpmn.Department(Process, "doc-wg-gruppe")));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return await TestBpmn.StartAsync(factory.ApiClient("admin"), Process);
    }

    private static ConnectorCall Call(Guid caseId, Dictionary<string, object?> inputs, string key = "fall-1/Versand/1") =>
        new(caseId, "AZ-WG-2026-0815", Process, "Versand", key, inputs, Variables, 1);

    [Fact]
    public async Task The_delivered_message_has_the_rendered_parts_the_attachment_and_the_idempotency_key()
    {
        var caseId = await CaseAsync();
        var pdf = "%PDF-1.7\n% Bescheid\n%%EOF\n"u8.ToArray();
        var doc = await Store.Documents.AddAsync(new NewCaseDocument(caseId, "Bescheid Müßig.pdf", pdf, CaseDocumentKinds.Generated, "system"));
        var result = await Connector().ExecuteAsync(Call(caseId, new()
        {
            ["to"] = "antrag@buerger.example, Zweite <zweite@buerger.example>",
            ["cc"] = "akte@stadt.example",
            ["subject"] = "Eingangsbestätigung {{aktenzeichen}}",
            ["template"] = "eingangsbestaetigung",
            ["attachments"] = new List<object?> { doc.ToVariable() },
        }), default);

        Assert.True(result.Kind == ConnectorResultKind.Completed, result.Message);
        var message = Assert.Single(sink.Messages);
        Assert.Equal("Eingangsbestätigung AZ-WG-2026-0815", message.Subject);
        Assert.Equal(["antrag@buerger.example", "zweite@buerger.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("akte@stadt.example", message.Cc.Mailboxes.Single().Address);
        Assert.Equal("wohngeld@stadt.example", message.From.Mailboxes.Single().Address);
        Assert.Contains("Guten Tag Jürgen <Müßig>,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("am 30.11.2026", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Guten Tag Jürgen &lt;Müßig&gt;,", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<strong>AZ-WG-2026-0815</strong>", message.HtmlBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("Bescheid Müßig.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(pdf, content.ToArray());
        Assert.Equal("fall-1/Versand/1", message.Headers[EmailConnector.IdempotencyHeader]);
        Assert.Equal(EmailConnector.MessageId("fall-1/Versand/1", "stadt.example"), message.MessageId);
        Assert.Equal(message.MessageId, result.Outputs["messageId"]);
        Assert.Equal(1, result.Measurement.EmailsSent);
        Assert.Equal(1, result.Measurement.LettersAvoided);
        Assert.InRange(result.Measurement.BytesSent, pdf.Length + 500, 20_000);
    }

    [Fact]
    public async Task Inline_text_and_html_work_without_a_template_and_the_same_key_gives_the_same_message_id()
    {
        var caseId = await CaseAsync();
        Dictionary<string, object?> Inputs() => new() { ["to"] = "a@buerger.example", ["subject"] = "Hinweis", ["text"] = "Hallo {{antragsteller}}", ["html"] = "<p>Hallo {{antragsteller}}</p>" };
        var first = await Connector().ExecuteAsync(Call(caseId, Inputs(), "key-x"), default);
        var again = await Connector().ExecuteAsync(Call(caseId, Inputs(), "key-x"), default);
        Assert.Equal(first.Outputs["messageId"], again.Outputs["messageId"]);
        Assert.All(sink.Messages, m => Assert.Equal("<p>Hallo Jürgen &lt;Müßig&gt;</p>", m.HtmlBody));
    }

    [Fact]
    public async Task A_document_of_another_case_is_refused_and_nothing_is_sent()
    {
        var caseId = await CaseAsync();
        var other = await CaseAsync();
        var foreign = await Store.Documents.AddAsync(new NewCaseDocument(other, "Fremd.pdf", "%PDF-1.7\n"u8.ToArray(), CaseDocumentKinds.Received, "x"));
        foreach (var attachment in new object?[] { foreign.Id.ToString(), foreign.ToVariable(), "../../etc/passwd", 42d })
        {
            var result = await Connector().ExecuteAsync(Call(caseId, new()
            {
                ["to"] = "a@buerger.example", ["subject"] = "x", ["text"] = "x", ["attachments"] = new List<object?> { attachment },
            }), default);
            Assert.Equal(ConnectorResultKind.Failure, result.Kind);
            Assert.False(result.Retryable);
            Assert.Contains("kein Dokument dieses Vorgangs", result.Message, StringComparison.Ordinal);
        }
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task A_refused_recipient_is_a_failure_without_retry_naming_the_address()
    {
        var caseId = await CaseAsync();
        var result = await Connector().ExecuteAsync(Call(caseId, new() { ["to"] = "gut@buerger.example, weg@refused.example", ["subject"] = "x", ["text"] = "x" }), default);
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.False(result.Retryable);
        Assert.Contains("weg@refused.example", result.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task An_SMTP_server_that_is_down_is_a_retryable_failure()
    {
        var caseId = await CaseAsync();
        var result = await Connector(port: RefusingSmtpSink.FreePort()).ExecuteAsync(Call(caseId, new() { ["to"] = "a@buerger.example", ["subject"] = "x", ["text"] = "x" }), default);
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.True(result.Retryable);
        Assert.Contains("nicht erreichbar", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Measurement.EmailsSent);
    }

    [Theory]
    [InlineData("to", "keine-adresse", "keine-adresse")]
    [InlineData("cc", "a@b.example, kaputt@", "kaputt@")]
    // A variable set by a script or an API call never passed a form's e-mail check: the connector refuses a header line itself.
    [InlineData("to", "a@b.example\r\nBcc: x@y.example", "„a@b.example  Bcc: x@y.example“")]
    [InlineData("template", "gibtsnicht", "„gibtsnicht“")]
    [InlineData("subject", "Antrag {{fehlt}}", "„fehlt“")]
    public async Task Bad_inputs_fail_without_retry_naming_the_value(string input, string value, string named)
    {
        var caseId = await CaseAsync();
        var inputs = new Dictionary<string, object?> { ["to"] = "a@buerger.example", ["subject"] = "x", ["text"] = "x", [input] = value };
        var result = await Connector().ExecuteAsync(Call(caseId, inputs), default);
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.False(result.Retryable);
        Assert.Contains(named, result.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task A_password_secret_that_does_not_exist_is_named_and_its_value_never_appears()
    {
        var caseId = await CaseAsync();
        var result = await Connector(secret: "smtp-passwort").ExecuteAsync(Call(caseId, new() { ["to"] = "a@buerger.example", ["subject"] = "x", ["text"] = "x" }), default);
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.False(result.Retryable);
        Assert.Contains("„smtp-passwort“", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connector_is_registered_with_its_contract_and_says_it_replaces_a_letter()
    {
        var email = factory.Services.GetServices<IConnector>().Single(c => c.Name == "email");
        Assert.Equal(1, email.Version);
        Assert.Equal("E-Mail senden", email.Label);
        Assert.Contains("vermiedener Brief", email.Inputs.Single(i => i.Name == "to").Description, StringComparison.Ordinal);
        Assert.Equal(["to", "subject"], email.Inputs.Where(i => i.Required).Select(i => i.Name));
        Assert.Equal("messageId", Assert.Single(email.Outputs).Name);
    }
}
