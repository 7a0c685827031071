using System.Text.Json;
using Automation.Cli;

namespace Automation.Engine.Tests.Cli;

public sealed class CliTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Automation.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Automation.sln not found above " + AppContext.BaseDirectory);
    }

    private static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Workflow(string name) => Path.Combine(RepoRoot, "workflows", name);

    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(FindRepoRoot(), "workflows"), "*.bpmn").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    /// <summary>English words the CLI printed before it spoke German (usage, trail, status); none may come back.</summary>
    private static readonly string[] EnglishWords =
        ["usage", "the", "and", "with", "of", "task", "case", "status", "error", "invalid", "completed", "runner", "needs", "unknown", "command", "not run", "schema up to date", "cases"];

    private static void AssertGerman(string text)
    {
        var hits = EnglishWords.Where(w => System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\w-]){w}(?![\w-])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)).ToList();
        Assert.True(hits.Count == 0, $"English in the CLI output ({string.Join(", ", hits)}):\n{text}");
    }

    [Fact]
    public void Help_usage_errors_and_the_run_trail_are_German()
    {
        var help = Cli("--help");
        Assert.Equal(CommandLine.Ok, help.Exit);
        Assert.StartsWith("automation – BPMN-2.0- und Elsa-3-Prozessdefinitionen und DMN-Entscheidungen prüfen und ausführen", help.Out, StringComparison.Ordinal);
        foreach (var command in new[] { "validate", "decide", "run", "simulate", "migrate", "rollup", "backup", "restore" })
            Assert.Contains("automation " + command + " ", help.Out, StringComparison.Ordinal);
        AssertGerman(help.Out.Replace("--business-key", "", StringComparison.Ordinal));

        var unknown = Cli("zaubern");
        Assert.Equal(CommandLine.Usage, unknown.Exit);
        Assert.Equal("automation: unbekannter Befehl „zaubern“\nHilfe: automation --help\n", unknown.Err.ReplaceLineEndings("\n"));
        var migrate = Cli("migrate", "--sqlite");
        Assert.Equal(CommandLine.Usage, migrate.Exit);
        Assert.Contains("migrate braucht --sqlite <Datei> oder --postgres", migrate.Err, StringComparison.Ordinal);
        var authority = Cli("run", Workflow("wohngeldantrag.bpmn"), "--authority", "Gemeinde");
        Assert.Equal(CommandLine.Usage, authority.Exit);
        Assert.Contains("--authority muss Kommune, Land, Bund oder Sozialversicherung sein, nicht „Gemeinde“", authority.Err, StringComparison.Ordinal);
        var backup = Cli("backup", "--sqlite", "x.db");
        Assert.Equal(CommandLine.Usage, backup.Exit);
        Assert.Contains("Aufruf: backup <Zieldatei>", backup.Err, StringComparison.Ordinal);

        var run = Cli("run", Workflow("wohngeldantrag.bpmn"), "--ledger");
        Assert.Equal(CommandLine.Ok, run.Exit);
        Assert.StartsWith("Vorgang ", run.Err, StringComparison.Ordinal);
        Assert.Contains("Ablauf: Aufgabe ", run.Err, StringComparison.Ordinal);
        Assert.Contains("Benutzeraufgabe", run.Err, StringComparison.Ordinal);
        Assert.Contains("Stand: abgeschlossen", run.Err, StringComparison.Ordinal);
        Assert.Contains("Verbuchen (de-2025, Kommune, Definition sha256:", run.Err, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d\.\d\d (min|€|g)", run.Err);
        AssertGerman(run.Err);
    }

    [Fact]
    public void There_are_at_least_six_municipal_workflows()
    {
        Assert.True(Workflows().Count >= 6);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_municipal_workflow_validates_and_runs_to_its_end(string file)
    {
        var validate = Cli("validate", Workflow(file));
        Assert.True(validate.Exit == 0, validate.Out + validate.Err);
        Assert.Contains(": gültig", validate.Out, StringComparison.Ordinal);
        var run = Cli("run", Workflow(file), "--json");
        Assert.True(run.Exit == 0, run.Out + run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("Completed", doc.RootElement.GetProperty("status").GetString());
        Assert.True(doc.RootElement.GetProperty("steps").GetArrayLength() > 3);
    }

    [Fact]
    public void Running_the_elsa_implicit_loop_sample_writes_exactly_its_four_lines()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa", "implicit-loop.json");
        var (exit, output, _) = Cli("run", sample);
        Assert.Equal(0, exit);
        Assert.Equal(["Do something", "Retry", "Do something", "Done"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        var nested = Cli("run", Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa", "implicit-loop-nested.json"), "--json");
        using var doc = JsonDocument.Parse(nested.Out);
        Assert.Equal(["Do something", "Retry", "Do something", "Done"], doc.RootElement.GetProperty("output").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Migrate_creates_the_schema_of_a_new_sqlite_database_idempotently_and_rollup_folds_and_rebuilds_the_ledger_rollup()
    {
        var dir = Path.Combine(Path.GetTempPath(), "automation-migrate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var file = Path.Combine(dir, "automation.db");
            var first = Cli("migrate", "--sqlite", file);
            Assert.True(first.Exit == 0, first.Err);
            Assert.Contains("Schema ist auf dem neuesten Stand", first.Out, StringComparison.Ordinal);
            Assert.True(File.Exists(file));
            Assert.Equal(0, Cli("migrate", "--sqlite", file).Exit);
            Assert.Equal(2, Cli("migrate").Exit);
            var refresh = Cli("rollup", "--sqlite", file);
            Assert.True(refresh.Exit == 0, refresh.Err);
            Assert.Contains("Monatssummen des Verbuchens aktualisiert bis Eintrag 0", refresh.Out, StringComparison.Ordinal);
            Assert.Contains("neu aufgebaut", Cli("rollup", "--sqlite", file, "--rebuild").Out, StringComparison.Ordinal);
            Assert.Equal(2, Cli("rollup", "--sqlite", Path.Combine(dir, "missing.db")).Exit);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_steers_branches_with_vars_and_fast_forwards_timers()
    {
        var (exit, _, err) = Cli("run", Workflow("wohngeldantrag.bpmn"), "--vars", """{"bescheidart":"ablehnung"}""");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("Zahlung anweisen", err, StringComparison.Ordinal);
        var urlaub = Cli("run", Workflow("urlaubsantrag.bpmn"), "--json");
        using var doc = JsonDocument.Parse(urlaub.Out);
        Assert.Equal("Completed", doc.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void Validate_exits_1_with_diagnostics_for_an_invalid_file_and_2_for_usage_errors()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"invalid-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(bad, """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:x">
              <bpmn:process id="p">
                <bpmn:startEvent id="s" />
                <bpmn:complexGateway id="G7" />
                <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="G7" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        try
        {
            var (exit, output, _) = Cli("validate", bad);
            Assert.Equal(1, exit);
            Assert.Contains("Fehler unsupported-element: Dieses Element wird nicht unterstützt.", output, StringComparison.Ordinal);
            Assert.Contains("id=G7", output, StringComparison.Ordinal);
            Assert.Contains("Zeile 5", output, StringComparison.Ordinal);
            Assert.Equal(1, Cli("run", bad).Exit);
        }
        finally
        {
            File.Delete(bad);
        }
        Assert.Equal(2, Cli().Exit);
        Assert.Equal(2, Cli("validate").Exit);
        Assert.Equal(2, Cli("frobnicate").Exit);
        Assert.Equal(2, Cli("run", Workflow("urlaubsantrag.bpmn"), "--vars", "[1,2]").Exit);
        Assert.Equal(2, Cli("run", Workflow("urlaubsantrag.bpmn"), "--process", "nope").Exit);
        Assert.Equal(1, Cli("validate", "/no/such/file.bpmn").Exit);
    }

    [Fact]
    public void Run_with_ledger_adds_each_entry_with_its_factors_and_the_case_totals_with_sci()
    {
        var (exit, output, err) = Cli("run", Workflow("wohngeldantrag.bpmn"), "--ledger", "--json");
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("de-2025", root.GetProperty("factorSet").GetString());
        Assert.Equal("Kommune", root.GetProperty("authority").GetString());
        Assert.StartsWith("sha256:", root.GetProperty("definitionVersion").GetString(), StringComparison.Ordinal);
        var ledger = root.GetProperty("ledger");
        Assert.Equal(7, ledger.GetArrayLength());
        var einkommen = ledger.EnumerateArray().Single(e => e.GetProperty("nodeId").GetString() == "Task_EinkommenPruefen");
        Assert.Equal(60m, einkommen.GetProperty("staffMinutes").GetDecimal());
        Assert.Equal("standard", einkommen.GetProperty("staffMinutesBasis").GetString());
        Assert.Equal("zeitwert.5.medium@1", einkommen.GetProperty("standardSource").GetString());
        Assert.Equal(42.20m, einkommen.GetProperty("labourCostEur").GetDecimal());
        Assert.Equal(32.67m, einkommen.GetProperty("components").GetProperty("workplace").GetProperty("carbonG").GetDecimal());
        Assert.Equal(12m, einkommen.GetProperty("components").GetProperty("paper").GetProperty("carbonG").GetDecimal());
        // 60 staff minutes × 8,035 / 12,672 g of PC and monitor manufacturing (methodology.md §4), without energy.
        var devices = einkommen.GetProperty("components").GetProperty("devices");
        Assert.Equal(38.044508m, devices.GetProperty("carbonG").GetDecimal());
        Assert.False(devices.TryGetProperty("energyWh", out _));
        var grid = einkommen.GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "grid.intensity");
        Assert.Equal(363m, grid.GetProperty("value").GetDecimal());
        Assert.Equal("gCO2/kWh", grid.GetProperty("unit").GetString());
        Assert.Equal(2024, grid.GetProperty("year").GetInt32());
        Assert.Equal("secondary", grid.GetProperty("status").GetString());
        Assert.Equal(1, grid.GetProperty("version").GetInt32());
        Assert.Contains("Climate Change 13/2025", grid.GetProperty("source").GetString(), StringComparison.Ordinal);

        var totals = root.GetProperty("totals");
        Assert.Equal(277m, totals.GetProperty("staffMinutes").GetDecimal());
        Assert.Equal(193.43m, totals.GetProperty("labourCostEur").GetDecimal());
        Assert.Equal(92m, totals.GetProperty("components").GetProperty("post").GetProperty("carbonG").GetDecimal());
        var sci = totals.GetProperty("sci");
        Assert.Equal(326.47m, sci.GetProperty("gCO2ePerCase").GetDecimal());
        var inside = sci.GetProperty("boundary").GetProperty("inside").EnumerateArray().Select(c => c.GetProperty("component").GetString());
        Assert.Equal(new[] { "workplace", "devices", "compute", "aiInference", "embodied" }, inside);
        Assert.Equal("citizenTrips", sci.GetProperty("boundary").GetProperty("outside")[0].GetProperty("component").GetString());
    }

    [Fact]
    public void Ledger_prices_labour_for_the_chosen_authority_type_and_prints_a_summary_without_json()
    {
        var land = Cli("run", Workflow("wohngeldantrag.bpmn"), "--ledger", "--json", "--authority", "land");
        using var doc = JsonDocument.Parse(land.Out);
        Assert.Equal("Land", doc.RootElement.GetProperty("authority").GetString());
        Assert.Equal(198.38m, doc.RootElement.GetProperty("totals").GetProperty("labourCostEur").GetDecimal());

        var text = Cli("run", Workflow("wohngeldantrag-digital.bpmn"), "--ledger");
        Assert.Equal(0, text.Exit);
        Assert.Contains("SCI: 152,17 gCO2e je abgeschlossenem Vorgang", text.Err, StringComparison.Ordinal);
        Assert.Contains("Summe: 129,00 Personalminuten, 88,23 €", text.Err, StringComparison.Ordinal);

        Assert.Equal(2, Cli("run", Workflow("wohngeldantrag.bpmn"), "--ledger", "--authority", "Gemeinde").Exit);
        Assert.Equal(2, Cli("run", Workflow("wohngeldantrag.bpmn"), "--authority", "Land").Exit);
        Assert.Equal(2, Cli("run", Workflow("wohngeldantrag.bpmn"), "--ledger", "--authority").Exit);
        var help = Cli("--help");
        Assert.Contains("--ledger", help.Out, StringComparison.Ordinal);
        Assert.Contains("--authority Kommune|Land|Bund|Sozialversicherung", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_refuses_to_run_a_step_it_cannot_price()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dash-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(file, """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:x">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:userTask id="Berechnen">
                  <bpmn:extensionElements><am:effort activity="6" complexity="complex" payLevel="gehoben"/></bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Berechnen" />
                <bpmn:sequenceFlow id="f2" sourceRef="Berechnen" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        try
        {
            var (exit, _, err) = Cli("run", file, "--ledger", "--json");
            Assert.Equal(1, exit);
            Assert.Contains("ledger-zeitwert-undefined", err, StringComparison.Ordinal);
            Assert.Contains("id=Berechnen", err, StringComparison.Ordinal);
            Assert.Equal(0, Cli("run", file).Exit);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
