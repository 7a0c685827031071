using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Accounting;

public sealed class LedgerCalculatorTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Case = Guid.Parse("6a1f0c1e-0000-4000-8000-000000000001");

    private static readonly EffortAnnotation Einkommen = new(5, Complexity.Medium, PayLevel.Gehoben, "73213", null);

    private static FlowNode Node(NodeKind kind, EffortAnnotation? effort = null, FootprintAnnotation? footprint = null, AutomationAnnotation? automation = null,
        string id = "Task") => new() { Id = id, Name = "Schritt", Kind = kind, Effort = effort, Footprint = footprint, Automation = automation };

    private static StepEvent Step(FlowNode node, StepOutcome outcome = StepOutcome.Completed, DateTimeOffset? end = null) =>
        new(Case, "p", 1, node.Id, node.Name, node.Kind, node.ActorKind, Start, end ?? Start.AddMinutes(90), outcome, null);

    private static LedgerEntry Price(FlowNode node, StepMeasurement? measured = null, StepOutcome outcome = StepOutcome.Completed,
        AuthorityType authority = AuthorityType.Kommune) =>
        LedgerCalculator.Price(Step(node, outcome), node, "7", measured, FactorSet.Default, authority);

    [Fact]
    public void Sci_embodied_example_of_the_specification_is_about_28_g()
    {
        // SCI v1.1.0: TE 1,000 kg, EL 4 years, TiR 1 hour, whole server reserved: 1,000,000 g × 1 / (4 × 8,760) = 28.5388… g.
        var m = SciCalculator.EmbodiedGrams(totalKgCo2e: 1000m, reservedSeconds: 3600m, lifetimeYears: 4m, resourceShare: 1m);
        Assert.Equal(28.54m, LedgerRounding.Hundredths(m));
        Assert.Equal(28, (int)m);
        Assert.True(Math.Abs(1_000_000m / 35_040m - m) < 0.000000001m);
    }

    [Fact]
    public void Standard_basis_prices_the_zeitwert_and_records_its_factor_versions()
    {
        var e = Price(Node(NodeKind.UserTask, Einkommen, new FootprintAnnotation(2, 0, 0)));
        Assert.Equal((60m, 60m, QuantityBasis.Standard, "zeitwert.5.medium@1"), (e.StandardMinutes, e.StaffMinutes, e.StaffMinutesBasis, e.StandardSource));
        Assert.Equal(42.20m, e.LabourCostEur);
        Assert.Equal((90m, 32.67m), (e.Carbon[CarbonComponents.Workplace].EnergyWh, e.Carbon[CarbonComponents.Workplace].CarbonG));
        Assert.Equal(12m, e.Carbon[CarbonComponents.Paper].CarbonG);
        Assert.Equal(("73213", PayLevel.Gehoben, "7"), (e.Occupation, e.PayLevel, e.DefinitionVersion));
        Assert.Equal(new[]
            {
                "zeitwert.5.medium@1", "lohnkosten.kommune.gehoben@1", "workplace.energy@1", "grid.intensity@1", "device.pc.embodied@1", "device.pc.count@1",
                "device.pc.lifetime@1", "device.pc.hours@1", "device.monitor.embodied@1", "device.monitor.count@1", "device.monitor.lifetime@1",
                "device.monitor.hours@1", "paper.page@1",
            },
            e.Factors.Select(f => f.Id));
        Assert.All(e.Factors, f => Assert.False(string.IsNullOrWhiteSpace(f.Source)));
    }

    [Fact]
    public void Measured_working_time_wins_over_the_standard_and_the_entry_says_so()
    {
        // 42 measured minutes (claim to completion minus released time): 42 × 42.20 / 60 = 29.54 €; 42 × 0.5445 = 22.869 g.
        var e = Price(Node(NodeKind.UserTask, Einkommen), new StepMeasurement(WorkingMinutes: 42m));
        Assert.Equal((60m, 42m, QuantityBasis.Measured), (e.StandardMinutes, e.StaffMinutes, e.StaffMinutesBasis));
        Assert.Equal(29.54m, e.LabourCostEur);
        Assert.Equal((63m, 22.869m), (e.Carbon[CarbonComponents.Workplace].EnergyWh, e.Carbon[CarbonComponents.Workplace].CarbonG));
    }

    [Fact]
    public void Workplace_devices_are_priced_per_staff_minute_inside_the_sci_boundary_measured_where_measured()
    {
        // Per staff minute: PC 277 kg × 1 × 1,000 × 60 s / (6 years × 1,600 h × 3,600 s) = 0.480902777… g,
        // monitors 64.7 kg × 1.5 × 1,000 × 60 s / (6.6 years × 1,600 h × 3,600 s) = 0.153172348… g; together 8,035 / 12,672 g.
        var standard = Price(Node(NodeKind.UserTask, Einkommen));
        Close(60m * 8_035m / 12_672m, standard.Carbon[CarbonComponents.Devices].CarbonG);
        Assert.Null(standard.Carbon[CarbonComponents.Devices].EnergyWh);
        var measured = Price(Node(NodeKind.UserTask, Einkommen), new StepMeasurement(WorkingMinutes: 42m));
        Close(42m * 8_035m / 12_672m, measured.Carbon[CarbonComponents.Devices].CarbonG);
        // Inside the score, in M beside the server's share: SCI = workplace + devices.
        Assert.Equal(measured.Carbon[CarbonComponents.Workplace].CarbonG + measured.Carbon[CarbonComponents.Devices].CarbonG, measured.Carbon.SciG);
        Assert.Equal(measured.Carbon[CarbonComponents.Devices].CarbonG, measured.Carbon.EmbodiedG);
        Assert.Contains("devices", SciBoundary.Default.Inside.Select(i => i.Component));

        // No staff minutes, no workplace: an automated step neither carries the devices nor names their factors.
        var service = Price(Node(NodeKind.ServiceTask, automation: new AutomationAnnotation(AutomationLevel.Automated, false, false, null, 0.5)));
        Assert.Equal(0m, service.Carbon[CarbonComponents.Devices].CarbonG);
        Assert.DoesNotContain(service.Factors, f => f.Key.StartsWith("device.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_device_share_per_staff_hour_is_of_the_order_of_the_workplace_electricity()
    {
        // 2025: workplace 0.09 kWh × 363 g = 32.67 g per staff-hour; devices 38.04 g per staff-hour (ratio 1.16, methodology.md §4).
        var hour = Price(Node(NodeKind.UserTask, Einkommen with { Minutes = 60 }));
        Assert.Equal(32.67m, hour.Carbon[CarbonComponents.Workplace].CarbonG);
        Assert.Equal(38.04m, LedgerRounding.Hundredths(hour.Carbon[CarbonComponents.Devices].CarbonG));
    }

    private static void Close(decimal expected, decimal actual) =>
        Assert.True(Math.Abs(expected - actual) < 0.000000001m, $"expected {expected}, got {actual}");

    [Fact]
    public void Explicit_effort_minutes_override_the_zeitwerttabelle()
    {
        var e = Price(Node(NodeKind.UserTask, Einkommen with { Minutes = 12.5 }));
        Assert.Equal((12.5m, QuantityBasis.Standard, "am:effort minutes"), (e.StaffMinutes, e.StaffMinutesBasis, e.StandardSource));
        Assert.DoesNotContain(e.Factors, f => f.Key.StartsWith("zeitwert.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_human_step_without_effort_gets_zero_standard_time_with_basis_none_never_an_invented_value()
    {
        var e = Price(Node(NodeKind.UserTask, footprint: new FootprintAnnotation(0, 1, 0)));
        Assert.Equal((0m, 0m, QuantityBasis.None, null), (e.StandardMinutes, e.StaffMinutes, e.StaffMinutesBasis, e.StandardSource));
        Assert.Equal(0m, e.LabourCostEur);
        Assert.Equal(0m, e.Carbon[CarbonComponents.Workplace].CarbonG);
        Assert.Equal(0m, e.Carbon[CarbonComponents.Devices].CarbonG);
        Assert.Equal(46m, e.Carbon[CarbonComponents.Post].CarbonG);
        Assert.Contains(e.Notes, n => n.Contains("kein am:effort", StringComparison.Ordinal));

        // Measured time still counts; without a pay level the average column prices it: 30 × 40.70 / 60 = 20.35 €.
        var measured = Price(Node(NodeKind.UserTask), new StepMeasurement(WorkingMinutes: 30m));
        Assert.Equal((30m, QuantityBasis.Measured, 20.35m), (measured.StaffMinutes, measured.StaffMinutesBasis, measured.LabourCostEur));
        Assert.Contains(measured.Factors, f => f.Id == "lohnkosten.kommune.average@1");
    }

    [Fact]
    public void Interrupted_steps_count_measured_time_only()
    {
        var node = Node(NodeKind.UserTask, Einkommen, new FootprintAnnotation(2, 1, 1));
        var none = Price(node, outcome: StepOutcome.Interrupted);
        Assert.Equal((0m, 0m, QuantityBasis.None), (none.StandardMinutes, none.StaffMinutes, none.StaffMinutesBasis));
        Assert.Equal((0m, 0m, 0m), (none.Carbon[CarbonComponents.Paper].CarbonG, none.Carbon[CarbonComponents.Post].CarbonG, none.CitizenTrips.Trips));
        var measured = Price(node, new StepMeasurement(WorkingMinutes: 10m), StepOutcome.Interrupted);
        Assert.Equal((0m, 10m, QuantityBasis.Measured), (measured.StandardMinutes, measured.StaffMinutes, measured.StaffMinutesBasis));
        Assert.Equal(0m, measured.Carbon[CarbonComponents.Paper].CarbonG);

        // A failed automated step: its annotated CPU seconds are a standard, so only measured CPU counts.
        var service = Node(NodeKind.ServiceTask, automation: new AutomationAnnotation(AutomationLevel.Automated, false, false, null, 0.5));
        Assert.Equal((0m, QuantityBasis.None), (Price(service, outcome: StepOutcome.Failed).CpuSeconds, Price(service, outcome: StepOutcome.Failed).CpuSecondsBasis));
        var failedMeasured = Price(service, new StepMeasurement(CpuSeconds: 2m), StepOutcome.Failed);
        Assert.Equal((2m, QuantityBasis.Measured), (failedMeasured.CpuSeconds, failedMeasured.CpuSecondsBasis));
    }

    [Fact]
    public void Automated_steps_price_measured_cpu_memory_and_transfer()
    {
        // 3,600 CPU s × 2.27 W × 1.185 / 3,600 = 2.68995 Wh
        // memory 2 GB-h × 0.000392 kWh × 1.185 = 0.00092904 kWh = 0.92904 Wh
        // transfer 0.01 GB × 0.194 kWh = 0.00194 kWh = 1.94 Wh (no PUE: the model's figures are system-level)
        // E = 5.55899 Wh; × 363 / 1000 = 2.01791337 g
        // M = 1,000,000 g × 3,600 s × 0.03125 / (4 × 8,760 × 3,600 s) = 0.891552511… g
        var service = Node(NodeKind.ServiceTask, automation: new AutomationAnnotation(AutomationLevel.Automated, false, false, null, 0.5));
        var e = Price(service, new StepMeasurement(WallSeconds: 4000m, CpuSeconds: 3600m, MemoryGigabyteHours: 2m, TransferGigabytes: 0.01m));
        Assert.Equal((3600m, QuantityBasis.Measured), (e.CpuSeconds, e.CpuSecondsBasis));
        Assert.Equal(5.55899m, e.Carbon[CarbonComponents.Compute].EnergyWh);
        Assert.Equal(2.01791337m, e.Carbon[CarbonComponents.Compute].CarbonG);
        Assert.Equal(0.89m, LedgerRounding.Hundredths(e.Carbon[CarbonComponents.Embodied].CarbonG));
        Close(31_250m / 35_040m, e.Carbon[CarbonComponents.Embodied].CarbonG);
        Assert.Equal((0m, QuantityBasis.None), (e.StaffMinutes, e.StaffMinutesBasis));
        Assert.Contains(e.Factors, f => f.Id == "transfer.energy@1");
        Assert.Contains(e.Factors, f => f.Id == "compute.memory@1");
        Assert.Equal(4000m, e.Measured!.WallSeconds);
    }

    [Fact]
    public void Citizen_trips_are_a_separate_societal_figure()
    {
        // 1 trip × 10 km = 10 pkm; 10 × (0.6 × 147 + 0.2 × 65) = 10 × 101.2 = 1,012 g; 1 × 20 min.
        var visit = Node(NodeKind.ManualTask, new EffortAnnotation(3, Complexity.Simple, PayLevel.EinfacherMittlerer, "73202", null),
            new FootprintAnnotation(1, 0, 1));
        var e = Price(visit);
        Assert.Equal(new CitizenTripFigure(1, 10, 1012, 20), e.CitizenTrips);
        Assert.Equal(6m, e.Carbon.BesideG);
        Assert.Equal(1012m, e.Carbon[CarbonComponents.CitizenTrips].CarbonG);
        // Not inside the SCI contribution: the 5 staff minutes only, 5 × 0.5445 g workplace + 5 × 8,035 / 12,672 g devices.
        Close(2.7225m + 5m * 8_035m / 12_672m, e.Carbon.SciG);
        var ledger = new CaseLedger(Case, "p", "7", true, [e]);
        Assert.Equal((1012m, e.Carbon.SciG), (ledger.Sci!.OutsideG, ledger.Sci.ScoreG));
        Assert.Equal("citizenTrips", Assert.Single(ledger.Sci.Boundary.Outside).Component);
    }

    [Fact]
    public void The_authority_type_chooses_the_row_of_the_lohnkostentabelle()
    {
        var node = Node(NodeKind.UserTask, Einkommen);
        Assert.Equal(40.40m, Price(node, authority: AuthorityType.Bund).LabourCostEur);
        Assert.Equal(43.20m, Price(node, authority: AuthorityType.Land).LabourCostEur);
        Assert.Equal(42.20m, Price(node, authority: AuthorityType.Kommune).LabourCostEur);
        Assert.Equal(46.30m, Price(node, authority: AuthorityType.Sozialversicherung).LabourCostEur);
        Assert.Equal(AuthorityType.Land, Price(node, authority: AuthorityType.Land).Authority);
    }

    [Fact]
    public void Events_and_gateways_get_no_entry()
    {
        var gateway = Node(NodeKind.ExclusiveGateway);
        Assert.Throws<ArgumentException>(() => Price(gateway));
        Assert.False(LedgerCalculator.IsPricedStep(NodeKind.StartEvent, ActorKind.System));
        Assert.False(LedgerCalculator.IsPricedStep(NodeKind.CallActivity, ActorKind.Automated));
        var (set, run) = LedgerRuns.Run(LedgerRuns.Workflow("wohngeldantrag.bpmn"), Start);
        var ledger = LedgerRuns.Price(set, run, FactorSet.Default);
        Assert.True(run.Steps.Count > ledger.Entries.Count);
        Assert.All(ledger.Entries, e => Assert.True(LedgerCalculator.IsPricedStep(e.Kind, e.Actor)));
        Assert.Equal(run.Steps.Where(s => LedgerCalculator.IsPricedStep(s.Kind, s.Actor)).Select(s => s.Sequence), ledger.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public void A_dash_cell_refuses_to_price_instead_of_inventing_a_value()
    {
        var e = Assert.Throws<AccountingException>(() => Price(Node(NodeKind.UserTask, new EffortAnnotation(6, Complexity.Complex, PayLevel.Gehoben, null, null))));
        Assert.Equal("factor-undefined", e.Code);
        Assert.Contains("nicht festgelegt („–“)", e.Message, StringComparison.Ordinal);
        Assert.Equal("effort-incomplete", Assert.Throws<AccountingException>(() => Price(Node(NodeKind.UserTask, new EffortAnnotation(6, null, PayLevel.Gehoben, null, null)))).Code);
        Assert.Throws<ArgumentOutOfRangeException>(() => Price(Node(NodeKind.UserTask, Einkommen), new StepMeasurement(WorkingMinutes: -1m)));
    }

    [Fact]
    public void Steps_are_priced_with_the_factor_version_valid_when_they_ended()
    {
        var node = Node(NodeKind.UserTask, Einkommen);
        var in2026 = LedgerCalculator.Price(Step(node, end: new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.Zero)), node, "7", null, FactorSet.Default, AuthorityType.Kommune);
        // 60 min × 0.09 / 60 = 0.09 kWh × 344 = 30.96 g
        Assert.Equal(30.96m, in2026.Carbon[CarbonComponents.Workplace].CarbonG);
        Assert.Contains(in2026.Factors, f => f.Id == "grid.intensity@2");
    }

    [Fact]
    public void A_connectors_deliveries_are_measured_on_the_entry_and_the_avoided_post_stands_beside_never_netted()
    {
        var service = Node(NodeKind.ServiceTask, automation: null, id: "Mail");
        var e = Price(service, new StepMeasurement(WallSeconds: 0.4m, TransferGigabytes: 0.00002m, EmailsSent: 2m, LettersAvoided: 2m, PdfPages: 3m));
        var letter = FactorSet.Default.Get(FactorKeys.PostLetter, Start.AddMinutes(90)).Value;
        Assert.Equal(new DeliveryFigure(2m, 2m, 3m, 2m * letter), e.Deliveries);
        Assert.Equal(0.00002m, e.TransferGigabytes);
        Assert.Contains(e.Factors, f => f.Key == FactorKeys.PostLetter);
        // Avoided emissions are never subtracted: the footprint's post component stays 0, the transfer is priced as compute.
        Assert.Equal(0m, e.Carbon[CarbonComponents.Post].CarbonG);
        Assert.True(e.Carbon[CarbonComponents.Compute].CarbonG > 0);
        Assert.True(e.Carbon.SciG >= 0);

        var plain = Price(service, new StepMeasurement(WallSeconds: 0.4m));
        Assert.Equal(DeliveryFigure.None, plain.Deliveries);
        Assert.DoesNotContain(plain.Factors, f => f.Key == FactorKeys.PostLetter);
        Assert.Equal(e.Deliveries.Plus(e.Deliveries), LedgerTotals.Of([e, plain, e]).Deliveries);
    }

    [Fact]
    public void A_negative_delivery_count_is_a_host_bug_and_is_refused()
    {
        var service = Node(NodeKind.ServiceTask, id: "Mail");
        Assert.Throws<ArgumentOutOfRangeException>(() => Price(service, new StepMeasurement(EmailsSent: -1m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Price(service, new StepMeasurement(LettersAvoided: -1m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Price(service, new StepMeasurement(PdfPages: -0.5m)));
    }
}
