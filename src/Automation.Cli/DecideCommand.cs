using System.Globalization;
using System.Text;
using System.Text.Json;
using Automation.Engine.Decisions;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Cli;

/// <summary><c>automation decide &lt;file.dmn&gt; [--decision &lt;id&gt;] [--vars '{json}'] [--json]</c></summary>
internal static class DecideCommand
{
    /// <summary>Whether a file is read as DMN: by its extension, else by the namespace of its root element.</summary>
    public static bool IsDmn(string file)
    {
        if (file.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase)) return true;
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var head = new char[4096];
            return Dmn.LooksLikeDmn(new string(head, 0, reader.ReadBlock(head, 0, head.Length)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        string? decisionId = null;
        var varsText = "{}";
        var json = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--decision":
                    decisionId = Value(args, ref i);
                    break;
                case "--vars":
                    varsText = Value(args, ref i);
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"decide has no option '{args[i]}'");
                    if (file is not null) throw new UsageException("decide takes one file");
                    file = args[i];
                    break;
            }
        }
        if (file is null) throw new UsageException("decide needs a file");
        if (!File.Exists(file))
        {
            stderr.WriteLine($"{file}: {Texte.CliDateiFehlt}");
            return CommandLine.Failed;
        }
        Dictionary<string, object?> variables;
        try
        {
            variables = Variables.ParseObject(varsText);
        }
        catch (JsonException e)
        {
            stderr.WriteLine(Texte.Format(Texte.CliEntscheidungVariablenUngueltig, e.Message));
            return CommandLine.Usage;
        }
        var model = Dmn.ReadFile(file);
        if (model.HasErrors)
        {
            var labels = model.LabelsById();
            ValidateCommand.WriteDiagnostics(file, model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => ValidateCommand.Line(d, labels)), stderr, stderr);
        }
        try
        {
            var id = decisionId ?? model.DefaultDecision?.Id ?? "";
            var result = DecisionEvaluator.Evaluate(model, id, variables);
            if (json) WriteJson(stdout, file, result);
            else WriteText(stdout, result);
            return CommandLine.Ok;
        }
        catch (DecisionException e)
        {
            var message = Texte.Entscheidungsfehler(e);
            stderr.WriteLine(Texte.Format(Texte.CliEntscheidungFehler, e.Code, message));
            if (json) WriteError(stdout, file, e, message);
            return CommandLine.Failed;
        }
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var option = args[i];
        if (i + 1 >= args.Count) throw new UsageException($"{option} needs a value");
        return args[++i];
    }

    private static void WriteText(TextWriter stdout, DecisionResult result)
    {
        foreach (var d in result.Explanations)
        {
            stdout.WriteLine(Texte.Format(Texte.CliEntscheidung, d.DecisionName, d.DecisionId, d.HitPolicy ?? "FEEL"));
            foreach (var input in d.Inputs) stdout.WriteLine(Texte.Format(Texte.CliEntscheidungEingabe, input.Label, Show(input.Value)));
            if (d.Logic == DecisionLogic.Table && d.MatchedRules.Count == 0) stdout.WriteLine(Texte.CliEntscheidungKeineRegel);
            foreach (var rule in d.MatchedRules)
            {
                var which = rule.Id is null ? rule.Index.ToString(CultureInfo.InvariantCulture) : $"{rule.Index.ToString(CultureInfo.InvariantCulture)} ({rule.Id})";
                var outputs = string.Join(", ", rule.Outputs.Select(o => $"{o.Key} = {Show(o.Value)}"));
                var annotation = rule.Annotation is null ? "" : $" – {OneLine(rule.Annotation)}";
                stdout.WriteLine(Texte.Format(Texte.CliEntscheidungRegel, which, $": {outputs}{annotation}"));
            }
        }
        stdout.WriteLine(Texte.Format(Texte.CliEntscheidungErgebnis, Show(result.Value)));
        foreach (var warning in result.Warnings) stdout.WriteLine("  " + warning);
    }

    /// <summary>A value the German way: numbers in de-DE, texts in quotes, lists and contexts in FEEL's brackets.</summary>
    internal static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        decimal d => d.ToString(Texte.Kultur),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IEnumerable<KeyValuePair<string, object?>> map => "{" + string.Join(", ", map.Select(e => $"{e.Key}: {Show(e.Value)}")) + "}",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        _ => Convert.ToString(value, Texte.Kultur) ?? "",
    };

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static void WriteJson(TextWriter stdout, string file, DecisionResult result)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteString("decision", result.DecisionId);
            w.WriteString("name", result.DecisionName);
            w.WritePropertyName("value");
            Variables.WriteJson(w, result.Value);
            w.WritePropertyName("rows");
            Variables.WriteJson(w, result.Rows);
            w.WriteStartArray("decisions");
            foreach (var d in result.Explanations)
            {
                w.WriteStartObject();
                w.WriteString("id", d.DecisionId);
                w.WriteString("name", d.DecisionName);
                w.WriteString("logic", d.Logic == DecisionLogic.Table ? "table" : "literal");
                if (d.HitPolicy is not null) w.WriteString("hitPolicy", d.HitPolicy);
                w.WriteStartArray("inputs");
                foreach (var input in d.Inputs)
                {
                    w.WriteStartObject();
                    if (input.Id is not null) w.WriteString("id", input.Id);
                    w.WriteString("label", input.Label);
                    w.WriteString("expression", input.Expression);
                    w.WritePropertyName("value");
                    Variables.WriteJson(w, input.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("matchedRules");
                foreach (var rule in d.MatchedRules)
                {
                    w.WriteStartObject();
                    w.WriteNumber("index", rule.Index);
                    if (rule.Id is not null) w.WriteString("id", rule.Id);
                    if (rule.Annotation is not null) w.WriteString("annotation", rule.Annotation);
                    w.WritePropertyName("outputs");
                    Variables.WriteJson(w, rule.Outputs);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WritePropertyName("value");
                Variables.WriteJson(w, d.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var warning in result.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteError(TextWriter stdout, string file, DecisionException e, string message)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteStartObject("error");
            w.WriteString("code", e.Code);
            w.WriteString("message", message);
            if (e.DecisionId is not null) w.WriteString("decision", e.DecisionId);
            w.WriteStartArray("rules");
            foreach (var rule in e.RuleIds) w.WriteStringValue(rule);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    // A terminal or a script reads this, never a browser: quotes and umlauts stay as they are.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
