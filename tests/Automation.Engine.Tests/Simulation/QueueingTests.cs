using Automation.Engine.Simulation;

namespace Automation.Engine.Tests.Simulation;

public sealed class QueueingTests
{
    /// <summary>
    /// M/M/1 at utilisation 0.8: arrivals 0.8 per hour (Poisson), service exponential with mean 60 minutes, one
    /// server around the clock. Analytic mean wait in queue Wq = ρ / (μ − λ) = 0.8 / (1 − 0.8) = 4 hours.
    /// 200,000 cases with a fixed seed keep the estimate well inside 5 % and the test under a second or two.
    /// </summary>
    [Fact]
    public void Single_server_queue_matches_the_analytic_MM1_waiting_time_within_5_percent()
    {
        const string scenario = """
            {
              "replications": 1,
              "calendar": { "alwaysOpen": true },
              "arrivals": { "casesPerWorkingDay": 19.2 },
              "durations": { "steps": { "serve": { "distribution": "exponential", "mean": 60 } } },
              "roles": { "schalter": { "people": 1 } }
            }
            """;
        var study = SimBpmn.Compile(SimBpmn.SingleServer, scenario);
        var report = Simulator.Run(study, 200_000, seed: 2);
        var baseline = report.Variants[0];
        const double analyticWq = 4.0;
        Assert.Equal(200_000, baseline.CasesCompleted.Mean);
        Assert.InRange(baseline.QueueWaitHours.Mean, analyticWq * 0.95, analyticWq * 1.05);
        // Lead time is wait plus service: W = 1 / (μ − λ) = 5 hours.
        Assert.InRange(baseline.LeadTimeMeanDays.Mean * 24, 5 * 0.95, 5 * 1.05);
    }
}
