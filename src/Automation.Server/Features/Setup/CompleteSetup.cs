using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Setup;

/// <summary>Sets the first administrator's password through the setup link.</summary>
internal sealed partial record CompleteSetup(string Token, string? Password, string? Repeat) : IRequest<SetupResult>
{
    internal sealed partial class Handler(FirstAdminSetup setup, UserStore users, IAuditLog audit, IOptions<ServerOptions> options, ILogger<CompleteSetup> logger) : IRequestHandler<CompleteSetup, SetupResult>
    {
        public async ValueTask<SetupResult> Handle(CompleteSetup request, CancellationToken cancellationToken)
        {
            if (!await OpenSetup.Handler.IsOpenAsync(setup, users, request.Token, cancellationToken)) return new SetupResult(false);
            var user = options.Value.Admin.User;
            var min = FirstAdminSetup.MinPasswordLength;
            if (request.Password is null || request.Password.Length < min)
                return new SetupResult(true, "Password", Texte.Format(Texte.EinrichtungPasswortZuKurz, min));
            if (string.Equals(request.Password, user, StringComparison.OrdinalIgnoreCase))
                return new SetupResult(true, "Password", Texte.ServerPasswortDarfBenutzernameSein);
            if (!string.Equals(request.Password, request.Repeat, StringComparison.Ordinal))
                return new SetupResult(true, "Repeat", Texte.ServerBeidenPasswoerterStimmenUeberein);
            // Spent before the account is written, so two visitors racing with the same link cannot both set a password.
            if (!setup.TryConsume(request.Token)) return new SetupResult(false);
            var admin = new ServerUser(user, "Administration", [Roles.Admin], []);
            await users.SaveAsync(admin, request.Password, cancellationToken);
            await audit.RecordAsync(AuditKinds.User, admin.UserName, "create", null, admin, Texte.ServerErsteinrichtungUeberEinmaligenLink, ct: cancellationToken);
            LogCreated(logger, admin.UserName);
            return new SetupResult(true);
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Administrator '{User}' created through the one-time setup link; the link is spent")]
        private static partial void LogCreated(ILogger logger, string user);
    }
}
