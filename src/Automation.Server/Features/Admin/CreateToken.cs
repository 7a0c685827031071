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

internal sealed record CreateToken(TokenBody Body) : IRequest<TokenResponse>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IAuditLog audit, IOptions<ServerOptions> options, TimeProvider time) : IRequestHandler<CreateToken, TokenResponse>
    {
        public async ValueTask<TokenResponse> Handle(CreateToken request, CancellationToken cancellationToken)
        {
            var body = request.Body;
            var settings = options.Value.Tokens;
            var name = (body.Name ?? body.Label)?.Trim() is { Length: > 0 } given ? given : "API";
            if (name.Length > 200) throw new BadInputException("name", Texte.ServerVerwendungLaengerAlsZeichen);
            if (name.Any(char.IsControl)) throw new BadInputException("name", Texte.ServerVerwendungDarfSteuerzeichenZeilenumbruecheEnthalten);
            var days = body.ExpiresInDays ?? settings.DefaultLifetimeDays;
            if (days < 1 || days > settings.MaxLifetimeDays)
            {
                throw new BadInputException("expiresInDays", Texte.Format(Texte.ServerTokenGiltMindestensHoechstensTage, settings.MaxLifetimeDays));
            }
            await using var context = accessor.Host.Database.CreateContext();
            var user = string.IsNullOrWhiteSpace(body.User) ? null : await context.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == body.User, cancellationToken);
            if (user is null) throw new BadInputException("user", Texte.Format(Texte.ServerPersonUnbekannt, LogEncoding.Encode(body.User)));
            if (!user.Active) throw new BadInputException("user", Texte.Format(Texte.ServerPersonDeaktiviert, user.UserName));
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
