using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Auth;

/// <summary>
/// What single sign-on reads from an OpenID Connect provider's ID token, in the shapes Keycloak sends, and the
/// addresses to register there. The handler itself is set up in <see cref="AuthSetup"/>.
/// </summary>
internal static class OidcClaims
{
    /// <summary>Where the provider returns the code (register it as a redirect URI).</summary>
    public const string CallbackPath = "/anmelden/oidc-callback";

    /// <summary>Where the provider returns after logging out (register it as a post-logout redirect URI).</summary>
    public const string SignedOutCallbackPath = "/abmelden/oidc-callback";

    /// <summary>The claim with the provider's group paths (Keycloak: group membership mapper).</summary>
    public const string GroupClaim = "groups";

    /// <summary>Name of the stored ID token in the session's properties: a single sign-on session has one.</summary>
    public const string IdToken = "id_token";

    /// <summary>The provider's origin, for the pages' form-action (the logout form is redirected there).</summary>
    public static string? ProviderOrigin(OidcSettings settings) =>
        Uri.TryCreate(settings.Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    /// <summary>Whether the provider is on this machine (the only case where plain HTTP is accepted).</summary>
    public static bool IsLoopback(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));

    /// <summary>A Keycloak group path or name as the server's group key: last path segment, lower case.</summary>
    public static string GroupKey(string value) =>
        value.Trim().TrimEnd('/').Split('/').Last().Trim().ToLower(CultureInfo.InvariantCulture);

    /// <summary>
    /// The string values at a claim path: "roles" (a plain claim, one per value), or "realm_access.roles" and
    /// "resource_access.automation.roles" (a JSON claim and the path into it).
    /// </summary>
    public static IEnumerable<string> Values(ClaimsPrincipal principal, string path)
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
