using System.Security.Claims;
using System.Threading.RateLimiting;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Server.Features.Auth;

/// <summary>Cookie login for pages, bearer tokens for machines, optional OpenID Connect, policies and login rate limiting.</summary>
internal static class AuthSetup
{
    public const string SmartScheme = "auto";
    public const string LoginRateLimit = "login";

    public static IServiceCollection AddServerAuth(this IServiceCollection services, ServerOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UserStore>();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<LoginLockout>();
        var auth = services.AddAuthentication(o =>
        {
            o.DefaultScheme = SmartScheme;
            o.DefaultChallengeScheme = SmartScheme;
        });
        // A bearer header selects the token scheme; everything else is the browser cookie.
        auth.AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = context =>
        {
            string? header = context.Request.Headers.Authorization;
            return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? BearerTokenHandler.SchemeName
                : CookieAuthenticationDefaults.AuthenticationScheme;
        });
        auth.AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        auth.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            o.LoginPath = "/anmelden";
            o.LogoutPath = "/abmelden";
            o.AccessDeniedPath = "/kein-zugriff";
            o.Cookie.Name = "am.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // API callers get status codes, people get the login page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
        if (!string.IsNullOrWhiteSpace(options.Oidc.Authority)) AddSingleSignOn(auth, options);

        services.AddAuthorization(o =>
        {
            foreach (var (name, roles) in Policies.Map) o.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
            // Endpoints without an explicit policy still need a login; anonymous ones opt out by name.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) => WriteTooManyAttemptsAsync(context.HttpContext, ct);
            o.AddPolicy(LoginRateLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var typed = context.Request.HasFormContentType ? context.Request.Form["UserName"].ToString() : "";
                // The same normal form the login looks the user up by: no spelling of a name gets a fresh count.
                var key = $"{context.Connection.RemoteIpAddress}|{LoginLockout.Key(typed)}";
                var permits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.Login.AttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, permits),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    // Apart, so a server without single sign-on never loads the OpenID Connect assemblies (precompiled code loads the
    // types a method names when it is entered).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddSingleSignOn(AuthenticationBuilder auth, ServerOptions options) =>
        auth.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, "Single Sign-on", o =>
        {
            o.Authority = options.Oidc.Authority;
            o.ClientId = options.Oidc.ClientId;
            o.ClientSecret = options.Oidc.ClientSecret;
            // Plain HTTP only to a provider on this machine (tests, a local provider); anything else needs TLS.
            o.RequireHttpsMetadata = !OidcClaims.IsLoopback(options.Oidc.Authority);
            o.ResponseType = "code";
            o.UsePkce = true;
            // The code comes back on a top-level GET, so the correlation and nonce cookies can be SameSite=Lax (sent
            // across sites on such a navigation) and Secure whenever the request is; form_post would need SameSite=None.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Claims keep the provider's names (groups, realm_access, preferred_username); the default mapping renames
            // some to WS-* URIs, and then "groups" is never found.
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.Scope.Add("profile");
            o.CallbackPath = OidcClaims.CallbackPath;
            o.SignedOutCallbackPath = OidcClaims.SignedOutCallbackPath;
            o.SignedOutRedirectUri = "/anmelden";
            o.Events.OnTokenValidated = MapOidcUserAsync;
            // A refused or failed sign-on returns to the login page with a German message, never an error page.
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/anmelden?sso=abgelehnt");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });

    /// <summary>Whether a request is an API call (status codes instead of redirects, Problem Details instead of pages).</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/engine-rest", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Every cookie request: the session's user is read from the table; a deleted or deactivated user, or a stamp
    /// that changed since the cookie was issued (logout, new password, other roles or groups), ends the session.
    /// Roles and groups always come from the table, never from the cookie.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirstValue(ServerClaims.SecurityStamp);
        var user = name is null || stamp is null
            ? null
            : await context.HttpContext.RequestServices.GetRequiredService<UserStore>().FindSessionUserAsync(name, stamp, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.ReplacePrincipal(user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
    }

    // The page's encoder leaves umlauts as they are, as the Razor pages write them.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Html = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The rate limiter's answer: 429 with a German explanation (a page for the login form).</summary>
    private static async ValueTask WriteTooManyAttemptsAsync(HttpContext context, CancellationToken ct)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var title = Html.Encode(Texte.AnmeldenZuVieleVersuche);
        await context.Response.WriteAsync(
            "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{title} – {Html.Encode(Texte.LayoutProdukt)}</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main id=\"inhalt\">" +
            $"<h1>{title}</h1><p role=\"alert\">{Html.Encode(Texte.AnmeldenZuVieleVersucheText)}</p>" +
            $"<p><a href=\"/anmelden\">{Html.Encode(Texte.AnmeldenZurAnmeldung)}</a></p></main></body></html>", ct);
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request)) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A user created by an administrator keeps the roles and groups recorded in the table (the provider cannot raise
    /// them); anyone else is recorded as an external user with the roles at the claim path
    /// <see cref="OidcSettings.RoleClaim"/> (only names of the server's roles count) and the provider's group paths
    /// ("/Sozialamt/Wohngeld" → "wohngeld"), refreshed at every login. A deactivated user is refused.
    /// </summary>
    private static async Task MapOidcUserAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context)
    {
        var principal = context.Principal!;
        // Inbound claims are not renamed (MapInboundClaims = false): the subject is "sub".
        var typed = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("sub") ?? "";
        var name = UserNames.Normalize(typed);
        if (UserNames.Problem(name) is not null)
        {
            context.Fail("The identity provider's user name cannot be a login name of this server.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value;
        var user = await services.GetRequiredService<UserStore>().SignInExternalAsync(name, principal.FindFirstValue("name") ?? name,
            [.. OidcClaims.Values(principal, settings.Oidc.RoleClaim).Where(r => Roles.All.Contains(r)).Distinct(StringComparer.Ordinal)],
            [.. OidcClaims.Values(principal, OidcClaims.GroupClaim).Select(OidcClaims.GroupKey).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal)],
            context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.Fail("The user is deactivated.");
            return;
        }
        context.Principal = user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme);
        // Only the ID token is kept, as the logout's id_token_hint; its presence also marks a single sign-on session.
        if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken) is { Length: > 0 } idToken)
            context.Properties!.StoreTokens([new AuthenticationToken { Name = OidcClaims.IdToken, Value = idToken }]);
    }

    /// <summary>The candidate groups of a user.</summary>
    public static IReadOnlyList<string> Groups(this ClaimsPrincipal user) => user.FindAll(ServerClaims.Group).Select(c => c.Value).ToList();

    /// <summary>The user's login name.</summary>
    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? "";
}
