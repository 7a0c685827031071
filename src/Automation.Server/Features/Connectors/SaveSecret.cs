using System.Security.Claims;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Texts;
using Automation.Server.Connectors;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Connectors;

/// <summary>Creates a secret or replaces its value; the answer and the audit entry name it, never its value.</summary>
internal sealed record SaveSecret(string Name, string? Value, ClaimsPrincipal Caller) : IRequest<SecretDto>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, SecretStore store, IAuditLog audit, TimeProvider time) : IRequestHandler<SaveSecret, SecretDto>
    {
        public async ValueTask<SecretDto> Handle(SaveSecret request, CancellationToken cancellationToken)
        {
            SecretStore.Validate(request.Name, request.Value);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var actor = request.Caller.UserName();
            await using var context = accessor.Host.Database.CreateContext();
            var row = await context.Secrets.SingleOrDefaultAsync(s => s.Name == request.Name, cancellationToken);
            var created = row is null;
            if (row is null)
            {
                row = new SecretRecord { Name = request.Name, CreatedAt = now, CreatedBy = actor };
                context.Secrets.Add(row);
            }
            row.Protected = store.Protect(request.Value!);
            row.UpdatedAt = now;
            row.UpdatedBy = actor;
            audit.Add(context, AuditKinds.Secret, request.Name, created ? "create" : "replace", null, new { name = request.Name });
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (created)
            {
                // Created at the same moment elsewhere: the unique name refused this one; the other stays.
                throw new ConcurrencyConflictException(Texte.Format(Texte.GeheimnisGleichzeitigAngelegt, request.Name));
            }
            return new SecretDto(row.Name, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt), row.CreatedBy,
                DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt), row.UpdatedBy);
        }
    }
}
