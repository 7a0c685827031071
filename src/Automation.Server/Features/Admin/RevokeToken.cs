using System.Globalization;
using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Admin;

/// <summary>Revokes a token of the caller (any token for an administrator); someone else's token is "not found".</summary>
internal sealed record RevokeToken(ClaimsPrincipal Caller, long Id) : IRequest<Unit>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit) : IRequestHandler<RevokeToken, Unit>
    {
        public async ValueTask<Unit> Handle(RevokeToken request, CancellationToken cancellationToken)
        {
            var owner = request.Caller.UserName();
            var all = request.Caller.IsInRole(Roles.Admin);
            await using var context = accessor.Host.Database.CreateContext();
            var token = await context.ApiTokens.SingleOrDefaultAsync(t => t.Id == request.Id && (all || t.UserName == owner), cancellationToken)
                ?? throw new NotFoundException(Texte.Format(Texte.ServerTokenGibtGehoertEinerAnderen, request.Id));
            context.ApiTokens.Remove(token);
            audit.Add(context, AuditKinds.ApiToken, token.UserName, "revoke", new { id = token.Id, user = token.UserName, name = token.Name }, null);
            await context.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
