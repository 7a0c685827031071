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

internal sealed record ListProcesses : IRequest<IReadOnlyList<(string ProcessId, string? Name)>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListProcesses, IReadOnlyList<(string ProcessId, string? Name)>>
    {
        public async ValueTask<IReadOnlyList<(string ProcessId, string? Name)>> Handle(ListProcesses request, CancellationToken cancellationToken) =>
            await new ImpactQueries(accessor.Host.Database).ProcessesAsync(cancellationToken);
    }
}
