using Automation.Server.Infrastructure;
using Mediator;
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
public sealed partial class AnmeldenModel(IMediator mediator, IOptions<ServerOptions> options, ILogger<AnmeldenModel> logger) : PageModel
{
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
        if (sso is not null) Error = "Die Anmeldung über Single Sign-on wurde abgelehnt. Wenden Sie sich an die Administration.";
    }

    /// <summary>Checks the password and sets the session cookie.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password)
            ? null
            : await mediator.Send(new VerifyLogin(UserName.Trim(), Password), HttpContext.RequestAborted);
        Password = null;
        if (user is null)
        {
            LogFailed(logger, UserName ?? "");
            Error = "Benutzername oder Passwort ist falsch.";
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed login for user name {UserName}")]
    private static partial void LogFailed(ILogger logger, string userName);
}

/// <summary>Checks a user name and password; null when they do not match.</summary>
internal sealed record VerifyLogin(string UserName, string Password) : IRequest<ServerUser?>;

internal sealed class VerifyLoginHandler(UserStore users) : IRequestHandler<VerifyLogin, ServerUser?>
{
    public async ValueTask<ServerUser?> Handle(VerifyLogin request, CancellationToken cancellationToken) =>
        await users.VerifyPasswordAsync(request.UserName, request.Password, cancellationToken);
}

/// <summary>Endpoints around the login page: logout and the single sign-on challenge.</summary>
internal static class LoginEndpoints
{
    public static void MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with the anti-forgery token from the layout's logout button.
        app.MapPost("/abmelden", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, IOptions<ServerOptions> options) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            if (!string.IsNullOrWhiteSpace(options.Value.Oidc.Authority)
                && await context.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, OidcClaims.IdToken) is not null)
            {
                // The provider's session ends too (RP-initiated logout); it sends the browser back to /anmelden.
                await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/anmelden" });
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.Empty;
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/anmelden");
        }).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();

        app.MapGet("/anmelden/sso", (string? returnUrl, IOptions<ServerOptions> options) =>
            string.IsNullOrWhiteSpace(options.Value.Oidc.Authority)
                ? Results.NotFound()
                : Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/" },
                    [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous().ExcludeFromDescription();
    }
}
