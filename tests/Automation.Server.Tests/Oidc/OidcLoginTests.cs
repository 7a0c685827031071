using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Automation.Server.Features.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Oidc;

/// <summary>The server configured for single sign-on against <see cref="OidcProvider"/>.</summary>
public sealed class OidcServerFactory(Uri authority) : ServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Automation:Oidc:Authority", authority.ToString()),
        new("Automation:Oidc:ClientId", OidcProvider.ClientId),
        new("Automation:Oidc:ClientSecret", OidcProvider.ClientSecret),
    ];
}

/// <summary>A real provider and the server on real loopback ports, shared by the tests of one class.</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public OidcProvider Provider { get; private set; } = null!;

    public OidcServerFactory Server { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync();
        Provider.Accounts["kc-admin"] = new("pw-admin", "Ada Admin", ["Admin", "offline_access", "uma_authorization", "default-roles-verwaltung"], ["/Verwaltung/IT"]);
        Provider.Accounts["kc-clerk"] = new("pw-clerk", "Carla Clerk", ["Clerk"], ["/Gewerbeamt", "/Sozialamt/Wohngeld"]);
        Provider.Accounts["kc-nobody"] = new("pw-nobody", "Nora Niemand", ["offline_access", "superuser"], []);
        // Known to the server's own table as a Manager: the provider's claim "Admin" must not raise that.
        Provider.Accounts["leitung"] = new("pw-leitung", "Lena Leitung (IdP)", ["Admin"], ["/Gewerbeamt"]);
        Server = new OidcServerFactory(Provider.Authority);
        Server.UseKestrel(0);
        Server.StartServer();
        var address = Server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Single sign-on end to end: authorization code with PKCE through the provider's own login form, roles from
/// <c>realm_access.roles</c> and groups from <c>groups</c> as Keycloak sends them, the server's table winning for known
/// users, and logout ending the provider's session too.
/// </summary>
public sealed class OidcLoginTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    private sealed record Me(string UserName, string DisplayName, List<string> Roles, List<string> Groups);

    /// <summary>A browser-like client: one cookie jar for both hosts, redirects followed.</summary>
    private HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true, MaxAutomaticRedirections = 20 })
    {
        BaseAddress = fixture.BaseAddress,
    };

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);

    private async Task<HttpResponseMessage> SsoAsync(HttpClient browser, string user, string password)
    {
        // The login page's button; the server sends the browser to the provider, whose login form comes back.
        var form = await browser.GetAsync("/anmelden/sso?returnUrl=%2F");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(fixture.Provider.Authority.Authority, form.RequestMessage!.RequestUri!.Authority);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Anmeldung Kommune", html, StringComparison.Ordinal);
        // Posting it sends the browser back through the provider's authorization endpoint to the server's callback.
        return await browser.PostAsync(new Uri(fixture.Provider.Authority, "/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = Hidden(html, "returnUrl"), ["username"] = user, ["password"] = password,
        }));
    }

    private async Task<HttpClient> LoggedInAsync(string user, string password)
    {
        var browser = Browser();
        var landed = await SsoAsync(browser, user, password);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal(fixture.BaseAddress.Authority, landed.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("/", landed.RequestMessage.RequestUri.AbsolutePath);
        return browser;
    }

    [Fact]
    public async Task An_unknown_user_gets_the_server_roles_from_realm_access_and_the_groups_from_their_paths()
    {
        using var admin = await LoggedInAsync("kc-admin", "pw-admin");
        var me = await admin.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal("kc-admin", me!.UserName);
        Assert.Equal("Ada Admin", me.DisplayName);
        // offline_access, uma_authorization and default-roles-… are Keycloak's own and count for nothing here.
        Assert.Equal(["Admin"], me.Roles);
        Assert.Equal(["it"], me.Groups);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/users")).StatusCode);

        using var clerk = await LoggedInAsync("kc-clerk", "pw-clerk");
        me = await clerk.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal(["Clerk"], me!.Roles);
        Assert.Equal(["gewerbeamt", "wohngeld"], me.Groups.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/users")).StatusCode);
    }

    [Fact]
    public async Task A_user_in_the_servers_table_keeps_its_roles_whatever_the_provider_claims()
    {
        using var browser = await LoggedInAsync("leitung", "pw-leitung");
        var me = await browser.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal(["Manager"], me!.Roles);
        Assert.Equal("Lena Leitung", me.DisplayName);
        Assert.Contains("kaemmerei", me.Groups);
        Assert.DoesNotContain("gewerbeamt", me.Groups);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Roles_the_server_does_not_know_give_no_rights()
    {
        using var browser = Browser();
        // Signed in, but the start page already says "no access".
        var landed = await SsoAsync(browser, "kc-nobody", "pw-nobody");
        Assert.Equal(fixture.BaseAddress.Authority, landed.RequestMessage!.RequestUri!.Authority);
        Assert.Equal(HttpStatusCode.Forbidden, landed.StatusCode);
        // 403, not 401: the session exists, it just carries no role of this server.
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/cases")).StatusCode);
    }

    [Fact]
    public async Task Logging_out_ends_the_servers_session_and_the_providers_with_the_id_token_as_hint()
    {
        using var browser = await LoggedInAsync("kc-clerk", "pw-clerk");
        var before = fixture.Provider.Logouts;
        var home = await browser.GetStringAsync("/");
        var logout = await browser.PostAsync("/abmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(home),
        }));
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(fixture.BaseAddress.Authority, logout.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("/anmelden", logout.RequestMessage.RequestUri.AbsolutePath);
        Assert.Equal(before + 1, fixture.Provider.Logouts);
        Assert.False(string.IsNullOrEmpty(fixture.Provider.LastIdTokenHint));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        // The provider's session is gone as well: single sign-on asks for the password again.
        var again = await browser.GetAsync("/anmelden/sso?returnUrl=%2F");
        Assert.Contains("Anmeldung Kommune", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_callback_is_a_failed_login_with_a_german_message_not_an_error_page()
    {
        using var browser = Browser();
        var forged = await browser.GetAsync(OidcClaims.CallbackPath + "?code=erfunden&state=erfunden");
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal("/anmelden", forged.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Single Sign-on wurde abgelehnt", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_at_the_provider_never_reaches_the_server()
    {
        using var browser = Browser();
        var refused = await SsoAsync(browser, "kc-admin", "falsch");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task The_pages_allow_the_logout_form_to_be_redirected_to_the_provider_and_nowhere_else()
    {
        using var browser = Browser();
        var page = await browser.GetAsync("/anmelden");
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        var formAction = Regex.Match(policy, "form-action ([^;]+)").Groups[1].Value.Trim();
        Assert.Equal($"'self' {fixture.Provider.Authority.GetLeftPart(UriPartial.Authority)}", formAction);
    }
}
