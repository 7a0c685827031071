using System.Text.Json;
using Automation.Cli;
using Automation.Engine.Tests.Decisions;

namespace Automation.Engine.Tests.Cli;

/// <summary>Issue 20, item 2: `automation decide` and `automation validate` on DMN files.</summary>
public sealed class DecideCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("decide-cli").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Decide_prints_inputs_the_matched_rule_and_the_result_in_german()
    {
        var (exit, output, error) = Cli("decide", File("wohngeld.dmn", DmnSamples.Routing), "--vars", """{"einkommen": 2000.5, "haushalt": 3, "art": "Erstantrag"}""");
        Assert.True(exit == 0, error);
        Assert.Contains("Entscheidung „Prüfweg“ (pruefweg): UNIQUE", output, StringComparison.Ordinal);
        Assert.Contains("Eingabe Monatseinkommen = 2000,5", output, StringComparison.Ordinal);
        Assert.Contains("Regel 2 (Rule_sb) trifft zu: weg = \"Sachbearbeitung\", frist = 21 – Erstantrag prüft ein Mensch", output, StringComparison.Ordinal);
        Assert.Contains("Ergebnis: {weg: \"Sachbearbeitung\", frist: 21}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_json_has_stable_keys_and_every_decision_of_the_graph()
    {
        var (exit, output, error) = Cli("decide", File("graph.dmn", DmnSamples.Graph), "--vars", """{"Alter": 60}""", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("bescheid", root.GetProperty("decision").GetString());
        Assert.Equal(131, root.GetProperty("value").GetDouble());
        var decisions = root.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(4, decisions.Count);
        var table = decisions.Single(d => d.GetProperty("id").GetString() == "zuschlag");
        Assert.Equal("table", table.GetProperty("logic").GetString());
        Assert.Equal("UNIQUE", table.GetProperty("hitPolicy").GetString());
        Assert.Equal(120, table.GetProperty("inputs")[0].GetProperty("value").GetDouble());
        var rule = table.GetProperty("matchedRules")[0];
        Assert.Equal((1, "z1"), (rule.GetProperty("index").GetInt32(), rule.GetProperty("id").GetString()));
        Assert.Equal(10, rule.GetProperty("outputs").GetProperty("zuschlag").GetDouble());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("rows").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Bad_json_an_unknown_decision_and_a_unique_violation_fail_with_german_errors()
    {
        var file = File("stufe.dmn", DmnSamples.Table("UNIQUE", "", ("< 10", "\"a\""), ("< 20", "\"b\"")));
        var (exit, _, error) = Cli("decide", file, "--vars", "{betrag: 1");
        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains("Die Variablen (--vars) sind kein gültiges JSON-Objekt", error, StringComparison.Ordinal);

        (exit, _, error) = Cli("decide", file, "--decision", "rabatt", "--vars", "{}");
        Assert.Equal(CommandLine.Failed, exit);
        Assert.Contains("Die Entscheidung „rabatt“ gibt es nicht; die Datei enthält: stufe.", error, StringComparison.Ordinal);

        (exit, var output, error) = Cli("decide", file, "--vars", """{"betrag": 5}""", "--json");
        Assert.Equal(CommandLine.Failed, exit);
        Assert.Contains("dmn-unique-violation", error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        var failure = doc.RootElement.GetProperty("error");
        Assert.Equal("dmn-unique-violation", failure.GetProperty("code").GetString());
        Assert.Equal(["r1", "r2"], failure.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void Decide_on_an_invalid_file_names_the_finding_and_fails()
    {
        var (exit, _, error) = Cli("decide", File("kaputt.dmn", DmnSamples.Table("UNIQUE", "", ("[5..", "\"a\""))), "--vars", """{"betrag": 5}""");
        Assert.Equal(CommandLine.Failed, exit);
        Assert.Contains("dmn-feel-invalid", error, StringComparison.Ordinal);
        Assert.Contains("dmn-model-invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reads_dmn_files_in_the_same_style_as_bpmn()
    {
        var (exit, output, _) = Cli("validate", File("graph.dmn", DmnSamples.Graph));
        Assert.Equal(0, exit);
        Assert.Contains("gültig (4 Entscheidungen: basis, punkte, zuschlag, bescheid)", output, StringComparison.Ordinal);

        var broken = File("stufe.dmn", DmnSamples.Table("SOMETIMES", "", ("< 10", "\"a\"")));
        (exit, output, _) = Cli("validate", broken);
        Assert.Equal(1, exit);
        Assert.Matches(@"stufe\.dmn:4:\d+: Fehler dmn-hit-policy-unknown: .*„SOMETIMES“.* id=stufe ""Stufe"" Zeile 4", output);

        (exit, output, _) = Cli("validate", "--json", broken);
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        var finding = doc.RootElement.GetProperty("files")[0].GetProperty("diagnostics")[0];
        Assert.Equal(("dmn-hit-policy-unknown", "stufe", "Stufe", 4), (finding.GetProperty("code").GetString(), finding.GetProperty("elementId").GetString(),
            finding.GetProperty("elementName").GetString(), finding.GetProperty("line").GetInt32()));
    }
}
