using Automation.Engine.Texts;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Auth;

/// <summary>The login page: user name and password against the server's user table, or single sign-on.</summary>
[AllowAnonymous]
[EnableRateLimiting(AuthSetup.LoginRateLimit)]
public sealed partial class AnmeldenModel(IMediator mediator, IOptions<ServerOptions> options, TimeProvider time, ILogger<AnmeldenModel> logger) : PageModel
{
    /// <summary>The answer to a wrong name or password, the same whether or not the name exists.</summary>
    public static string WrongCredentials => Texte.ServerBenutzernamePasswortFalsch;

    /// <summary>Where to go after login.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Entered user name.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>Entered password (never logged, never shown again).</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Message after a failed login.</summary>
    public string? Error { get; private set; }

    /// <summary>Whether the single sign-on button is shown.</summary>
    public bool OidcEnabled => !string.IsNullOrWhiteSpace(options.Value.Oidc.Authority);

    /// <summary>Shows the form; after a refused single sign-on (<c>?sso=…</c>) with the reason in German.</summary>
    public void OnGet(string? sso)
    {
        if (sso is not null) Error = Texte.ServerAnmeldungUeberSingleSignOn;
    }

    /// <summary>Checks the password and sets the session cookie.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await mediator.Send(new VerifyLogin(UserName ?? "", Password ?? "", HttpContext.Connection.RemoteIpAddress?.ToString()),
            HttpContext.RequestAborted);
        Password = null;
        if (result.User is null)
        {
            LogFailed(logger, LoginLockout.Key(UserName ?? ""), result.LockedUntil is not null);
            Error = result.LockedUntil is { } until ? LockedMessage(until - time.GetUtcNow()) : WrongCredentials;
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            result.User.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    /// <summary>The lockout message: names no user and says nothing about whether the name exists.</summary>
    public static string LockedMessage(TimeSpan remaining)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes));
        return Texte.Format(minutes == 1 ? Texte.ServerAnmeldungGesperrtMinute : Texte.ServerAnmeldungGesperrtMinuten, minutes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed login for user name {UserName} (locked: {Locked})")]
    private static partial void LogFailed(ILogger logger, string userName, bool locked);
}

/// <summary>Result of a login attempt: the user, or null with the end of a lock if the name is locked.</summary>
internal sealed record LoginResult(ServerUser? User, DateTimeOffset? LockedUntil);

/// <summary>Checks a typed user name and password under the rate limit's and the lockout's rules.</summary>
internal sealed record VerifyLogin(string TypedName, string Password, string? RemoteAddress) : IRequest<LoginResult>;

internal sealed class VerifyLoginHandler(UserStore users, LoginLockout lockout, IAuditLog audit) : IRequestHandler<VerifyLogin, LoginResult>
{
    /// <summary>Who failed logins are recorded as in the audit log.</summary>
    private const string Anonymous = "anonym";

    public async ValueTask<LoginResult> Handle(VerifyLogin request, CancellationToken cancellationToken)
    {
        var key = LoginLockout.Key(request.TypedName);
        if (key.Length == 0 || request.Password.Length == 0) return new LoginResult(null, null);
        var address = request.RemoteAddress;
        // A locked name is refused before its password is looked at, so even the right password waits for the lock.
        if (await lockout.LockedUntilAsync(key, cancellationToken) is { } locked)
        {
            await audit.RecordAsync(AuditKinds.Login, key, "refused-locked", null, new { address, lockedUntil = locked }, ct: cancellationToken, actor: Anonymous);
            return new LoginResult(null, locked);
        }
        var (check, user) = await users.VerifyPasswordAsync(key, request.Password, cancellationToken);
        if (user is not null)
        {
            await lockout.ResetAsync(key, cancellationToken);
            await audit.RecordAsync(AuditKinds.Login, user.UserName, "success", null, new { address }, ct: cancellationToken, actor: user.UserName);
            return new LoginResult(user, null);
        }
        var (failures, until) = await lockout.RecordFailureAsync(key, cancellationToken);
        await audit.RecordAsync(AuditKinds.Login, key, "failure", null, new { address, failures, ambiguous = check == PasswordCheck.Ambiguous },
            ct: cancellationToken, actor: Anonymous);
        if (until is not null)
        {
            await audit.RecordAsync(AuditKinds.Login, key, "lockout", null, new { address, failures, lockedUntil = until }, ct: cancellationToken, actor: Anonymous);
        }
        return new LoginResult(null, until);
    }
}

/// <summary>Endpoints around the login page: logout and the single sign-on challenge.</summary>
internal static class LoginEndpoints
{
    public static void MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with the anti-forgery token from the layout's logout button. Logging out ends every session of
        // the user (a new security stamp), so a copy of this cookie taken earlier stops working too.
        app.MapPost("/abmelden", async Task<Results<EmptyHttpResult, RedirectHttpResult>> (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, UserStore users, IAuditLog audit,
            IOptions<ServerOptions> options) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            var name = context.User.UserName();
            await users.EndSessionsAsync(name, context.RequestAborted);
            await audit.RecordAsync(AuditKinds.Login, name, "logout", null, null, ct: context.RequestAborted);
            if (!string.IsNullOrWhiteSpace(options.Value.Oidc.Authority)
                && await context.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, OidcClaims.IdToken) is not null)
            {
                // The provider's session ends too (RP-initiated logout); it sends the browser back to /anmelden.
                await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/anmelden" });
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return TypedResults.Empty;
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.Redirect("/anmelden");
        }).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();

        app.MapGet("/anmelden/sso", Results<NotFound, ChallengeHttpResult> (string? returnUrl, IOptions<ServerOptions> options) =>
            string.IsNullOrWhiteSpace(options.Value.Oidc.Authority)
                ? TypedResults.NotFound()
                : TypedResults.Challenge(new AuthenticationProperties { RedirectUri = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/" },
                    [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous().ExcludeFromDescription();
    }
}
