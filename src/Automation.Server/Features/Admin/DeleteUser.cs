using System.Globalization;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Admin;

internal sealed record DeleteUser(string UserName) : IRequest<Unit>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit, IHttpContextAccessor http) : IRequestHandler<DeleteUser, Unit>
    {
        public async ValueTask<Unit> Handle(DeleteUser request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var record = await UserRules.FindAsync(context, request.UserName, cancellationToken);
            if (record.UserName == (http.HttpContext?.User.UserName() ?? "")) throw new BadInputException("userName", Texte.ServerSieKoennenSichSelbstLoeschen);
            var before = UserRules.Audit(record, false);
            context.Users.Remove(record);
            await UserRules.EnsureAnAdminRemainsAsync(context, null, cancellationToken);
            var tokens = await context.ApiTokens.Where(t => t.UserName == record.UserName).ToListAsync(cancellationToken);
            context.ApiTokens.RemoveRange(tokens);
            audit.Add(context, AuditKinds.User, record.UserName, "delete", before, new { revokedTokens = tokens.Count });
            await context.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
