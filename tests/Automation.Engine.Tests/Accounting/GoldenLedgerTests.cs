using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Accounting;

/// <summary>
/// Three Wohngeld cases computed by hand from the de-2025 factor table, then run for real (AutoRunner on a virtual
/// clock, default form values, so every exclusive gateway takes its default flow) and priced.
/// </summary>
/// <remarks>
/// <code>
/// Factors valid on 2025-03-03 (every step of the three cases ends that day; no timer fires on the happy path):
///   I    grid.intensity@1            363 gCO2/kWh       (UBA Climate Change 13/2025, 2024, secondary; CO2 only, booked as gCO2e)
///        workplace.energy@1          0.09 kWh/staff-h   (assumption)
///        compute.vcpu.minWatts@1     0.78 W, maxWatts 3.76 W, utilisation 0.5 (CCF, checked)
///        datacentre.pue@1            1.185              (CCF Azure, checked)
///        ai.inference@1              0.3 Wh             (Epoch AI 2025, checked)
///        embodied.server.*@1         TE 1,000 kg, EL 4 years, RR/ToR 1/32 = 0.03125 (assumptions)
///        device.pc.*@1               277 kg CO2e, 6 years (BoaviztAPI/ADEME, secondary), 1,600 h/year, 1 per workplace (assumptions)
///        device.monitor.*@1          64.7 kg CO2e, 6.6 years (BoaviztAPI/ADEME, secondary), 1,600 h/year, 1.5 per workplace (assumptions)
///        paper.page@1 6 g, post.letter@1 46 g (assumptions)
///        lohnkosten.kommune          einfachMittel 25.50 €/h, gehoben 42.20 €/h (Destatis 2025, secondary)
///
/// Unit figures:
///   human minute      kWh = 0.09 / 60 = 0.0015 → 1.5 Wh;  g = 0.0015 × 363 = 0.5445 g
///   0.5 CPU seconds   W = 0.78 + 0.5 × (3.76 − 0.78) = 2.27 W
///                     Wh = 0.5 × 2.27 × 1.185 / 3600 = 1.344975 / 3600 = 0.000373604166… Wh
///                     g  = 0.000373604166… × 363 / 1000 = 0.0001356183125 g
///                     M  = 1,000,000 g × 0.5 s × 0.03125 / (4 × 8,760 × 3,600 s) = 15,625 / 126,144,000 = 0.000123866375 g
///   1 AI inference    Wh = 1 × 0.3 × 1.185 = 0.3555 Wh;  g = 0.3555 × 363 / 1000 = 0.1290465 g
///   devices (M)       a staff minute reserves the whole workplace: TE × count × (TiR / (EL × hours per year))
///                     PC       277 kg × 1 × 1,000 g/kg × 60 s / (6 × 1,600 h × 3,600 s) = 16,620,000 / 34,560,000
///                              = 0.480902777… g per minute (28.854166… g per staff-hour)
///                     monitors 64.7 kg × 1.5 × 1,000 g/kg × 60 s / (6.6 × 1,600 h × 3,600 s) = 5,823,000 / 38,016,000
///                              = 0.153172348… g per minute (9.190340… g per staff-hour)
///                     together 0.480902777… + 0.153172348… = 0.634075126262… g per minute (= 8,035 / 12,672; 38.0445… g/h)
///
/// Standard minutes (Zeitwerttabelle, January 2025), € (minutes × rate / 60), workplace and devices (minutes × unit figures):
///   Antragseingang bestätigen      4 simple   5 min × 25.50 = 2.125 €        7.5 Wh   2.7225 g  devices  3.170375631… g  paper 1 × 6 = 6 g, post 1 × 46 = 46 g
///   Vollständigkeit prüfen         3 medium  30 min × 42.20 = 21.10 €        45 Wh   16.335 g  devices 19.022253787… g
///   Einkommen prüfen               5 medium  60 min × 42.20 = 42.20 €        90 Wh   32.67 g   devices 38.044507575… g  paper 2 × 6 = 12 g
///   Wohngeld berechnen             6 medium 120 min × 42.20 = 84.40 €       180 Wh   65.34 g   devices 76.089015151… g  paper 1 × 6 = 6 g
///   Bescheid erstellen            11 medium  60 min × 42.20 = 42.20 €        90 Wh   32.67 g   devices 38.044507575… g  paper 4 × 6 = 24 g
///   Bescheid versenden            14 simple   2 min × 42.20 = 1.40666… €      3 Wh    1.089 g   devices  1.268150252… g  post 1 × 46 = 46 g
///   Klassifizierung prüfen         7 simple   4 min × 25.50 = 1.70 €          6 Wh    2.178 g   devices  2.536300505… g
/// </code>
/// </remarks>
public sealed class GoldenLedgerTests
{
    private static readonly DateTimeOffset CaseDay = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    // Hand-computed unit figures (see the class remarks); asserted to 1e-12 Wh or g.
    private const decimal CpuWh = 0.000373604166667m;
    private const decimal CpuG = 0.0001356183125m;
    private const decimal EmbodiedG = 0.000123866375m;
    private const decimal AiWh = 0.3555m;
    private const decimal AiG = 0.1290465m;
    private const decimal DevicesGPerMinute = 0.634075126262626m;

