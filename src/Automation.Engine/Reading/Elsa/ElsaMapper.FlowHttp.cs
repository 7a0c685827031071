using System.Globalization;
using System.Text.Json;
using Automation.Engine.Validation;

namespace Automation.Engine.Reading.Elsa;

// FlowSendHttpRequest: the HTTP connector's step, leaving by the port of the response's status code.
internal sealed partial class ElsaMapper
{
    // Elsa's outcome names (Elsa.Http FlowSendHttpRequest.HandleResponseAsync, HandleRequestExceptionAsync,
    // HandleTaskCanceledExceptionAsync), exactly as Elsa spells them.
    internal const string UnmatchedStatusPort = "Unmatched status code";
    internal const string FailedToConnectPort = "Failed to connect";
    internal const string TimeoutPort = "Timeout";

    // With "Unmatched status code" connected every status has a port, so the connector returns every response.
    private static readonly string[] EveryStatus = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    /// <summary>
    /// FlowSendHttpRequest is SendHttpRequest with outcomes: after a response, the port named after its status code when
    /// expectedStatusCodes lists it, else "Unmatched status code", and "Done" besides (without a list only "Done"); a lost
    /// connection or a timeout leaves by "Failed to connect" or "Timeout" alone. The connector is told to return, not
    /// fail on, the statuses a port takes (listed codes; every status when "Unmatched status code" is connected) and the
    /// transport failures whose port is connected; any other status or failure is an incident as for SendHttpRequest.
    /// </summary>
    private Mapped MapFlowSendHttpRequest(ActivityContext context)
    {
        var codes = ExpectedStatusCodes(context);
        var literals = new Dictionary<string, string>(StringComparer.Ordinal);
        if (codes.Count > 0) literals["acceptStatus"] = JsonSerializer.Serialize(codes);
        NodeDraft? step = null;
        var ports = new PortRule
        {
            Closed = true,
            Plain = { "Done", FailedToConnectPort, TimeoutPort },
            Connected = connected =>
            {
                // Connections are known only now: the inputs and the outcome script follow the ports that have one.
                if (codes.Count > 0 && connected.Contains(UnmatchedStatusPort))
                    literals["acceptStatus"] = JsonSerializer.Serialize(EveryStatus);
                var failures = new List<string>(2);
                if (connected.Contains(FailedToConnectPort)) failures.Add("connect");
                if (connected.Contains(TimeoutPort)) failures.Add("timeout");
                if (failures.Count > 0) literals["failureAsResult"] = JsonSerializer.Serialize(failures);
                step!.OutcomesScript = OutcomesScript(codes, failures);
            },
        };
        foreach (var code in codes) ports.Plain.Add(code.ToString(CultureInfo.InvariantCulture));
        if (codes.Count > 0) ports.Plain.Add(UnmatchedStatusPort);
        return MapSendHttpRequest(context, literals, ports, n =>
        {
            step = n;
            n.OutcomesScript = OutcomesScript(codes, []);
        });
    }

    /// <summary>
    /// The outcomes as JavaScript over the connector's results (<c>status</c>; <c>failure</c>, which the connector always
    /// gives when asked to return failures), as Elsa's FlowSendHttpRequest computes them.
    /// </summary>
    private static string OutcomesScript(List<int> codes, List<string> failures)
    {
        var failed = failures.Count == 0 ? ""
            : "var failed = typeof failure === 'undefined' ? null : failure; "
              + $"if (failed === 'connect') return [{JsonSerializer.Serialize(FailedToConnectPort)}]; "
              + $"if (failed === 'timeout') return [{JsonSerializer.Serialize(TimeoutPort)}]; ";
        var byStatus = codes.Count == 0 ? "return ['Done'];"
            : $"return [{JsonSerializer.Serialize(codes)}.indexOf(Number(status)) >= 0 ? String(status) : {JsonSerializer.Serialize(UnmatchedStatusPort)}, 'Done'];";
        return $"(function () {{ {failed}{byStatus} }})()";
    }

    /// <summary>
    /// expectedStatusCodes as Elsa stores it: a JSON list of numbers (or of their texts), as a value or as text, or the
    /// codes separated by commas. Without it Elsa computes only "Done"; its designer fills in 200 for a new activity.
    /// </summary>
    private static List<int> ExpectedStatusCodes(ActivityContext context)
    {
        var codes = new List<int>();
        if (ExpressionOf(context.Activity.Get("expectedStatusCodes")) is not { } e) return codes;
        if (e.Language is not ("Literal" or "Object"))
        {
            context.Error(DiagnosticCodes.InvalidValue,
                $"expectedStatusCodes of FlowSendHttpRequest activity {context.ElsaId} is a {e.Language} expression; the ports need the codes as a literal list");
            return codes;
        }
        IEnumerable<string?> items;
        if (e.Value is { Kind: JsonValueKind.Array } array) items = array.Items.Select(i => i.ScalarText);
        else
        {
            var text = e.Value?.ScalarText?.Trim() ?? "";
            items = text.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => t.Trim('"'));
        }
        foreach (var item in items)
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599)
            {
                if (!codes.Contains(code)) codes.Add(code);
                continue;
            }
            context.Error(DiagnosticCodes.InvalidValue,
                $"expectedStatusCodes of FlowSendHttpRequest activity {context.ElsaId} holds '{item}', not an HTTP status code from 100 to 599");
        }
        return codes;
    }
}
