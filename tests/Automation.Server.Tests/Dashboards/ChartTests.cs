using Automation.Data.Reports;
using Automation.Server.Features.Dashboards;
using SkiaSharp;

namespace Automation.Server.Tests.Dashboards;

public sealed class ChartTests
{
    private static readonly ReportPeriod Period = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));

    private static int Differing(byte[] a, byte[] b)
    {
        using var x = SKBitmap.Decode(a);
        using var y = SKBitmap.Decode(b);
        Assert.Equal(x.Width, y.Width);
        var count = 0;
        for (var i = 0; i < x.Width; i++)
        {
            for (var j = 0; j < x.Height; j++)
            {
                if (x.GetPixel(i, j) != y.GetPixel(i, j)) count++;
            }
        }
        return count;
    }

    private static ScottPlot.Plot Trend(string title, string yLabel, bool monthTicks = true)
    {
        var plot = Charts.Trend(title, yLabel, Period.Months, [("Anzahl", [1, 2, 3, 4, 5, 6])]);
        if (!monthTicks) plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        return plot;
    }

    [Fact]
    public void Title_axis_label_and_month_ticks_are_drawn_as_text()
    {
        // Without fonts ScottPlot silently draws no text: then these images would not differ.
        var full = Charts.Png(Trend("Vorgänge je Monat", "Anzahl"));
        var noTitle = Charts.Png(Trend("", "Anzahl"));
        var noLabel = Charts.Png(Trend("Vorgänge je Monat", ""));
        var noTicks = Charts.Png(Trend("Vorgänge je Monat", "Anzahl", monthTicks: false));
        Assert.True(Differing(full, noTitle) > 200, "title not drawn");
        Assert.True(Differing(full, noLabel) > 100, "axis label not drawn");
        Assert.True(Differing(full, noTicks) > 200, "month tick labels not drawn");
    }

    [Fact]
    public void Svg_carries_the_title_and_German_month_and_number_labels()
    {
        var svg = Charts.Svg(Charts.Trend("Vorgänge je Monat", "Anzahl", Period.Months, [("Anzahl", [1200.5, 2, 3, 4, 5, 6])]));
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("Vorgänge je Monat", svg, StringComparison.Ordinal);
        Assert.Contains("Jan 2026", svg, StringComparison.Ordinal);
        Assert.Contains("1.200", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Bars_stacks_and_box_plots_render_with_their_category_labels()
    {
        var stacked = Charts.Svg(Charts.StackedBars("Emissionen nach Komponente", "g CO₂e", ["Prüfen", "Bescheid"],
            [new ChartSeries("Arbeitsplatz", [10, 20]), new ChartSeries("KI", [1, 2])]));
        Assert.Contains("Prüfen", stacked, StringComparison.Ordinal);
        Assert.Contains("Arbeitsplatz", stacked, StringComparison.Ordinal);
        var boxes = Charts.Png(Charts.BoxPlots("Durchlaufzeiten", "Tage", ["Jan. 2026"], [new Quantiles(10, 1, 2, 3, 4, 5, 6, 30)], 1));
        Assert.True(boxes.Length > 1000);
    }
}
