using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Server.Connectors.Http;
using Automation.Server.Connectors.Vorlagen;
using Json.Schema;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Automation.Server.Connectors.Ai;

/// <summary>
/// Connector <c>ai</c>: asks a language model on the configured OpenAI-compatible endpoint (through
/// <see cref="IChatClient"/>) for a structured answer. The prompt is a template of the step (so it is versioned with
/// the definition); the answer must be JSON that satisfies the step's JSON schema, else the step fails with the first
/// violation named. The answer's fields become outputs. The endpoint's token counts are the measurement: the ledger
/// prices them by the model's size class. An AI step only prepares a decision: publishing requires a person's task
/// after it (<see cref="ConnectorPublishCheck"/>). Without a configured endpoint (the demo's default) the step does not
/// pretend: it completes with a note and empty answer fields, measures no tokens and no inference, and the person's
/// check decides alone; a configured endpoint that fails is a failure (retried, then an incident) as for any connector.
/// </summary>
internal sealed class AiConnector(IHttpClientFactory clients, OutboundGuard guard, ISecretStore secrets, IOptions<AiSettings> settings, TimeProvider clock)
    : IConnector
{
    /// <summary>The connector's name (its topic).</summary>
    public const string ConnectorName = "ai";

    public string Name => ConnectorName;

    /// <summary>Whether a step is bound to this connector (in any version).</summary>
    public static bool Calls(FlowNode node) =>
        node.Service is { } binding && ConnectorRegistry.NameOf(binding.ActionName) == ConnectorName;

    public int Version => 1;

    public string Label => Texte.KiLabel;

    public IReadOnlyList<ConnectorField> Inputs { get; } =
    [
        new("prompt", Texte.KiFeld("prompt"), ConnectorFieldType.Text, true, Texte.KiHilfe("prompt")),
        new("system", Texte.KiFeld("system"), ConnectorFieldType.Text, false, Texte.KiHilfe("system")),
        new("schema", Texte.KiFeld("schema"), ConnectorFieldType.Json, true, Texte.KiHilfe("schema")),
    ];

    public IReadOnlyList<ConnectorField> Outputs { get; } =
    [
        new("antwort", Texte.KiFeld("antwort"), ConnectorFieldType.Json, false, Texte.KiHilfe("antwort")),
        new("tokens", Texte.KiFeld("tokens"), ConnectorFieldType.Number, false, Texte.KiHilfe("tokens")),
        new("modell", Texte.KiFeld("modell"), ConnectorFieldType.Text, false, Texte.KiHilfe("modell")),
        new("hinweis", Texte.KiFeld("hinweis"), ConnectorFieldType.Text, false, Texte.KiHilfe("hinweis")),
    ];

    public async Task<ConnectorResult> ExecuteAsync(ConnectorCall call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var options = settings.Value;
        if (string.IsNullOrWhiteSpace(options.Endpoint)) return WithoutModel(call);
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
            || endpoint.Scheme is not ("http" or "https") || string.IsNullOrWhiteSpace(options.Model))
        {
            return Refused(Texte.Format(Texte.KiNichtEingerichtet, AiSettings.Section));
        }
        if (!FactorKeys.AiSizeClasses.Contains(options.SizeClass)) return Refused(Texte.Format(Texte.KiGroessenklasseUnbekannt, options.SizeClass, string.Join(", ", FactorKeys.AiSizeClasses)));
        if (await guard.RefusalAsync(endpoint, ct) is { } refusal) return Refused(refusal);

        JsonSchema schema;
        JsonElement schemaJson;
        string prompt;
        string? system;
        try
        {
            schemaJson = SchemaOf(call.Inputs.GetValueOrDefault("schema"));
            schema = JsonSchema.FromText(schemaJson.GetRawText());
            var values = TemplateRenderer.Values(call, clock.GetUtcNow());
            prompt = TemplatedInputs.Filled(call, "prompt", values) ?? "";
            system = TemplatedInputs.Filled(call, "system", values);
        }
        catch (Exception e) when (e is JsonException or Vorlagen.TemplateException or FormatException or InvalidOperationException)
        {
            return Refused(e.Message);
        }

        string? key = null;
        if (!string.IsNullOrWhiteSpace(options.ApiKeySecret))
        {
            key = await secrets.GetAsync(options.ApiKeySecret, ct);
            if (key is null) return Refused(Texte.Format(Texte.KiGeheimnisFehlt, options.ApiKeySecret));
        }

        var counter = new WireCounter();
        WireCounter.Ambient.Value = counter;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
        ChatResponse response;
        try
        {
            using var chat = Client(endpoint, options.Model, key);
            List<ChatMessage> messages = system is null ? [] : [new(ChatRole.System, system)];
            messages.Add(new ChatMessage(ChatRole.User, prompt));
            response = await chat.GetResponseAsync(messages, new ChatOptions
            {
                ResponseFormat = ChatResponseFormat.ForJsonSchema(schemaJson, "antwort"),
                Temperature = 0,
            }, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ConnectorResult.Failure(Texte.Format(Texte.KiZeitueberschreitung, endpoint.Host, options.TimeoutSeconds), retryable: true, Measured(counter, null));
        }
        catch (HttpRequestException e) when (OutboundGuard.Refusal(e) is { } refused)
        {
            return ConnectorResult.Failure(refused.Message, retryable: false, Measured(counter, null));
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException)
        {
            var status = e is ClientResultException { Status: > 0 } r ? r.Status : 0;
            // A refused key or model (4xx) stays refused; an unreachable or overloaded server may answer later.
            return ConnectorResult.Failure(Texte.Format(Texte.KiNichtErreichbar, endpoint.Host, status == 0 ? "–" : status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                retryable: status is 0 or 408 or 429 or >= 500, Measured(counter, null));
        }
        finally
        {
            WireCounter.Ambient.Value = null;
        }

        var tokens = response.Usage?.TotalTokenCount ?? (response.Usage?.InputTokenCount ?? 0) + (response.Usage?.OutputTokenCount ?? 0);
        var measured = Measured(counter, tokens);
        if (!TryParse(response.Text, out var answer)) return ConnectorResult.Failure(Texte.Format(Texte.KiAntwortKeinJson, Shorten(response.Text)), false, measured);
        var result = schema.Evaluate(System.Text.Json.Nodes.JsonNode.Parse(answer.GetRawText()), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var (where, what) = FirstViolation(result);
            return ConnectorResult.Failure(Texte.Format(Texte.KiAntwortPasstNicht, call.NodeId, where, what), retryable: false, measured);
        }
        if (Variables.FromJson(answer) is not Dictionary<string, object?> fields) return ConnectorResult.Failure(Texte.Format(Texte.KiAntwortKeinJson, Shorten(response.Text)), false, measured);
        var outputs = new Dictionary<string, object?>(fields, StringComparer.Ordinal)
        {
            ["antwort"] = Variables.FromJson(answer),
            ["tokens"] = (double)tokens,
            ["modell"] = response.ModelId ?? options.Model,
            ["hinweis"] = Texte.Format(Texte.KiVorschlag, response.ModelId ?? options.Model),
        };
        return ConnectorResult.Completed(outputs, measured);

        ConnectorResult Refused(string message) => ConnectorResult.Failure(message, retryable: false);
    }

    /// <summary>
    /// No model server configured: every field of the answer schema is an empty output (so the step's output mapping
    /// sets them to null instead of failing), the note says why, and the measurement is zero inferences and no tokens.
    /// </summary>
    private static ConnectorResult WithoutModel(ConnectorCall call)
    {
        JsonElement schemaJson;
        try
        {
            schemaJson = SchemaOf(call.Inputs.GetValueOrDefault("schema"));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return ConnectorResult.Failure(e.Message, retryable: false);
        }
        var note = Texte.KiKeinVorschlag;
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (schemaJson.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject()) outputs[property.Name] = null;
        }
        outputs["antwort"] = null;
        outputs["tokens"] = 0d;
        outputs["modell"] = null;
        outputs["hinweis"] = note;
        return ConnectorResult.Completed(outputs, new ConnectorMeasurement(Inferences: 0), note);
    }

    private IChatClient Client(Uri endpoint, string model, string? key)
    {
        // The server's outbound client: the target guard, the wire counter and the standard resilience pipeline. The
        // library's own retries are off, so a failure is retried once, by the connector worker.
        var transport = new HttpClientPipelineTransport(clients.CreateClient(HttpConnector.ClientName));
        var client = new OpenAIClient(new ApiKeyCredential(key ?? "kein-schluessel"), new OpenAIClientOptions
        {
            Endpoint = endpoint, Transport = transport, RetryPolicy = new ClientRetryPolicy(0),
        });
        return client.GetChatClient(model).AsIChatClient();
    }

    private ConnectorMeasurement Measured(WireCounter counter, long? tokens) =>
        new(counter.Sent, counter.Received, AiTokens: tokens ?? 0, AiSizeClass: settings.Value.SizeClass, Inferences: tokens is null ? null : 1);

    private static JsonElement SchemaOf(object? value)
    {
        var json = value switch
        {
            string text => text,
            null => throw new FormatException(Texte.Format(Texte.KiSchemaUngueltig, "–")),
            _ => JsonSerializer.Serialize(value),
        };
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("type", out var type) || type.GetString() != "object")
            throw new FormatException(Texte.Format(Texte.KiSchemaUngueltig, Shorten(json)));
        return doc.RootElement.Clone();
    }

    private static bool TryParse(string text, out JsonElement answer)
    {
        answer = default;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
            answer = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static (string Where, string What) FirstViolation(EvaluationResults results)
    {
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is { Count: > 0 } errors)
            {
                var where = detail.InstanceLocation.ToString();
                return (where.Length == 0 ? "/" : where, string.Join("; ", errors.Values));
            }
        }
        return ("/", "–");
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + " …";
}
