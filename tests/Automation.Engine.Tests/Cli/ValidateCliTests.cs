using System.Text.Json;
using Automation.Cli;

namespace Automation.Engine.Tests.Cli;

/// <summary>Issue 18, item 5: `validate --json`, element labels, one finding once in file order, exit codes shared with `run`.</summary>
public sealed class ValidateCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("validate-cli").FullName;

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

    // Two findings, the later one in the file named first by the checks (a flow to nowhere is checked before nodes).
    private const string TwoFindings = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
          <process id="antrag" name="Antrag" isExecutable="true">
            <startEvent id="s"/>
            <intermediateCatchEvent id="Event_0x1" name="Unterlagen
              eingegangen"><timerEventDefinition><timeDuration>fünf Tage</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f1" sourceRef="s" targetRef="Event_0x1"/>
            <sequenceFlow id="f2" sourceRef="Event_0x1" targetRef="nirgends"/>
          </process>
        </definitions>
        """;

    [Fact]
    public void Json_names_each_finding_with_code_element_label_line_and_column_in_the_order_of_the_file()
    {
        var (exit, output, _) = Cli("validate", "--json", File("antrag.bpmn", TwoFindings));
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var file = doc.RootElement.GetProperty("files")[0];
        Assert.Equal(["antrag"], file.GetProperty("processes").EnumerateArray().Select(p => p.GetString()));
        var findings = file.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.True(findings.Count >= 2, output);
        var timer = findings.Single(f => f.GetProperty("elementId").GetString() == "Event_0x1");
        Assert.Equal("error", timer.GetProperty("severity").GetString());
        // XML turns the line break inside the attribute into spaces; JSON keeps the label as read.
        Assert.Matches("^Unterlagen +eingegangen$", timer.GetProperty("elementName").GetString());
        Assert.Equal(5, timer.GetProperty("line").GetInt32());
        var lines = findings.Select(f => f.TryGetProperty("line", out var l) ? l.GetInt32() : 0).ToList();
        Assert.Equal(lines.Order(), lines);
        Assert.Equal(findings.Count, findings.Select(f => f.GetRawText()).Distinct().Count());
    }

    [Fact]
    public void Text_output_shows_the_label_on_one_line_beside_the_id()
    {
        var (_, output, _) = Cli("validate", File("antrag.bpmn", TwoFindings));
        Assert.Contains("id=Event_0x1 \"Unterlagen eingegangen\" Zeile 5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_any_process_is_invalid_for_validate_and_run_alike()
    {
        var path = File("nur-pools.bpmn", """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <collaboration id="c"><participant id="p" name="Bürger"/></collaboration>
            </definitions>
            """);
        var validate = Cli("validate", path);
        Assert.Equal(1, validate.Exit);
        Assert.Contains("no-process", validate.Out, StringComparison.Ordinal);
        var run = Cli("run", path);
        Assert.Equal(validate.Exit, run.Exit);
        Assert.Contains("no-process", run.Out + run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_groovy_script_is_one_finding_not_also_a_javascript_syntax_error()
    {
        var (exit, output, _) = Cli("validate", "--json", File("groovy.bpmn", """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <process id="p" isExecutable="true">
                <startEvent id="s"/>
                <scriptTask id="g" name="Groovy" scriptFormat="groovy"><script>println "hallo"</script></scriptTask>
                <scriptTask id="j" name="Kaputtes JavaScript"><script>let = ;</script></scriptTask>
                <endEvent id="e"/>
                <sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
                <sequenceFlow id="f2" sourceRef="g" targetRef="j"/>
                <sequenceFlow id="f3" sourceRef="j" targetRef="e"/>
              </process>
            </definitions>
            """));
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("files")[0].GetProperty("diagnostics").EnumerateArray()
            .Select(f => (Id: f.GetProperty("elementId").GetString(), Code: f.GetProperty("code").GetString(), Message: f.GetProperty("message").GetString())).ToList();
        Assert.Equal([("g", "unsupported-element")], findings.Where(f => f.Id == "g").Select(f => (f.Id, f.Code)));
        // A JavaScript script is still checked, and every message is the German text of its code.
        Assert.Equal([("j", "invalid-expression")], findings.Where(f => f.Id == "j").Select(f => (f.Id, f.Code)));
        Assert.Equal("Der Ausdruck ist ungültig.", findings.Single(f => f.Id == "j").Message);
    }

    [Fact]
    public void A_java_delegate_is_a_warning_with_its_line_label_and_the_external_task_that_replaces_it()
    {
        var path = File("camunda7.bpmn", """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
              <process id="p" isExecutable="true">
                <startEvent id="s"/>
                <serviceTask id="bescheid" name="Bescheid erstellen" camunda:class="de.stadt.wohngeld.BescheidErstellenDelegate"/>
                <endEvent id="e"/>
                <sequenceFlow id="f1" sourceRef="s" targetRef="bescheid"/>
                <sequenceFlow id="f2" sourceRef="bescheid" targetRef="e"/>
              </process>
            </definitions>
            """);
        var (exit, output, _) = Cli("validate", path);

        // A warning: the model stays valid, and the step waits as an external task of the suggested topic.
        Assert.Equal(0, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("java-delegate", StringComparison.Ordinal));
        Assert.Contains(":4:", line, StringComparison.Ordinal);
        Assert.Contains("Java-Code (camunda:class=\"de.stadt.wohngeld.BescheidErstellenDelegate\") läuft hier nicht", line, StringComparison.Ordinal);
        Assert.Contains("camunda:type=\"external\" camunda:topic=\"bescheid-erstellen\"", line, StringComparison.Ordinal);
        Assert.Contains("id=bescheid \"Bescheid erstellen\" Zeile 4", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_is_still_a_usage_error()
    {
        Assert.Equal(2, Cli("validate", "--jsn", File("antrag.bpmn", TwoFindings)).Exit);
    }
}
