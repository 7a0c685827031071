using System.Globalization;
using System.Text;
using Automation.Data.Reports;
using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Dashboards;

internal sealed record ListOpenData : IRequest<IReadOnlyList<OpenDataEntry>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListOpenData, IReadOnlyList<OpenDataEntry>>
    {
        public async ValueTask<IReadOnlyList<OpenDataEntry>> Handle(ListOpenData request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var ids = await context.PublicProcesses.AsNoTracking().OrderBy(p => p.ProcessId).Select(p => p.ProcessId).ToListAsync(cancellationToken);
            var names = (await new ImpactQueries(accessor.Host.Database).ProcessesAsync(cancellationToken)).ToDictionary(p => p.ProcessId, p => p.Name, StringComparer.Ordinal);
            return ids.Select(id => new OpenDataEntry(id, names.GetValueOrDefault(id), OpenDataFormat.Url(id, "csv"), OpenDataFormat.Url(id, "json"))).ToList();
        }
    }
}
