using System.Diagnostics;
using Automation.Engine.Expressions;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;

namespace Automation.Engine.Tests.Expressions;

/// <summary>Regular expressions under the time limit, and the budgets a host puts around a run.</summary>
public sealed class ScriptLimitTests
{
    private static readonly ScriptLimits Short = ScriptLimits.Default with { Timeout = TimeSpan.FromMilliseconds(300), MaxStatements = int.MaxValue };

    /// <summary>35 characters that make <c>^(a+)+$</c> backtrack 2^35 times.</summary>
    private static readonly Dictionary<string, object?> Catastrophic = new() { ["eingabe"] = new string('a', 35) + "!" };

    [Theory]
    [InlineData("/^(a+)+$/.test(eingabe)")]
    [InlineData("new RegExp('^(a+)+$').exec(eingabe)")]
    [InlineData("eingabe.replace(/^(a+)+$/, 'x')")]
    [InlineData("eingabe.split(/^(a+)+$/)")]
    [InlineData("try { /^(a+)+$/.test(eingabe) } catch (e) { 'abgefangen' }")]
    public void A_catastrophic_regular_expression_fails_within_the_time_limit_with_a_German_message(string source)
    {
        using var sandbox = new ScriptSandbox(Short);
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<ScriptException>(() => sandbox.Execute(CompiledScript.Compile(source), new(Catastrophic)));
        watch.Stop();
        Assert.Equal(ScriptFailure.RegexTimeout, e.Failure);
        Assert.Equal("script-regex-timeout", e.Code);
        Assert.Contains("regulärer Ausdruck hat das Zeitlimit des Skripts von 0,3 s überschritten", e.Message, StringComparison.Ordinal);
        // Without the limit this match runs for minutes; the margin is for a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_case_whose_script_runs_a_catastrophic_regular_expression_gets_an_incident_with_its_code()
    {
        using var p = new TestProcess("""
            <bpmn:process id="p" isExecutable="true">
              <bpmn:startEvent id="start" />
              <bpmn:scriptTask id="pruefen" scriptFormat="javascript"><bpmn:script>gueltig = /^(a+)+$/.test(eingabe)</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="end" />
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
              <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
            </bpmn:process>
            """);
        var state = p.Start(("eingabe", Catastrophic["eingabe"])).State;
        Assert.Equal(CaseStatus.Incident, state.Status);
        var incident = Assert.Single(state.Incidents);
        Assert.Equal("script-regex-timeout", incident.Code);
        Assert.StartsWith("Skript fehlgeschlagen: Ein regulärer Ausdruck hat das Zeitlimit des Skripts von 1 s überschritten", incident.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("x = /^(a+)+$/.test(eingabe)")]
    public void An_inline_budget_abandons_the_run_long_before_the_script_limit_and_leaves_the_variables_alone(string source)
    {
        using var sandbox = new ScriptSandbox(ScriptLimits.Default with { MaxStatements = int.MaxValue });
        var vars = new Dictionary<string, object?>(Catastrophic);
        var watch = Stopwatch.StartNew();
        using (ScriptBudget.Inline(TimeSpan.FromMilliseconds(50)))
        {
            Assert.Throws<ScriptBudgetExceededException>(() => sandbox.Execute(CompiledScript.Compile(source), vars));
        }
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(900), $"took {watch.Elapsed}; the script limit is 1 s");
        Assert.Equal(Catastrophic, vars);
        // Out of the scope the same sandbox evaluates as usual.
        Assert.Equal(3d, sandbox.Execute(CompiledScript.Compile("Math.max(1, 3)"), []));
    }

    [Fact]
    public void A_run_budget_is_shared_by_every_script_of_the_run_and_ends_in_a_timeout_failure()
    {
        using var sandbox = new ScriptSandbox(ScriptLimits.Default with { MaxStatements = int.MaxValue });
        var wait = CompiledScript.Compile("var t = Date.now(); while (Date.now() - t < 150) {}");
        using var budget = ScriptBudget.ForRun(TimeSpan.FromMilliseconds(400));
        var e = Assert.Throws<ScriptException>(() =>
        {
            for (var i = 0; i < 10; i++) sandbox.Execute(wait, []);
        });
        Assert.Equal(ScriptFailure.Timeout, e.Failure);
        Assert.Contains("bis zu seinem nächsten Wartezustand ausführt, haben zusammen das Zeitlimit von 0,4 s überschritten", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_scope_stops_a_running_script()
    {
        using var sandbox = new ScriptSandbox(ScriptLimits.Default with { Timeout = TimeSpan.FromSeconds(30), MaxStatements = int.MaxValue });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();
        using (ScriptBudget.Cancellable(cancel.Token))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => sandbox.Execute(CompiledScript.Compile("while (true) {}"), []));
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("new Array(100000000).fill(0)")]
    [InlineData("a = []; a.length = 4294967295; a")]
    public void A_huge_array_is_refused_instead_of_exhausting_memory(string source)
    {
        using var sandbox = new ScriptSandbox();
        var e = Assert.Throws<ScriptException>(() => sandbox.Execute(CompiledScript.Compile(source), []));
        Assert.Contains(e.Failure, new[] { ScriptFailure.Runtime, ScriptFailure.Memory, ScriptFailure.Value });
    }
}