    private sealed record Expected(string NodeId, decimal Minutes, QuantityBasis Basis, decimal Eur, decimal WorkplaceWh, decimal WorkplaceG,
        decimal ComputeWh = 0, decimal ComputeG = 0, decimal AiWh = 0, decimal AiG = 0, decimal PaperG = 0, decimal PostG = 0, decimal EmbodiedG = 0)
    {
        public decimal DevicesG => Minutes * DevicesGPerMinute;
    }

    private static Expected Automated(string nodeId) => new(nodeId, 0, QuantityBasis.None, 0, 0, 0, CpuWh, CpuG, EmbodiedG: EmbodiedG);

    private static readonly Expected Eingang = new("Task_EingangBestaetigen", 5, QuantityBasis.Standard, 2.125m, 7.5m, 2.7225m, PaperG: 6, PostG: 46);
    private static readonly Expected Vollstaendigkeit = new("Task_VollstaendigkeitPruefen", 30, QuantityBasis.Standard, 21.10m, 45m, 16.335m);
    private static readonly Expected Einkommen = new("Task_EinkommenPruefen", 60, QuantityBasis.Standard, 42.20m, 90m, 32.67m, PaperG: 12);
    private static readonly Expected Berechnen = new("Task_WohngeldBerechnen", 120, QuantityBasis.Standard, 84.40m, 180m, 65.34m, PaperG: 6);
    private static readonly Expected Bescheid = new("Task_BescheidErstellen", 60, QuantityBasis.Standard, 42.20m, 90m, 32.67m, PaperG: 24);
    private static readonly Expected Versenden = new("Task_BescheidVersenden", 2, QuantityBasis.Standard, 1.406666666667m, 3m, 1.089m, PostG: 46);

