using System.Text.RegularExpressions;

namespace Automation.Server.Tests.Pages;

/// <summary>
/// Finds English in text a person reads (issue 17 item 3): whole English words, numbers with a decimal point, JSON
/// escapes and HTML entities left in rendered text. Only whole letter-words count, so ids (Event_0x1, wohngeld-antrag)
/// and codes with digits, dashes or underscores never match; URLs are removed before the search.
/// </summary>
internal static partial class EnglishWords
{
    /// <summary>
    /// English words that have no place in a German interface. Words German uses too ("Name", "Start", "Service",
    /// "Version", "Team") are left out; "Status" is in: the interface says "Stand".
    /// </summary>
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "or", "of", "to", "with", "without", "for", "from", "not", "is", "are", "has", "have", "this", "that",
        "yes", "no", "true", "false", "null", "undefined", "NaN", "none", "unknown", "invalid", "valid",
        "create", "created", "new", "edit", "save", "saved", "delete", "deleted", "remove", "cancel", "cancelled", "canceled", "submit",
        "search", "back", "next", "previous", "close", "open", "show", "hide", "more", "less", "all", "add", "update", "updated",
        "general", "settings", "overview", "home", "user", "users", "password", "login", "logout", "sign", "help",
        "status", "state", "waiting", "running", "completed", "complete", "terminated", "failed", "failure", "succeeded", "success",
        "pending", "active", "inactive", "incident", "error", "errors", "warning", "warnings", "info", "message", "messages",
        "task", "tasks", "case", "cases", "process", "processes", "step", "steps", "report", "reports", "job", "jobs",
        "minutes", "hours", "days", "day", "week", "month", "year", "average", "count", "required",
        "missing", "found", "forbidden", "unauthorized", "request", "bad", "conflict", "loading", "please", "assumption", "assumptions",
        "replications", "replication", "scenario", "baseline", "default", "role", "roles", "queue", "duration", "probability",
        "gateway", "flows", "calendar", "working", "holidays", "measurements", "empirical", "execution", "second", "seconds",
        // the decision editor (dmn-js): FEEL type names and table labels it shows unless translated
        // (hit policies are shown with their DMN code, "Eindeutig (UNIQUE)": their names are checked by the ClientApp's tests)
        "string", "number", "boolean", "date", "time", "datetime", "rule", "rules", "input", "output", "hit", "policy",
        "annotation", "annotations", "when", "then", "value", "values", "type", "item",
    };

    /// <summary>Words a German reader meets in German administrative texts, each with its reason.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["Gateway"] = "BPMN term of the standard, used in German process modelling (\"exklusives Gateway\")",
        ["Info"] = "German short form (\"Info\", \"Hinweis\")",
    };

    /// <summary>
    /// Names that stay as they are: standards with their version (BPMN 2.0, BPMN-2.0-Datei), "Open Data" (the name of
    /// the movement and its portals) and "Single Sign-on" (the term German administrations use for it).
    /// </summary>
    [GeneratedRegex(@"\bOpen[ -]Data\b|\bSingle Sign-on\b|\b(BPMN|DMN|FEEL|OpenAPI|WCAG|HTTP|TLS|OAuth|OIDC|Elsa|KldB|SCI|ISO|EN|BITV|OpenID Connect)[\s-]*\d+(\.\d+)*", RegexOptions.CultureInvariant)]
    private static partial Regex FixedName();

    [GeneratedRegex(@"(https?://|mailto:)\S+|(?<![\p{L}\d])/[\w\-./{}:?=&%]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    [GeneratedRegex(@"\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"[\d_=@$\\<>{}\[\]]", RegexOptions.CultureInvariant)]
    private static partial Regex CodeCharacter();

    /// <summary>A stable code such as missing-reference or not-found: lower-case words joined by hyphens (German compounds are capitalised).</summary>
    [GeneratedRegex(@"^\W*[a-z]+(-[a-z]+)+\W*$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerCaseCode();

    /// <summary>A number written with a decimal point (0.580, 83.3); German dates and thousands groups (1.600, 06.12.2026) are not.</summary>
    [GeneratedRegex(@"(?<![\d.,])\d+(\.\d+)+\.?(?!\d|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DottedNumber();

    [GeneratedRegex(@"^([1-9]\d{0,2}(\.\d{3})+\.?|(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(\d{2}\.?|\d{4}\.?)?|(0?[1-9]|1[0-2])\.\d{4}\.?)$", RegexOptions.CultureInvariant)]
    private static partial Regex GermanDottedNumber();

    [GeneratedRegex(@"\\u[0-9a-fA-F]{4}|\\[nrt""]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", RegexOptions.CultureInvariant)]
    private static partial Regex Escape();

    /// <summary>JSON escapes only: shown XML source may hold its own entities (&amp;amp;), never a JSON escape.</summary>
    [GeneratedRegex(@"\\u[0-9a-fA-F]{4}", RegexOptions.CultureInvariant)]
    private static partial Regex JsonEscape();

    /// <summary>Each hit with a few characters around it, so a failure shows where the English is.</summary>
    public static IReadOnlyList<string> Hits(string text)
    {
        var hits = new List<string>();
        var cleaned = Address().Replace(FixedName().Replace(text, " "), " ");
        foreach (Match m in Token().Matches(cleaned))
        {
            // A token with digits, underscores or brackets is an id, a code or a value (Event_0x1, am:effort=3), not prose.
            if (CodeCharacter().IsMatch(m.Value) || LowerCaseCode().IsMatch(m.Value)) continue;
            foreach (var word in m.Value.Split(['-', '/', '(', ')', ',', ';', ':', '.', '!', '?', '„', '“', '"', '\'', '»', '«', '–', '…', '*'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (Words.Contains(word) && !Allowed.ContainsKey(word)) hits.Add(Around(cleaned, m));
            }
        }
        foreach (Match m in DottedNumber().Matches(cleaned))
        {
            if (!GermanDottedNumber().IsMatch(m.Value)) hits.Add(Around(cleaned, m));
        }
        foreach (Match m in Escape().Matches(text)) hits.Add(Around(text, m));
        return hits;
    }

    /// <summary>JSON escapes left in any shown text, code included: a person reads „ü“, never \u00FC.</summary>
    public static IEnumerable<string> Escapes(string text) => JsonEscape().Matches(text).Select(m => Around(text, m));

    private static string Around(string text, Match m)
    {
        var from = Math.Max(0, m.Index - 30);
        var to = Math.Min(text.Length, m.Index + m.Length + 30);
        return $"„{m.Value}“ in …{text[from..to].ReplaceLineEndings(" ")}…";
    }
}
