using Automation.Engine.Simulation;
using Automation.Engine.Texts;
using Automation.Server.Features.Dashboards;

namespace Automation.Server.Features.Simulation;

/// <summary>
/// The charts of a simulation report, drawn by <see cref="Charts"/>: lead-time distribution, staff hours by occupation
/// and carbon by component, one line or stack per variant. Every title says it is a forecast.
/// </summary>
internal static class SimulationCharts
{
    /// <summary>Share of completed cases per lead-time bin, one line per variant.</summary>
    public static string LeadTime(SimulationReport report)
    {
        var series = report.Variants.Select(v => (v.Name,
            Enumerable.Range(0, v.LeadTimeHistogram.Count).Select(i => (i + 0.5) * report.LeadTimeBinDays).ToArray(),
            v.LeadTimeHistogram.Select(share => share * 100).ToArray())).ToList();
        return Charts.Svg(Charts.Lines("Durchlaufzeit – Verteilung (Simulation, Prognose)", "Durchlaufzeit in Kalendertagen", Texte.ServerAnteilDerFaelle,
            series, xFormat: "N0", yFormat: "N1"));
    }

    /// <summary>Staff hours per completed case, stacked by occupation, one bar per variant.</summary>
    public static string StaffHours(SimulationReport report)
    {
        var occupations = report.Variants.SelectMany(v => v.StaffByOccupation.Select(o => o.Occupation)).Distinct().Order(StringComparer.Ordinal).ToList();
        var series = occupations.Select(o => new ChartSeries("KldB " + o,
            report.Variants.Select(v => v.StaffByOccupation.FirstOrDefault(x => x.Occupation == o)?.HoursPerCase.Mean ?? 0).ToList())).ToList();
        return Charts.Svg(Charts.StackedBars("Personalstunden je Fall nach Beruf (Simulation, Prognose)", "Stunden je abgeschlossenem Fall",
            VariantNames(report), series, yFormat: "N2"));
    }

    /// <summary>gCO2e per completed case, stacked by component, one bar per variant.</summary>
    public static string Carbon(SimulationReport report)
    {
        var series = report.Variants[0].Carbon.Select(c => new ChartSeries(ComponentName(c.Component),
            report.Variants.Select(v => v.Carbon.First(x => x.Component == c.Component).GramsPerCase.Mean).ToList())).ToList();
        return Charts.Svg(Charts.StackedBars("CO₂e je Fall nach Komponente (Simulation, Prognose)", "g CO₂e je abgeschlossenem Fall",
            VariantNames(report), series, yFormat: "N1"));
    }

    /// <summary>German name of a carbon component.</summary>
    public static string ComponentName(string component) => Engine.Accounting.CarbonComponents.Find(component)?.Label ?? component;

    private static List<string> VariantNames(SimulationReport report) => report.Variants.Select(v => v.Name).ToList();
}
