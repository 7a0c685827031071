using System.Globalization;
using Automation.Data.Reports;
using Automation.Data.Schema;

namespace Automation.Tests.Shared;

/// <summary>
/// Ledger data for the privacy attack tests: groups the gate must protect beside groups it releases. The data set is
/// written twice, differing only in <see cref="Secret"/>, the measured minutes of the protected groups; every output of
/// the server must be the same for both, so no output and no difference of outputs can reveal them. A third variant
/// changes a released group's minutes (<see cref="Released"/>): there the outputs must change, which shows that the
/// comparison can fail.
/// </summary>
/// <remarks>
/// Protected: one person ("solo") does "Antrag prüfen" of version 1 in all six completed and two cancelled cases of
/// January; three people do it in three cases of February (fewer than five cases); in March four people do the called
/// process's step in six cases. Released: "Bescheid erstellen" by six people in every month, and "Antrag prüfen" of
/// version 2 by six people in March. Automated: "Zahlung anweisen". <see cref="Bpmn"/> is the process the rows belong to.
/// </remarks>
internal static class PrivacyScenario
{
    public const string ProcessId = "antrag";
    public const string CalledProcessId = "gebuehr";
    public const long Version1 = 501;
    public const long Version2 = 502;
    public const long CalledVersion = 601;
    public const double StandardMinutes = 10;

    /// <summary>The two processes as BPMN (version 1; version 2 is the same file deployed again with another name).</summary>
    public static string Bpmn(string name) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs" targetNamespace="urn:test">
          <bpmn:process id="{ProcessId}" name="{name}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="pruefen" name="Antrag prüfen"><bpmn:extensionElements><am:role name="sachbearbeitung"/>
              <am:effort activity="3" complexity="simple" minutes="10" payLevel="mittel" occupation="73202"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:callActivity id="gebuehr" name="Gebühr erheben" calledElement="{CalledProcessId}" />
            <bpmn:userTask id="bescheid" name="Bescheid erstellen"><bpmn:extensionElements><am:role name="sachbearbeitung"/>
              <am:effort activity="11" complexity="simple" minutes="10" payLevel="mittel" occupation="73203"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:serviceTask id="zahlen" name="Zahlung anweisen"><bpmn:extensionElements><am:action name="noop"/></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="gebuehr" />
            <bpmn:sequenceFlow id="f3" sourceRef="gebuehr" targetRef="bescheid" />
            <bpmn:sequenceFlow id="f4" sourceRef="bescheid" targetRef="zahlen" />
            <bpmn:sequenceFlow id="f5" sourceRef="zahlen" targetRef="end" />
          </bpmn:process>
          <bpmn:process id="{CalledProcessId}" name="Gebühr erheben" isExecutable="true">
            <bpmn:startEvent id="g_start" />
            <bpmn:userTask id="gebuehr_pruefen" name="Gebühr prüfen"><bpmn:extensionElements><am:role name="kasse"/>
              <am:effort activity="12" complexity="simple" minutes="10" payLevel="mittel" occupation="73203"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="g_end" />
            <bpmn:sequenceFlow id="g1" sourceRef="g_start" targetRef="gebuehr_pruefen" />
            <bpmn:sequenceFlow id="g2" sourceRef="gebuehr_pruefen" targetRef="g_end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;