    /// <summary>
    /// Case 1, paper (workflows/wohngeldantrag.bpmn): six human steps and the automated payment order.
    /// <code>
    /// staff minutes  5 + 30 + 60 + 120 + 60 + 2 = 277 min
    /// €              2.125 + 21.10 + 42.20 + 84.40 + 42.20 + 1.40666… = 193.431666… → 193.43 €
    /// workplace      277 × 1.5 = 415.5 Wh;  277 × 0.5445 = 150.8265 g → 150.83 g
    /// devices (M)    277 × 0.634075126262… = 175.638809974747… g → 175.64 g
    /// compute        1 × 0.000373604… Wh;  0.0001356183125 g → 0.00 g
    /// AI inference   0
    /// server (M)     1 × 0.000123866375 g → 0.00 g
    /// paper          6 + 12 + 6 + 24 = 48 g (8 pages);  post 46 + 46 = 92 g (2 letters)
    /// O              150.8265 + 0.0001356183125 = 150.8266356183125 g
    /// M              175.638809974747… + 0.000123866375 = 175.638933841122… g
    /// SCI            O + M = 150.8266356183125 + 175.638933841122… = 326.465569459435 → 326.47 gCO2e per case (150.83 without devices)
    /// E              415.5 + 0.000373604… = 415.500373604 Wh
    /// </code>
    /// </summary>
    [Fact]
    public void Case_1_paper_wohngeldantrag()
    {
        var ledger = PriceRun(Workflow("wohngeldantrag.bpmn"));
        AssertEntries(ledger, Eingang, Vollstaendigkeit, Einkommen, Berechnen, Bescheid, Versenden, Automated("Task_ZahlungAnweisen"));
        AssertTotals(ledger, minutes: 277, eur: 193.43m, workplaceWh: 415.5m, workplaceG: 150.8265m, computeWh: CpuWh, computeG: CpuG,
            aiWh: 0, aiG: 0, embodiedG: EmbodiedG, devicesG: 175.638809974747m, paperG: 48, postG: 92, sciG: 326.465569459435m,
            energyWh: 415.500373604167m);
        Assert.Equal(326.47m, LedgerRounding.Hundredths(ledger.Sci!.ScoreG));
    }

    /// <summary>
    /// Case 2, the same process with two steps automated (Fixtures/ledger/wohngeldantrag-teilautomatisiert.bpmn):
    /// Vollständigkeit prüfen (service task) and Wohngeld berechnen (script task), 0.5 CPU s each; the printed
    /// page of the manual calculation goes away with it.
    /// <code>
    /// staff minutes  5 + 60 + 60 + 2 = 127 min
    /// €              2.125 + 42.20 + 42.20 + 1.40666… = 87.931666… → 87.93 €
    /// workplace      127 × 1.5 = 190.5 Wh;  127 × 0.5445 = 69.1515 g → 69.15 g
    /// devices (M)    127 × 0.634075126262… = 80.527541035353… g → 80.53 g
    /// compute        3 × 0.000373604166… = 0.0011208125 Wh;  3 × 0.0001356183125 = 0.0004068549375 g → 0.00 g
    /// server (M)     3 × 0.000123866375 = 0.000371599125 g → 0.00 g
    /// paper          6 + 12 + 24 = 42 g;  post 92 g
    /// SCI            69.1515 + 80.527541035353… + 0.0004068549375 + 0.000371599125 = 149.679819489415 → 149.68 gCO2e per case
    ///                (69.15 without devices)
    /// E              190.5 + 0.0011208125 = 190.5011208125 Wh
    /// </code>
    /// </summary>
    [Fact]
    public void Case_2_two_steps_automated()
    {
        var ledger = PriceRun(Fixture("wohngeldantrag-teilautomatisiert.bpmn"));
        AssertEntries(ledger, Eingang, Automated("Task_VollstaendigkeitPruefen"), Einkommen, Automated("Task_WohngeldBerechnen"), Bescheid,
            Versenden, Automated("Task_ZahlungAnweisen"));
        AssertTotals(ledger, minutes: 127, eur: 87.93m, workplaceWh: 190.5m, workplaceG: 69.1515m, computeWh: 3 * CpuWh, computeG: 3 * CpuG,
            aiWh: 0, aiG: 0, embodiedG: 3 * EmbodiedG, devicesG: 80.527541035354m, paperG: 42, postG: 92, sciG: 149.679819489416m,
            energyWh: 190.5011208125m);
        Assert.Equal(149.68m, LedgerRounding.Hundredths(ledger.Sci!.ScoreG));
    }

