using System.Globalization;
using System.Text.Json;
using Automation.Data.Reports;
using Automation.Engine.Accounting;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Dashboards;

/// <summary>Reads the report period from query parameters; every mistake names the parameter.</summary>
internal static class PeriodInput
{
    /// <summary>
    /// Parses from/to (yyyy-MM-dd, both inclusive). Without them: the twelve months up to today (the current month
    /// and the eleven before it).
    /// </summary>
    /// <exception cref="BadInputException">Malformed date, end before start, or longer than ten years.</exception>
    public static ReportPeriod Parse(string? from, string? to, DateOnly today)
    {
        var end = string.IsNullOrWhiteSpace(to) ? today : Date("to", to);
        var start = string.IsNullOrWhiteSpace(from) ? new DateOnly(end.Year, end.Month, 1).AddMonths(-11) : Date("from", from);
        if (end < start) throw new BadInputException("to", $"Das Ende des Zeitraums (to={end:yyyy-MM-dd}) liegt vor dem Anfang (from={start:yyyy-MM-dd}).");
        if (end > start.AddYears(ReportPeriod.MaxYears))
        {
            throw new BadInputException("to", $"Der Zeitraum from={start:yyyy-MM-dd} bis to={end:yyyy-MM-dd} ist länger als {ReportPeriod.MaxYears} Jahre.");
        }
        return new ReportPeriod(start, end);
    }

    /// <summary>Today in Europe/Berlin.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ReportPeriod.Zone).DateTime);

    private static DateOnly Date(string name, string value) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new BadInputException(name, $"Der Parameter {name}='{value}' ist kein Datum im Format JJJJ-MM-TT.");
}

/// <summary>A chart for a page: title (for the text alternative) and SVG.</summary>
/// <param name="Title">Title.</param>
/// <param name="Svg">SVG markup.</param>
internal sealed record ChartView(string Title, string Svg);

/// <summary>The overview page's data.</summary>
/// <param name="Data">Figures.</param>
/// <param name="Charts">Charts.</param>
internal sealed record OverviewView(ImpactOverview Data, IReadOnlyList<ChartView> Charts);

/// <summary>The process page's data.</summary>
/// <param name="Data">Figures.</param>
/// <param name="BpmnXml">Diagram source of the newest version (null when not BPMN).</param>
/// <param name="HeatmapJson">Per-node metrics for the heatmap script.</param>
/// <param name="Charts">Charts.</param>
internal sealed record ProcessView(ProcessImpact Data, string? BpmnXml, string HeatmapJson, IReadOnlyList<ChartView> Charts);

internal sealed record GetOverview(ReportPeriod Period) : IRequest<OverviewView>;
internal sealed record GetProcessImpact(ReportPeriod Period, string ProcessId) : IRequest<ProcessView>;

