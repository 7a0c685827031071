using System.Text.Json;
using Automation.Workforce.Impact;
using Automation.Workforce.Matching;
using Automation.Workforce.Occupations;
using Automation.Workforce.Reporting;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;
using ClosedXML.Excel;

namespace Automation.Workforce.Tests;

public sealed class ReportTests
{
    private static readonly KldbCatalog Catalog = KldbCatalog.Default;

    [Fact]
    public void A_group_of_four_is_suppressed_and_five_is_shown()
    {
        Assert.True(PeopleCell.Of(4).Suppressed);
        Assert.Null(PeopleCell.Of(4).Value);
        Assert.Equal("< 5 •", PeopleCell.Of(1).ToString());
        Assert.Equal(5, PeopleCell.Of(5).Value);
        Assert.False(PeopleCell.Of(0).Suppressed);
    }

    [Fact]
    public void Fte_is_minutes_saved_times_cases_over_1600_hours()
    {
        var before = new VersionTotals(1, "p v1", 10, 100, 50, 300, [new StepTotals("Pruefen", "Antrag prüfen", "Human", "73202", 10, 100, 50, 200)]);
        var after = new VersionTotals(2, "p v2", 10, 0, 0, 50, [new StepTotals("Pruefen", "Antrag prüfen", "Automated", null, 10, 0, 0, 20)]);
        var step = Assert.Single(LedgerComparison.AutomatedSteps("p", before, after, 9600, _ => ["sachbearbeitung"]));
        Assert.Equal(10, step.Impact.MinutesSavedPerCase);
        Assert.Equal(1600, step.Impact.HoursPerYear);
        Assert.Equal(ImpactBasis.Measured, step.Impact.Basis);
        Assert.Equal(-172.8, step.NetKgPerYear, 6); // (2 − 20) g × 9,600 cases / 1,000
        var impact = Assert.Single(ImpactCalculator.ByOccupation([step.Impact], Catalog));
        Assert.Equal(1.0, impact.Fte);
        Assert.Equal(RequirementLevel.Professional, impact.Level);
        Assert.Equal(["sachbearbeitung"], impact.Roles);
    }

    [Fact]
    public void Fewer_than_five_cases_give_no_measured_figure()
    {
        var before = new VersionTotals(1, "p v1", 4, 40, 0, 0, [new StepTotals("S", null, "Human", "73202", 4, 40, 0, 0)]);
        var after = new VersionTotals(2, "p v2", 10, 0, 0, 0, [new StepTotals("S", null, "Automated", null, 10, 0, 0, 0)]);
        Assert.Empty(LedgerComparison.AutomatedSteps("p", before, after, 1000, _ => []));
    }

    [Fact]
    public void Forecasts_stay_apart_from_measured_figures()
    {
        var measured = new StepImpactInput("p", "S", null, "73202", [], 10, 960, ImpactBasis.Measured, "ledger");
        var forecast = measured with { Basis = ImpactBasis.Forecast, Source = "Szenario" };
        var rows = ImpactCalculator.ByOccupation([measured, forecast], Catalog);
        Assert.Equal([ImpactBasis.Measured, ImpactBasis.Forecast], rows.Select(r => r.Basis));
        Assert.All(rows, r => Assert.Equal(0.1, r.Fte, 9));
    }