    /// <summary>The cases; <paramref name="secret"/> minutes on every protected step, <paramref name="released"/> on the released ones.</summary>
    /// <param name="secret">Measured minutes of the protected steps.</param>
    /// <param name="released">Measured minutes of the released steps.</param>
    /// <param name="ids">Definition ids of versions 1 and 2 and of the called process (default: 501, 502, 601).</param>
    public static List<SampleCase> Generate(double secret, double released, (long V1, long V2, long Called)? ids = null)
    {
        var (v1, v2, called) = ids ?? (Version1, Version2, CalledVersion);
        var cases = new List<SampleCase>();
        var n = 0;
        SampleCase Case(DateOnly day, string status, long version, Func<int, (string Node, string Name, string Actor, string Process, long Definition, string? Worker, double Minutes)[]> steps)
        {
            var id = new Guid(n, 0x7a7a, 0x4321, [1, 2, 3, 4, 5, 6, 7, 8]).ToString();
            var start = ReportPeriod.StartOfDayMs(day) + 9 * Hour + n * Minute;
            var rows = new List<StepRecord>();
            var ledger = new List<LedgerEntryRecord>();
            var t = start;
            rows.Add(new StepRecord { CaseId = id, Sequence = 0, ProcessId = ProcessId, NodeId = "start", Kind = "StartEvent", Actor = "System", StartedAt = t, EndedAt = t, Outcome = "Completed" });
            foreach (var (node, name, actor, process, definition, worker, minutes) in steps(n))
            {
                var s = new StepRecord
                {
                    CaseId = id, Sequence = rows.Count, ProcessId = process, NodeId = node, NodeName = name, Kind = actor == "Automated" ? "ServiceTask" : "UserTask",
                    Actor = actor, StartedAt = t, EndedAt = t + 2 * Hour, Outcome = "Completed",
                };
                rows.Add(s);
                t += 2 * Hour;
                var human = actor == "Human";
                var label = (process == ProcessId ? ProcessId : CalledProcessId) + "@" + (definition == v2 ? "2" : "1");
                ledger.Add(new LedgerEntryRecord
                {
                    CaseId = id, Sequence = s.Sequence, ProcessId = process, DefinitionId = definition, DefinitionVersion = label, NodeId = node, NodeName = name,
                    Actor = actor, Outcome = "Completed", StartedAt = s.StartedAt, EndedAt = s.EndedAt, Authority = "Kommune", FactorSet = "de-2025",
                    Factors = "workplace.energy@1", Occupation = human ? (node == "pruefen" ? "73202" : "73203") : null, PayLevel = human ? "mittel" : null,
                    StandardMinutes = human ? StandardMinutes : 0, StaffMinutes = human ? minutes : 0, StaffMinutesBasis = human ? "Measured" : "None",
                    LabourCostEur = minutes * 0.7, WorkplaceWh = minutes * 1.5, WorkplaceG = minutes * 0.5, DeviceG = minutes * 0.6, ComputeG = human ? 0 : 0.05, EmbodiedG = human ? 0 : 0.01,
                    PaperG = human ? 6 : 0, PostG = node == "bescheid" ? 46 : 0, WorkerKey = human ? worker : null,
                });
            }
            rows.Add(new StepRecord { CaseId = id, Sequence = rows.Count, ProcessId = ProcessId, NodeId = "end", Kind = "EndEvent", Actor = "System", StartedAt = t, EndedAt = t, Outcome = "Completed" });
            n++;
            return new SampleCase(new CaseRecord
            {
                Id = id, DefinitionId = version, ProcessId = ProcessId, BusinessKey = "A-" + n.ToString(CultureInfo.InvariantCulture), Status = status, State = "{\"Variables\":{}}",
                Revision = 1, StartedAt = start, UpdatedAt = t, EndedAt = t,
            }, rows, ledger);
        }

        (string, string, string, string, long, string?, double) Pruefen(string worker, double minutes, long? version = null) =>
            ("pruefen", "Antrag prüfen", "Human", ProcessId, version ?? v1, worker, minutes);
        (string, string, string, string, long, string?, double) Bescheid(int i, long? version = null) =>
            ("bescheid", "Bescheid erstellen", "Human", ProcessId, version ?? v1, "clerk-" + (i % 6).ToString(CultureInfo.InvariantCulture), released);
        (string, string, string, string, long, string?, double) Zahlen(long? version = null) =>
            ("zahlen", "Zahlung anweisen", "Automated", ProcessId, version ?? v1, null, 0);
        (string, string, string, string, long, string?, double) Gebuehr(int i) =>
            ("gebuehr_pruefen", "Gebühr prüfen", "Human", CalledProcessId, called, "kasse-" + (i % 4).ToString(CultureInfo.InvariantCulture), secret);

        // January: "Antrag prüfen" by one person in six completed and two cancelled cases.
        for (var i = 0; i < 6; i++) cases.Add(Case(new DateOnly(2026, 1, 5 + i), "Completed", v1, k => [Pruefen("solo", secret), Bescheid(k), Zahlen()]));
        for (var i = 0; i < 2; i++) cases.Add(Case(new DateOnly(2026, 1, 20 + i), "Cancelled", v1, _ => [Pruefen("solo", secret)]));
        // February: three cases by three people; "Bescheid" in six more cases, so it keeps five cases and people.
        for (var i = 0; i < 3; i++) cases.Add(Case(new DateOnly(2026, 2, 3 + i), "Completed", v1, k => [Pruefen("feb-" + k, secret), Bescheid(k), Zahlen()]));
        for (var i = 0; i < 6; i++) cases.Add(Case(new DateOnly(2026, 2, 10 + i), "Completed", v1, k => [Bescheid(k), Zahlen()]));
        // March, version 2: "Antrag prüfen" by six people (released), the called process's step by four (protected).
        for (var i = 0; i < 6; i++)
        {
            cases.Add(Case(new DateOnly(2026, 3, 2 + i), "Completed", v2,
                k => [Pruefen("mar-" + k, 12, v2), Gebuehr(k), Bescheid(k, v2), Zahlen(v2)]));
        }
        return cases;
    }
}
