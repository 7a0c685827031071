using System.Globalization;
using Automation.Engine.Simulation;
using ScottPlot;

namespace Automation.Server.Features.Simulation;

/// <summary>
/// Server-rendered SVG charts of a simulation report (ScottPlot): lead-time distribution, staff hours by
/// occupation and carbon by component, one series or bar per variant. German number format; every chart title
/// says it is a forecast. Text needs fonts under /usr/share/fonts (DejaVu), see docs/operator-guide.md.
/// </summary>
internal static class SimulationCharts
{
    private const int Width = 760;
    private const int Height = 360;
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f4e79"), Color.FromHex("#c55a11"), Color.FromHex("#548235"), Color.FromHex("#7030a0"),
        Color.FromHex("#bf9000"), Color.FromHex("#2e75b6"), Color.FromHex("#a5a5a5"), Color.FromHex("#833c0b"),
    ];

    /// <summary>Share of completed cases per lead-time bin, one line per variant.</summary>
    public static string LeadTime(SimulationReport report)
    {
        var plot = NewPlot("Durchlaufzeit – Verteilung (Simulation, Prognose)", "Durchlaufzeit in Kalendertagen", "Anteil der Fälle in %");
        for (var v = 0; v < report.Variants.Count; v++)
        {
            var variant = report.Variants[v];
            var xs = Enumerable.Range(0, variant.LeadTimeHistogram.Count).Select(i => (i + 0.5) * report.LeadTimeBinDays).ToArray();
            var ys = variant.LeadTimeHistogram.Select(s => s * 100).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, Palette[v % Palette.Length]);
            line.LineWidth = 2;
            line.LegendText = variant.Name;
        }
        Format(plot, "N0", "N1");
        return Render(plot);
    }

    /// <summary>Staff hours per completed case, stacked by occupation, one bar per variant.</summary>
    public static string StaffHours(SimulationReport report)
    {
        var plot = NewPlot("Personalstunden je Fall nach Beruf (Simulation, Prognose)", "", "Stunden je abgeschlossenem Fall");
        var occupations = report.Variants.SelectMany(v => v.StaffByOccupation.Select(o => o.Occupation)).Distinct().Order(StringComparer.Ordinal).ToList();
        Stacked(plot, report, occupations, (v, o) => v.StaffByOccupation.FirstOrDefault(x => x.Occupation == o)?.HoursPerCase.Mean ?? 0,
            o => "KldB " + o);
        Format(plot, null, "N2");
        return Render(plot);
    }

    /// <summary>gCO2e per completed case, stacked by component, one bar per variant.</summary>
    public static string Carbon(SimulationReport report)
    {
        var plot = NewPlot("CO₂e je Fall nach Komponente (Simulation, Prognose)", "", "g CO₂e je abgeschlossenem Fall");
        var components = report.Variants[0].Carbon.Select(c => c.Component).ToList();
        Stacked(plot, report, components, (v, c) => v.Carbon.First(x => x.Component == c).GramsPerCase.Mean, ComponentName);
        Format(plot, null, "N1");
        return Render(plot);
    }

    /// <summary>German name of a carbon component.</summary>
    public static string ComponentName(string component) => component switch
    {
        "workplace" => "Arbeitsplatz",
        "compute" => "Rechenleistung",
        "aiInference" => "KI-Inferenz",
        "embodied" => "Herstellung (Server)",
        "paper" => "Papier",
        "post" => "Post",
        "citizenTrips" => "Wege der Bürger",
        _ => component,
    };

    private static void Stacked(Plot plot, SimulationReport report, List<string> series, Func<VariantResult, string, double> value, Func<string, string> label)
    {
        var bases = new double[report.Variants.Count];
        for (var s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (var v = 0; v < report.Variants.Count; v++)
            {
                var y = value(report.Variants[v], series[s]);
                bars.Add(new Bar { Position = v, ValueBase = bases[v], Value = bases[v] + y, FillColor = Palette[s % Palette.Length] });
                bases[v] += y;
            }
            var plotted = plot.Add.Bars(bars);
            plotted.LegendText = label(series[s]);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, report.Variants.Count).Select(i => (double)i)], [.. report.Variants.Select(v => v.Name)]);
        plot.Axes.Margins(bottom: 0);
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, size: 15);
        if (x.Length > 0) plot.XLabel(x, size: 13);
        plot.YLabel(y, size: 13);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        return plot;
    }

    private static void Format(Plot plot, string? xFormat, string yFormat)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString(yFormat, German) };
        if (xFormat is not null)
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString(xFormat, German) };
    }

    private static string Render(Plot plot) => plot.GetSvgXml(Width, Height);
}
