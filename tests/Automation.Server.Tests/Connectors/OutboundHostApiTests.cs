using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Automation.Server.Tests.Connectors;

/// <summary>The allow-list's API: only host names and addresses in one normal form, no duplicates, removal takes effect at once.</summary>
public sealed class OutboundHostApiTests(ConnectorServerFactory factory) : IClassFixture<ConnectorServerFactory>
{
    [Theory]
    [InlineData("https://zahlung.example/api")]
    [InlineData("zahlung.example/api")]
    [InlineData("*.example.de")]
    [InlineData("zahlung.example:8443")]
    [InlineData("{{host}}")]
    [InlineData("2130706433")]
    [InlineData("")]
    public async Task Anything_but_a_host_name_or_address_is_refused_naming_the_field(string host)
    {
        using var admin = factory.ApiClient("admin");
        var response = await admin.PostAsJsonAsync("/api/outbound-hosts", new { host });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("host", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("Bücher.Example", "xn--bcher-kva.example")]
    [InlineData("[::1]", "::1")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("ZAHLUNG.example.", "zahlung.example")]
    public async Task Hosts_are_stored_in_the_guards_normal_form(string given, string stored)
    {
        using var admin = factory.ApiClient("admin");
        var response = await admin.PostAsJsonAsync("/api/outbound-hosts", new { host = given, port = 443 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stored, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("host").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/outbound-hosts", new { host = stored, port = 443 })).StatusCode);
    }

    [Fact]
    public async Task A_bad_port_is_refused_and_removing_a_target_refuses_it_at_once()
    {
        using var admin = factory.ApiClient("admin");
        var port = await admin.PostAsJsonAsync("/api/outbound-hosts", new { host = "zahlung.example", port = 70000 });
        Assert.Equal("port", JsonDocument.Parse(await port.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());

        var server = WireMockServer.Start();
        try
        {
            server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
            var added = await (await admin.PostAsJsonAsync("/api/outbound-hosts", new { host = "127.0.0.1", port = server.Port, note = "Test" }))
                .Content.ReadFromJsonAsync<JsonElement>();
            var call = ConnectorServerFactory.Call(new Dictionary<string, object?> { ["url"] = $"http://127.0.0.1:{server.Port}/" });
            Assert.Equal(ConnectorResultKind.Completed, (await factory.Http.ExecuteAsync(call, CancellationToken.None)).Kind);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/outbound-hosts/{added.GetProperty("id").GetInt64()}")).StatusCode);
            var refused = await factory.Http.ExecuteAsync(call, CancellationToken.None);
            Assert.Equal(ConnectorResultKind.Failure, refused.Kind);
            Assert.Contains("127.0.0.1", refused.Message, StringComparison.Ordinal);
            var audit = await admin.GetStringAsync("/api/audit?kind=outbound-host");
            Assert.Contains("\"delete\"", audit, StringComparison.Ordinal);
        }
        finally
        {
            server.Stop();
        }
    }

    [Fact]
    public async Task The_pages_list_secrets_and_targets_for_the_administration_only()
    {
        var admin = await factory.LoginAsync("admin", "admin-secret-1");
        Assert.Contains("Erlaubte Ziele", await admin.GetStringAsync("/verwaltung/ziele"), StringComparison.Ordinal);
        Assert.Contains("Geheimnisse", await admin.GetStringAsync("/verwaltung/geheimnisse"), StringComparison.Ordinal);
        var clerk = await factory.LoginAsync("prozess", "demo");
        Assert.NotEqual(HttpStatusCode.OK, (await clerk.GetAsync("/verwaltung/ziele")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await clerk.GetAsync("/verwaltung/geheimnisse")).StatusCode);
    }
}
