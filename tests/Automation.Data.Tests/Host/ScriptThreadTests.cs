using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Automation.Data.Tests.Durability;
using Automation.Engine.Expressions;
using Automation.Engine.Runtime;
using Xunit.Abstractions;

namespace Automation.Data.Tests.Host;

/// <summary>
/// Slow scripts run on the host's script threads, never for long on the threads that fire timers and deliver jobs:
/// eight timers whose scripts run as long as allowed do not delay an unrelated timer.
/// </summary>
public sealed class ScriptThreadTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestDatabases databases = new();

    /// <summary>Scripts stop at the time limit of one second, not earlier at a statement count.</summary>
    // Jint counts the bytes a script allocates, not the bytes it keeps: a busy loop over Date.now() allocates in
    // proportion to the machine's speed, so the tests that time a loop lift the memory and statement limits.
    private static readonly ScriptLimits AsLongAsAllowed = ScriptLimits.Default with { MaxStatements = int.MaxValue, MemoryBytes = long.MaxValue };

    public void Dispose() => databases.Dispose();

    private static string TimerThenScript(string process, DateTimeOffset due, string script) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
          <bpmn:process id="{process}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:intermediateCatchEvent id="warten"><bpmn:timerEventDefinition><bpmn:timeDate>{Iso(due)}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="warten" />
            <bpmn:sequenceFlow id="f2" sourceRef="warten" targetRef="rechnen" />
            <bpmn:sequenceFlow id="f3" sourceRef="rechnen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what + " not reached within " + timeout);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Eight_timers_whose_scripts_run_as_long_as_allowed_do_not_delay_an_unrelated_timer_by_a_second()
    {
        await using var host = await WorkflowHost.StartAsync(databases.New(), new WorkflowHostOptions { ScriptLimits = AsLongAsAllowed });
        var slowDue = DateTimeOffset.UtcNow.AddSeconds(3);
        foreach (var (process, at, script) in new[] { ("langsam", slowDue, "while (true) {}"), ("puenktlich", slowDue.AddMilliseconds(300), "erledigt = Math.max(1, 2)") })
        {
            var deploy = await host.DeployAsync(TimerThenScript(process, at, script), process + ".bpmn");
            Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        }
        var slow = new List<Guid>();
        for (var i = 0; i < 8; i++) slow.Add((await host.StartCaseAsync("langsam")).CaseId);
        var punctual = await host.StartCaseAsync("puenktlich");
        var due = Assert.Single(punctual.State.Waits).DueAt!.Value;

        await UntilAsync(async () => (await host.GetCaseAsync(punctual.CaseId))!.Status == CaseStatus.Completed, TimeSpan.FromSeconds(30),
            "the unrelated timer");
        var fired = DateTimeOffset.FromUnixTimeMilliseconds(await DurabilityChecks.ScalarAsync(host,
            $"SELECT ended_at FROM steps WHERE case_id = '{punctual.CaseId}' AND node_id = 'warten'"));
        output.WriteLine($"unrelated timer fired {(fired - due).TotalMilliseconds:0} ms after its due time");
        Assert.True(fired - due < TimeSpan.FromSeconds(1), $"the unrelated timer fired {(fired - due).TotalMilliseconds:0} ms after its due time");

        // The slow scripts still ran to their limit, on the script threads, and ended in incidents with the timeout code.
        await UntilAsync(async () => await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM cases WHERE process_id = 'langsam' AND status = 'Incident'") == 8,
            TimeSpan.FromSeconds(60), "eight incidents");
        foreach (var id in slow)
        {
            var incident = Assert.Single((await host.GetCaseAsync(id))!.State.Incidents);
            Assert.Equal("script-timeout", incident.Code);
        }
    }

    private static string ScriptThenAction(string process, string script) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="{process}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>
            <bpmn:serviceTask id="melden"><bpmn:extensionElements><am:action name="thread" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rechnen" />
            <bpmn:sequenceFlow id="f2" sourceRef="rechnen" targetRef="melden" />
            <bpmn:sequenceFlow id="f3" sourceRef="melden" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_run_whose_scripts_need_longer_than_the_inline_budget_continues_on_a_script_thread_and_a_quick_one_stays_inline()
    {
        var threads = new ConcurrentDictionary<Guid, string>();
        var actions = ServiceActionRegistry.WithBuiltIns().Register("thread", c =>
        {
            threads[c.CaseId] = Thread.CurrentThread.Name ?? "(ohne Namen)";
            return ServiceResult.Completed();
        });
        // Only the inline budget may decide here: the 400 ms loop stays far inside the time limit, however loaded the machine is.
        var limits = AsLongAsAllowed with { Timeout = TimeSpan.FromSeconds(20) };
        await using var host = await WorkflowHost.StartAsync(databases.New(), new WorkflowHostOptions { RunScheduler = false, Actions = actions, ScriptLimits = limits });
        await host.DeployAsync(ScriptThenAction("langsam", "var t = Date.now(); while (Date.now() - t &lt; 400) {}"), "langsam.bpmn");
        await host.DeployAsync(ScriptThenAction("schnell", "x = Math.max(1, 2)"), "schnell.bpmn");

        var slow = await host.StartCaseAsync("langsam");
        var quick = await host.StartCaseAsync("schnell");

        Assert.True(slow.Status == CaseStatus.Completed, string.Join("; ", slow.State.Incidents.Select(i => $"{i.Code}: {i.Message}")));
        Assert.True(quick.Status == CaseStatus.Completed, string.Join("; ", quick.State.Incidents.Select(i => $"{i.Code}: {i.Message}")));
        Assert.StartsWith("Automation script", threads[slow.CaseId], StringComparison.Ordinal);
        Assert.DoesNotContain("Automation script", threads[quick.CaseId], StringComparison.Ordinal);
        // The abandoned inline attempt stored nothing: each step once.
        Assert.Equal(4L, await DurabilityChecks.ScalarAsync(host, $"SELECT COUNT(*) FROM steps WHERE case_id = '{slow.CaseId}'"));
    }

    [Fact]
    public async Task A_catastrophic_regular_expression_in_a_request_ends_in_an_incident_with_its_code_within_the_limit()
    {
        await using var host = await WorkflowHost.StartAsync(databases.New(), new WorkflowHostOptions { RunScheduler = false });
        await host.DeployAsync(ScriptThenAction("pruefung", "gueltig = /^(a+)+$/.test(eingabe)"), "pruefung.bpmn");
        var watch = Stopwatch.StartNew();
        var started = await host.StartCaseAsync("pruefung", [new("eingabe", new string('a', 35) + "!")]);
        watch.Stop();
        Assert.Equal(CaseStatus.Incident, started.Status);
        var incident = Assert.Single(started.State.Incidents);
        Assert.Equal("script-regex-timeout", incident.Code);
        Assert.Contains("regulärer Ausdruck", incident.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_signal_whose_receiving_script_is_slow_is_delivered_on_the_script_threads_and_its_job_deleted()
    {
        var limits = AsLongAsAllowed with { Timeout = TimeSpan.FromMilliseconds(400) };
        await using var host = await WorkflowHost.StartAsync(databases.New(),
            new WorkflowHostOptions { ScriptLimits = limits, JobPollInterval = TimeSpan.FromMilliseconds(50) });
        await host.DeployAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
              <bpmn:signal id="s" name="Freigabe" />
              <bpmn:process id="warten" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:intermediateCatchEvent id="freigabe"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
                <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script>var t = Date.now(); while (Date.now() - t &lt; 200) {} fertig = true</bpmn:script></bpmn:scriptTask>
                <bpmn:endEvent id="end" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="freigabe" />
                <bpmn:sequenceFlow id="f2" sourceRef="freigabe" targetRef="rechnen" />
                <bpmn:sequenceFlow id="f3" sourceRef="rechnen" targetRef="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "warten.bpmn");
        for (var i = 0; i < 3; i++) await host.StartCaseAsync("warten");
        Assert.Equal(3, await host.BroadcastSignalAsync("Freigabe"));
        await UntilAsync(async () => await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM cases WHERE status = 'Completed'") == 3,
            TimeSpan.FromSeconds(30), "three completed cases");
        Assert.Equal(0L, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM jobs"));
        Assert.Equal(3L, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM steps WHERE node_id = 'rechnen'"));
    }
}
