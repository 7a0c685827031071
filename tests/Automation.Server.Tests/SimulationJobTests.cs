using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Engine.Reading;
using Automation.Engine.Simulation;
using Automation.Server.Features.Jobs;
using Automation.Server.Infrastructure;
using Automation.Server.Tests.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Automation.Server.Tests;

/// <summary>The simulation page runs as a background job: progress, result after redirect, owner-only, limits, cancel.</summary>
public sealed partial class SimulationJobTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Scenario = """
        { "replications": 4, "roles": { "sachbearbeitung": { "people": 2 } },
          "scenarios": [ { "name": "Prüfen automatisiert", "changes": [ { "type": "automate", "step": "Task_Pruefen" } ] } ] }
        """;

    [Fact]
    public void The_simulator_reports_each_replication_of_each_variant_in_order_up_to_one()
    {
        var processes = BpmnReader.ReadText(TestBpmn.TwoTasks("sim-progress"), "p.bpmn").Processes;
        var seen = new List<double>();
        Simulator.Run(SimulationCompiler.Compile(processes, ScenarioFile.Parse(Scenario)), 50, 1, progress: new Collect(seen));
        // Baseline and one scenario, 4 replications each: eight reports, the last one 1.
        Assert.Equal(Enumerable.Range(1, 8).Select(i => i / 8.0), seen);
    }

    [Fact]
    public async Task Another_user_neither_sees_nor_cancels_a_job_and_its_page_calls_it_unknown()
    {
        var id = (await TestBpmn.PublishAsync(factory.ApiClient("admin"), TestBpmn.TwoTasks("sim-job-owner"))).GetProperty("versions")[0].GetProperty("id").GetInt64();
        using var manager = await factory.LoginAsync("leitung", "demo");
        var (location, jobId) = await StartAsync(manager, id, cases: 200);
        Assert.Contains($"version={id}", location, StringComparison.Ordinal);

        using var other = await factory.LoginAsync("prozess", "demo");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/jobs/{jobId}")).StatusCode);
        var problem = await (await other.GetAsync($"/api/jobs/{jobId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("keinen laufenden oder kürzlich beendeten Auftrag", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ApiClient("prozess").PostAsync($"/api/jobs/{jobId}/cancel", null)).StatusCode);
        Assert.Empty((await factory.ApiClient("prozess").GetFromJsonAsync<JsonElement>("/api/jobs")).EnumerateArray());
        var otherPage = WebUtility.HtmlDecode(await other.GetStringAsync(location));
        Assert.Contains("Der Simulationsauftrag ist unbekannt oder abgelaufen", otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain(SimulationReport.ForecastLabel, otherPage, StringComparison.Ordinal);

        var html = await ResultAsync(manager, location, jobId);
        Assert.Contains(SimulationReport.ForecastLabel, html, StringComparison.Ordinal);
        Assert.Contains("Fertig am", html, StringComparison.Ordinal);
        // The form shows what was submitted, so the user can change it and run again.
        Assert.Contains("value=\"200\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_simulation_shows_its_progress_and_stops_when_cancelled()
    {
        var id = (await TestBpmn.PublishAsync(factory.ApiClient("admin"), TestBpmn.TwoTasks("sim-job-cancel"))).GetProperty("versions")[0].GetProperty("id").GetInt64();
        using var manager = await factory.LoginAsync("leitung", "demo");
        // 100,000 cases of 4 replications and two variants take far longer than this test waits.
        var (location, jobId) = await StartAsync(manager, id, cases: 100_000);
        var running = WebUtility.HtmlDecode(await manager.GetStringAsync(location));
        Assert.Contains("<progress max=\"100\"", running, StringComparison.Ordinal);
        Assert.Contains("Simulation abbrechen", running, StringComparison.Ordinal);
        Assert.Contains("/js/auftrag.js", running, StringComparison.Ordinal);

        var cancel = await manager.PostAsync("/simulation?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["auftrag"] = jobId.ToString(),
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(running),
        }));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        var ended = await WaitAsync(manager, jobId);
        Assert.Equal("cancelled", ended.GetProperty("status").GetString());
        Assert.True(ended.GetProperty("progress").GetDouble() < 1);
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(location));
        Assert.Contains("Abgebrochen am", page, StringComparison.Ordinal);
        Assert.Contains("Der Auftrag wurde abgebrochen.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_error_ends_the_job_with_the_error_and_its_path_on_the_page()
    {
        var id = (await TestBpmn.PublishAsync(factory.ApiClient("admin"), TestBpmn.TwoTasks("sim-job-error"))).GetProperty("versions")[0].GetProperty("id").GetInt64();
        using var manager = await factory.LoginAsync("leitung", "demo");
        var (location, jobId) = await StartAsync(manager, id, cases: 10, scenario: """{ "branches": { "Task_Pruefen": { "x": 1 } } }""");
        var html = await ResultAsync(manager, location, jobId);
        Assert.Contains("Das Szenario wurde nicht simuliert", html, StringComparison.Ordinal);
        Assert.Contains("$.branches.Task_Pruefen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_third_job_of_one_user_is_refused_while_another_user_may_start_and_ended_jobs_expire()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var jobs = new BackgroundJobs(clock, new Lifetime(), NullLogger<BackgroundJobs>.Instance);
        var release = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = jobs.Start("anna", "test", "A", null, (_, _) => release.Task);
        jobs.Start("anna", "test", "B", null, (_, _) => release.Task);
        var refused = Assert.Throws<BadInputException>(() => jobs.Start("anna", "test", "C", null, (_, _) => release.Task));
        Assert.Equal("too-many-jobs", refused.Code);
        Assert.Contains("Es laufen schon 2 Aufträge", refused.Message, StringComparison.Ordinal);
        var other = jobs.Start("bert", "test", "D", null, (_, _) => Task.FromResult<object>("fertig"));
        Assert.Null(jobs.Find(other.Id, "anna"));
        Assert.False(jobs.Cancel(other.Id, "anna"));

        release.SetResult("ok");
        await WaitUntilAsync(() => jobs.ListFor("anna").All(j => j.Status == JobStatus.Succeeded));
        Assert.Equal("ok", jobs.Find(a.Id, "anna")!.Result);
        Assert.Equal(1, jobs.Find(a.Id, "anna")!.Progress);
        jobs.Start("anna", "test", "E", null, (_, _) => Task.FromResult<object>("again"));

        clock.Advance(BackgroundJobs.Kept + TimeSpan.FromSeconds(1));
        Assert.Null(jobs.Find(a.Id, "anna"));
    }

    [Fact]
    public async Task A_failing_job_tells_its_owner_in_German_without_the_internal_message()
    {
        var jobs = new BackgroundJobs(TimeProvider.System, new Lifetime(), NullLogger<BackgroundJobs>.Instance);
        var job = jobs.Start("anna", "test", "A", null, (_, _) => throw new InvalidOperationException("connection string Password=geheim"));
        await WaitUntilAsync(() => job.Status != JobStatus.Running);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Contains("internen Fehler", job.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", job.Error, StringComparison.Ordinal);
        Assert.Null(job.Result);
    }

    private static async Task<(string Location, Guid JobId)> StartAsync(HttpClient client, long id, int cases, string scenario = Scenario)
    {
        var form = await client.GetStringAsync($"/simulation?version={id}");
        var posted = await client.PostAsync("/simulation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scenario"] = scenario,
            ["Cases"] = cases.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Seed"] = "2",
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        return (location, Guid.Parse(JobId().Match(location).Groups[1].Value));
    }

    /// <summary>Follows the redirect of a posted simulation form to its job, waits for the end and returns the result page, decoded.</summary>
    internal static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage posted)
    {
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        return await ResultAsync(client, location, Guid.Parse(JobId().Match(location).Groups[1].Value));
    }

    /// <summary>Waits for the job to end and returns the page it redirected to, decoded.</summary>
    internal static async Task<string> ResultAsync(HttpClient client, string location, Guid jobId)
    {
        await WaitAsync(client, jobId);
        return WebUtility.HtmlDecode(await client.GetStringAsync(location));
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, Guid jobId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            if (job.GetProperty("status").GetString() != "running") return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the job did not end");
            await Task.Delay(100);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached");
            await Task.Delay(20);
        }
    }

    [GeneratedRegex("auftrag=([0-9a-f-]{36})")]
    private static partial Regex JobId();

    private sealed class Collect(List<double> seen) : IProgress<double>
    {
        public void Report(double value) => seen.Add(value);
    }

    /// <summary>The host's lifetime, a contract of ASP.NET Core: only the stopping token is used.</summary>
    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
