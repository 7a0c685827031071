using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Setup;

/// <summary>Whether the setup link with this token is valid now.</summary>
internal sealed record OpenSetup(string Token) : IRequest<bool>;

/// <summary>Sets the first administrator's password through the setup link.</summary>
internal sealed record CompleteSetup(string Token, string? Password, string? Repeat) : IRequest<SetupResult>;

/// <summary>Outcome of <see cref="CompleteSetup"/>.</summary>
/// <param name="LinkValid">False when the link is unknown, spent, or an account exists already.</param>
/// <param name="Field">The form field with a problem, if any.</param>
/// <param name="Error">German text of the problem.</param>
internal sealed record SetupResult(bool LinkValid, string? Field = null, string? Error = null)
{
    public bool Succeeded => LinkValid && Error is null;
}

internal sealed partial class SetupHandlers(FirstAdminSetup setup, UserStore users, IAuditLog audit, IOptions<ServerOptions> options,
    ILogger<SetupHandlers> logger) :
    IRequestHandler<OpenSetup, bool>,
    IRequestHandler<CompleteSetup, SetupResult>
{
    public async ValueTask<bool> Handle(OpenSetup request, CancellationToken cancellationToken)
    {
        if (!setup.Matches(request.Token)) return false;
        if (await users.CountAsync(cancellationToken) == 0) return true;
        // An account appeared by other means (another node's link, configuration): the link is void.
        setup.Disarm();
        return false;
    }

    public async ValueTask<SetupResult> Handle(CompleteSetup request, CancellationToken cancellationToken)
    {
        if (!await Handle(new OpenSetup(request.Token), cancellationToken)) return new SetupResult(false);
        var user = options.Value.Admin.User;
        var min = FirstAdminSetup.MinPasswordLength;
        if (request.Password is null || request.Password.Length < min)
            return new SetupResult(true, "Password", $"Das Passwort muss mindestens {min} Zeichen lang sein.");
        if (string.Equals(request.Password, user, StringComparison.OrdinalIgnoreCase))
            return new SetupResult(true, "Password", "Das Passwort darf nicht der Benutzername sein.");
        if (!string.Equals(request.Password, request.Repeat, StringComparison.Ordinal))
            return new SetupResult(true, "Repeat", "Die beiden Passwörter stimmen nicht überein.");
        // Spent before the account is written, so two visitors racing with the same link cannot both set a password.
        if (!setup.TryConsume(request.Token)) return new SetupResult(false);
        var admin = new ServerUser(user, "Administration", [Roles.Admin], []);
        await users.SaveAsync(admin, request.Password, cancellationToken);
        await audit.RecordAsync(AuditKinds.User, admin.UserName, "create", null, admin, "Ersteinrichtung über den einmaligen Link", ct: cancellationToken);
        LogCreated(logger, admin.UserName);
        return new SetupResult(true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Administrator '{User}' created through the one-time setup link; the link is spent")]
    private static partial void LogCreated(ILogger logger, string user);
}