    /// <summary>
    /// Case 3, digital (workflows/wohngeldantrag-digital.bpmn): the AI step (1 inference, 0.5 CPU s,
    /// decision-preparing) is reviewed by a person in the next step; completeness check and calculation are automated
    /// as in case 2; the routing decision table after the income check (a business rule task, 0.5 CPU s; this dry run
    /// loads no decisions, so it gives no result and the default path calculates) adds one automated step; the
    /// Eingangsbestätigung goes by e-mail, the Bescheid is generated as a PDF and sent by e-mail
    /// (three connector steps, 0.5 CPU s each as annotated), so nothing is printed for the Eingang and the Bescheid
    /// and no letter is posted. In a real run the connectors measure their transfer, e-mails, letters avoided and PDF
    /// pages; this priced run skips them (nothing measured), so only the annotations count.
    /// <code>
    /// staff minutes  4 + 5 + 60 + 60 = 129 min (the Bescheid is no longer put into an envelope by hand: −2 min)
    /// €              1.70 + 2.125 + 42.20 + 42.20 = 88.225 → 88.23 €
    /// workplace      129 × 1.5 = 193.5 Wh;  129 × 0.5445 = 70.2405 g → 70.24 g
    /// devices (M)    129 × 8,035 / 12,672 = 81.795691287878… g → 81.80 g
    /// compute        8 × 0.000373604166… = 0.002988833333… Wh;  8 × 0.0001356183125 = 0.0010849465 g → 0.00 g
    /// AI inference   0.3555 Wh;  0.1290465 g → 0.13 g
    /// server (M)     8 × 0.000123866375 = 0.000990931 g → 0.00 g
    /// paper          12 g (Einkommen prüfen);  post 0 g
    /// SCI            70.2405 + 81.795691287878… + 0.0010849465 + 0.1290465 + 0.000990931 = 152.167313665379 → 152.17 gCO2e per case
    ///                (70.37 without devices)
    /// E              193.5 + 0.002988833333… + 0.3555 = 193.858488833333 Wh
    /// </code>
    /// </summary>
    [Fact]
    public void Case_3_digital_with_ai_assisted_classification_and_connectors()
    {
        var ledger = PriceRun(Workflow("wohngeldantrag-digital.bpmn"));
        var classify = new Expected("Task_EingangKlassifizieren", 0, QuantityBasis.None, 0, 0, 0, CpuWh, CpuG, AiWh, AiG, EmbodiedG: EmbodiedG);
        var review = new Expected("Task_KlassifizierungPruefen", 4, QuantityBasis.Standard, 1.70m, 6m, 2.178m);
        AssertEntries(ledger, classify, review, Eingang with { PaperG = 0, PostG = 0 }, Automated("Task_EingangsbestaetigungSenden"),
            Automated("Task_VollstaendigkeitPruefen"), Einkommen, Automated("Task_WeiterleitungErmitteln"), Automated("Task_WohngeldBerechnen"), Bescheid with { PaperG = 0 },
            Automated("Task_BescheidPdf"), Automated("Task_BescheidVersenden"), Automated("Task_ZahlungAnweisen"));
        AssertTotals(ledger, minutes: 129, eur: 88.23m, workplaceWh: 193.5m, workplaceG: 70.2405m, computeWh: 8 * CpuWh, computeG: 8 * CpuG,
            aiWh: AiWh, aiG: AiG, embodiedG: 8 * EmbodiedG, devicesG: 81.795691287879m, paperG: 12, postG: 0, sciG: 152.167313665379m,
            energyWh: 193.858488833333m);
        Assert.Equal(152.17m, LedgerRounding.Hundredths(ledger.Sci!.ScoreG));
        var ai = ledger.Entries[0];
        Assert.Equal(ActorKind.AiAssisted, ai.Actor);
        Assert.Equal((1m, QuantityBasis.Standard), (ai.Inferences, ai.InferencesBasis));
        Assert.Contains(ai.Factors, f => f.Id == "ai.inference@1" && f.Source.StartsWith("Epoch AI", StringComparison.Ordinal));
        // Nothing was measured in this run: no connector deliveries are invented from the annotations.
        Assert.All(ledger.Entries, e => Assert.Equal(DeliveryFigure.None, e.Deliveries));
    }

