using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Setup;

/// <summary>Whether the setup link with this token is valid now.</summary>
internal sealed record OpenSetup(string Token) : IRequest<bool>
{
    internal sealed class Handler(FirstAdminSetup setup, UserStore users) : IRequestHandler<OpenSetup, bool>
    {
        public async ValueTask<bool> Handle(OpenSetup request, CancellationToken cancellationToken) =>
            await IsOpenAsync(setup, users, request.Token, cancellationToken);

        /// <summary>Also the first check of <see cref="CompleteSetup"/>.</summary>
        internal static async Task<bool> IsOpenAsync(FirstAdminSetup setup, UserStore users, string token, CancellationToken cancellationToken)
        {
            if (!setup.Matches(token)) return false;
            if (await users.CountAsync(cancellationToken) == 0) return true;
            // An account appeared by other means (another node's link, configuration): the link is void.
            setup.Disarm();
            return false;
        }
    }
}
