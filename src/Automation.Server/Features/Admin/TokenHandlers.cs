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

/// <summary>Body of a token request.</summary>
/// <param name="User">User the token acts as.</param>
/// <param name="Name">What the token is for (e.g. "Fachverfahren Meldewesen"); "API" when missing.</param>
/// <param name="Label">Older name of <paramref name="Name"/>, still accepted.</param>
/// <param name="ExpiresInDays">Days until it expires; the configured default when missing, at most the configured maximum.</param>
internal sealed record TokenBody(string? User, string? Name, string? Label, int? ExpiresInDays);

/// <summary>A new token, shown once.</summary>
/// <param name="Token">The bearer token (shown only now).</param>
/// <param name="Id">Its id, for the list and for revoking.</param>
/// <param name="User">Its user.</param>
/// <param name="Name">What it is for.</param>
/// <param name="ExpiresAt">When it stops working.</param>
internal sealed record TokenResponse(string Token, long Id, string User, string Name, DateTimeOffset ExpiresAt);

/// <summary>A token as listed (never the token or its hash).</summary>
/// <param name="Id">Id.</param>
/// <param name="User">The user it acts as.</param>
/// <param name="Name">What it is for.</param>
/// <param name="CreatedAt">Created.</param>
/// <param name="ExpiresAt">Expires.</param>
/// <param name="LastUsedAt">Last use (to the minute), or null if never used.</param>
/// <param name="Expired">Whether it has expired.</param>
internal sealed record TokenDto(long Id, string User, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, bool Expired);

internal sealed record CreateToken(TokenBody Body) : IRequest<TokenResponse>;

/// <summary>The caller's tokens; an administrator's list has everyone's.</summary>
internal sealed record ListTokens(ClaimsPrincipal Caller) : IRequest<IReadOnlyList<TokenDto>>;

/// <summary>Revokes a token of the caller (any token for an administrator); someone else's token is "not found".</summary>
internal sealed record RevokeToken(ClaimsPrincipal Caller, long Id) : IRequest<Unit>;

internal sealed class TokenHandlers(WorkflowHostAccessor accessor, IAuditLog audit, IOptions<ServerOptions> options, TimeProvider time) :
    IRequestHandler<CreateToken, TokenResponse>,
    IRequestHandler<ListTokens, IReadOnlyList<TokenDto>>,
    IRequestHandler<RevokeToken, Unit>
{
    public async ValueTask<TokenResponse> Handle(CreateToken request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var settings = options.Value.Tokens;
        var name = (body.Name ?? body.Label)?.Trim() is { Length: > 0 } given ? given : "API";
        if (name.Length > 200) throw new BadInputException("name", "Die Verwendung ist länger als 200 Zeichen.");
        if (name.Any(char.IsControl)) throw new BadInputException("name", "Die Verwendung darf keine Steuerzeichen (z. B. Zeilenumbrüche) enthalten.");
        var days = body.ExpiresInDays ?? settings.DefaultLifetimeDays;
        if (days < 1 || days > settings.MaxLifetimeDays)
        {
            throw new BadInputException("expiresInDays", string.Create(CultureInfo.InvariantCulture,
                $"Ein Token gilt mindestens 1 und höchstens {settings.MaxLifetimeDays} Tage (expiresInDays)."));
        }
        await using var context = accessor.Host.Database.CreateContext();
        var user = string.IsNullOrWhiteSpace(body.User) ? null : await context.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == body.User, cancellationToken);
        if (user is null) throw new BadInputException("user", $"Die Person '{LogEncoding.Encode(body.User)}' ist unbekannt.");
        if (!user.Active) throw new BadInputException("user", $"Die Person '{user.UserName}' ist deaktiviert.");
        var now = time.GetUtcNow();
        var expiresAt = now.AddDays(days);
        // Token and audit row commit together; the row's id (named in the audit) exists only after the first save.
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var (token, record) = ApiTokens.Add(context, user.UserName, name, now, expiresAt);
        await context.SaveChangesAsync(cancellationToken);
        // The token itself is never logged; only whose it is, what for and until when.
        audit.Add(context, AuditKinds.ApiToken, user.UserName, "create", null, new { id = record.Id, user = user.UserName, name, expiresAt });
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TokenResponse(token, record.Id, user.UserName, name, expiresAt);
    }

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

    public async ValueTask<Unit> Handle(RevokeToken request, CancellationToken cancellationToken)
    {
        var owner = request.Caller.UserName();
        var all = request.Caller.IsInRole(Roles.Admin);
        await using var context = accessor.Host.Database.CreateContext();
        var token = await context.ApiTokens.SingleOrDefaultAsync(t => t.Id == request.Id && (all || t.UserName == owner), cancellationToken)
            ?? throw new NotFoundException(string.Create(CultureInfo.InvariantCulture, $"Das Token {request.Id} gibt es nicht (oder es gehört einer anderen Person)."));
        context.ApiTokens.Remove(token);
        audit.Add(context, AuditKinds.ApiToken, token.UserName, "revoke", new { id = token.Id, user = token.UserName, name = token.Name }, null);
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
