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

internal sealed record SetOpenData(string ProcessId, bool Public, string User) : IRequest<bool>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, TimeProvider time) : IRequestHandler<SetOpenData, bool>
    {
        public async ValueTask<bool> Handle(SetOpenData request, CancellationToken cancellationToken)
        {
            await PeriodInput.EnsureProcessAsync(new ImpactQueries(accessor.Host.Database), request.ProcessId, cancellationToken);
            await using var context = accessor.Host.Database.CreateContext();
            var existing = await context.PublicProcesses.FirstOrDefaultAsync(p => p.ProcessId == request.ProcessId, cancellationToken);
            if (request.Public && existing is null)
            {
                context.PublicProcesses.Add(new PublicProcessRecord { ProcessId = request.ProcessId, ReleasedBy = request.User, ReleasedAt = time.GetUtcNow().ToUnixTimeMilliseconds() });
            }
            else if (!request.Public && existing is not null) context.PublicProcesses.Remove(existing);
            await context.SaveChangesAsync(cancellationToken);
            return request.Public;
        }
    }
}
