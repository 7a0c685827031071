using System.Globalization;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Admin;

internal sealed record UnlockUser(string UserName) : IRequest<Unit>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit) : IRequestHandler<UnlockUser, Unit>
    {
        public async ValueTask<Unit> Handle(UnlockUser request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var record = await UserRules.FindAsync(context, request.UserName, cancellationToken);
            var failures = await context.LoginFailures.Where(f => f.NameKey == record.NormalizedName).ToListAsync(cancellationToken);
            context.LoginFailures.RemoveRange(failures);
            audit.Add(context, AuditKinds.User, record.UserName, "unlock", new { failures = failures.Sum(f => f.Failures) }, null);
            await context.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
