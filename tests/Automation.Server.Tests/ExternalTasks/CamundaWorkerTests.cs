using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.ExternalTasks;

/// <summary>The server on a real loopback port, for workers that run in their own process.</summary>
public sealed class KestrelServerFactory : ServerFactory
{
    private readonly Lazy<Uri> address;

    public KestrelServerFactory() => address = new Lazy<Uri>(() =>
    {
        UseKestrel(0);
        StartServer();
        var url = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        RealAddress = new Uri(url.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return RealAddress;
    });

    /// <summary>The server's address (starts it on first use).</summary>
    public Uri Address => address.Value;
}

/// <summary>
/// The npm package camunda-external-task-client-js, unchanged but for the Bearer interceptor, completes a step of a
/// process on the server through /engine-rest (tests/camunda-worker; scripts/test.sh installs it with npm ci).
/// </summary>
public sealed class CamundaWorkerTests(KestrelServerFactory factory) : IClassFixture<KestrelServerFactory>
{
    [Fact]
    public async Task The_camunda_npm_worker_completes_a_step_and_the_case_moves_on()
    {
        var folder = Path.Combine(ServerFactory.RepositoryRoot, "tests", "camunda-worker");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "camunda-external-task-client-js")),
            "tests/camunda-worker has no node_modules: run 'npm ci' there (scripts/test.sh does).");
        var baseUrl = new Uri(factory.Address, "/engine-rest").ToString();
        await ExternalTaskApiTests.SetUpAsync(factory, "meldung-node", "xmeld-node", "meldewesen-node", "xmeld-dienst-node");
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, "meldung-node", variables: new { frueher = "Stadt Kassel" });

        var start = new ProcessStartInfo("node", ["worker.mjs", baseUrl, factory.TokenFor("xmeld-dienst-node"), "xmeld-node"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await output}\n{await errors}");
        Assert.Contains("completed", await output, StringComparison.Ordinal);

        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Contains("XMELD-OK Stadt Kassel", detail.ToString(), StringComparison.Ordinal);
        Assert.Contains("pruefen", detail.GetProperty("waits").ToString(), StringComparison.Ordinal);
    }
}
