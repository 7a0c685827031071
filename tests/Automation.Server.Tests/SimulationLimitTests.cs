using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Automation.Engine.Simulation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Automation.Server.Tests;

/// <summary>Tests that watch process-wide figures (simulated cases, processor time): they run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresProcessorTime
{
    public const string Name = "measures processor time";
}

/// <summary>The server on a real loopback port, so a client that goes away closes a real connection.</summary>
public class KestrelServerFactory : ServerFactory
{
    private Uri? address;

    public Uri Address
    {
        get
        {
            if (address is null)
            {
                UseKestrel(0);
                StartServer();
                var bound = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
                RealAddress = address;
            }
            return address;
        }
    }

    /// <summary>A plain client over the socket with the user's bearer token.</summary>
    public HttpClient SocketClient(string user)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(user));
        return client;
    }
}

/// <summary>A server whose simulations may use one second of processor time.</summary>
public sealed class TightSimulationBudgetFactory : ServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Automation:Simulation:CpuBudgetSeconds", "1")];
}

/// <summary>
/// A simulation stops when its client goes away and when it has used its processor-time budget. The simulated
/// process runs a script of 5 ms per case, so 100,000 cases would keep a core busy for minutes.
/// </summary>
[Collection(MeasuresProcessorTime.Name)]
public sealed class SimulationLimitTests(ITestOutputHelper output)
{
    private const string SlowProcess = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs" targetNamespace="urn:test">
          <bpmn:process id="rechenlast" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:scriptTask id="Rechnen" name="Rechnen" scriptFormat="javascript"><bpmn:script>var t = Date.now(); while (Date.now() - t &lt; 5) {} fertig = true</bpmn:script></bpmn:scriptTask>
            <bpmn:userTask id="Pruefen" name="Prüfen"><bpmn:extensionElements><am:role name="sachbearbeitung"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Rechnen" />
            <bpmn:sequenceFlow id="F2" sourceRef="Rechnen" targetRef="Pruefen" />
            <bpmn:sequenceFlow id="F3" sourceRef="Pruefen" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string Scenario = """{ "replications": 1, "roles": { "sachbearbeitung": { "people": 200 } } }""";

    private static async Task<long> DeployAsync(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/definitions?publish=false&fileName=rechenlast.bpmn", TestBpmn.Xml(SlowProcess));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0].GetProperty("id").GetInt64();
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    [Fact]
    public async Task A_simulation_whose_client_goes_away_stops_within_a_second()
    {
        await using var factory = new KestrelServerFactory();
        using var admin = factory.SocketClient("admin");
        var id = await DeployAsync(admin);
        using var manager = factory.SocketClient("leitung");
        long simulated = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SimulationMeter.MeterName && instrument.Name == SimulationMeter.CasesName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref simulated, value));
        listener.Start();

        using var leave = new CancellationTokenSource();
        var request = manager.PostAsync($"/api/simulation/definitions/{id}/run?cases=100000&seed=1",
            new StringContent(Scenario, Encoding.UTF8, "application/json"), leave.Token);
        await Task.Delay(1000);
        var running = await CasesOverAsync(() => Interlocked.Read(ref simulated));
        var busy = ProcessorTime();
        await Task.Delay(1000);
        var busyTime = ProcessorTime() - busy;
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        // One second for the simulation to notice; from then on no case is simulated any more.
        await Task.Delay(1000);
        var idle = ProcessorTime();
        var after = await CasesOverAsync(() => Interlocked.Read(ref simulated));
        var idleTime = ProcessorTime() - idle;
        output.WriteLine($"cases per second while running {running}, from 1 s after the client left {after}; " +
            $"processor time per second {busyTime.TotalMilliseconds:0} ms running, {idleTime.TotalMilliseconds:0} ms after (the machine's other load sets the share)");
        Assert.True(running > 0, "the simulation was not running");
        Assert.Equal(0, after);
    }

    private static async Task<long> CasesOverAsync(Func<long> counter)
    {
        var before = counter();
        await Task.Delay(1000);
        return counter() - before;
    }

    [Fact]
    public async Task A_simulation_over_its_processor_time_budget_gets_a_422_in_German_not_a_500()
    {
        await using var factory = new TightSimulationBudgetFactory();
        var id = await DeployAsync(factory.ApiClient("admin"));
        var manager = factory.ApiClient("leitung");

        var watch = Stopwatch.StartNew();
        var response = await manager.PostAsync($"/api/simulation/definitions/{id}/run?cases=100000&seed=1",
            new StringContent(Scenario, Encoding.UTF8, "application/json"));
        watch.Stop();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("simulation-budget-exceeded", problem.GetProperty("code").GetString());
        Assert.Equal(1, problem.GetProperty("budgetSeconds").GetDouble());
        Assert.Contains("Rechenzeitbudget von 1 s aufgebraucht", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        output.WriteLine($"refused after {watch.Elapsed.TotalSeconds:0.0} s");

        // The page says the same in its error list.
        using var page = await factory.LoginAsync("leitung", "demo");
        var form = await page.GetStringAsync($"/simulation?version={id}");
        var result = await page.PostAsync("/simulation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scenario"] = Scenario,
            ["Cases"] = "100000",
            ["Seed"] = "1",
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        }));
        Assert.Contains("Rechenzeitbudget von 1 s aufgebraucht", await SimulationJobTests.FollowAsync(page, result), StringComparison.Ordinal);
    }
}
