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

internal sealed record CreateToken(TokenBody Body) : IRequest<TokenResponse>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit, IOptions<ServerOptions> options, TimeProvider time) : IRequestHandler<CreateToken, TokenResponse>
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
    }
}
