using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

// Complete with outcomes, ExecuteWorkflow and the HTTP activities.
internal sealed partial class ElsaMapper
{
    /// <summary>The topic of the server's HTTP connector: a SendHttpRequest step waits for it as an external task.</summary>
    internal const string HttpTopic = "http";

    /// <summary>Complete ends its flowchart; its outcomes are the ports a calling workflow continues on (Elsa's CompleteCompositeSignal).</summary>
    private Mapped MapComplete(ActivityContext context)
    {
        var outcomes = context.StringList("outcomes");
        // Computed outcomes (JavaScript, a variable) are evaluated when Complete is reached; Js reports other languages.
        var computed = outcomes is null && context.HasInput("outcomes") ? context.Js("outcomes", "Object") : null;
        return Simple(context, NodeKind.EndEvent, n =>
        {
            n.CompletesScope = true;
            n.Outcomes = outcomes ?? [];
            n.OutcomesScript = computed;
        });
    }

    /// <summary>
    /// ExecuteWorkflow runs a published workflow by definition id as a call activity: the input object's properties become
    /// its variables, the result variable gets <c>{ status, output }</c> with its outputs. Without waitForCompletion
    /// (Elsa's default) the caller goes on at once and the called workflow runs beside it.
    /// </summary>
    private Mapped MapExecuteWorkflow(ActivityContext context)
    {
        var calledId = context.Literal("workflowDefinitionId");
        if (string.IsNullOrWhiteSpace(calledId) && !context.HasInput("workflowDefinitionId"))
            context.Error(DiagnosticCodes.MissingInput, $"ExecuteWorkflow activity {context.ElsaId} has no workflowDefinitionId");
        var wait = context.HasInput("waitForCompletion") ? context.Literal("waitForCompletion") : "false";
        if (wait is not null && !bool.TryParse(wait, out _))
            context.Error(DiagnosticCodes.InvalidValue, $"waitForCompletion of ExecuteWorkflow activity {context.ElsaId} is '{wait}', not true or false");
        var input = context.HasInput("input") ? context.Js("input", "Object") : null;
        var reference = context.Activity.Get("result")?.Get("memoryReference")?.GetString("id");
        var result = reference is not null && (variablesById.TryGetValue(reference, out var variable) || variablesByName.TryGetValue(reference, out variable))
            ? variable.Name : null;
        return Simple(context, NodeKind.CallActivity, n =>
        {
            n.CalledProcessId = string.IsNullOrWhiteSpace(calledId) ? null : calledId.Trim();
            n.Detached = !string.Equals(wait, "true", StringComparison.OrdinalIgnoreCase);
            if (input is not null) n.InputMappings.Add(new VariableMapping(input, VariableMapping.Spread));
            n.ResultVariable = n.Detached ? null : result;
        });
    }

    /// <summary>
    /// SendHttpRequest is an automated step done by the server's HTTP connector: it waits as an external task of the topic
    /// <see cref="HttpTopic"/> with the connector's inputs (url, method, body, headers) and sets the activity's outputs
    /// (statusCode, parsedContent, responseHeaders) from the connector's (status, body, headers).
    /// </summary>
    /// <param name="context">The activity.</param>
    /// <param name="literals">The connector's literal inputs given already (FlowSendHttpRequest's), filled further here.</param>
    /// <param name="ports">The activity's ports; SendHttpRequest has only "Done".</param>
    /// <param name="configure">More settings of the step.</param>
    private Mapped MapSendHttpRequest(ActivityContext context, Dictionary<string, string>? literals = null, PortRule? ports = null,
        Action<NodeDraft>? configure = null)
    {
        if (!context.HasInput("url")) context.Error(DiagnosticCodes.MissingInput, $"{context.Type} activity {context.ElsaId} has no url");
        literals ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var inputs = new List<IoParameter>();
        void Input(string elsaName, string field, string? typeName)
        {
            if (!context.HasInput(elsaName) || ExpressionOf(context.Activity.Get(elsaName)) is not { } e) return;
            if (e.Language is "Literal" && e.Value?.ScalarText is { } text && e.Value.Kind != JsonValueKind.Object) literals[field] = text;
            else if (context.Js(elsaName, typeName) is { } js) inputs.Add(new IoParameter(field, new DeclaredExpression(js, ExpressionLanguage.JavaScript), null));
        }
        Input("url", "url", "String");
        Input("method", "method", "String");
        Input("content", "body", "Object");
        // Content type and authorization are request headers for the connector, merged under the explicit ones.
        var headerParts = new List<string>();
        foreach (var (elsaName, header) in new[] { ("contentType", "Content-Type"), ("authorization", "Authorization") })
        {
            if (context.HasInput(elsaName) && context.Js(elsaName, "String") is { } js)
                headerParts.Add($"{{{JsonSerializer.Serialize(header)}: ({js})}}");
        }
        if (context.HasInput("requestHeaders") && RequestHeaders(context) is { } headers) headerParts.Add($"({headers})");
        if (headerParts.Count > 0)
            inputs.Add(new IoParameter("headers", new DeclaredExpression($"Object.assign({{}}, {string.Join(", ", headerParts)})", ExpressionLanguage.JavaScript), null));
        var outputs = new List<IoParameter>();
        foreach (var (elsaName, field) in new[] { ("statusCode", "status"), ("parsedContent", "body"), ("responseHeaders", "headers") })
        {
            var reference = context.Activity.Get(elsaName)?.Get("memoryReference")?.GetString("id");
            if (reference is not null && (variablesById.TryGetValue(reference, out var variable) || variablesByName.TryGetValue(reference, out variable)))
                outputs.Add(new IoParameter(variable.Name, new DeclaredExpression(field, ExpressionLanguage.JavaScript), null));
        }
        return Simple(context, NodeKind.ServiceTask, n =>
        {
            n.Service = new ServiceBinding(HttpTopic, literals);
            n.InputParameters.AddRange(inputs);
            n.OutputParameters.AddRange(outputs);
            configure?.Invoke(n);
        }, ports ?? new PortRule { Closed = true, Plain = { "Done" } });
    }

    /// <summary>The request headers as JavaScript: Elsa's designer stores literal headers as JSON text.</summary>
    private static string? RequestHeaders(ActivityContext context)
    {
        if (ExpressionOf(context.Activity.Get("requestHeaders")) is not { Language: "Literal" or "Object", Value.String: { } text })
            return context.Js("requestHeaders", "Object");
        if (text.Trim().Length == 0) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return text;
        }
        catch (JsonException)
        {
            // Reported below, with the activity.
        }
        context.Error(DiagnosticCodes.InvalidValue, $"requestHeaders of {context.Type} activity {context.ElsaId} is not a JSON object of header names and values");
        return null;
    }

    /// <summary>HttpEndpoint and WriteHttpResponse need workflow-defined endpoints of the server, which it does not expose.</summary>
    private Mapped HttpEndpoint(ActivityContext context)
    {
        context.Error(DiagnosticCodes.HttpEndpointUnsupported,
            $"Elsa activity {context.Type} ({context.ElsaId}) is not supported: the server exposes no workflow-defined HTTP endpoints; start cases through its API or a message, call services with SendHttpRequest");
        return Simple(context, NodeKind.Task);
    }
}
