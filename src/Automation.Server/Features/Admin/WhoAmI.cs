using System.Security.Claims;
using Automation.Server.Features.Auth;
using Mediator;

namespace Automation.Server.Features.Admin;

/// <summary>The signed-in user with roles and inboxes.</summary>
internal sealed record WhoAmI(ClaimsPrincipal User) : IRequest<MeDto>
{
    internal sealed class Handler : IRequestHandler<WhoAmI, MeDto>
    {
        public ValueTask<MeDto> Handle(WhoAmI request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new MeDto(request.User.UserName(), request.User.FindFirstValue("display_name") ?? request.User.UserName(),
                request.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), request.User.Groups()));
    }
}
