using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Dashboards;

/// <summary>Figures of all processes and their monthly trend; no charts (the API sends none, the page draws its own).</summary>
internal sealed record GetOverview(ReportPeriod Period) : IRequest<ImpactOverview>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<GetOverview, ImpactOverview>
    {
        public async ValueTask<ImpactOverview> Handle(GetOverview request, CancellationToken cancellationToken) =>
            await new ImpactQueries(accessor.Host.Database).OverviewAsync(request.Period, ct: cancellationToken);
    }
}
