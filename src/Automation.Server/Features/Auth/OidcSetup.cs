using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Automation.Server.Features.Auth;

/// <summary>
/// Single sign-on through an OpenID Connect provider (e.g. the municipality's Keycloak): authorization code with PKCE,
/// roles and groups read from the ID token's claims as the provider names them, RP-initiated logout.
/// </summary>
internal static class OidcSetup
{
    /// <summary>Claim on a session that came from the identity provider (its logout also ends the provider's session).</summary>
    public const string LoginClaim = "am.login";

    /// <summary>Value of <see cref="LoginClaim"/> for single sign-on.</summary>
    public const string ViaOidc = "oidc";

    /// <summary>Where the provider returns the code, and where it returns after logging out (register both there).</summary>
    public const string CallbackPath = "/anmelden/oidc-callback";

    /// <inheritdoc cref="CallbackPath"/>
    public const string SignedOutCallbackPath = "/abmelden/oidc-callback";

    /// <summary>The claim with the provider's group paths (Keycloak: group membership mapper, "Full group path").</summary>
    public const string GroupClaim = "groups";

    public static AuthenticationBuilder AddServerOidc(this AuthenticationBuilder auth, OidcSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Authority)) return auth;
        return auth.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, "Single Sign-on", o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            // Plain HTTP only to a provider on this machine (tests, a local provider); anything else needs TLS.
            o.RequireHttpsMetadata = !IsLoopback(settings.Authority);
            o.ResponseType = OpenIdConnectResponseType.Code;
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
            o.CallbackPath = CallbackPath;
            o.SignedOutCallbackPath = SignedOutCallbackPath;
            o.SignedOutRedirectUri = "/anmelden";
            o.Events.OnTokenValidated = MapUserAsync;
            // A callback that does not verify (forged, replayed, expired, refused by the provider) is a failed login, not a 500.
            o.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSetup))
                    .LogWarning(context.Failure, "Single sign-on failed");
                context.Response.Redirect("/anmelden?sso=fehler");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The provider's origin, for the pages' form-action (the logout form is redirected there).</summary>
    public static string? ProviderOrigin(OidcSettings settings) =>
        Uri.TryCreate(settings.Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));

    /// <summary>
    /// A user known to the server's table keeps the roles and groups recorded there (the provider cannot raise them);
    /// otherwise roles come from <see cref="OidcSettings.RoleClaim"/> (only the server's role names count) and groups
    /// from the provider's group paths ("/Gewerbeamt" → "gewerbeamt").
    /// </summary>
    private static async Task MapUserAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var name = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("sub") ?? "";
        if (name.Length == 0)
        {
            context.Fail("The identity provider sent neither preferred_username nor sub.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value;
        var known = await services.GetRequiredService<UserStore>().FindAsync(name, context.HttpContext.RequestAborted);
        var user = known ?? new ServerUser(name, principal.FindFirstValue("name") ?? name,
            [.. ClaimValues(principal, settings.Oidc.RoleClaim).Where(r => Roles.All.Contains(r)).Distinct(StringComparer.Ordinal)],
            [.. ClaimValues(principal, GroupClaim).Select(GroupKey).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal)]);
        var mapped = user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme);
        ((ClaimsIdentity)mapped.Identity!).AddClaim(new Claim(LoginClaim, ViaOidc));
        context.Principal = mapped;
        // Only the ID token is kept (as the logout's id_token_hint), not the access or refresh token.
        if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken) is { Length: > 0 } idToken)
            context.Properties!.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
    }

    /// <summary>A Keycloak group path or name as the server's group key: last path segment, lower case.</summary>
    internal static string GroupKey(string value) =>
        value.Trim().TrimEnd('/').Split('/').Last().Trim().ToLower(CultureInfo.InvariantCulture);

    /// <summary>
    /// The string values at a claim path: "roles" (a plain claim, one per value), or "realm_access.roles" and
    /// "resource_access.automation.roles" (a JSON claim and the path into it), as Keycloak sends them.
    /// </summary>
    internal static IEnumerable<string> ClaimValues(ClaimsPrincipal principal, string path)
    {
        var segments = path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (segments.Length == 0) yield break;
        foreach (var claim in principal.FindAll(segments[0]))
        {
            if (segments.Length == 1 && !LooksLikeJson(claim.Value))
            {
                yield return claim.Value;
                continue;
            }
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(claim.Value);
            }
            catch (JsonException)
            {
                continue;
            }
            using (document)
            {
                var node = document.RootElement;
                var found = true;
                foreach (var segment in segments.Skip(1))
                {
                    if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node))
                    {
                        found = false;
                        break;
                    }
                }
                if (!found) continue;
                if (node.ValueKind == JsonValueKind.String) yield return node.GetString()!;
                else if (node.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in node.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String)) yield return item.GetString()!;
                }
            }
        }
    }

    private static bool LooksLikeJson(string value) => value.TrimStart() is { Length: > 0 } t && (t[0] == '{' || t[0] == '[');
}
