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
        Assert.Contains(": valid", validate.Out, StringComparison.Ordinal);
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
            Assert.Contains("complexGateway", output, StringComparison.Ordinal);
            Assert.Contains("id=G7", output, StringComparison.Ordinal);
            Assert.Contains("line 5", output, StringComparison.Ordinal);
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
}
