using System.Globalization;
using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Automation.Server.Features.Dashboards;

/// <summary>A bar series of a stacked bar chart.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Values">One value per category.</param>
internal sealed record ChartSeries(string Label, IReadOnlyList<double> Values);

/// <summary>
/// Every chart of the server, drawn with ScottPlot on the server: SVG for pages, PNG for workbooks. Axis ticks use
/// German number formats and month names. ScottPlot draws no text at all when the machine has no fonts (Debian:
/// fonts-dejavu-core), which ChartTests checks.
/// </summary>
internal static class Charts
{
    /// <summary>de-DE.</summary>
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Default size of charts in pages and workbooks.</summary>
    public const int Width = 720, Height = 360;

    /// <summary>Tick format unless a chart asks for a fixed number of decimals.</summary>
    public const string DefaultFormat = "#,##0.##";

    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>A line per series over the months of a period (null values leave a gap).</summary>
    public static Plot Trend(string title, string yLabel, IReadOnlyList<ReportMonth> months, IReadOnlyList<(string Label, IReadOnlyList<double?> Values)> series)
    {
        var plot = New(title, yLabel);
        for (var s = 0; s < series.Count; s++)
        {
            var points = series[s].Values.Select((v, i) => (X: (double)i, Y: v)).Where(p => p.Y is not null).ToList();
            if (points.Count == 0) continue;
            var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray(), Palette.GetColor(s));
            scatter.LineWidth = 2;
            scatter.MarkerSize = 6;
            scatter.LegendText = series[s].Label;
        }
        MonthTicks(plot, months);
        if (series.Count > 1) plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Margins(0.05, 0.1);
        return plot;
    }

    /// <summary>One bar per category.</summary>
    public static Plot Bars(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<double> values)
    {
        var plot = New(title, yLabel);
        var bars = values.Select((v, i) => new Bar { Position = i, Value = v, FillColor = Palette.GetColor(0) }).ToList();
        plot.Add.Bars(bars);
        CategoryTicks(plot, categories);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>Lines over a numeric x axis, one per series (e.g. a distribution per scenario).</summary>
    public static Plot Lines(string title, string xLabel, string yLabel, IReadOnlyList<(string Label, double[] Xs, double[] Ys)> series,
        string xFormat = DefaultFormat, string yFormat = DefaultFormat)
    {
        var plot = New(title, yLabel, yFormat);
        plot.XLabel(xLabel);
        for (var s = 0; s < series.Count; s++)
        {
            var line = plot.Add.ScatterLine(series[s].Xs, series[s].Ys, Palette.GetColor(s));
            line.LineWidth = 2;
            line.LegendText = series[s].Label;
        }
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = v => v.ToString(xFormat, German) };
        if (series.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Stacked bars: one stack per category, one colour per series.</summary>
    public static Plot StackedBars(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series,
        string yFormat = DefaultFormat)
    {
        var plot = New(title, yLabel, yFormat);
        var bars = new List<Bar>();
        for (var c = 0; c < categories.Count; c++)
        {
            var bottom = 0d;
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[c];
                bars.Add(new Bar { Position = c, ValueBase = bottom, Value = bottom + v, FillColor = Palette.GetColor(s) });
                bottom += v;
            }
        }
        plot.Add.Bars(bars);
        for (var s = 0; s < series.Count; s++) plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Label, FillColor = Palette.GetColor(s) });
        plot.ShowLegend(Alignment.UpperRight);
        CategoryTicks(plot, categories);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    /// <summary>Box plots (whiskers min–max, box 25–75 %, line at the median) per category.</summary>
    public static Plot BoxPlots(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<Quantiles> values, double scale)
    {
        var plot = New(title, yLabel);
        var boxes = values.Select((q, i) => new Box
        {
            Position = i,
            WhiskerMin = q.Min / scale,
            BoxMin = q.P25 / scale,
            BoxMiddle = q.Median / scale,
            BoxMax = q.P75 / scale,
            WhiskerMax = q.Max / scale,
        }).ToList();
        plot.Add.Boxes(boxes);
        CategoryTicks(plot, categories);
        return plot;
    }

    /// <summary>SVG for a page, without the XML declaration so it can stand inline in HTML.</summary>
    public static string Svg(Plot plot, int width = Width, int height = Height)
    {
        ServerMetrics.Charts.Add(1, new KeyValuePair<string, object?>("format", "svg"));
        var svg = plot.GetSvgXml(width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    /// <summary>PNG for a workbook.</summary>
    public static byte[] Png(Plot plot, int width = Width, int height = Height)
    {
        ServerMetrics.Charts.Add(1, new KeyValuePair<string, object?>("format", "png"));
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static Plot New(string title, string yLabel, string yFormat = DefaultFormat)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = v => v.ToString(yFormat, German) };
        return plot;
    }

    private static void MonthTicks(Plot plot, IReadOnlyList<ReportMonth> months)
    {
        // At most about twelve labels, so long periods stay legible.
        var step = Math.Max(1, (int)Math.Ceiling(months.Count / 12d));
        var ticks = months.Where(m => m.Index % step == 0).ToList();
        plot.Axes.Bottom.TickGenerator = new NumericManual(ticks.Select(m => (double)m.Index).ToArray(),
            ticks.Select(m => m.FirstDay.ToString("MMM yyyy", German)).ToArray());
    }

    private static void CategoryTicks(Plot plot, IReadOnlyList<string> categories)
    {
        plot.Axes.Bottom.TickGenerator = new NumericManual(categories.Select((_, i) => (double)i).ToArray(),
            categories.Select(c => c.Length > 28 ? c[..27] + "…" : c).ToArray());
        if (categories.Count > 4)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }
    }
}
