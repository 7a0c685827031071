using System.Globalization;
using System.Security.Claims;
using Automation.Data;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Admin;

/// <summary>The caller's tokens; an administrator's list has everyone's.</summary>
internal sealed record ListTokens(ClaimsPrincipal Caller) : IRequest<IReadOnlyList<TokenDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, TimeProvider time) : IRequestHandler<ListTokens, IReadOnlyList<TokenDto>>
    {
        public async ValueTask<IReadOnlyList<TokenDto>> Handle(ListTokens request, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var owner = request.Caller.UserName();
            var all = request.Caller.IsInRole(Roles.Admin);
            await using var context = accessor.Host.Database.CreateContext();
            var rows = await context.ApiTokens.AsNoTracking().Where(t => all || t.UserName == owner)
                .OrderBy(t => t.UserName).ThenByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
            return rows.Select(t => new TokenDto(t.Id, t.UserName, t.Name, DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedAt),
                DateTimeOffset.FromUnixTimeMilliseconds(t.ExpiresAt), t.LastUsedAt is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null,
                t.ExpiresAt <= now)).ToList();
        }
    }
}
