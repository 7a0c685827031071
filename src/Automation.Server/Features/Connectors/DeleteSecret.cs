using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Connectors;

/// <summary>Deletes a secret; the audit entry names it.</summary>
internal sealed record DeleteSecret(string Name) : IRequest<Unit>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit) : IRequestHandler<DeleteSecret, Unit>
    {
        public async ValueTask<Unit> Handle(DeleteSecret request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var row = await context.Secrets.SingleOrDefaultAsync(s => s.Name == request.Name, cancellationToken)
                ?? throw new NotFoundException(Texte.Format(Texte.GeheimnisUnbekannt, LogEncoding.Encode(request.Name, 100)));
            context.Secrets.Remove(row);
            audit.Add(context, AuditKinds.Secret, row.Name, "delete", new { name = row.Name }, null);
            await context.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
