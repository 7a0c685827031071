using System.Diagnostics;
using System.Globalization;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Server.Connectors;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Benchmarks;

/// <summary>
/// The HTTP connector as the server runs it (named HttpClient, standard resilience pipeline, outbound guard with its
/// connect-time address check, wire measurement), N calls with 64 in flight against a local Kestrel endpoint on
/// loopback (allow-listed): a POST with a templated URL and JSON body, a JSON answer parsed into outputs.
/// Target ≥ 2,000 calls/s.
/// </summary>
internal static class HttpConnectorScenario
{
    private const double TargetCallsPerSecond = 2_000;
    private const int InFlight = 64;

    public static async Task<int> RunAsync(int calls, bool enforceTarget)
    {
        var folder = Path.Combine(Path.GetTempPath(), "am-bench-http-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var endpoint = await StartEndpointAsync();
            var port = new Uri(endpoint.Urls.First()).Port;
            await using var host = await WorkflowHost.StartAsync(DatabaseOptions.SqliteFile(Path.Combine(folder, "bench.db")),
                new WorkflowHostOptions { RunScheduler = false }, NullLoggerFactory.Instance);
            await using (var context = host.Database.CreateContext())
            {
                context.OutboundHosts.Add(new OutboundHostRecord { Host = "127.0.0.1", Port = port, CreatedBy = "benchmark" });
                await context.SaveChangesAsync();
            }
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(TimeProvider.System);
            var accessor = new WorkflowHostAccessor();
            accessor.Set(host);
            services.AddSingleton(accessor);
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
            services.AddConnectors(new ConfigurationBuilder().Build());
            await using var provider = services.BuildServiceProvider();
            var connector = provider.GetRequiredService<ConnectorRegistry>().Find("http")!;
            var inputs = new Dictionary<string, object?>
            {
                ["method"] = "POST",
                ["url"] = $"http://127.0.0.1:{port}/zahlungen/{{{{aktenzeichen}}}}",
                ["body"] = """{"betrag":"{{betrag}}","zweck":"Wohngeld {{aktenzeichen}}"}""",
                ["errorMapping"] = """{"404":"NICHT_GEFUNDEN"}""",
            };

            async Task<(int Done, long Bytes)> RunCallsAsync(int count)
            {
                var next = -1;
                var failed = 0;
                long bytes = 0;
                var workers = Enumerable.Range(0, InFlight).Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count)
                    {
                        var variables = new Dictionary<string, object?> { ["aktenzeichen"] = "AZ-" + i.ToString(CultureInfo.InvariantCulture), ["betrag"] = 100.0 + i };
                        var result = await connector.ExecuteAsync(new ConnectorCall(Guid.NewGuid(), null, "bench", "Task_Http", "k-" + i.ToString(CultureInfo.InvariantCulture),
                            inputs, variables, 1), CancellationToken.None);
                        if (result.Kind != ConnectorResultKind.Completed) Interlocked.Increment(ref failed);
                        Interlocked.Add(ref bytes, result.Measurement.BytesSent + result.Measurement.BytesReceived);
                    }
                }).ToList();
                await Task.WhenAll(workers);
                return (count - failed, bytes);
            }

            await RunCallsAsync(Math.Min(calls, 500)); // warm-up: connections, JIT
            var watch = Stopwatch.StartNew();
            var (done, wire) = await RunCallsAsync(calls);
            watch.Stop();
            var perSecond = done / watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"http-connector: {calls:N0} calls, {InFlight} in flight, against Kestrel on loopback: {done:N0} completed in {watch.Elapsed.TotalSeconds:N2} s = {perSecond:N0} calls/s (target ≥ {TargetCallsPerSecond:N0}); {wire / Math.Max(1, done):N0} bytes on the wire per call; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            if (done != calls)
            {
                Console.Error.WriteLine($"http-connector: {calls - done} calls did not complete");
                return 1;
            }
            return perSecond >= TargetCallsPerSecond || !enforceTarget ? 0 : 1;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file a moment; it is in the temp folder.
            }
        }
    }

    /// <summary>A payment-system stand-in: answers every POST with a small JSON receipt.</summary>
    private static async Task<WebApplication> StartEndpointAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/zahlungen/{id}", async (string id, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return Results.Text($$"""{"beleg":"{{id}}","laenge":{{body.Length}}}""", "application/json");
        });
        await app.StartAsync();
        return app;
    }
}
