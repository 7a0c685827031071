using Automation.Engine.Model;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Dashboards;

/// <summary>A process as readers know it: the name of its newest version, else its id (also for an unknown id).</summary>
internal sealed record GetProcessLabel(string ProcessId) : IRequest<string>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<GetProcessLabel, string>
    {
        public async ValueTask<string> Handle(GetProcessLabel request, CancellationToken cancellationToken)
        {
            await using var db = accessor.Host.Database.CreateContext();
            var name = await db.Definitions.AsNoTracking().Where(d => d.ProcessId == request.ProcessId)
                .OrderByDescending(d => d.Version).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
            return ProcessDefinition.LabelOf(request.ProcessId, name);
        }
    }
}
