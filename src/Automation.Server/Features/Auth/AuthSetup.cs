using System.Security.Claims;
using System.Threading.RateLimiting;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;

namespace Automation.Server.Features.Auth;

/// <summary>Cookie login for pages, bearer tokens for machines, optional OpenID Connect, policies and login rate limiting.</summary>
internal static class AuthSetup
{
    public const string SmartScheme = "auto";
    public const string LoginRateLimit = "login";

    public static IServiceCollection AddServerAuth(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton<UserStore>();
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
        });
        if (!string.IsNullOrWhiteSpace(options.Oidc.Authority))
        {
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
        }

        services.AddAuthorization(o =>
        {
            foreach (var (name, roles) in Policies.Map) o.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
            // Endpoints without an explicit policy still need a login; anonymous ones opt out by name.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
                var user = context.Request.HasFormContentType ? context.Request.Form["UserName"].ToString() : "";
                var key = $"{context.Connection.RemoteIpAddress}|{user.ToLowerInvariant()}";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = 5,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>Whether a request is an API call (status codes instead of redirects, Problem Details instead of pages).</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request)) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A user known to the server's table keeps the roles and groups recorded there (the provider cannot raise them);
    /// otherwise roles come from the claim path <see cref="OidcSettings.RoleClaim"/> (only names of the server's roles
    /// count) and groups from the provider's group paths ("/Sozialamt/Wohngeld" → "wohngeld").
    /// </summary>
    private static async Task MapOidcUserAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var name = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("sub") ?? "";
        if (name.Length == 0)
        {
            context.Fail("The identity provider sent neither preferred_username nor sub.");
            return;
        }
        var store = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var settings = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value;
        var known = await store.FindAsync(name, context.HttpContext.RequestAborted);
        var user = known ?? new ServerUser(name, principal.FindFirstValue("name") ?? name,
            [.. OidcClaims.Values(principal, settings.Oidc.RoleClaim).Where(r => Roles.All.Contains(r)).Distinct(StringComparer.Ordinal)],
            [.. OidcClaims.Values(principal, OidcClaims.GroupClaim).Select(OidcClaims.GroupKey).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal)]);
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