    [Fact]
    public void Automation_saves_what_the_golden_cases_say_per_definition_version()
    {
        var cases = new[] { PriceRun(Workflow("wohngeldantrag.bpmn")), PriceRun(Fixture("wohngeldantrag-teilautomatisiert.bpmn")), PriceRun(Workflow("wohngeldantrag-digital.bpmn")) };
        var summaries = SciCalculator.PerDefinitionVersion(cases);
        Assert.Equal(3, summaries.Count);
        Assert.All(summaries, s => Assert.Equal(1, s.Cases));
        // Two automated steps save 150 staff minutes: 277 − 127.
        Assert.Equal(150m, cases[0].Totals.StaffMinutes - cases[1].Totals.StaffMinutes);
        Assert.Equal(105.50m, LedgerRounding.Euros(cases[0].Totals.LabourCostEur - cases[1].Totals.LabourCostEur));
    }

    private static CaseLedger PriceRun(string path) => LedgerRuns.PriceRun(path, CaseDay);

    private static string Workflow(string name) => LedgerRuns.Workflow(name);

    private static string Fixture(string name) => LedgerRuns.Fixture(name);

    private static void AssertEntries(CaseLedger ledger, params Expected[] expected)
    {
        Assert.Equal(expected.Select(e => e.NodeId), ledger.Entries.Select(e => e.NodeId));
        foreach (var (want, got) in expected.Zip(ledger.Entries))
        {
            var at = want.NodeId;
            Assert.True(want.Minutes == got.StaffMinutes, $"{at}: minutes {got.StaffMinutes}");
            Assert.True(want.Basis == got.StaffMinutesBasis, $"{at}: basis {got.StaffMinutesBasis}");
            Assert.True(LedgerRounding.Euros(want.Eur) == LedgerRounding.Euros(got.LabourCostEur), $"{at}: € {got.LabourCostEur}");
            Close(want.Eur, got.LabourCostEur, $"{at}: € full precision");
            var c = got.Carbon;
            Close(want.WorkplaceWh, c[CarbonComponents.Workplace].EnergyWh!.Value, $"{at}: workplace Wh");
            Grams(want.WorkplaceG, c[CarbonComponents.Workplace].CarbonG, $"{at}: workplace g");
            Grams(want.DevicesG, c[CarbonComponents.Devices].CarbonG, $"{at}: devices g");
            Close(want.ComputeWh, c[CarbonComponents.Compute].EnergyWh!.Value, $"{at}: compute Wh");
            Grams(want.ComputeG, c[CarbonComponents.Compute].CarbonG, $"{at}: compute g");
            Close(want.AiWh, c[CarbonComponents.AiInference].EnergyWh!.Value, $"{at}: AI Wh");
            Grams(want.AiG, c[CarbonComponents.AiInference].CarbonG, $"{at}: AI g");
            Grams(want.PaperG, c[CarbonComponents.Paper].CarbonG, $"{at}: paper g");
            Grams(want.PostG, c[CarbonComponents.Post].CarbonG, $"{at}: post g");
            Grams(want.EmbodiedG, c[CarbonComponents.Embodied].CarbonG, $"{at}: embodied g");
            Assert.Null(c[CarbonComponents.Paper].EnergyWh);
            Assert.Null(c[CarbonComponents.Devices].EnergyWh);
            Assert.Equal(0m, got.CitizenTrips.CarbonG);
        }
    }

