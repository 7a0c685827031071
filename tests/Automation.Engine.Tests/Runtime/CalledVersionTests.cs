using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using static Automation.Engine.Tests.Runtime.TestProcess;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// A called process runs on the version its call started with: a waiting task, a timer and the compensation of a completed
/// call keep working after the called process was published again without those nodes. A version that is gone is an
/// incident at the call activity, never an exception; a case keeps at most 100 call snapshots for compensation.
/// </summary>
public sealed class CalledVersionTests
{
    /// <summary>A host's catalog in miniature: versions under keys "id@n", the newest per id, versions that can vanish.</summary>
    private sealed class Catalog
    {
        private readonly Dictionary<string, ProcessDefinition> newest = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ProcessDefinition> byKey = new(StringComparer.Ordinal);
        private readonly Dictionary<ProcessDefinition, string> keys = new(ReferenceEqualityComparer.Instance);

        public ProcessDefinition Publish(string process)
        {
            var set = BpmnReader.ReadText(Header + process + "</bpmn:definitions>", "test.bpmn");
            Assert.DoesNotContain(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            var definition = set.Processes[0];
            var key = $"{definition.Id}@{byKey.Keys.Count(k => k.StartsWith(definition.Id + "@", StringComparison.Ordinal)) + 1}";
            newest[definition.Id] = definition;
            byKey[key] = definition;
            keys[definition] = key;
            return definition;
        }

        /// <summary>The version's row is gone (a restored backup, a hand-made deletion).</summary>
        public void Delete(string key) => Assert.True(byKey.Remove(key));

        public WorkflowEngine Engine(bool keepVersions = true) => new(new EngineOptions
        {
            Clock = new VirtualClock(T0),
            ResolveProcess = id => newest.GetValueOrDefault(id),
            VersionOf = keepVersions ? p => keys.GetValueOrDefault(p) : null,
            ResolveVersion = keepVersions ? k => byKey.GetValueOrDefault(k) : null,
        });
    }

    private static string Flow(string id, params string[] nodes) => string.Join("\n", Enumerable.Range(0, nodes.Length - 1)
        .Select(i => $"""<bpmn:sequenceFlow id="{id}{i}" sourceRef="{nodes[i]}" targetRef="{nodes[i + 1]}" />"""));

    private static string Script(string id, string body, string extra = "") =>
        $"""<bpmn:scriptTask id="{id}" scriptFormat="javascript"{extra}><bpmn:script>{body}</bpmn:script></bpmn:scriptTask>""";

    /// <summary>"reise" in a version <paramref name="v"/>: the user task <paramref name="task"/>, then a script setting version.</summary>
    private static string Reise(string v, string task) => $"""
        <bpmn:process id="reise" isExecutable="true">
          <bpmn:startEvent id="rStart" />
          <bpmn:userTask id="{task}" name="Prüfen" />
          {Script("setze" + v, $"version = '{v}'")}
          <bpmn:endEvent id="rEnd" />
          {Flow("r", "rStart", task, "setze" + v, "rEnd")}
        </bpmn:process>
        """;

    /// <summary>"antrag": the call activity "buchen" („Reise buchen“) of reise, copying version out, then the task "danach".</summary>
    private const string Antrag = """
        <bpmn:process id="antrag" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:callActivity id="buchen" name="Reise buchen" calledElement="reise">
            <bpmn:extensionElements><camunda:out source="version" target="version" /></bpmn:extensionElements>
          </bpmn:callActivity>
          <bpmn:userTask id="danach" />
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="a1" sourceRef="start" targetRef="buchen" />
          <bpmn:sequenceFlow id="a2" sourceRef="buchen" targetRef="danach" />
          <bpmn:sequenceFlow id="a3" sourceRef="danach" targetRef="end" />
        </bpmn:process>
        """;

    private static CaseState Restart(CaseState state) => JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;

    private static RunResult Complete(WorkflowEngine engine, ProcessDefinition definition, CaseState state, string nodeId) =>
        engine.CompleteTask(definition, state, Wait(state, nodeId).Id);