    private static ReportInput Input(int positionsInSmallOccupation)
    {
        var step = new StepImpactInput("p", "S", "Antrag prüfen", "73202", ["sachbearbeitung"], 10, 9600, ImpactBasis.Measured, "ledger");
        var step2 = step with { NodeId = "T", Occupation = "71402", Roles = ["poststelle"] };
        var step3 = step with { NodeId = "U", Occupation = "73203", Roles = ["fachdienst"] };
        var positions = Enumerable.Range(0, 12).Select(i => new Position($"S{i}", "sachbearbeitung", "73202", "E9a", 39))
            .Concat(Enumerable.Range(0, positionsInSmallOccupation).Select(i => new Position($"P{i}", "poststelle", "71402", "E5", 39)))
            .Concat(Enumerable.Range(0, 7).Select(i => new Position($"F{i}", "fachdienst", "73203", "E11", 39))).ToList();
        var profiles = Enumerable.Range(0, 6).Select(i => new StaffProfile($"geheim-{i}", "73202", ["datenschutz"], 39, true, ["73203"])).ToList();
        var offer = new TrainingOffer("A", "E-Akte kompakt", "Anbieter", ["e-akte"], 160, "online", "online", null, null, [], 1200, "AZAV", FundingEligibility.Eligible, "t");
        var matcher = new OfferMatcher([offer], new MatchOptions(new DateOnly(2026, 1, 1), null, null, new MatchWeights()));
        var required = new Dictionary<string, OccupationSkills>(StringComparer.Ordinal) { ["73203"] = new("73203", ["e-akte", "prozessmanagement"]) };
        var matches = ProfileMatching.ForProfiles(matcher, profiles, required, 5);
        var outcomes = profiles.Take(4).Select(p => new MatchOutcome(p.Id, "A", MatchStatus.Accepted)).ToList();
        var employer = new EmployerInfo("Stadt Musterstadt", "Bürgeramt", 800, "personal@example.org", "Automatisierung", null);
        var comparison = new ProcessComparison("p", new VersionTotals(1, "p v1", 10, 0, 0, 0, []), new VersionTotals(2, "p v2", 10, 0, 0, 0, []),
            [new AutomatedStep(step, "Automated", 5, 1), new AutomatedStep(step2, "Automated", 5, 1), new AutomatedStep(step3, "AiAssisted", 5, 8)]);
        return new ReportInput(employer, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), [comparison], [], positions, profiles, matches, outcomes, [offer]);
    }

    [Fact]
    public void A_group_of_four_never_shows_in_the_report_nor_the_workbook()
    {
        var report = ReportBuilder.Build(Input(4), Catalog, DateTimeOffset.UnixEpoch);
        var small = report.Occupations.Single(o => o.Occupation == "71402");
        Assert.True(small.Headcount.Suppressed);
        Assert.Null(small.Fte);
        // The next smallest group is suppressed too, so the total cannot reveal the four.
        var next = report.Occupations.Single(o => o.Occupation == "73203");
        Assert.True(next.Headcount.Suppressed);
        Assert.Equal(12, report.Occupations.Single(o => o.Occupation == "73202").Headcount.Value);
        var plan = Assert.Single(report.Plan);
        Assert.True(plan.Proposed.Suppressed);
        Assert.True(plan.Accepted.Suppressed);
        Assert.Equal(75, plan.EmployerSharePercent);
        Assert.True(report.AnySuppressed);

        using var workbook = new XLWorkbook(new MemoryStream(ReportWorkbook.Write(report)));
        var sheet = workbook.Worksheet("Berufe");
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "71402");
        Assert.Equal("•", row.Cell(5).GetString());
        Assert.Equal("•", row.Cell(6).GetString());
        var values = workbook.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => c.GetString()).ToList();
        Assert.DoesNotContain(values, v => v == "4");
    }

    [Fact]
    public void No_pseudonymous_id_reaches_the_report()
    {
        var report = ReportBuilder.Build(Input(5), Catalog, DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain("geheim-", JsonSerializer.Serialize(report), StringComparison.Ordinal);
        using var workbook = new XLWorkbook(new MemoryStream(ReportWorkbook.Write(report)));
        Assert.DoesNotContain(workbook.Worksheets.SelectMany(s => s.CellsUsed()), c => c.GetString().Contains("geheim-", StringComparison.Ordinal));
        var need = report.Needs.Single(n => n.Skill == "e-akte");
        Assert.Equal(6, need.People.Value);
        Assert.Equal(5, report.Occupations.Single(o => o.Occupation == "71402").Headcount.Value);
    }

    [Fact]
    public void A_stored_forecast_is_its_own_labelled_section_never_summed_with_measured_rows()
    {
        // The same occupation is affected measured (1 FTE) and in a forecast (0.5 FTE): two figures, no 1.5 anywhere.
        var steps = new List<StepImpactInput> { new("p", "S", "Antrag prüfen", "73202", ["sachbearbeitung"], 5, 9600, ImpactBasis.Forecast, "Simulation") };
        var forecast = new SimulationForecast(7, "p", 2, 3, "Prüfen automatisiert", "Studie", 42, 1000, 5, 9600, DateTimeOffset.UnixEpoch, "leitung", steps);
        var report = ReportBuilder.Build(Input(5) with { Forecasts = [forecast] }, Catalog, DateTimeOffset.UnixEpoch);
        Assert.All(report.Occupations, o => Assert.Equal(ImpactBasis.Measured, o.Basis));
        Assert.Equal(1.0, report.Occupations.Single(o => o.Occupation == "73202").Fte!.Value, 9);
        var section = Assert.Single(report.Forecasts);
        var row = Assert.Single(section.Occupations);
        Assert.Equal(ImpactBasis.Forecast, row.Basis);
        Assert.Equal(0.5, row.Fte!.Value, 9);
        Assert.Equal(12, row.Headcount.Value);
        Assert.Contains(report.Sources, s => s.StartsWith(SimulationForecast.Label, StringComparison.Ordinal));
        Assert.Contains("Seed 42", forecast.Description, StringComparison.Ordinal);

        using var workbook = new XLWorkbook(new MemoryStream(ReportWorkbook.Write(report)));
        Assert.DoesNotContain(workbook.Worksheet("Berufe").CellsUsed(), c => c.GetString() == SimulationForecast.Label);
        var sheet = workbook.Worksheet("Prognose (Simulation)");
        var texts = sheet.CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains(texts, t => t.Contains("Szenario „Prüfen automatisiert“", StringComparison.Ordinal));
        var occupationRow = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "73202");
        Assert.Equal(SimulationForecast.Label, occupationRow.Cell(4).GetString());
        Assert.Equal(0.5, occupationRow.Cell(5).GetDouble(), 9);
    }
}
