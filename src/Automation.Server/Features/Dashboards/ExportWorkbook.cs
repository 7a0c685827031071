using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Dashboards;

/// <summary>The Excel report of a period, for one process or all.</summary>
internal sealed record ExportWorkbook(ReportPeriod Period, string? ProcessId) : IRequest<Workbook>
{
    /// <summary>Receives the share done, when the workbook is built as a job.</summary>
    public IProgress<double>? Progress { get; init; }

    internal sealed class Handler(WorkflowHostAccessor accessor, TimeProvider time) : IRequestHandler<ExportWorkbook, Workbook>
    {
        public async ValueTask<Workbook> Handle(ExportWorkbook request, CancellationToken cancellationToken)
        {
            var queries = new ImpactQueries(accessor.Host.Database);
            if (request.ProcessId is not null) await PeriodInput.EnsureProcessAsync(queries, request.ProcessId, cancellationToken);
            return await WorkbookExport.BuildAsync(queries, request.Period, request.ProcessId, time.GetUtcNow(), cancellationToken, request.Progress);
        }
    }
}