    [Fact]
    public void A_task_waiting_in_a_called_process_completes_on_its_version_after_the_process_was_published_twice_without_it()
    {
        var catalog = new Catalog();
        catalog.Publish(Reise("v1", "pruefen"));
        var antrag = catalog.Publish(Antrag);
        using var engine = catalog.Engine();
        var state = engine.Start(antrag).State;
        catalog.Publish(Reise("v2", "pruefenNeu"));
        catalog.Publish(Reise("v3", "pruefenNochmal"));

        state = Restart(state);
        Assert.Equal("reise@1", Assert.Single(state.Scopes).ProcessVersion);
        // The engine tells the host which node the task is, from the version it waits in.
        Assert.Equal("Prüfen", engine.NodeOf(antrag, state, Wait(state, "pruefen"))?.Name);
        var run = Complete(engine, antrag, state, "pruefen");

        Assert.Empty(state.Incidents);
        Assert.Equal("v1", state.Variables["version"]);
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
        // Its steps say which version they ran on, for the ledger to book them there.
        Assert.All(run.Steps.Where(s => s.ProcessId == "reise"), s => Assert.Equal("reise@1", s.ProcessVersion));
        Assert.All(run.Steps.Where(s => s.ProcessId == "antrag"), s => Assert.Null(s.ProcessVersion));
        // A new case calls the newest version.
        Assert.Contains(engine.Start(antrag).State.Waits, w => w.NodeId == "pruefenNochmal");
    }

    [Fact]
    public void A_timer_in_a_called_process_fires_on_its_version_after_the_process_was_published_without_it()
    {
        var catalog = new Catalog();
        catalog.Publish("""
            <bpmn:process id="reise" isExecutable="true">
              <bpmn:startEvent id="rStart" />
              <bpmn:intermediateCatchEvent id="warten"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
              <bpmn:scriptTask id="setze" scriptFormat="javascript"><bpmn:script>version = 'v1'</bpmn:script></bpmn:scriptTask>
              <bpmn:endEvent id="rEnd" />
              <bpmn:sequenceFlow id="r1" sourceRef="rStart" targetRef="warten" />
              <bpmn:sequenceFlow id="r2" sourceRef="warten" targetRef="setze" />
              <bpmn:sequenceFlow id="r3" sourceRef="setze" targetRef="rEnd" />
            </bpmn:process>
            """);
        var antrag = catalog.Publish(Antrag);
        using var engine = catalog.Engine();
        var state = engine.Start(antrag).State;
        catalog.Publish(Reise("v2", "pruefen"));

        state = Restart(state);
        var timer = Wait(state, "warten");
        ((VirtualClock)engine.Options.Clock).AdvanceTo(timer.DueAt!.Value);
        engine.FireTimer(antrag, state, timer.Id);

        Assert.Empty(state.Incidents);
        Assert.Equal("v1", state.Variables["version"]);
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
    }

    [Fact]
    public void Three_levels_deep_the_middle_process_published_again_twice_goes_on_on_its_own_version()
    {
        var catalog = new Catalog();
        catalog.Publish("""
            <bpmn:process id="innen" isExecutable="true">
              <bpmn:startEvent id="iStart" /><bpmn:userTask id="aufgabe" /><bpmn:endEvent id="iEnd" />
              <bpmn:sequenceFlow id="i1" sourceRef="iStart" targetRef="aufgabe" /><bpmn:sequenceFlow id="i2" sourceRef="aufgabe" targetRef="iEnd" />
            </bpmn:process>
            """);
        string Mitte(string v, string call) => $"""
            <bpmn:process id="mitte" isExecutable="true">
              <bpmn:startEvent id="mStart" />
              <bpmn:callActivity id="{call}" calledElement="innen" />
              {Script("m" + v, $"mitte = '{v}'")}
              <bpmn:endEvent id="mEnd" />
              {Flow("m", "mStart", call, "m" + v, "mEnd")}
            </bpmn:process>
            """;
        catalog.Publish(Mitte("v1", "rufeInnen"));
        var haupt = catalog.Publish("""
            <bpmn:process id="haupt" isExecutable="true">
              <bpmn:startEvent id="hStart" />
              <bpmn:callActivity id="rufeMitte" calledElement="mitte">
                <bpmn:extensionElements><camunda:out source="mitte" target="mitte" /></bpmn:extensionElements>
              </bpmn:callActivity>
              <bpmn:endEvent id="hEnd" />
              <bpmn:sequenceFlow id="h1" sourceRef="hStart" targetRef="rufeMitte" /><bpmn:sequenceFlow id="h2" sourceRef="rufeMitte" targetRef="hEnd" />
            </bpmn:process>
            """);
        using var engine = catalog.Engine();
        var state = engine.Start(haupt).State;
        catalog.Publish(Mitte("v2", "rufeAnders"));
        catalog.Publish(Mitte("v3", "rufeNeu"));

        state = Restart(state);
        Complete(engine, haupt, state, "aufgabe");

        Assert.Empty(state.Incidents);
        Assert.Equal(CaseStatus.Completed, state.Status);
        Assert.Equal("v1", state.Variables["mitte"]);
    }

