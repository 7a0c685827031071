using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Connectors.Vorlagen;
using Automation.Server.Features.Documents;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Automation.Server.Connectors;

/// <summary>
/// The "Connectors:Email" configuration section: the SMTP server the e-mail connector sends through, or the pickup
/// folder it writes each message into instead.
/// </summary>
public sealed class EmailSettings
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Connectors:Email";

    /// <summary>SMTP host; without it and without <see cref="PickupDirectory"/> every send fails (not retried) with a message saying so.</summary>
    public string? Host { get; set; }

    /// <summary>
    /// Pickup folder: when set, each message is written there as an <c>.eml</c> file instead of being sent by SMTP (the
    /// folder a relay or a person collects from); created if missing. The demo mode sets it when nothing is configured.
    /// </summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The demo mode's pickup folder, beside the demo database.</summary>
    public static readonly string DemoPickupDirectory = Path.Combine("data", "mail-ausgang");

    /// <summary>The demo mode's sender.</summary>
    public const string DemoFrom = "rathaus@musterstadt.example";

    /// <summary>Port (default 587).</summary>
    public int Port { get; set; } = 587;

    /// <summary>TLS: <c>StartTls</c> (default), <c>SslOnConnect</c>, <c>Auto</c> or <c>None</c> (only for a local relay).</summary>
    public string Tls { get; set; } = "StartTls";

    /// <summary>User name for SMTP authentication; none means no authentication.</summary>
    public string? User { get; set; }

    /// <summary>The NAME of the secret (server secret store) holding the SMTP password, read at send time; never the password.</summary>
    public string? PasswordSecret { get; set; }

    /// <summary>Sender address.</summary>
    public string? From { get; set; }

    /// <summary>Sender display name.</summary>
    public string? FromName { get; set; }

    /// <summary>Seconds for connecting and sending (default 30).</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Connector <c>email</c>: sends an e-mail with HTML and text parts from a library template or inline texts, with
