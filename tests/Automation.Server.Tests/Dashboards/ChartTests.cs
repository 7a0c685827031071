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
    [Fact]
    public void Svg_scales_to_its_box_with_a_viewbox_instead_of_fixed_pixels()
    {
        var svg = Charts.Svg(Trend("Vorgänge je Monat", "Anzahl"));
        var tag = svg[..svg.IndexOf('>', StringComparison.Ordinal)];
        Assert.Contains($"viewBox=\"0 0 {Charts.Width} {Charts.Height}\"", tag, StringComparison.Ordinal);
        Assert.Contains("width=\"100%\"", tag, StringComparison.Ordinal);
        Assert.DoesNotContain($"width=\"{Charts.Width}\"", tag, StringComparison.Ordinal);
        Assert.DoesNotContain("height=", tag, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_without_data_points_says_keine_Daten_instead_of_drawing_axes()
    {
        var leadTimes = Charts.Svg(Charts.Trend("Median der Durchlaufzeit je Monat", "Tage", Period.Months, [("Tage", [null, null, null, null, null, null])]));
        Assert.Contains("keine Daten", leadTimes, StringComparison.Ordinal);
        Assert.Contains("Median der Durchlaufzeit je Monat", leadTimes, StringComparison.Ordinal);
        Assert.DoesNotContain("Tage<", leadTimes, StringComparison.Ordinal);
        Assert.DoesNotContain("−", leadTimes, StringComparison.Ordinal);
        Assert.Contains("keine Daten", Charts.Svg(Charts.Bars("Arbeitszeit je Ausführung nach Schritt", "Minuten", [], [])), StringComparison.Ordinal);
        Assert.Contains("keine Daten", Charts.Svg(Charts.BoxPlots("Durchlaufzeiten", "Tage", [], [], 1)), StringComparison.Ordinal);
        Assert.Contains("keine Daten", Charts.Svg(Charts.Lines("Verteilung", "Tage", "%", [("A", [], [])])), StringComparison.Ordinal);
        // A workbook picture without data is still a picture, not an exception.
        Assert.NotEmpty(Charts.Png(Charts.Trend("Median der Durchlaufzeit je Monat", "Tage", Period.Months, [("Tage", [null, null, null, null, null, null])])));
    }

    [Fact]
    public void Axes_of_zero_or_small_figures_never_show_negative_values()
    {
        static IEnumerable<string> Labels(string svg) =>
            System.Text.RegularExpressions.Regex.Matches(svg, ">([^<>]*)</text>").Select(m => m.Groups[1].Value.Trim());
        var zeros = Charts.Svg(Charts.Trend("Vorgänge je Monat", "Anzahl", Period.Months, [("Anzahl", [0, 0, 0, 0, 0, 0])]));
        var small = Charts.Svg(Charts.Lines("Durchlaufzeit", "Tage", "%", [("A", [0, 1, 2], [0, 50, 0])]));
        var bars = Charts.Svg(Charts.Bars("Minuten", "Minuten", ["Prüfen"], [0]));
        foreach (var svg in new[] { zeros, small, bars })
        {
            Assert.DoesNotContain(Labels(svg), l => l.StartsWith('-') || l.StartsWith('−'));
            Assert.Contains(Labels(svg), l => l == "0");
        }
    }
}