    [Fact]
    public void A_version_that_is_gone_is_an_incident_naming_call_and_process_and_a_retry_starts_the_newest()
    {
        var catalog = new Catalog();
        catalog.Publish(Reise("v1", "pruefen"));
        var antrag = catalog.Publish(Antrag);
        using var engine = catalog.Engine();
        var state = engine.Start(antrag).State;
        catalog.Publish(Reise("v2", "pruefenNeu"));
        catalog.Delete("reise@1");
        state = Restart(state);

        var run = Complete(engine, antrag, state, "pruefen");

        var incident = Assert.Single(run.NewIncidents);
        Assert.Equal((DiagnosticCodes.CalledVersionUnknown, "buchen"), (incident.Code, incident.NodeId));
        Assert.Equal("Die Aufrufaktivität buchen („Reise buchen“) hat den Prozess „reise“ in der Version reise@1 gestartet, die nicht mehr vorhanden ist; "
            + "der aufgerufene Prozess kann nicht weiterlaufen und wurde beendet. „Erneut versuchen“ startet ihn in seiner neuesten veröffentlichten Version neu "
            + "(bei einem Aufruf ohne Warten wird er aufgegeben).", incident.Message);
        Assert.Equal(CaseStatus.Incident, state.Status);
        // Nothing of the lost call is left half: its scope, token and task are gone, and the host is told the task went.
        Assert.Empty(state.Scopes);
        Assert.Empty(state.Waits);
        Assert.Single(run.RemovedWaitIds);
        Assert.False(state.Variables.ContainsKey("version"));

        engine.RetryIncident(antrag, state, incident.Id);
        Assert.Empty(state.Incidents);
        Assert.Equal("reise@2", Assert.Single(state.Scopes).ProcessVersion);
        Complete(engine, antrag, state, "pruefenNeu");
        Assert.Equal("v2", state.Variables["version"]);
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
    }

    [Fact]
    public void Cancelling_a_case_whose_called_version_is_gone_cancels_it_without_an_exception()
    {
        var catalog = new Catalog();
        catalog.Publish(Reise("v1", "pruefen"));
        var antrag = catalog.Publish(Antrag);
        using var engine = catalog.Engine();
        var state = engine.Start(antrag).State;
        catalog.Delete("reise@1");

        engine.Cancel(antrag, state);

        Assert.Equal(CaseStatus.Cancelled, state.Status);
        Assert.Empty(state.Scopes);
        Assert.Empty(state.Waits);
    }

    // ---- compensation of a completed call ---------------------------------------------------------------------

    /// <summary>"reise" v1 books a room whose handler reads the room number; later versions have neither handler nor room.</summary>
    private const string ReiseMitStorno = """
        <bpmn:process id="reise" isExecutable="true">
          <bpmn:startEvent id="rStart" />
          <bpmn:scriptTask id="zimmer" scriptFormat="javascript"><bpmn:script>zimmerNr = 'Z1'</bpmn:script></bpmn:scriptTask>
          <bpmn:boundaryEvent id="zimmerKomp" attachedToRef="zimmer"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
          <bpmn:userTask id="zimmerStorno" isForCompensation="true" />
          <bpmn:association id="zimmerA" associationDirection="One" sourceRef="zimmerKomp" targetRef="zimmerStorno" />
          <bpmn:endEvent id="rEnd" />
          <bpmn:sequenceFlow id="r1" sourceRef="rStart" targetRef="zimmer" />
          <bpmn:sequenceFlow id="r2" sourceRef="zimmer" targetRef="rEnd" />
        </bpmn:process>
        """;

    private const string ReiseOhneStorno = """
        <bpmn:process id="reise" isExecutable="true">
          <bpmn:startEvent id="rStart" /><bpmn:task id="anders" /><bpmn:endEvent id="rEnd" />
          <bpmn:sequenceFlow id="r1" sourceRef="rStart" targetRef="anders" /><bpmn:sequenceFlow id="r2" sourceRef="anders" targetRef="rEnd" />
        </bpmn:process>
        """;

    /// <summary>"antrag": the call "buchen" (looping <paramref name="times"/> times), the task "warte", the compensation throw, "danach".</summary>
    private static string AntragMitStorno(int times = 1) => $"""
        <bpmn:process id="antrag" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:callActivity id="buchen" name="Reise buchen" calledElement="reise">
            {(times > 1 ? $"""<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>{times}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>""" : "")}
          </bpmn:callActivity>
          <bpmn:userTask id="warte" />
          <bpmn:intermediateThrowEvent id="stornieren"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
          <bpmn:userTask id="danach" />
          <bpmn:endEvent id="end" />
          {Flow("a", "start", "buchen", "warte", "stornieren", "danach", "end")}
        </bpmn:process>
        """;

