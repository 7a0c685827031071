using System.Globalization;
using Automation.Engine.Texts;

namespace Automation.Server.Connectors.Http;

/// <summary>
/// The HTTP connector's inputs that turn a response or a transport failure into a result the model routes on (Elsa's
/// FlowSendHttpRequest ports): <c>acceptStatus</c>, the statuses that complete the step instead of failing or raising a
/// mapped BPMN error, and <c>failureAsResult</c>, the transport failures that complete it with <c>failure</c> set. The one
/// place of their rules: the field checks (call and publish) and the connector read them here.
/// </summary>
internal static class HttpResultRules
{
    /// <summary>A lost connection (no answer at all, after the pipeline's attempts).</summary>
    public const string Connect = "connect";

    /// <summary>The call's time limit ran out.</summary>
    public const string Timeout = "timeout";

    /// <summary>Why an <c>acceptStatus</c> value is refused: it must be a list of codes (100–599) or classes ("4xx").</summary>
    public static string? StatusProblem(object? value)
    {
        if (value is not List<object?> items) return Texte.Format(Texte.HttpStatuslisteUngueltig, Describe(value));
        foreach (var item in items)
        {
            if (StatusPattern(item) is null) return Texte.Format(Texte.HttpStatuslisteUngueltig, Describe(item));
        }
        return null;
    }

    /// <summary>Why a <c>failureAsResult</c> value is refused: it must be a list of "connect" and "timeout".</summary>
    public static string? FailureProblem(object? value)
    {
        if (value is not List<object?> items) return Texte.Format(Texte.HttpFehlerartUngueltig, Describe(value));
        foreach (var item in items)
        {
            if (item is not (Connect or Timeout)) return Texte.Format(Texte.HttpFehlerartUngueltig, Describe(item));
        }
        return null;
    }

    /// <summary>The status patterns of a checked <c>acceptStatus</c> ("404", "4xx"); empty without the input.</summary>
    public static IReadOnlyList<string> Statuses(object? value) =>
        value is List<object?> items ? [.. items.Select(StatusPattern).OfType<string>()] : [];

    /// <summary>The failure kinds of a checked <c>failureAsResult</c>; empty without the input.</summary>
    public static IReadOnlySet<string> Failures(object? value) =>
        value is List<object?> items ? items.OfType<string>().ToHashSet(StringComparer.Ordinal) : new HashSet<string>();

    /// <summary>Whether a status is one of the patterns.</summary>
    public static bool Matches(IReadOnlyList<string> patterns, int status)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        return patterns.Any(p => p == code || (p.EndsWith("xx", StringComparison.Ordinal) && p[0] == code[0]));
    }

    /// <summary>A code 100–599 (number or text) or a class "1xx"–"5xx" in normal form; null for anything else.</summary>
    private static string? StatusPattern(object? item)
    {
        switch (item)
        {
            case double number when number == Math.Floor(number) && number is >= 100 and <= 599:
                return ((int)number).ToString(CultureInfo.InvariantCulture);
            case string text:
                var normal = text.Trim().ToLowerInvariant();
                if (normal.Length != 3 || normal[0] is < '1' or > '5') return null;
                return (char.IsAsciiDigit(normal[1]) && char.IsAsciiDigit(normal[2])) || normal[1..] == "xx" ? normal : null;
            default:
                return null;
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => s,
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => value.GetType() == typeof(List<object?>) ? "[…]" : "{…}",
    };
}
