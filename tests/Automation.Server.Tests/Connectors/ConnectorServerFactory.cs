using System.Net.Http.Json;
using Automation.Server.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Connectors;

/// <summary>The server with short retry delays, so the pipeline's attempts take milliseconds in the tests.</summary>
public sealed class ConnectorServerFactory : ServerFactory
{
    /// <summary>Retries after the first attempt, as configured here.</summary>
    public const int RetryAttempts = 2;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Automation:Connectors:Http:RetryAttempts", RetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Automation:Connectors:Http:RetryDelayMilliseconds", "10"),
    ];

    /// <summary>The registered HTTP connector.</summary>
    internal IConnector Http => Services.GetRequiredService<ConnectorRegistry>().Find("http")!;

    /// <summary>Allows a target through the API as the administrator; the guard's cache is dropped by the API itself.</summary>
    public async Task AllowAsync(string host, int? port)
    {
        var response = await ApiClient("admin").PostAsJsonAsync("/api/outbound-hosts", new { host, port });
        if (response.StatusCode != System.Net.HttpStatusCode.Conflict) response.EnsureSuccessStatusCode();
    }

    /// <summary>A call of a step with the given inputs and variables.</summary>
    internal static ConnectorCall Call(IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?>? variables = null, string key = "schluessel-1") =>
        new(Guid.NewGuid(), "AZ-1", "prozess", "Task_Http", key, inputs, variables ?? new Dictionary<string, object?>(), 1);
}
