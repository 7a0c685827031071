using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Accounting;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// "Vollständigkeit prüfen" of workflows/wohngeldantrag-digital.bpmn is a script task, not a step that does nothing: it
/// computes unterlagenVollstaendig from the name of the applicant and the two proofs ticked at the Eingang, and the
/// gateway after it sends an incomplete application to "Unterlagen nachfordern". Run on the sample file itself.
/// </summary>
public sealed class CompletenessCheckTests
{
    private const string Check = "Task_VollstaendigkeitPruefen";
    private const string Request = "Task_UnterlagenNachfordern";

    private static readonly DateTimeOffset Day = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    private static readonly string SampleXml = File.ReadAllText(LedgerRuns.Workflow("wohngeldantrag-digital.bpmn"));

    /// <summary>Runs the process without people; the given values are what the forms were filled with.</summary>
    private static AutoRunResult Run(string xml, params (string Name, object? Value)[] values)
    {
        var set = BpmnReader.ReadText(xml, "wohngeldantrag-digital.bpmn");
        var errors = Validation.DefinitionValidator.Validate(set).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var clock = new VirtualClock(Day);
        // The connector steps (AI, e-mail, PDF, HTTP) are dry here; the script task runs for real.
        using var engine = new WorkflowEngine(new EngineOptions { Clock = clock, ResolveProcess = set.FindProcess, UnknownActions = UnknownActionPolicy.Skip });
        var run = AutoRunner.Run(engine, clock, set.Processes[0], values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));
        Assert.True(run.State.Status == CaseStatus.Completed, run.StopReason);
        Assert.Empty(run.State.Incidents);
        return run;
    }

    private static int Count(AutoRunResult run, string nodeId) => run.Steps.Count(s => s.NodeId == nodeId);

    [Fact]
    public void With_name_and_both_proofs_the_application_is_complete_and_goes_on_to_the_income_check()
    {
        var run = Run(SampleXml, ("antragsteller", "Erika Mustermann"), ("mietbescheinigungBeigefuegt", true), ("einkommensnachweiseBeigefuegt", true));
        Assert.Equal(true, run.State.Variables["unterlagenVollstaendig"]);
        Assert.Equal(1, Count(run, Check));
        Assert.Equal(0, Count(run, Request));
        Assert.Equal(1, Count(run, "Task_EinkommenPruefen"));
    }

    [Theory]
    [InlineData("Erika Mustermann", false, true)]
    [InlineData("Erika Mustermann", true, false)]
    [InlineData("   ", true, true)]
    public void A_missing_proof_or_a_blank_name_makes_it_incomplete_and_the_documents_are_requested(string name, bool rent, bool income)
    {
        var run = Run(SampleXml, ("antragsteller", name), ("mietbescheinigungBeigefuegt", rent), ("einkommensnachweiseBeigefuegt", income));
        Assert.Equal(false, run.State.Variables["unterlagenVollstaendig"]);
        Assert.Equal(1, Count(run, Request));
        // Nothing arrives in the dry run: after four weeks the benefit is refused for lack of cooperation.
        Assert.Equal(1, Count(run, "Task_Versagen"));
        Assert.Equal(0, Count(run, "Task_EinkommenPruefen"));
    }

    [Fact]
    public void Without_the_checklist_fields_the_variables_are_absent_and_the_check_says_incomplete_without_an_incident()
    {
        // A case whose Eingang form did not ask for the proofs (another start, an older model): the script must not
        // fail on an undefined variable, and an unknown proof is not a present one.
        var xml = string.Join('\n', SampleXml.Split('\n').Where(l => !l.Contains("Beigefuegt\" label=", StringComparison.Ordinal)));
        Assert.DoesNotContain("am:field id=\"mietbescheinigungBeigefuegt\"", xml, StringComparison.Ordinal);
        var run = Run(xml);
        Assert.False(run.State.Variables.ContainsKey("mietbescheinigungBeigefuegt"));
        Assert.Equal(false, run.State.Variables["unterlagenVollstaendig"]);
        Assert.Equal(1, Count(run, Request));
    }
}
