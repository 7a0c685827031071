using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Ledger;

/// <summary>
/// The writer prices an unmeasured step once per node and reuses the figures, but only on days on which the factor
/// versions they used are valid: grid intensity 363 g/kWh in 2025, another version from 2026.
/// </summary>
public sealed class LedgerWriterTests
{
    private const string Bescheid = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="bescheid" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="erstellen" name="Bescheid erstellen"><bpmn:extensionElements>
              <am:automation cpuSeconds="2"/></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="erstellen" />
            <bpmn:sequenceFlow id="f2" sourceRef="erstellen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly DefinitionSet Set = BpmnReader.ReadText(Bescheid, "bescheid.bpmn");
    private static readonly StoredDefinition Definition = new(7, 1, true, Set.Processes[0], Set);

    private static (CaseWrite Unit, StepEvent Step) Priced(LedgerWriter writer, DateTimeOffset end)
    {
        var state = new CaseState { CaseId = Guid.NewGuid(), ProcessId = "bescheid", Status = CaseStatus.Completed, StartedAt = end, EndedAt = end };
        var unit = new CaseWrite(state, Definition.Id, 0);
        var step = new StepEvent(state.CaseId, "bescheid", 2, "erstellen", "Bescheid erstellen", NodeKind.ServiceTask, ActorKind.Automated,
            end.AddSeconds(-3), end, StepOutcome.Completed, null);
        unit.Steps.Add(step);
        Assert.Null(writer.Price(unit, Definition, _ => null, FactorSet.Default, AuthorityType.Kommune));
        return (unit, step);
    }

    private static double ComputeG(StepEvent step) =>
        (double)LedgerCalculator.Price(step, Definition.Process.FindNode("erstellen")!, "bescheid@1", null, FactorSet.Default, AuthorityType.Kommune).Carbon[CarbonComponents.Compute].CarbonG;

    [Fact]
    public void Unmeasured_steps_reuse_their_node_price_only_while_its_factor_versions_are_valid()
    {
        var writer = new LedgerWriter();
        var march = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var (first, firstStep) = Priced(writer, march);
        var (second, _) = Priced(writer, march.AddDays(5));
        var figures = first.Ledger[2];
        Assert.Same(figures, second.Ledger[2]);
        Assert.Equal(ComputeG(firstStep), figures.ComputeG, 12);
        Assert.Contains("grid.intensity@2", figures.Factors.Split(','));

        // New Year's Eve 2025 falls under grid intensity version 1: priced again, with that version's figures.
        var (late2025, step2025) = Priced(writer, new DateTimeOffset(2025, 12, 31, 18, 0, 0, TimeSpan.Zero));
        var old = late2025.Ledger[2];
        Assert.NotSame(figures, old);
        Assert.Contains("grid.intensity@1", old.Factors.Split(','));
        Assert.Equal(ComputeG(step2025), old.ComputeG, 12);
        Assert.NotEqual(figures.ComputeG, old.ComputeG);
        Assert.True(old.ComputeG > 0);
    }
}
