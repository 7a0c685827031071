using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Automation.Server.Connectors;
using Automation.Server.Features.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Connectors;

/// <summary>The server with short retry delays, so the pipeline's attempts take milliseconds in the tests.</summary>
public class ConnectorServerFactory : ServerFactory
{
    /// <summary>Retries after the first attempt, as configured here.</summary>
    public const int RetryAttempts = 2;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Automation:Connectors:Http:RetryAttempts", RetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Automation:Connectors:Http:RetryDelayMilliseconds", "10"),
    ];

    /// <summary>Every log line of the server at every level (category, message, exception), to search for secrets.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(new CapturingLoggerProvider(Logs));
            logging.SetMinimumLevel(LogLevel.Trace);
            // Trace goes only to the capture; the console keeps its usual level.
            logging.AddFilter((provider, _, level) => provider == typeof(CapturingLoggerProvider).FullName || level >= LogLevel.Information);
        });
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {state} {exception}");
        }
    }

    /// <summary>The registered HTTP connector.</summary>
    internal IConnector Http => Services.GetRequiredService<ConnectorRegistry>().Find("http")!;

    /// <summary>Allows a target through the API as the administrator; the guard's cache is dropped by the API itself.</summary>
    public async Task AllowAsync(string host, int? port)
    {
        var response = await ApiClient("admin").PostAsJsonAsync("/api/outbound-hosts", new { host, port });
        if (response.StatusCode != System.Net.HttpStatusCode.Conflict) response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Empties the allow-list, then allows this one target: a port an earlier test allowed may be handed by the system to
    /// a later test's server that must stay unlisted.
    /// </summary>
    public async Task AllowOnlyAsync(string host, int? port)
    {
        var admin = ApiClient("admin");
        foreach (var listed in await admin.GetFromJsonAsync<List<OutboundHostDto>>("/api/outbound-hosts") ?? [])
            (await admin.DeleteAsync($"/api/outbound-hosts/{listed.Id}")).EnsureSuccessStatusCode();
        await AllowAsync(host, port);
    }

    /// <summary>A call of a step with the given inputs and variables.</summary>
    internal static ConnectorCall Call(IReadOnlyDictionary<string, object?> inputs, IReadOnlyDictionary<string, object?>? variables = null, string key = "schluessel-1") =>
        new(Guid.NewGuid(), "AZ-1", "prozess", "Task_Http", key, inputs, variables ?? new Dictionary<string, object?>(), 1);
}
