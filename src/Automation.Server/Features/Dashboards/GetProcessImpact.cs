using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Dashboards;

/// <summary>Steps, bottlenecks, versions, carbon balance and outliers of one process; no charts.</summary>
internal sealed record GetProcessImpact(ReportPeriod Period, string ProcessId) : IRequest<ProcessImpact>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<GetProcessImpact, ProcessImpact>
    {
        public async ValueTask<ProcessImpact> Handle(GetProcessImpact request, CancellationToken cancellationToken)
        {
            var queries = new ImpactQueries(accessor.Host.Database);
            await PeriodInput.EnsureProcessAsync(queries, request.ProcessId, cancellationToken);
            return await queries.ProcessAsync(request.Period, request.ProcessId, cancellationToken);
        }
    }
}
