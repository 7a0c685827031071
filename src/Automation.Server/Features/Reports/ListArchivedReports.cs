using Automation.Server.Features.Auth;
using Automation.Server.Features.Dashboards;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Reports;

internal sealed record ListArchivedReports : IRequest<IReadOnlyList<ArchivedReport>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListArchivedReports, IReadOnlyList<ArchivedReport>>
    {
        public async ValueTask<IReadOnlyList<ArchivedReport>> Handle(ListArchivedReports request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var rows = await context.ArchivedReports.AsNoTracking()
                .OrderByDescending(r => r.Period).ThenBy(r => r.Name)
                .Select(r => new { r.Id, r.Name, r.ProcessId, r.Period, r.GeneratedAt, r.FactorIds, r.FileName, r.Sha256 })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new ArchivedReport(r.Id, r.Name, r.ProcessId, r.Period, DateTimeOffset.FromUnixTimeMilliseconds(r.GeneratedAt),
                r.FactorIds.Split('\n', StringSplitOptions.RemoveEmptyEntries), r.FileName, r.Sha256)).ToList();
        }
    }
}
