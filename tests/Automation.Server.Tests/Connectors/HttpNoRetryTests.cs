using Automation.Server.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Automation.Server.Tests.Connectors;

/// <summary>The server with the pipeline's retries switched off (the operator guide allows 0).</summary>
public sealed class NoRetryServerFactory : ConnectorServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Automation:Connectors:Http:RetryAttempts", "0"), new("Automation:Connectors:Http:RetryDelayMilliseconds", "10")];
}

/// <summary>RetryAttempts = 0 starts the server and makes exactly one attempt (it stopped the start before).</summary>
public sealed class HttpNoRetryTests(NoRetryServerFactory factory) : IClassFixture<NoRetryServerFactory>
{
    [Fact]
    public async Task A_5xx_with_retries_switched_off_is_tried_once_and_left_to_the_step_retries()
    {
        using var server = WireMockServer.Start();
        await factory.AllowAsync("127.0.0.1", server.Port);
        server.Given(Request.Create().WithPath("/kaputt").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));

        var result = await factory.Http.ExecuteAsync(
            ConnectorServerFactory.Call(new Dictionary<string, object?> { ["url"] = $"http://127.0.0.1:{server.Port}/kaputt" }), CancellationToken.None);

        Assert.Equal(ConnectorResultKind.Failure, result.Kind);
        Assert.True(result.Retryable);
        Assert.Single(server.LogEntries);
    }
}
