using System.Globalization;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Admin;

internal sealed record ListUsers : IRequest<IReadOnlyList<UserDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, TimeProvider time) : IRequestHandler<ListUsers, IReadOnlyList<UserDto>>
    {
        public async ValueTask<IReadOnlyList<UserDto>> Handle(ListUsers request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var users = await context.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
            var locks = await UserRules.LocksAsync(context, time, cancellationToken);
            return users.Select(u => UserRules.Dto(u, locks)).ToList();
        }
    }
}
