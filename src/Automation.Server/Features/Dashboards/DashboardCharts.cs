using Automation.Data.Reports;
using Automation.Engine.Accounting;
using Automation.Engine.Texts;

namespace Automation.Server.Features.Dashboards;

/// <summary>A chart for a page: title (for the text alternative) and SVG.</summary>
/// <param name="Title">Title.</param>
/// <param name="Svg">SVG markup.</param>
internal sealed record ChartView(string Title, string Svg);

/// <summary>
/// The dashboards' charts, drawn only for the pages and the workbook that show them; the API returns figures only,
/// so an API call never pays for ScottPlot.
/// </summary>
internal static class DashboardCharts
{
    /// <summary>Milliseconds per day: lead times are charted in days.</summary>
    public const double MsPerDay = 86_400_000d;

    /// <summary>Completed cases, staff hours, kg CO2e and median lead time per month.</summary>
    public static IReadOnlyList<ChartView> TrendCharts(ImpactOverview data) =>
    [
        Chart(Charts.Trend(Texte.WirkungVorgaengeJeMonat, Texte.WirkungAnzahl, data.Period.Months,
            [(Texte.WirkungBegonnen, data.Trend.Select(m => (double?)m.Started).ToList()), (Texte.WirkungAbgeschlossen, data.Trend.Select(m => (double?)m.Completed).ToList())])),
        Chart(Charts.Trend(Texte.WirkungStundenJeMonat, Texte.WirkungStunden, data.Period.Months,
            [(Texte.WirkungStunden, data.Trend.Select(m => (double?)m.Figures.StaffHours).ToList())])),
        Chart(Charts.Trend(Texte.WirkungEmissionenJeMonat, Texte.WirkungKgCo2e, data.Period.Months,
            [(Texte.WirkungKgCo2e, data.Trend.Select(m => (double?)(m.Figures.CarbonG / 1000)).ToList())])),
        Chart(Charts.Trend(Texte.WirkungMedianJeMonat, Texte.WirkungTage, data.Period.Months,
            [(Texte.WirkungTage, data.Trend.Select(m => m.LeadTimeMs is { Suppressed: false } q ? (double?)(q.Median / MsPerDay) : null).ToList())])),
    ];

    /// <summary>The process page's charts: the trend, effort and carbon per step, and lead times per month.</summary>
    public static IReadOnlyList<ChartView> ForProcess(ProcessImpact data)
    {
        var charts = TrendCharts(data.Overview).ToList();
        var tasks = data.Nodes.Where(n => n.Figures.Steps > 0).OrderBy(n => n.Name ?? n.NodeId, StringComparer.Ordinal).ToList();
        if (tasks.Count > 0)
        {
            var names = tasks.Select(n => n.Name ?? n.NodeId).ToList();
            charts.Add(Chart(Charts.Bars(Texte.WirkungArbeitszeitJeAusfuehrung, Texte.WirkungMinuten, names,
                tasks.Select(n => n.StaffMinutesPerExecution ?? 0).ToList())));
            charts.Add(Chart(CarbonByComponent(names, tasks.Select(n => (n.Figures, n.Figures.Steps)).ToList())));
        }
        var leads = data.Overview.Trend.Where(m => m.LeadTimeMs is { Suppressed: false }).ToList();
        if (leads.Count > 0)
        {
            charts.Add(Chart(Charts.BoxPlots(Texte.WirkungDurchlaufzeitenAbgeschlossen, Texte.WirkungTage,
                leads.Select(m => m.Month.FirstDay.ToString("MMM yyyy", Charts.German)).ToList(), leads.Select(m => m.LeadTimeMs!).ToList(), MsPerDay)));
        }
        return charts;
    }

    /// <summary>Stacked gCO2e per execution by component.</summary>
    public static ScottPlot.Plot CarbonByComponent(IReadOnlyList<string> names, IReadOnlyList<(LedgerFigures F, long Executions)> groups)
    {
        double Per(Func<LedgerFigures, double> f, (LedgerFigures F, long Executions) g) => g.Executions == 0 ? 0 : f(g.F) / g.Executions;
        return Charts.StackedBars(Texte.WirkungEmissionenJeKomponente, Texte.WirkungGCo2eIndex, names,
            [.. CarbonComponents.Inventory.Select(c => new ChartSeries(c.Label, groups.Select(g => Per(f => f.Carbon[c], g)).ToList()))]);
    }

    private static ChartView Chart(ScottPlot.Plot plot) => new(plot.Axes.Title.Label.Text, Charts.Svg(plot));
}
