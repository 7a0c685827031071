using System.Globalization;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Admin;

internal sealed record GetUser(string UserName) : IRequest<UserDto>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, TimeProvider time) : IRequestHandler<GetUser, UserDto>
    {
        public async ValueTask<UserDto> Handle(GetUser request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var user = await UserRules.FindAsync(context, request.UserName, cancellationToken);
            return UserRules.Dto(user, await UserRules.LocksAsync(context, time, cancellationToken));
        }
    }
}
