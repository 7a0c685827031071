using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Automation.Server.Tests.Oidc;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a loopback port, shaped like a municipality's Keycloak realm: it
/// has its own login form and session, issues ID tokens with <c>preferred_username</c>, <c>realm_access.roles</c> and
/// <c>groups</c> (full group paths), checks the client's secret, redirect URIs and PKCE, and ends its session on
/// RP-initiated logout. Accounts and counters are public so tests can set and read them.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "automation";
    public const string ClientSecret = "kc-client-secret-4711";
    private const string Session = "idp";

    private readonly WebApplication app;
    private int logouts;

    /// <summary>An account of the realm.</summary>
    public sealed record Account(string Password, string Name, IReadOnlyList<string> RealmRoles, IReadOnlyList<string> Groups);

    private OidcProvider(WebApplication app) => this.app = app;

    public Dictionary<string, Account> Accounts { get; } = new(StringComparer.Ordinal);

    /// <summary>The issuer, e.g. http://127.0.0.1:43567/.</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>How many end-session requests arrived.</summary>
    public int Logouts => Volatile.Read(ref logouts);

    /// <summary>The id_token_hint of the last end-session request.</summary>
    public string? LastIdTokenHint { get; private set; }

    /// <summary>Token requests refused (wrong secret, code or verifier).</summary>
    public int RefusedTokenRequests { get; private set; }

    public static async Task<OidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(Session).AddCookie(Session, o =>
        {
            o.Cookie.Name = "kc.session";
            o.LoginPath = "/login";
        });
        builder.Services.AddAuthorization();
        OidcProvider? self = null;
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            // No stores: clients and redirect URIs are checked by the handlers below, codes are self-contained.
            o.EnableDegradedMode();
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/logout");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            o.DisableScopeValidation();
            o.UseAspNetCore().DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().EnableEndSessionEndpointPassthrough();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(c =>
            {
                if (c.ClientId != ClientId) c.Reject(Errors.InvalidClient, "unknown client");
                else if (!IsLoopbackPath(c.RedirectUri, "/anmelden/oidc-callback")) c.Reject(Errors.InvalidRequest, "redirect_uri not registered");
                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(c =>
            {
                if (c.ClientId != ClientId || c.ClientSecret != ClientSecret)
                {
                    self!.RefusedTokenRequests++;
                    c.Reject(Errors.InvalidClient, "wrong client credentials");
                }
                return default;
            }));
            o.AddEventHandler<ValidateEndSessionRequestContext>(b => b.UseInlineHandler(c =>
            {
                if (c.PostLogoutRedirectUri is { } uri && !IsLoopbackPath(uri, "/abmelden/oidc-callback"))
                    c.Reject(Errors.InvalidRequest, "post_logout_redirect_uri not registered");
                return default;
            }));
        });
        var app = builder.Build();
        self = new OidcProvider(app);
        app.UseAuthentication();
        self.MapEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self.Authority = new Uri(address.TrimEnd('/') + "/");
        return self;
    }

    private static bool IsLoopbackPath(string? uri, string path) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsLoopback && u.AbsolutePath == path;

    private void MapEndpoints()
    {
        app.MapGet("/login", (string? returnUrl) => Results.Content($"""
            <!doctype html><html lang="de"><body><h1>Anmeldung Kommune</h1>
            <form method="post" action="/login">
              <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "/")}">
              <label>Benutzer <input name="username"></label><label>Passwort <input name="password" type="password"></label>
              <button>Anmelden</button>
            </form></body></html>
            """, "text/html"));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var user = form["username"].ToString();
            if (!Accounts.TryGetValue(user, out var account) || account.Password != form["password"]) return Results.Unauthorized();
            await context.SignInAsync(Session, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], Session)));
            var returnUrl = form["returnUrl"].ToString();
            return Results.Redirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        });
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var login = await context.AuthenticateAsync(Session);
            if (!login.Succeeded || !Accounts.TryGetValue(login.Principal!.Identity!.Name!, out var account))
                return Results.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString }, [Session]);
            var user = login.Principal.Identity.Name!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(Claims.Subject, "f3b1c2d4-" + user);
            identity.AddClaim(Claims.PreferredUsername, user);
            identity.AddClaim(Claims.Name, account.Name);
            // Keycloak's shapes: realm roles inside a JSON object, groups as full paths.
            identity.AddClaim("realm_access", JsonSerializer.SerializeToElement(new { roles = account.RealmRoles }));
            foreach (var group in account.Groups) identity.AddClaim("groups", group);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            // The code was checked (signature, expiry, client, redirect URI, PKCE verifier) before this runs.
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext context) =>
        {
            Interlocked.Increment(ref logouts);
            LastIdTokenHint = context.GetOpenIddictServerRequest()?.IdTokenHint;
            await context.SignOutAsync(Session);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
