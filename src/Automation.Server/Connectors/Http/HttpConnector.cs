using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Automation.Server.Connectors.Http;

/// <summary>
/// The HTTP/JSON connector (<c>http</c>, version 1): one call with a templated URL, headers (secrets by name) and body,
/// on the named HttpClient with the standard resilience pipeline (<see cref="ConnectorServices"/>) and the outbound
/// guard. 2xx and the statuses <c>acceptStatus</c> lists complete with status, body (parsed when JSON) and headers; a
/// status the error mapping names is a BPMN error; 5xx, 408, 429, timeouts and lost connections are retryable failures
/// after the pipeline's own attempts, unless <c>failureAsResult</c> names them: then they complete with <c>failure</c>
/// (<see cref="HttpResultRules"/>); other 4xx and every refused input or target are final failures. No secret value
/// leaves in a message or output.
/// </summary>
internal sealed class HttpConnector(IHttpClientFactory clients, OutboundGuard guard, ISecretStore secrets, IOptions<HttpConnectorOptions> options)
    : IConnector
{
    /// <summary>The named HttpClient the connector uses.</summary>
    public const string ClientName = "connector-http";

    private const int MessageBodyChars = 300;
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    // The server sets these itself; a model setting them could smuggle a second request or lie about the length.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Host", "Content-Length", "Transfer-Encoding", "Connection", "Idempotency-Key", "Upgrade", "TE", "Trailer", "Expect" };

    public string Name => "http";

    public int Version => 1;

    public string Label => Texte.HttpLabel;

    public IReadOnlyList<ConnectorField> Inputs { get; } =
    [
        new("method", Texte.HttpFeld("method"), ConnectorFieldType.Text, false, Texte.HttpHilfe("method")),
        new("url", Texte.HttpFeld("url"), ConnectorFieldType.Text, true, Texte.HttpHilfe("url")),
        new("headers", Texte.HttpFeld("headers"), ConnectorFieldType.Json, false, Texte.HttpHilfe("headers")),
        new("body", Texte.HttpFeld("body"), ConnectorFieldType.Json, false, Texte.HttpHilfe("body")),
        new("timeoutSeconds", Texte.HttpFeld("timeoutSeconds"), ConnectorFieldType.Number, false, Texte.HttpHilfe("timeoutSeconds")),
        new("errorMapping", Texte.HttpFeld("errorMapping"), ConnectorFieldType.Json, false, Texte.HttpHilfe("errorMapping")),
        new("acceptStatus", Texte.HttpFeld("acceptStatus"), ConnectorFieldType.Json, false, Texte.HttpHilfe("acceptStatus"), HttpResultRules.StatusProblem),
        new("failureAsResult", Texte.HttpFeld("failureAsResult"), ConnectorFieldType.Json, false, Texte.HttpHilfe("failureAsResult"),
            HttpResultRules.FailureProblem),
    ];

    public IReadOnlyList<ConnectorField> Outputs { get; } =
    [
        new("status", Texte.HttpFeld("status"), ConnectorFieldType.Number, false, Texte.HttpHilfe("status")),
        new("body", Texte.HttpFeld("body"), ConnectorFieldType.Json, false, Texte.HttpHilfe("body_out")),
        new("headers", Texte.HttpFeld("headers"), ConnectorFieldType.Json, false, Texte.HttpHilfe("headers_out")),
        new("failure", Texte.HttpFeld("failure"), ConnectorFieldType.Text, false, Texte.HttpHilfe("failure")),
    ];

    public async Task<ConnectorResult> ExecuteAsync(ConnectorCall call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var check = ConnectorInputs.Check(this, call.Inputs);
        if (!check.Ok) return ConnectorResult.Failure(check.Message, retryable: false);
        var template = new HttpTemplate(call.Inputs, call.Variables, secrets);
        var counter = new WireCounter();
        try
        {
            var request = await PrepareAsync(check.Values, template, ct);
            return Clean(await SendAsync(request, call, counter, ct), template.SecretsUsed);
        }
        catch (TemplateException e)
        {
            return Clean(ConnectorResult.Failure(e.Message, retryable: false), template.SecretsUsed);
        }
    }

    /// <summary>What one call sends, filled and checked before anything goes out.</summary>
    private sealed record Prepared(HttpMethod Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body,
        string? ContentType, TimeSpan Timeout, IReadOnlyList<(string Key, string Code)> Mapping, IReadOnlyList<string> Accepted,
        IReadOnlySet<string> FailureResults);

    private async Task<Prepared> PrepareAsync(IReadOnlyDictionary<string, object?> inputs, HttpTemplate template, CancellationToken ct)
    {
        var settings = options.Value;
        var method = (inputs.GetValueOrDefault("method") as string ?? "GET").Trim().ToUpperInvariant();
        if (!Methods.Contains(method)) throw new TemplateException(Texte.Format(Texte.HttpMethodeUngueltig, method));
        var urlText = await template.FillAsync((string)inputs["url"]!, "url", allowSecrets: false, Uri.EscapeDataString, ct);
        if (!Uri.TryCreate(urlText.Trim(), UriKind.Absolute, out var url)) throw new TemplateException(Texte.Format(Texte.ZielSchemaUngueltig, urlText));

        var headers = new List<KeyValuePair<string, string>>();
        string? contentType = null;
        if (inputs.GetValueOrDefault("headers") is { } headerValue)
        {
            if (headerValue is not IReadOnlyDictionary<string, object?> map) throw new TemplateException(Texte.Format(Texte.HttpKopfzeilenUngueltig, "headers"));
            foreach (var (name, value) in map)
            {
                if (value is not string text || name.Length == 0 || name.Any(c => c <= ' ' || c == ':' || c > '~'))
                    throw new TemplateException(Texte.Format(Texte.HttpKopfzeilenUngueltig, name));
                if (ReservedHeaders.Contains(name)) throw new TemplateException(Texte.Format(Texte.HttpKopfzeileVerboten, name));
                var filled = await template.FillAsync(text, "headers." + name, allowSecrets: true, escape: null, ct);
                if (filled.Any(c => c is '\r' or '\n' or '\0')) throw new TemplateException(Texte.Format(Texte.HttpKopfzeilenUngueltig, name));
                if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = filled;
                else headers.Add(new(name, filled));
            }
        }

        byte[]? body = null;
        if (inputs.TryGetValue("body", out var bodyValue) && bodyValue is not null)
        {
            if (bodyValue is string text)
            {
                body = Encoding.UTF8.GetBytes(await template.FillAsync(text, "body", allowSecrets: false, escape: null, ct));
                contentType ??= "text/plain; charset=utf-8";
            }
            else
            {
                body = Encoding.UTF8.GetBytes(HttpTemplate.ToJson(await template.FillJsonAsync(bodyValue, "body", ct)));
                contentType ??= "application/json; charset=utf-8";
            }
        }

        var seconds = inputs.GetValueOrDefault("timeoutSeconds") is double given ? given : settings.DefaultTimeoutSeconds;
        if (seconds < 1 || seconds > settings.MaxTimeoutSeconds) throw new TemplateException(Texte.Format(Texte.HttpZeitlimitUngueltig, settings.MaxTimeoutSeconds));

        var mapping = new List<(string, string)>();
        if (inputs.GetValueOrDefault("errorMapping") is { } mappingValue)
        {
            if (mappingValue is not IReadOnlyDictionary<string, object?> pairs) throw new TemplateException(Texte.Format(Texte.HttpFehlerzuordnungUngueltig, "errorMapping"));
            foreach (var (key, code) in pairs)
            {
                var normal = key.Trim().ToLowerInvariant();
                var valid = normal.Length == 3 && normal[0] is >= '1' and <= '5'
                    && ((char.IsAsciiDigit(normal[1]) && char.IsAsciiDigit(normal[2])) || normal[1..] == "xx");
                if (!valid || code is not string { Length: > 0 } text) throw new TemplateException(Texte.Format(Texte.HttpFehlerzuordnungUngueltig, key));
                mapping.Add((normal, text));
            }
        }
        return new Prepared(new HttpMethod(method), url, headers, body, contentType, TimeSpan.FromSeconds(seconds), mapping,
            HttpResultRules.Statuses(inputs.GetValueOrDefault("acceptStatus")), HttpResultRules.Failures(inputs.GetValueOrDefault("failureAsResult")));
    }

    private async Task<ConnectorResult> SendAsync(Prepared prepared, ConnectorCall call, WireCounter counter, CancellationToken ct)
    {
        var settings = options.Value;
        var client = clients.CreateClient(ClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(prepared.Timeout);
        var (method, url, body, headers) = (prepared.Method, prepared.Url, prepared.Body, prepared.Headers);
        var target = $"{method} {url.GetLeftPart(UriPartial.Authority)}";
        ConnectorMeasurement Measured() => new(counter.Sent, counter.Received);
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (await guard.RefusalAsync(url, ct) is { } refusal) return ConnectorResult.Failure(refusal, retryable: false, Measured());
                using var request = new HttpRequestMessage(method, url);
                foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
                request.Headers.TryAddWithoutValidation("Idempotency-Key", call.IdempotencyKey);
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", prepared.ContentType);
                }
                request.Options.Set(WireCounter.Key, counter);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (hop >= settings.MaxRedirects) return ConnectorResult.Failure(Texte.Format(Texte.HttpZuVieleUmleitungen, target, settings.MaxRedirects), false, Measured());
                    if (response.Headers.Location is not { } location) return ConnectorResult.Failure(Texte.Format(Texte.HttpUmleitungOhneZiel, target), false, Measured());
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    // 303, and 301/302 after a POST as browsers do, continue with GET and no body.
                    if (status == 303 || (status is 301 or 302 && method == HttpMethod.Post)) (method, body) = (HttpMethod.Get, null);
                    // The step's headers (secrets among them) go only to the authority the model named.
                    if (!string.Equals(next.GetLeftPart(UriPartial.Authority), url.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)) headers = [];
                    url = next;
                    continue;
                }
                var (text, tooLarge) = await ReadAsync(response, counter, settings.MaxResponseBytes, timeout.Token);
                if (tooLarge) return ConnectorResult.Failure(Texte.Format(Texte.HttpAntwortZuGross, target, settings.MaxResponseBytes), false, Measured());
                return Outcome(prepared, target, response, status, text, Measured());
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(prepared, HttpResultRules.Timeout, Texte.Format(Texte.HttpZeitueberschreitung, target, prepared.Timeout.TotalSeconds), Measured());
        }
        catch (TimeoutRejectedException)
        {
            // The pipeline's own attempt limit (the configured longest time limit) ended the call.
            return Failed(prepared, HttpResultRules.Timeout, Texte.Format(Texte.HttpZeitueberschreitung, target, prepared.Timeout.TotalSeconds), Measured());
        }
        catch (BrokenCircuitException)
        {
            return ConnectorResult.Failure(Texte.Format(Texte.HttpZielGesperrt, target), retryable: true, Measured());
        }
        catch (HttpRequestException e) when (OutboundGuard.Refusal(e) is { } refused)
        {
            return ConnectorResult.Failure(refused.Message, retryable: false, Measured());
        }
        catch (HttpRequestException)
        {
            return Failed(prepared, HttpResultRules.Connect, Texte.Format(Texte.HttpNichtErreichbar, target), Measured());
        }
    }

    /// <summary>
    /// A lost connection or timeout: a retryable failure, or, when the step asked for this kind as a result, completed with
    /// <c>failure</c> set and the message as the step's note.
    /// </summary>
    private static ConnectorResult Failed(Prepared prepared, string kind, string message, ConnectorMeasurement measured)
    {
        if (!prepared.FailureResults.Contains(kind)) return ConnectorResult.Failure(message, retryable: true, measured);
        return ConnectorResult.Completed(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = null,
            ["body"] = null,
            ["headers"] = null,
            ["failure"] = kind,
        }, measured, message);
    }

    private static ConnectorResult Outcome(Prepared prepared, string target, HttpResponseMessage response, int status, string text, ConnectorMeasurement measured)
    {
        if (status is >= 200 and < 300 || HttpResultRules.Matches(prepared.Accepted, status))
        {
            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key.ToLowerInvariant())
                .ToDictionary(g => g.Key, g => (object?)string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.Ordinal);
            var outputs = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["status"] = (double)status,
                ["body"] = ParseBody(response, text),
                ["headers"] = headers,
            };
            // A step that routes on failures always gets the output, so its routing never reads a stale variable.
            if (prepared.FailureResults.Count > 0) outputs["failure"] = null;
            return ConnectorResult.Completed(outputs, measured);
        }
        var snippet = text.Length > MessageBodyChars ? text[..MessageBodyChars] + " …" : text;
        var message = snippet.Trim().Length == 0
            ? Texte.Format(Texte.HttpStatus, target, status.ToString(CultureInfo.InvariantCulture))
            : Texte.Format(Texte.HttpStatusMitText, target, status.ToString(CultureInfo.InvariantCulture), snippet.Trim());
        var code = status.ToString(CultureInfo.InvariantCulture);
        var mapped = prepared.Mapping.FirstOrDefault(m => m.Key == code).Code ?? prepared.Mapping.FirstOrDefault(m => m.Key == code[0] + "xx").Code;
        if (mapped is not null) return ConnectorResult.Error(mapped, message, measured);
        var retryable = status >= 500 || status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests;
        return ConnectorResult.Failure(message, retryable, measured);
    }

    private static object? ParseBody(HttpResponseMessage response, string text)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var json = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        if (!json || text.Length == 0) return text;
        try
        {
            using var document = JsonDocument.Parse(text);
            return Variables.FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>Reads the body up to the limit; counts its bytes where the response declared no length.</summary>
    private static async Task<(string Text, bool TooLarge)> ReadAsync(HttpResponseMessage response, WireCounter counter, int limit, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > limit) return ("", true);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return ("", true);
            buffer.Write(chunk, 0, read);
        }
        if (response.Content.Headers.ContentLength is null) counter.AddReceived(buffer.Length);
        var charset = response.Content.Headers.ContentType?.CharSet;
        var encoding = Encoding.UTF8;
        try
        {
            if (!string.IsNullOrWhiteSpace(charset)) encoding = Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            // An unknown charset is read as UTF-8.
        }
        return (encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), false);
    }

    /// <summary>Removes every secret value used from the message and the outputs.</summary>
    private static ConnectorResult Clean(ConnectorResult result, IReadOnlyList<string> used)
    {
        var values = used.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToList();
        if (values.Count == 0) return result;
        string Scrub(string text) => values.Aggregate(text, (t, v) => t.Replace(v, "***", StringComparison.Ordinal));
        object? ScrubValue(object? value) => value switch
        {
            string s => Scrub(s),
            IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => ScrubValue(kv.Value), StringComparer.Ordinal),
            IEnumerable<object?> list => list.Select(ScrubValue).ToList(),
            _ => value,
        };
        return result.Kind switch
        {
            ConnectorResultKind.Completed => ConnectorResult.Completed(
                result.Outputs.ToDictionary(kv => kv.Key, kv => ScrubValue(kv.Value), StringComparer.Ordinal), result.Measurement),
            ConnectorResultKind.BpmnError => ConnectorResult.Error(result.ErrorCode!, Scrub(result.Message ?? ""), result.Measurement),
            _ => ConnectorResult.Failure(Scrub(result.Message ?? ""), result.Retryable, result.Measurement),
        };
    }
}