    [Fact]
    public void Compensating_a_completed_call_runs_the_handler_of_its_version_after_the_process_was_published_twice_without_it()
    {
        var catalog = new Catalog();
        catalog.Publish(ReiseMitStorno);
        var antrag = catalog.Publish(AntragMitStorno());
        using var engine = catalog.Engine();
        var state = engine.Start(antrag).State;
        catalog.Publish(ReiseOhneStorno);
        catalog.Publish(ReiseOhneStorno);

        state = Restart(state);
        Complete(engine, antrag, state, "warte");
        Assert.Equal("reise@1", Assert.Single(state.Scopes, s => s.ProcessId == "reise").ProcessVersion);
        state = Restart(state);
        var run = Complete(engine, antrag, state, "zimmerStorno");

        Assert.Empty(state.Incidents);
        Assert.Contains(run.Steps, s => s is { NodeId: "zimmerStorno", ProcessId: "reise", ProcessVersion: "reise@1", Outcome: StepOutcome.Completed });
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
    }

    [Fact]
    public void Compensating_a_call_whose_version_is_gone_is_an_incident_and_a_retry_gives_that_undo_up()
    {
        var catalog = new Catalog();
        catalog.Publish(ReiseMitStorno);
        var antrag = catalog.Publish(AntragMitStorno());
        using var engine = catalog.Engine();
        var state = engine.Start(antrag).State;
        catalog.Publish(ReiseOhneStorno);
        catalog.Delete("reise@1");

        var run = Complete(engine, antrag, state, "warte");

        var incident = Assert.Single(run.NewIncidents);
        Assert.Equal((DiagnosticCodes.CallCompensationLost, "buchen"), (incident.Code, incident.NodeId));
        Assert.Contains("buchen („Reise buchen“)", incident.Message, StringComparison.Ordinal);
        Assert.Contains("Version reise@1 des Prozesses „reise“", incident.Message, StringComparison.Ordinal);
        Assert.Empty(state.Waits);

        engine.RetryIncident(antrag, state, incident.Id);
        Assert.Empty(state.Incidents);
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
        Assert.Empty(state.Scopes);
    }

    [Fact]
    public void A_case_keeps_one_hundred_call_snapshots_and_compensating_the_dropped_oldest_is_an_incident()
    {
        var catalog = new Catalog();
        catalog.Publish(ReiseMitStorno.Replace("<bpmn:userTask id=\"zimmerStorno\" isForCompensation=\"true\" />",
            Script("zimmerStorno", "storniert = zimmerNr", " isForCompensation=\"true\""), StringComparison.Ordinal));
        var antrag = catalog.Publish(AntragMitStorno(times: 101));
        using var engine = catalog.Engine();
        var state = engine.Start(antrag).State;

        // The state holds 100 snapshots with their variables; the oldest is kept by its ids only.
        state = Restart(state);
        Assert.Equal(101, state.Compensations!.Count);
        Assert.Equal(100, state.Compensations.Count(c => c.Variables is not null));
        Assert.True(state.Compensations[0] is { Dropped: true, Variables: null, Inner: null, ActivityId: "buchen" });

        var run = Complete(engine, antrag, state, "warte");

        // Latest first: the 100 kept ones are undone, then the oldest cannot be.
        Assert.Equal(100, run.Steps.Count(s => s is { NodeId: "zimmerStorno", Outcome: StepOutcome.Completed }));
        var incident = Assert.Single(run.NewIncidents);
        Assert.Equal((DiagnosticCodes.CallCompensationLost, "buchen"), (incident.Code, incident.NodeId));
        Assert.Contains("höchstens 100 abgeschlossenen Aufrufen", incident.Message, StringComparison.Ordinal);
        Assert.Equal(run.Steps.Last(), run.Steps.Single(s => s.Outcome == StepOutcome.Failed));

        engine.RetryIncident(antrag, state, incident.Id);
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
    }

    // ---- cases stored before versions were kept ---------------------------------------------------------------

    [Fact]
    public void A_case_stored_without_version_keys_still_loads_and_runs_on_the_newest_version()
    {
        var catalog = new Catalog();
        catalog.Publish(Reise("v1", "pruefen"));
        var antrag = catalog.Publish(Antrag);
        string json;
        using (var before = catalog.Engine(keepVersions: false))
        {
            json = JsonSerializer.Serialize(before.Start(antrag).State);
        }
        Assert.DoesNotContain("ProcessVersion", json, StringComparison.Ordinal);
        catalog.Publish(Reise("v2", "pruefen"));

        using var engine = catalog.Engine();
        var state = JsonSerializer.Deserialize<CaseState>(json)!;
        Complete(engine, antrag, state, "pruefen");

        Assert.Empty(state.Incidents);
        Assert.Equal("v2", state.Variables["version"]);
        Assert.Equal(["danach"], state.Waits.Select(w => w.NodeId));
    }
}
