using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Connectors;

/// <summary>The allowed targets, by host and port.</summary>
internal sealed record ListOutboundHosts : IRequest<IReadOnlyList<OutboundHostDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListOutboundHosts, IReadOnlyList<OutboundHostDto>>
    {
        public async ValueTask<IReadOnlyList<OutboundHostDto>> Handle(ListOutboundHosts request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var rows = await context.OutboundHosts.AsNoTracking().OrderBy(h => h.Host).ThenBy(h => h.Port).ToListAsync(cancellationToken);
            return rows.Select(h => new OutboundHostDto(h.Id, h.Host, h.Port, h.Note, DateTimeOffset.FromUnixTimeMilliseconds(h.CreatedAt), h.CreatedBy)).ToList();
        }
    }
}