/// documents of the case as attachments, through the configured SMTP server. The Message-Id is derived from the
/// idempotency key and the key travels as <c>X-Idempotency-Key</c>, so a receiving system can drop a retried copy.
/// SMTP unreachable → retryable failure; a refused recipient → not retried, naming the address. With a pickup folder
/// the same message is written there as an .eml file instead (file name from the Message-Id, so a retry overwrites its
/// own copy). Measured: one e-mail sent, one letter avoided, the message's bytes.
/// </summary>
internal sealed class EmailConnector(TemplateLibrary library, DocumentStore documents, IOptions<EmailSettings> settings, TimeProvider clock,
    ISecretStore? secrets = null) : IConnector
{
    /// <summary>The topic.</summary>
    public const string ConnectorName = "email";

    /// <summary>Header carrying the idempotency key.</summary>
    public const string IdempotencyHeader = "X-Idempotency-Key";

    public string Name => ConnectorName;

    public int Version => 1;

    public string Label => Texte.EmailLabel;

    public IReadOnlyList<ConnectorField> Inputs { get; } =
    [
        new("to", Texte.EmailFeld("to"), ConnectorFieldType.Text, true, Texte.EmailHilfe("to")),
        new("cc", Texte.EmailFeld("cc"), ConnectorFieldType.Text, false, Texte.EmailHilfe("cc")),
        new("subject", Texte.EmailFeld("subject"), ConnectorFieldType.Text, true, Texte.EmailHilfe("subject")),
        new("template", Texte.EmailFeld("template"), ConnectorFieldType.Text, false, Texte.EmailHilfe("template")),
        new("text", Texte.EmailFeld("text"), ConnectorFieldType.Text, false, Texte.EmailHilfe("text")),
        new("html", Texte.EmailFeld("html"), ConnectorFieldType.Text, false, Texte.EmailHilfe("html")),
        new("attachments", Texte.EmailFeld("attachments"), ConnectorFieldType.Json, false, Texte.EmailHilfe("attachments")),
    ];

    public IReadOnlyList<ConnectorField> Outputs { get; } =
    [
        new("messageId", Texte.EmailFeld("messageId"), ConnectorFieldType.Text, false, Texte.EmailHilfe("messageId")),
    ];

    public async Task<ConnectorResult> ExecuteAsync(ConnectorCall call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var options = settings.Value;
        var pickup = string.IsNullOrWhiteSpace(options.PickupDirectory) ? null : options.PickupDirectory;
        if (pickup is null && string.IsNullOrWhiteSpace(options.Host)) return Refused(Texte.EmailServerFehlt);
        if (string.IsNullOrWhiteSpace(options.From) || !MailboxAddress.TryParse(options.From, out var sender)) return Refused(Texte.EmailAbsenderFehlt);
        if (!string.IsNullOrWhiteSpace(options.FromName)) sender.Name = options.FromName;

        var message = new MimeMessage();
        message.From.Add(sender);
        if (Addresses(call, "to", message.To) is { } toError) return toError;
        if (Addresses(call, "cc", message.Cc) is { } ccError) return ccError;
        if (message.To.Count == 0) return Refused(Texte.Format(Texte.EmailEmpfaengerFehlt, call.NodeId));

        var body = new BodyBuilder();
        try
        {
            var values = TemplateRenderer.Values(call, clock.GetUtcNow());
            message.Subject = TemplatedInputs.Filled(call, "subject", values) ?? "";
            if (TemplatedInputs.Text(call, "template") is { } name)
            {
                if (library.Find(name, TemplateKind.Email) is not { } template)
                {
                    return Refused(Texte.Format(Texte.VorlageUnbekannt, name, string.Join(", ", library.Names(TemplateKind.Email))));
                }
                body.TextBody = template.Text is null ? null : TemplateRenderer.Render(name, template.Text, values);
                body.HtmlBody = template.Html is null ? null : TemplateRenderer.Render(name, template.Html, values, html: true);
            }
            else
            {
                body.TextBody = TemplatedInputs.Filled(call, "text", values);
                body.HtmlBody = TemplatedInputs.Filled(call, "html", values, html: true);
                if (body.TextBody is null && body.HtmlBody is null) return Refused(Texte.ConnectorVorlageOderText);
            }
        }
        catch (TemplateException e)
        {
            return Refused(e.Message);
        }
        if (string.IsNullOrWhiteSpace(message.Subject)) return Refused(Texte.Format(Texte.ConnectorEingabeFehlt, "subject"));

        foreach (var entry in TemplatedInputs.List(call, "attachments"))
        {
            var id = entry switch
            {
                string s => s,
                IReadOnlyDictionary<string, object?> map => map.GetValueOrDefault("id") as string,
                _ => null,
            };
            var label = id ?? Convert.ToString(entry, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            // Looked up by this case's id and the document id together: another case's document is not found here.
            var found = Guid.TryParse(id, out var documentId) ? await documents.Documents.ReadAsync(call.CaseId, documentId, ct) : null;
            if (found is not { } document) return Refused(Texte.Format(Texte.EmailAnhangUngueltig, label));
            body.Attachments.Add(document.Info.FileName, document.Content, ContentType.Parse(document.Info.MediaType));
        }
        message.Body = body.ToMessageBody();
        var messageId = MessageId(call.IdempotencyKey, sender.Domain);
        message.MessageId = messageId;
        message.Headers.Add(IdempotencyHeader, call.IdempotencyKey);

        var size = Size(message);
        return pickup is not null ? await WriteAsync(message, messageId, pickup, size, ct) : await SendAsync(message, options.Host!, options, size, ct);
    }

    /// <summary>
    /// Pickup delivery: the message as an .eml file named by its Message-Id, written beside and then moved into place,
    /// so a collector never reads half a file and a retried step replaces its own copy instead of adding a second.
    /// </summary>
    private static async Task<ConnectorResult> WriteAsync(MimeMessage message, string messageId, string folder, long size, CancellationToken ct)
    {
        var full = Path.GetFullPath(folder);
        var name = messageId.Split('@')[0];
        var target = Path.Combine(full, name + ".eml");
        var partial = Path.Combine(full, name + ".eml.tmp");
        try
        {
            Directory.CreateDirectory(full);
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await message.WriteToAsync(file, ct);
            }
            File.Move(partial, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A full disk may pass; a folder that cannot be written to will not.
            return ConnectorResult.Failure(Texte.Format(Texte.EmailAblageFehler, full, e.Message), retryable: e is IOException and not DirectoryNotFoundException);
        }
        return ConnectorResult.Completed(new Dictionary<string, object?>(StringComparer.Ordinal) { ["messageId"] = messageId },
            new ConnectorMeasurement(BytesSent: size, EmailsSent: 1, LettersAvoided: 1));
    }

    private async Task<ConnectorResult> SendAsync(MimeMessage message, string host, EmailSettings options, long size, CancellationToken ct)
    {
        string? password = null;
        if (!string.IsNullOrWhiteSpace(options.PasswordSecret))
        {
            password = secrets is null ? null : await secrets.GetAsync(options.PasswordSecret, ct);
            if (password is null) return Refused(Texte.Format(Texte.EmailGeheimnisFehlt, options.PasswordSecret));
        }
        var server = $"{host}:{options.Port}";
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(host, options.Port, Tls(options.Tls), ct);
            if (!string.IsNullOrWhiteSpace(options.User)) await client.AuthenticateAsync(options.User, password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            return ConnectorResult.Failure(Texte.Format(Texte.EmailEmpfaengerAbgelehnt, e.Mailbox?.Address ?? "", e.Message), retryable: false);
        }
        catch (SmtpCommandException e)
        {
            // 4xx is a temporary refusal (greylisting, a full queue); 5xx is final.
            return ConnectorResult.Failure(Texte.Format(Texte.EmailAbgelehnt, e.Message), retryable: (int)e.StatusCode < 500);
        }
        catch (AuthenticationException e)
        {
            return ConnectorResult.Failure(Texte.Format(Texte.EmailAbgelehnt, e.Message), retryable: false);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException
            or SslHandshakeException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return ConnectorResult.Failure(Texte.Format(Texte.EmailServerNichtErreichbar, server, e.Message), retryable: true);
        }
        return ConnectorResult.Completed(new Dictionary<string, object?>(StringComparer.Ordinal) { ["messageId"] = message.MessageId },
            new ConnectorMeasurement(BytesSent: size, EmailsSent: 1, LettersAvoided: 1));
    }

    /// <summary>Adds the addresses of an input; a malformed one is a refusal naming it and the field.</summary>
    private static ConnectorResult? Addresses(ConnectorCall call, string field, InternetAddressList list)
    {
        foreach (var entry in TemplatedInputs.List(call, field))
        {
            var text = Convert.ToString(entry, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "";
            // A line break in an address is an attempt to add header lines (Bcc:) and is refused, whatever a parser makes of it.
            if (text.Any(char.IsControl))
            {
                return Refused(Texte.Format(Texte.EmailAdresseSteuerzeichen, field, string.Concat(text.Select(c => char.IsControl(c) ? " " : c.ToString()))));
            }
            if (!MailboxAddress.TryParse(text, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                return Refused(Texte.Format(Texte.EmailAdresseUngueltig, text, field));
            }
            list.Add(address);
        }
        return null;
    }

    private static ConnectorResult Refused(string message) => ConnectorResult.Failure(message, retryable: false);

    /// <summary>The same key always gives the same Message-Id: a retried send is recognisable as the same message.</summary>
    internal static string MessageId(string idempotencyKey, string domain) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32] + "@" + (string.IsNullOrEmpty(domain) ? "automation.local" : domain);

    private static SecureSocketOptions Tls(string mode) => mode.Trim().ToUpperInvariant() switch
    {
        "NONE" => SecureSocketOptions.None,
        "SSLONCONNECT" or "SSL" or "TLS" => SecureSocketOptions.SslOnConnect,
        "AUTO" => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };

    private static long Size(MimeMessage message)
    {
        using var counter = new MimeKit.IO.MeasuringStream();
        message.WriteTo(counter);
        return counter.Length;
    }
}
