using System.Net;
using Automation.Server.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// The SSRF guard attacked through the HTTP connector on the running server: every internal or unlisted target is
/// refused with a German message naming the host, no request reaches the endpoint, and an allowed WireMock host works.
/// </summary>
public sealed class OutboundGuardTests : IClassFixture<ConnectorServerFactory>, IDisposable
{
    private readonly ConnectorServerFactory factory;
    private readonly WireMockServer allowed;
    private readonly WireMockServer other;

    public OutboundGuardTests(ConnectorServerFactory factory)
    {
        this.factory = factory;
        allowed = WireMockServer.Start();
        other = WireMockServer.Start();
        allowed.Given(Request.Create().WithPath("/ok").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("ja"));
        other.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("intern"));
        // Only 127.0.0.1 on the first server's port; the second server's port is not listed under any name.
        factory.AllowOnlyAsync("127.0.0.1", allowed.Port).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        allowed.Stop();
        other.Stop();
    }

    private async Task<ConnectorResult> GetAsync(string url) =>
        await factory.Http.ExecuteAsync(ConnectorServerFactory.Call(new Dictionary<string, object?> { ["url"] = url }), CancellationToken.None);

    [Fact]
    public async Task An_allowed_wiremock_host_is_called()
    {
        var result = await GetAsync($"http://127.0.0.1:{allowed.Port}/ok");
        Assert.Equal(ConnectorResultKind.Completed, result.Kind);
        Assert.Equal("ja", result.Outputs["body"]);
    }

    [Theory]
    [InlineData("http://127.0.0.1/", "127.0.0.1")]
    [InlineData("http://localhost/", "localhost")]
    [InlineData("http://[::1]/", "[::1]")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("http://0x7f000001/", "127.0.0.1")]
    [InlineData("http://2130706433/", "127.0.0.1")]
    [InlineData("http://0177.0.0.1/", "127.0.0.1")]
    [InlineData("http://[::ffff:127.0.0.1]/", "127.0.0.1")]
    [InlineData("http://[::ffff:a9fe:a9fe]/", "169.254.169.254")]
    [InlineData("http://0.0.0.0/", "0.0.0.0")]
    public async Task Internal_and_unlisted_targets_are_refused_naming_the_host(string url, string host)
    {
        var result = await GetAsync(url);
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.False(result.Retryable);
        Assert.Contains(host, result.Message, StringComparison.Ordinal);
        Assert.Contains("erlaubten Ziele", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_listed_address_on_another_port_is_refused()
    {
        var result = await GetAsync($"http://127.0.0.1:{other.Port}/");
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.Contains($"127.0.0.1:{other.Port}", result.Message, StringComparison.Ordinal);
        Assert.Empty(other.LogEntries);
    }

    [Fact]
    public async Task A_listed_name_that_resolves_to_loopback_is_refused_at_connect_time()
    {
        // The name is listed; the address it resolves to (loopback) is not listed on this port.
        await factory.AllowAsync("localhost", other.Port);
        var result = await GetAsync($"http://localhost:{other.Port}/");
        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.False(result.Retryable);
        Assert.Contains("localhost", result.Message, StringComparison.Ordinal);
        Assert.Contains("Loopback", result.Message, StringComparison.Ordinal);
        Assert.Empty(other.LogEntries);
    }

    [Fact]
    public async Task A_redirect_from_an_allowed_host_to_a_refused_one_is_not_followed()
    {
        allowed.Given(Request.Create().WithPath("/weiter-metadaten").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "http://169.254.169.254/latest/meta-data/"));
        allowed.Given(Request.Create().WithPath("/weiter-intern").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", $"http://localhost:{other.Port}/geheim"));
        var metadata = await GetAsync($"http://127.0.0.1:{allowed.Port}/weiter-metadaten");
        Assert.Equal(ConnectorResultKind.Failure, metadata.Kind);
        Assert.Contains("169.254.169.254", metadata.Message, StringComparison.Ordinal);
        var loopback = await GetAsync($"http://127.0.0.1:{allowed.Port}/weiter-intern");
        Assert.Equal(ConnectorResultKind.Failure, loopback.Kind);
        Assert.Contains("localhost", loopback.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(other.LogEntries, e => e.RequestMessage.Path == "/geheim");
    }

    [Fact]
    public async Task Credentials_in_the_url_and_other_schemes_are_refused()
    {
        var credentials = await GetAsync($"http://admin:geheim@127.0.0.1:{allowed.Port}/ok");
        Assert.Equal(ConnectorResultKind.Failure, credentials.Kind);
        Assert.DoesNotContain("geheim", credentials.Message, StringComparison.Ordinal);
        var file = await GetAsync("file:///etc/passwd");
        Assert.Equal(ConnectorResultKind.Failure, file.Kind);
        Assert.Contains("http", file.Message, StringComparison.Ordinal);
        Assert.Empty(allowed.LogEntries);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("100.64.0.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("2002:7f00:1::", "loopback")]
    [InlineData("::127.0.0.1", "reserved")]
    public void Internal_addresses_and_their_ipv6_forms_are_recognised(string address, string kind) =>
        Assert.Equal(kind, OutboundGuard.SpecialKind(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_pass(string address) => Assert.Null(OutboundGuard.SpecialKind(IPAddress.Parse(address)));
}
