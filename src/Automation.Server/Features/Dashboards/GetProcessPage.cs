using System.Text.Json;
using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Dashboards;

/// <summary>The process page's data.</summary>
/// <param name="Data">Figures.</param>
/// <param name="BpmnXml">Diagram source of the newest version (null when not BPMN).</param>
/// <param name="HeatmapJson">Per-node metrics for the heatmap script.</param>
/// <param name="Charts">Charts.</param>
internal sealed record ProcessView(ProcessImpact Data, string? BpmnXml, string HeatmapJson, IReadOnlyList<ChartView> Charts);

/// <summary>What the process page shows on top of <see cref="GetProcessImpact"/>: the diagram with its heatmap and the charts.</summary>
internal sealed record GetProcessPage(ReportPeriod Period, string ProcessId) : IRequest<ProcessView>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IMediator mediator) : IRequestHandler<GetProcessPage, ProcessView>
    {
        public async ValueTask<ProcessView> Handle(GetProcessPage request, CancellationToken cancellationToken)
        {
            var data = await mediator.Send(new GetProcessImpact(request.Period, request.ProcessId), cancellationToken);
            await using var context = accessor.Host.Database.CreateContext();
            var source = await context.Definitions.AsNoTracking().Where(d => d.ProcessId == request.ProcessId).OrderByDescending(d => d.Version)
                .Select(d => new { d.Format, d.SourceText }).FirstAsync(cancellationToken);
            var heatmap = data.Nodes.ToDictionary(n => n.NodeId, n => new Dictionary<string, double?>
            {
                ["duration"] = n.DurationMs?.Median / 60_000d,
                ["waiting"] = n.WaitingMs?.Median / 60_000d,
                ["staff"] = n.Figures.Steps == 0 ? null : n.StaffMinutesPerExecution,
                ["carbon"] = n.Figures.Steps == 0 ? null : n.CarbonPerExecutionG,
            }, StringComparer.Ordinal);
            return new ProcessView(data, source.Format == "bpmn" ? source.SourceText : null,
                JsonSerializer.Serialize(new { processId = request.ProcessId, nodes = heatmap }), DashboardCharts.ForProcess(data));
        }
    }
}
