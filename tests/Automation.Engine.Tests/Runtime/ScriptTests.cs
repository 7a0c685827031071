using Automation.Engine.Expressions;
using Automation.Engine.Runtime;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

public sealed class ScriptTests
{
    private static string ScriptProcess(string script) => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script><![CDATA[{script}]]></bpmn:script></bpmn:scriptTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rechnen" />
          <bpmn:sequenceFlow id="f2" sourceRef="rechnen" targetRef="end" />
        </bpmn:process>
        """;

    [Fact]
    public void Script_reads_and_writes_case_variables_and_local_declarations_stay_local()
    {
        using var p = new TestProcess(ScriptProcess("""
            const faktor = 0.3;
            wohngeld = Math.max(0, 400 - einkommen * faktor);
            posten = [einkommen, { art: 'miete', betrag: miete }];
            """));
        var state = p.Start(("einkommen", 1000d), ("miete", 550d)).State;
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal(100d, state.Variables["wohngeld"]);
        Assert.False(state.Variables.ContainsKey("faktor"));
        var posten = Assert.IsType<List<object?>>(state.Variables["posten"]);
        Assert.Equal(1000d, posten[0]);
        Assert.Equal(550d, Assert.IsType<Dictionary<string, object?>>(posten[1])["betrag"]);
    }

    [Fact]
    public void One_case_never_sees_another_cases_variables_in_the_reused_engine()
    {
        using var p = new TestProcess(ScriptProcess("geheim = typeof geheim === 'undefined' ? 'neu' : 'GESEHEN: ' + geheim"));
        Assert.Equal("neu", p.Start(("x", 1d)).State.Variables["geheim"]);
        Assert.Equal("neu", p.Start(("x", 2d)).State.Variables["geheim"]);
    }

    [Theory]
    [InlineData("while (true) {}", "überschritten")]
    [InlineData("function f(n) { return f(n + 1); } f(0);", "Aufruftiefe von 64")]
    [InlineData("var a = []; while (true) { a.push(new Array(100000).join('x')); }", "überschritten")]
    [InlineData("x = System.IO.File.ReadAllText('/etc/passwd')", "Cannot read property 'IO' of undefined")]
    [InlineData("x = importNamespace('System.IO')", "'importNamespace' of object is not a function")]
    [InlineData("x = = 1", "Syntaxfehler")]
    [InlineData("throw new Error('Einkommen fehlt')", "Einkommen fehlt")]
    public void A_script_that_breaks_the_sandbox_becomes_an_incident_and_the_case_survives(string script, string expected)
    {
        using var p = new TestProcess(ScriptProcess(script), validate: false);
        var run = p.Start(("betrag", 1d));
        Assert.Equal(CaseStatus.Incident, run.State.Status);
        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal("rechnen", incident.NodeId);
        Assert.Contains(expected, incident.Message, StringComparison.Ordinal);
        Assert.Equal(1d, run.State.Variables["betrag"]);
        Assert.Contains(run.Steps, s => s.NodeId == "rechnen" && s.Outcome == StepOutcome.Failed);
        // The engine stays usable after a limit was hit.
        using var q = new TestProcess(ScriptProcess("y = 2"));
        Assert.Equal(2d, q.Start().State.Variables["y"]);
    }

    [Fact]
    public void A_script_running_past_the_time_limit_is_stopped()
    {
        using var sandbox = new ScriptSandbox(ScriptLimits.Default with { Timeout = TimeSpan.FromMilliseconds(200), MaxStatements = int.MaxValue });
        var e = Assert.Throws<ScriptException>(() => sandbox.Execute(CompiledScript.Compile("while (true) {}"), []));
        Assert.Equal(ScriptFailure.Timeout, e.Failure);
        Assert.Contains("Zeitlimit von 0,2 s", e.Message, StringComparison.Ordinal);
        Assert.Equal("script-timeout", e.Code);
        Assert.Equal(3d, sandbox.Execute(CompiledScript.Compile("1 + 2"), []));
    }

    [Fact]
    public void Elsa_generated_getters_and_setters_work_for_declared_and_existing_variables()
    {
        using var sandbox = new ScriptSandbox();
        var vars = new Dictionary<string, object?> { ["Counter"] = 1d };
        var value = sandbox.Execute(CompiledScript.Compile("setCounter(getCounter() + 1); getCounter() * 10"), vars);
        Assert.Equal(20d, value);
        Assert.Equal(2d, vars["Counter"]);
        var declared = new HashSet<string> { "Name" };
        Assert.Equal("x", sandbox.Execute(CompiledScript.Compile("setName('x'); getName()"), new Dictionary<string, object?>(), declared));
    }

    [Fact]
    public void Conditions_do_not_change_variables()
    {
        using var sandbox = new ScriptSandbox();
        var vars = new Dictionary<string, object?> { ["a"] = 1d };
        Assert.True(sandbox.EvaluateCondition(CompiledScript.Compile("(a = 5) > 2"), vars));
        Assert.Equal(1d, vars["a"]);
    }

    [Fact]
    public void Compiled_scripts_are_cached_per_definition()
    {
        using var p = new TestProcess(ScriptProcess("n = (n || 0) + 1"));
        var plan = ExecutionPlan.For(p.Definition);
        Assert.Same(plan.Script("n = (n || 0) + 1"), plan.Script("n = (n || 0) + 1"));
        Assert.Same(plan, ExecutionPlan.For(p.Definition));
    }
}
