using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Inputs;

/// <summary>The server on a real loopback port, so the proxy's address is a real one.</summary>
public class KestrelServerFactory : ServerFactory
{
    private HttpClient? client;

    /// <summary>A client without cookies or redirects against the real port.</summary>
    public HttpClient Client
    {
        get
        {
            if (client is not null) return client;
            UseKestrel(0);
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                .Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
            return client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) client?.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A proxy elsewhere is configured: the loopback client is no proxy and its forwarded headers count for nothing.</summary>
public sealed class OtherProxyFactory : KestrelServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Automation:Proxy:KnownProxies:0", "10.9.8.7"), new("Automation:Proxy:KnownNetworks:0", "192.168.77.0/24")];
}

/// <summary>Behind a TLS proxy the server sends HSTS and Secure cookies; from anyone else the forwarded headers are ignored.</summary>
public sealed class TransportTests(KestrelServerFactory trusted, OtherProxyFactory untrusted)
    : IClassFixture<KestrelServerFactory>, IClassFixture<OtherProxyFactory>
{
    private static HttpRequestMessage Get(string path, bool forwardedHttps)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "automation.example";
        if (forwardedHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }
        return request;
    }

    private static async Task<(HttpResponseMessage Response, string Cookies)> LoginAsync(HttpClient client, bool forwardedHttps)
    {
        var form = await client.SendAsync(Get("/anmelden", forwardedHttps));
        var html = await form.Content.ReadAsStringAsync();
        var antiforgery = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/anmelden")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "prozess", ["Password"] = "demo", ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(html),
            }),
        };
        post.Headers.Host = "automation.example";
        post.Headers.Add("Cookie", string.Join("; ", antiforgery));
        if (forwardedHttps) post.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (form, string.Join("\n", form.Headers.GetValues("Set-Cookie").Concat(response.Headers.GetValues("Set-Cookie"))));
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_over_https_cookies_are_secure_and_hsts_is_sent()
    {
        var (form, cookies) = await LoginAsync(trusted.Client, forwardedHttps: true);

        var hsts = Assert.Single(form.Headers.GetValues("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", hsts);
        var session = cookies.Split('\n').Single(c => c.StartsWith("am.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        var antiforgery = cookies.Split('\n').First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Plain_http_gets_neither_hsts_nor_secure_cookies()
    {
        var (form, cookies) = await LoginAsync(trusted.Client, forwardedHttps: false);

        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", cookies, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_configured_proxy_are_ignored()
    {
        var (form, cookies) = await LoginAsync(untrusted.Client, forwardedHttps: true);

        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", cookies, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>No API answer may be kept by a browser or proxy cache: success, error, anonymous, the one-time token.</summary>
public sealed class ApiCacheTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Every_api_answer_carries_cache_control_no_store()
    {
        var failures = new List<string>();
        var checkedOk = 0;
        foreach (var (method, path, body, allowed) in RoleMatrixTests.Endpoints.Where(e => e.Path.StartsWith("/api", StringComparison.Ordinal)))
        {
            foreach (var user in new[] { allowed[0] == "anonymous" ? null : allowed[0], null, "jobcenter" }.Distinct())
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, body.StartsWith('<') ? "application/xml" : "application/json");
                var response = await factory.ApiClient(user).SendAsync(request);
                if (response.IsSuccessStatusCode) checkedOk++;
                if (response.Headers.CacheControl?.NoStore != true)
                    failures.Add($"{method} {path} as {user ?? "anonymous"}: {(int)response.StatusCode} Cache-Control '{response.Headers.CacheControl}'");
            }
        }
        var unknown = await factory.ApiClient("admin").GetAsync("/api/gibt-es-nicht");
        if (unknown.Headers.CacheControl?.NoStore != true) failures.Add("unknown /api path");
        Assert.Empty(failures);
        Assert.True(checkedOk > 30, $"only {checkedOk} successful answers were checked");
    }

    [Fact]
    public async Task The_one_time_token_is_not_cacheable()
    {
        var response = await factory.ApiClient("admin").PostAsJsonAsync("/api/admin/tokens", new { user = "sachbearbeitung", name = "cache-test" });

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("no-cache", response.Headers.Pragma.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_outside_the_api_keep_their_own_caching()
    {
        var response = await factory.ApiClient(null).GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }
}
