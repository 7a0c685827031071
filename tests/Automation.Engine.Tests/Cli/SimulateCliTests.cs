using System.Text.Json;
using Automation.Cli;

namespace Automation.Engine.Tests.Cli;

public sealed class SimulateCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sim-cli").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Automation.sln"))) d = d.Parent;
        return d!.FullName;
    }

    private static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Wohngeld => Path.Combine(RepoRoot(), "workflows", "wohngeldantrag.bpmn");

    [Fact]
    public void Simulate_prints_a_labelled_forecast_with_baseline_and_scenario()
    {
        var scenario = Write("s.json", """
            { "replications": 2, "roles": { "sachbearbeitung-wohngeld": { "people": 3 } },
              "scenarios": [ { "name": "Prüfung automatisiert", "changes": [ { "type": "automate", "step": "Task_VollstaendigkeitPruefen" } ] } ] }
            """);
        var (exit, output, error) = Cli("simulate", Wohngeld, "--cases", "200", "--seed", "4", "--scenario", scenario);
        Assert.True(exit == CommandLine.Ok, error);
        Assert.StartsWith("Simulation (Prognose)", output, StringComparison.Ordinal);
        Assert.Contains("== Ausgangslage ==", output, StringComparison.Ordinal);
        Assert.Contains("== Prüfung automatisiert:", output, StringComparison.Ordinal);
        Assert.Contains("CO2e-Bilanz Task_VollstaendigkeitPruefen (automatisiert)", output, StringComparison.Ordinal);
        Assert.Contains("freigesetzte Personalzeit Task_VollstaendigkeitPruefen (automatisiert", output, StringComparison.Ordinal);
        Assert.Contains("Arbeitstage im ersten Jahr", output, StringComparison.Ordinal);
        Assert.Contains("Annahmen:", output, StringComparison.Ordinal);
        Assert.Contains("Rolle „", output, StringComparison.Ordinal);
        // Figures in de-DE: a decimal comma, never a decimal point.
        Assert.DoesNotMatch(@"\d\.\d{1,2}\b(?!\.)", output.Split("Annahmen:")[0].Replace("1.600", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Simulate_json_is_identical_for_the_same_seed()
    {
        var first = Cli("simulate", Wohngeld, "--cases", "100", "--seed", "9", "--json");
        var second = Cli("simulate", Wohngeld, "--cases", "100", "--seed", "9", "--json");
        Assert.Equal(CommandLine.Ok, first.Exit);
        Assert.Equal(first.Out, second.Out);
        using var doc = JsonDocument.Parse(first.Out);
        Assert.Equal("simulated", doc.RootElement.GetProperty("kind").GetString());
        Assert.Equal(100, doc.RootElement.GetProperty("cases").GetInt32());
        Assert.Equal(100, doc.RootElement.GetProperty("variants")[0].GetProperty("casesStarted").GetInt32());
    }

    [Fact]
    public void Simulate_refuses_a_bad_scenario_naming_the_field_with_exit_1()
    {
        var scenario = Write("bad.json", """{ "branches": { "Gateway_Vollstaendig": { "Flow_12": 0.5 } } }""");
        var (exit, output, error) = Cli("simulate", Wohngeld, "--cases", "10", "--scenario", scenario);
        Assert.Equal(CommandLine.Failed, exit);
        Assert.Equal("", output);
        Assert.Contains("$.branches.Gateway_Vollstaendig", error, StringComparison.Ordinal);
        Assert.Contains("ungültiges Szenario; nicht simuliert", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_usage_errors_exit_2()
    {
        Assert.Equal(CommandLine.Usage, Cli("simulate").Exit);
        Assert.Equal(CommandLine.Usage, Cli("simulate", Wohngeld, "--cases", "viele").Exit);
        Assert.Equal(CommandLine.Usage, Cli("simulate", Wohngeld, "--cases", "0").Exit);
    }
}
