using System.Globalization;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Connectors;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Connectors;

/// <summary>Takes a target off the list.</summary>
internal sealed record DeleteOutboundHost(long Id) : IRequest<Unit>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, OutboundGuard guard, IAuditLog audit) : IRequestHandler<DeleteOutboundHost, Unit>
    {
        public async ValueTask<Unit> Handle(DeleteOutboundHost request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var row = await context.OutboundHosts.SingleOrDefaultAsync(h => h.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException(Texte.Format(Texte.ZielUnbekannt, request.Id.ToString(CultureInfo.InvariantCulture)));
            context.OutboundHosts.Remove(row);
            var shown = row.Port is { } p ? $"{row.Host}:{p}" : row.Host;
            audit.Add(context, AuditKinds.OutboundHost, shown, "delete", new { host = row.Host, port = row.Port, note = row.Note }, null);
            await context.SaveChangesAsync(cancellationToken);
            guard.Invalidate();
            return Unit.Value;
        }
    }
}