internal sealed class DashboardHandlers(WorkflowHostAccessor accessor) :
    IRequestHandler<GetOverview, OverviewView>,
    IRequestHandler<GetProcessImpact, ProcessView>
{
    public const double MsPerDay = 86_400_000d;

    public async ValueTask<OverviewView> Handle(GetOverview request, CancellationToken cancellationToken)
    {
        var data = await new ImpactQueries(accessor.Host.Database).OverviewAsync(request.Period, ct: cancellationToken);
        return new OverviewView(data, TrendCharts(data));
    }

    public async ValueTask<ProcessView> Handle(GetProcessImpact request, CancellationToken cancellationToken)
    {
        var queries = new ImpactQueries(accessor.Host.Database);
        await EnsureProcessAsync(queries, request.ProcessId, cancellationToken);
        var data = await queries.ProcessAsync(request.Period, request.ProcessId, cancellationToken);
        await using var context = accessor.Host.Database.CreateContext();
        var source = await context.Definitions.AsNoTracking().Where(d => d.ProcessId == request.ProcessId).OrderByDescending(d => d.Version)
            .Select(d => new { d.Format, d.SourceText }).FirstAsync(cancellationToken);
        var charts = TrendCharts(data.Overview).ToList();
        var tasks = data.Nodes.Where(n => n.Figures.Steps > 0).OrderBy(n => n.Name ?? n.NodeId, StringComparer.Ordinal).ToList();
        if (tasks.Count > 0)
        {
            var names = tasks.Select(n => n.Name ?? n.NodeId).ToList();
            charts.Add(Chart(Charts.Bars("Arbeitszeit je Ausführung nach Schritt", "Minuten", names,
                tasks.Select(n => n.StaffMinutesPerExecution ?? 0).ToList())));
            charts.Add(Chart(CarbonByComponent(names, tasks.Select(n => (n.Figures, n.Figures.Steps)).ToList())));
        }
        var leads = data.Overview.Trend.Where(m => m.LeadTimeMs is { Suppressed: false }).ToList();
        if (leads.Count > 0)
        {
            charts.Add(Chart(Charts.BoxPlots("Durchlaufzeiten abgeschlossener Vorgänge je Monat", "Tage", leads.Select(m => m.Month.FirstDay.ToString("MMM yyyy", Charts.German)).ToList(),
                leads.Select(m => m.LeadTimeMs!).ToList(), MsPerDay)));
        }
        var heatmap = data.Nodes.ToDictionary(n => n.NodeId, n => new Dictionary<string, double?>
        {
            ["duration"] = n.DurationMs?.Median / 60_000d,
            ["waiting"] = n.WaitingMs?.Median / 60_000d,
            ["staff"] = n.Figures.Steps == 0 ? null : n.StaffMinutesPerExecution,
            ["carbon"] = n.Figures.Steps == 0 ? null : n.CarbonPerExecutionG,
        }, StringComparer.Ordinal);
        return new ProcessView(data, source.Format == "bpmn" ? source.SourceText : null,
            JsonSerializer.Serialize(new { processId = request.ProcessId, nodes = heatmap }), charts);
    }

    /// <summary>Refuses an unknown process, naming the parameter.</summary>
    public static async Task EnsureProcessAsync(ImpactQueries queries, string processId, CancellationToken ct)
    {
        if (!(await queries.ProcessesAsync(ct)).Any(p => p.ProcessId == processId))
        {
            throw new BadInputException("processId", $"Unbekannter Prozess processId='{processId}'.");
        }
    }

    /// <summary>Completed cases, staff hours, kg CO2e and median lead time per month.</summary>
    public static IReadOnlyList<ChartView> TrendCharts(ImpactOverview data) =>
    [
        Chart(Charts.Trend("Vorgänge je Monat", "Anzahl", data.Period.Months,
            [("begonnen", data.Trend.Select(m => (double?)m.Started).ToList()), ("abgeschlossen", data.Trend.Select(m => (double?)m.Completed).ToList())])),
        Chart(Charts.Trend("Arbeitsstunden je Monat", "Stunden", data.Period.Months,
            [("Stunden", data.Trend.Select(m => (double?)m.Figures.StaffHours).ToList())])),
        Chart(Charts.Trend("Emissionen je Monat", "kg CO₂e", data.Period.Months,
            [("kg CO₂e", data.Trend.Select(m => (double?)(m.Figures.CarbonG / 1000)).ToList())])),
        Chart(Charts.Trend("Median der Durchlaufzeit je Monat", "Tage", data.Period.Months,
            [("Tage", data.Trend.Select(m => m.LeadTimeMs is { Suppressed: false } q ? (double?)(q.Median / MsPerDay) : null).ToList())])),
    ];

    /// <summary>Stacked gCO2e per execution by component.</summary>
    public static ScottPlot.Plot CarbonByComponent(IReadOnlyList<string> names, IReadOnlyList<(LedgerFigures F, long Executions)> groups)
    {
        double Per(Func<LedgerFigures, double> f, (LedgerFigures F, long Executions) g) => g.Executions == 0 ? 0 : f(g.F) / g.Executions;
        return Charts.StackedBars("Emissionen je Ausführung nach Komponente", "g CO₂e", names,
            [.. CarbonComponents.Inventory.Select(c => new ChartSeries(c.Label, groups.Select(g => Per(f => f.Carbon[c], g)).ToList()))]);
    }

    private static ChartView Chart(ScottPlot.Plot plot) => new(plot.Axes.Title.Label.Text, Charts.Svg(plot));
}