    private static void AssertTotals(CaseLedger ledger, decimal minutes, decimal eur, decimal workplaceWh, decimal workplaceG, decimal computeWh,
        decimal computeG, decimal aiWh, decimal aiG, decimal embodiedG, decimal devicesG, decimal paperG, decimal postG, decimal sciG, decimal energyWh)
    {
        var t = ledger.Totals;
        var c = t.Carbon;
        Assert.Equal(minutes, t.StaffMinutes);
        Assert.Equal(eur, LedgerRounding.Euros(t.LabourCostEur));
        Close(workplaceWh, c[CarbonComponents.Workplace].EnergyWh!.Value, "total workplace Wh");
        Grams(workplaceG, c[CarbonComponents.Workplace].CarbonG, "total workplace g");
        Grams(devicesG, c[CarbonComponents.Devices].CarbonG, "total devices g");
        Close(computeWh, c[CarbonComponents.Compute].EnergyWh!.Value, "total compute Wh");
        Grams(computeG, c[CarbonComponents.Compute].CarbonG, "total compute g");
        Close(aiWh, c[CarbonComponents.AiInference].EnergyWh!.Value, "total AI Wh");
        Grams(aiG, c[CarbonComponents.AiInference].CarbonG, "total AI g");
        Grams(embodiedG, c[CarbonComponents.Embodied].CarbonG, "total embodied g");
        Grams(paperG, c[CarbonComponents.Paper].CarbonG, "total paper g");
        Grams(postG, c[CarbonComponents.Post].CarbonG, "total post g");
        var sci = ledger.Sci ?? throw new Xunit.Sdk.XunitException("case did not complete");
        Grams(sciG, sci.ScoreG, "SCI g");
        // M holds both manufacturing shares: the workplace devices and the server.
        Grams(devicesG + embodiedG, sci.EmbodiedG, "SCI M g");
        Close(energyWh, sci.EnergyWh, "SCI E Wh");
        Assert.Equal(paperG + postG, sci.BesideG);
        Assert.Equal(0m, sci.OutsideG);
    }

    /// <summary>To the hundredth (as reported) and to 1e-9 g (so the tiny compute and embodied figures are checked, not just 0.00).</summary>
    private static void Grams(decimal expected, decimal actual, string what)
    {
        Assert.True(LedgerRounding.Hundredths(expected) == LedgerRounding.Hundredths(actual), $"{what}: {actual} rounds differently from {expected}");
        Close(expected, actual, what);
    }

    private static void Close(decimal expected, decimal actual, string what) =>
        Assert.True(Math.Abs(expected - actual) < 0.000000001m, $"{what}: expected {expected}, got {actual}");
}

/// <summary>Runs workflow files with the AutoRunner on a virtual clock and prices their steps with the default factors.</summary>
internal static class LedgerRuns
{
    public static readonly string RepoRoot = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Automation.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Automation.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Workflow(string name) => Path.Combine(RepoRoot, "workflows", name);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ledger", name);

    /// <summary>Reads, validates and runs the file's first process to its end.</summary>
    public static (DefinitionSet Set, AutoRunResult Run) Run(string path, DateTimeOffset start, IEnumerable<KeyValuePair<string, object?>>? variables = null)
    {
        var set = DefinitionReader.ReadFile(path);
        var errors = Validation.DefinitionValidator.Validate(set).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var clock = new VirtualClock(start);
        // A dry run: steps bound to connectors or external workers complete without effect.
        using var engine = new WorkflowEngine(new EngineOptions { Clock = clock, ResolveProcess = set.FindProcess, UnknownActions = UnknownActionPolicy.Skip });
        var run = AutoRunner.Run(engine, clock, set.Processes[0], variables);
        Assert.True(run.State.Status == CaseStatus.Completed, run.StopReason);
        return (set, run);
    }

    /// <summary>Prices a completed run as definition version "1".</summary>
    public static CaseLedger Price(DefinitionSet set, AutoRunResult run, FactorSet factors, AuthorityType authority = AuthorityType.Kommune)
    {
        var entries = LedgerCalculator.PriceSteps(run.Steps, s => set.FindProcess(s.ProcessId)?.FindNode(s.NodeId), "1", factors, authority);
        return new CaseLedger(run.State.CaseId, set.Processes[0].Id, "1", completed: true, entries);
    }

    /// <summary>Runs and prices a file with the default factors.</summary>
    public static CaseLedger PriceRun(string path, DateTimeOffset start)
    {
        var (set, run) = Run(path, start);
        return Price(set, run, FactorSet.Default);
    }
}
