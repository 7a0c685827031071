using Automation.Engine.Accounting;

namespace Automation.Engine.Tests.Accounting;

public sealed class RecomputationTests
{
    private static readonly DateTimeOffset CaseDay = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The default set with grid.intensity@1 at 353 g/kWh (the 2024 figure of Climate Change 16/2026) instead of 363.</summary>
    private static FactorSet Revised()
    {
        var path = Path.Combine(LedgerRuns.RepoRoot, "src", "Automation.Engine", "Accounting", "Data", "factors-de-2025.json");
        var json = File.ReadAllText(path).Replace("\"value\": 363,", "\"value\": 353,", StringComparison.Ordinal)
            .Replace("\"name\": \"de-2025\"", "\"name\": \"de-2025-revised\"", StringComparison.Ordinal);
        return FactorSet.Parse(json);
    }

    [Fact]
    public void Recomputing_history_reports_old_and_new_per_entry_and_in_total_and_changes_nothing_recorded()
    {
        var (set, run) = LedgerRuns.Run(LedgerRuns.Workflow("wohngeldantrag.bpmn"), CaseDay);
        var recorded = LedgerRuns.Price(set, run, FactorSet.Default).Entries;
        var report = LedgerRecomputation.Recompute(recorded, Revised());

        Assert.Equal("de-2025-revised", report.FactorSetName);
        Assert.Equal(recorded.Count, report.Entries.Count);
        var change = Assert.Single(report.ChangedFactors);
        Assert.Equal(("grid.intensity", 363m, 353m), (change.Key, change.Old!.Value, change.New!.Value));

        // Einkommen prüfen: 90 Wh × 363 = 32.67 g before, × 353 = 31.77 g after.
        var einkommen = report.Entries.Single(e => e.Old.NodeId == "Task_EinkommenPruefen");
        Assert.Equal((32.67m, 31.77m), (einkommen.Old.Carbon[CarbonComponents.Workplace].CarbonG, einkommen.New.Carbon[CarbonComponents.Workplace].CarbonG));
        Assert.Equal(-0.9m, einkommen.SciCarbonDeltaG);
        Assert.Equal(0m, einkommen.LabourCostDeltaEur);
        Assert.Equal("de-2025", einkommen.Old.FactorSetName);
        Assert.Equal("de-2025-revised", einkommen.New.FactorSetName);

        // Case: E = 415.500373604… Wh; 10 g/kWh less: −4.155003736… g; 326.47 → 322.31 g (the devices' share has no electricity).
        Assert.Equal(326.47m, LedgerRounding.Hundredths(report.OldTotals.Carbon.SciG));
        Assert.Equal(322.31m, LedgerRounding.Hundredths(report.NewTotals.Carbon.SciG));
        Assert.True(Math.Abs(report.NewTotals.Carbon.SciG - report.OldTotals.Carbon.SciG + 4.155003736042m) < 0.000000001m);
        Assert.Equal(report.OldTotals.LabourCostEur, report.NewTotals.LabourCostEur);

        // Recorded entries keep their factor version and value.
        Assert.All(recorded, e => Assert.DoesNotContain(e.Factors, f => f.Key == "grid.intensity" && f.Value != 363m));
    }

    [Fact]
    public void Recomputing_under_another_authority_type_reprices_labour_only()
    {
        var (set, run) = LedgerRuns.Run(LedgerRuns.Workflow("wohngeldantrag.bpmn"), CaseDay);
        var recorded = LedgerRuns.Price(set, run, FactorSet.Default).Entries;
        var report = LedgerRecomputation.Recompute(recorded, FactorSet.Default, AuthorityType.Land);
        // Land: 5 × 30.50 / 60 + 272 × 43.20 / 60 = 2.541666… + 195.84 = 198.381666… €
        Assert.Equal(198.38m, LedgerRounding.Euros(report.NewTotals.LabourCostEur));
        Assert.Equal(report.OldTotals.Carbon.SciG, report.NewTotals.Carbon.SciG);
        Assert.Contains(report.ChangedFactors, c => c.Key == "lohnkosten.kommune.gehoben" && c.New is null);
        Assert.Contains(report.ChangedFactors, c => c.Key == "lohnkosten.land.gehoben" && c.Old is null && c.New!.Value == 43.20m);
    }
}
