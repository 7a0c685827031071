using System.Security.Claims;
using System.Threading.RateLimiting;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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
        auth.AddServerOidc(options.Oidc);

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

    /// <summary>The candidate groups of a user.</summary>
    public static IReadOnlyList<string> Groups(this ClaimsPrincipal user) => user.FindAll(ServerClaims.Group).Select(c => c.Value).ToList();

    /// <summary>The user's login name.</summary>
    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? "";
}
