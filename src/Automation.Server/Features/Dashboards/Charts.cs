using System.Globalization;
using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using ScottPlot;
using ScottPlot.TickGenerators;
using Automation.Engine.Texts;

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
internal static partial class Charts
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
        return MarkEmpty(plot, series.All(s => s.Values.All(v => v is null)));
    }

    /// <summary>One bar per category.</summary>
    public static Plot Bars(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<double> values)
    {
        var plot = New(title, yLabel);
        var bars = values.Select((v, i) => new Bar { Position = i, Value = v, FillColor = Palette.GetColor(0) }).ToList();
        plot.Add.Bars(bars);
        CategoryTicks(plot, categories);
        plot.Axes.Margins(bottom: 0);
        return MarkEmpty(plot, values.Count == 0);
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
        return MarkEmpty(plot, series.All(s => s.Xs.Length == 0));
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
        return MarkEmpty(plot, categories.Count == 0 || series.Count == 0);
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
        return MarkEmpty(plot, values.Count == 0);
    }

    /// <summary>Text of a chart without data points, instead of empty axes.</summary>
    public static string NoData => Texte.WirkungKeineDaten;

    /// <summary>
    /// SVG for a page, without the XML declaration so it can stand inline in HTML. It scales to its box (viewBox,
    /// width 100 %); a chart without data points is its title and "keine Daten" instead of axes around nothing.
    /// </summary>
    public static string Svg(Plot plot, int width = Width, int height = Height)
    {
        ServerMetrics.Charts.Add(1, new KeyValuePair<string, object?>("format", "svg"));
        if (!Prepare(plot))
        {
            var title = System.Security.SecurityElement.Escape(plot.Axes.Title.Label.Text);
            return string.Create(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 90" width="100%" class="no-data"><text x="{width / 2}" y="32" text-anchor="middle" font-family="sans-serif" font-size="16" font-weight="bold">{title}</text><text x="{width / 2}" y="66" text-anchor="middle" font-family="sans-serif" font-size="15">{NoData}</text></svg>""");
        }
        var svg = plot.GetSvgXml(width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = start > 0 ? svg[start..] : svg;
        var end = svg.IndexOf('>', StringComparison.Ordinal);
        // Fixed pixel sizes would cut the chart off in a narrower box and leave it small in a wider one.
        var tag = SizeAttribute().Replace(svg[..end], "");
        if (!tag.Contains("viewBox", StringComparison.Ordinal)) tag += string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width} {height}\"");
        return tag + " width=\"100%\" preserveAspectRatio=\"xMidYMid meet\"" + svg[end..];
    }

    /// <summary>PNG for a workbook; without data points it says so instead of drawing negative axes.</summary>
    public static byte[] Png(Plot plot, int width = Width, int height = Height)
    {
        ServerMetrics.Charts.Add(1, new KeyValuePair<string, object?>("format", "png"));
        if (!Prepare(plot))
        {
            plot.Add.Annotation(NoData, Alignment.MiddleCenter);
            plot.Axes.SetLimits(0, 1, 0, 1);
            plot.Axes.Left.TickGenerator = new NumericManual();
            plot.Axes.Bottom.TickGenerator = new NumericManual();
        }
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>
    /// Fixes the axes before drawing: every figure charted (cases, hours, minutes, days, CO₂e, shares) is never
    /// negative, so the value axis starts at 0 and a numeric x axis too. False when there is nothing to draw.
    /// </summary>
    private static bool Prepare(Plot plot)
    {
        if (Empty.TryGetValue(plot, out _)) return false;
        plot.Axes.AutoScale();
        var shown = plot.Axes.GetLimits();
        if (!double.IsFinite(shown.Bottom) || !double.IsFinite(shown.Top) || !double.IsFinite(shown.Left)) return true;
        if (shown.Bottom < 0) plot.Axes.SetLimitsY(0, shown.Top > 0 ? shown.Top : 1);
        // Month and category axes label their own positions; only a numeric axis could show a negative number.
        if (shown.Left < 0 && plot.Axes.Bottom.TickGenerator is NumericAutomatic) plot.Axes.SetLimitsX(0, shown.Right > 0 ? shown.Right : 1);
        return true;
    }

    /// <summary>Plots built without a single data point (marked by the builders, which know their input).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Plot, object> Empty = [];

    private static Plot MarkEmpty(Plot plot, bool empty)
    {
        if (empty) Empty.AddOrUpdate(plot, NoData);
        return plot;
    }

    [System.Text.RegularExpressions.GeneratedRegex("\\s(width|height)=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex SizeAttribute();

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
