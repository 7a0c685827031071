using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Automation.Data.Reports;
using Automation.Server.Features.Cases;
using Automation.Server.Features.Dashboards;
using Automation.Server.Features.LabourMarket;
using Automation.Server.Infrastructure;
using Automation.Server.Tests.Dashboards;
using Automation.Tests.Shared;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Slices;

/// <summary>
/// Listens to one meter instrument, counting only what the test's own async flow records: tests of other classes run
/// in parallel in the same process and draw charts or send requests at the same time.
/// </summary>
internal sealed class FlowMeasurements : IDisposable
{
    private static readonly AsyncLocal<FlowMeasurements?> Current = new();
    private readonly MeterListener listener = new();
    private readonly List<(double Value, Dictionary<string, object?> Tags)> seen = [];

    public FlowMeasurements(string instrument)
    {
        Current.Value = this;
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == ServerMetrics.MeterName && i.Name == instrument) l.EnableMeasurementEvents(i);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Add(value, tags));
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        listener.Start();
    }

    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Seen
    {
        get { lock (seen) return [.. seen]; }
    }

    private void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // The callback runs on the recording thread, inside the recorder's execution context.
        if (Current.Value != this) return;
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var t in tags) copy[t.Key] = t.Value;
        lock (seen) seen.Add((value, copy));
    }

    public void Dispose()
    {
        Current.Value = null;
        listener.Dispose();
    }
}

public sealed class PipelineTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static readonly ReportPeriod Period = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));

    [Fact]
    public async Task Dashboard_api_requests_draw_no_chart_while_the_pages_do()
    {
        await factory.SampleAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        using (var charts = new FlowMeasurements(ServerMetrics.ChartsRendered))
        {
            var overview = await mediator.Send(new GetOverview(Period));
            var process = await mediator.Send(new GetProcessImpact(Period, LedgerSample.ProcessId));
            Assert.NotEmpty(overview.Trend);
            Assert.NotEmpty(process.Nodes);
            Assert.Empty(charts.Seen);
        }

        // The counter sees charts where they are drawn, so its silence above means something.
        using (var charts = new FlowMeasurements(ServerMetrics.ChartsRendered))
        {
            var page = await mediator.Send(new GetProcessPage(Period, LedgerSample.ProcessId));
            Assert.Equal(page.Charts.Count, charts.Seen.Count);
            Assert.True(page.Charts.Count >= 4, $"{page.Charts.Count} charts");
            Assert.All(charts.Seen, m => Assert.Equal("svg", m.Tags["format"]));
        }
    }

    [Fact]
    public async Task Dashboard_api_json_carries_figures_and_no_svg()
    {
        await factory.SampleAsync();
        var client = factory.ApiClient("leitung");
        foreach (var url in new[] { "/api/dashboards/overview?" + DashboardFactory.Period, $"/api/dashboards/processes/{LedgerSample.ProcessId}?" + DashboardFactory.Period })
        {
            var text = await client.GetStringAsync(url);
            Assert.DoesNotContain("<svg", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"charts\"", text, StringComparison.OrdinalIgnoreCase);
            Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("trend", out _) || text.Contains("\"nodes\"", StringComparison.Ordinal), url);
        }
    }

    [Fact]
    public async Task Every_request_is_timed_by_name_also_when_it_is_refused()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, "Admin")], "test"));
        using var timings = new FlowMeasurements(ServerMetrics.RequestDuration);

        await mediator.Send(new GetOverview(Period));
        await Assert.ThrowsAsync<BadInputException>(async () => await mediator.Send(new ListCases(admin, null, "gibt-es-nicht", null, 1, 10)));

        var seen = timings.Seen;
        Assert.Equal(["GetOverview", "ListCases"], seen.Select(m => (string?)m.Tags["request"]));
        Assert.All(seen, m => Assert.True(m.Value is > 0 and < 60, $"{m.Value} s"));
    }

    [Fact]
    public async Task Malformed_request_is_refused_naming_its_first_field_whoever_sends_it()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        // A page or job sending the request meets the same rule as the API: the first problem, with its field.
        var steps = new List<Automation.Workforce.Impact.StepImpactInput>
        {
            new("p", "A", "Antrag prüfen", "73202", ["sachbearbeitung"], 12, 1_000, Automation.Workforce.Impact.ImpactBasis.Measured, "Szenario A"),
            new("p", "B", "Bescheid", "99999", ["sachbearbeitung"], 5, -3, Automation.Workforce.Impact.ImpactBasis.Measured, "Szenario A"),
        };
        var refused = await Assert.ThrowsAsync<BadInputException>(async () => await mediator.Send(new ForecastImpact(steps)));
        Assert.Equal("steps[1].occupation", refused.Field);

        // The same rule answers the API with 400 Problem Details naming the field.
        var response = await factory.ApiClient("admin").PostAsJsonAsync("/api/labour/impact/forecast", new[]
        {
            new { processId = "p", nodeId = "B", occupation = "73202", roles = Array.Empty<string>(), minutesSavedPerCase = 5.0, casesPerYear = -1.0, source = "x" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("steps[0].casesPerYear", problem.GetProperty("field").GetString());
    }
}
