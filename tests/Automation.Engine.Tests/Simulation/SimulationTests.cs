using System.Text.Json;
using Automation.Engine.Simulation;

namespace Automation.Engine.Tests.Simulation;

public sealed class SimulationTests
{
    private const string Scenario = """
        {
          "replications": 4,
          "branches": { "gw": { "ja": 0.7, "nein": 0.3 } },
          "roles": { "sachbearbeitung": { "people": 2 }, "leitung": { "people": 1 } },
          "scenarios": [
            { "name": "Prüfen automatisiert", "changes": [ { "type": "automate", "step": "pruefen", "cpuSeconds": 5, "footprint": { "printedPages": 0 } } ] },
            { "name": "KI-Vorschlag", "changes": [ { "type": "aiAssist", "step": "pruefen", "inferences": 4,
                "review": { "distribution": "triangular", "min": 5, "mode": 8, "max": 15 } } ] },
            { "name": "Mehr Personal", "changes": [ { "type": "capacity", "role": "sachbearbeitung", "people": 4 } ] }
          ]
        }
        """;

    [Fact]
    public void Branch_probabilities_set_by_hand_give_the_branch_frequencies()
    {
        var study = SimBpmn.Compile(SimBpmn.Branching, Scenario);
        var report = Simulator.Run(study, 5_000, seed: 7);
        var steps = report.Variants[0].Steps.ToDictionary(s => s.StepId);
        // 4 × 5,000 cases: the binomial standard error of 0.7 is about 0.0032; ±0.02 is more than 6 of them.
        Assert.InRange(steps["bewilligen"].ExecutionsPerCase.Mean, 0.68, 0.72);
        Assert.InRange(steps["ablehnen"].ExecutionsPerCase.Mean, 0.28, 0.32);
        Assert.Equal(1.0, steps["pruefen"].ExecutionsPerCase.Mean, 6);
        Assert.Equal(1.0, steps["versand"].ExecutionsPerCase.Mean, 6);
    }

    [Fact]
    public void The_same_seed_gives_identical_results_and_another_seed_different_ones()
    {
        string Run(long seed) => JsonSerializer.Serialize(Simulator.Run(SimBpmn.Compile(SimBpmn.Branching, Scenario), 500, seed));
        var first = Run(11);
        Assert.Equal(first, Run(11));
        Assert.NotEqual(first, Run(12));
    }

    [Fact]
    public void A_multi_instance_step_counts_each_instance_also_when_a_scenario_changes_it()
    {
        const string Incoming = "<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>";
        var threeChecks = SimBpmn.Branching.Replace(Incoming, Incoming
            + "<bpmn:multiInstanceLoopCharacteristics isSequential=\"true\"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>",
            StringComparison.Ordinal);
        Assert.NotEqual(SimBpmn.Branching, threeChecks);

        var report = Simulator.Run(SimBpmn.Compile(threeChecks, Scenario), 200, seed: 4);

        StepResult Pruefen(int variant) => report.Variants[variant].Steps.Single(s => s.StepId == "pruefen");
        Assert.Equal(3.0, Pruefen(0).ExecutionsPerCase.Mean, 6);
        // Automated (variant 1) and AI-assisted (variant 2): still three instances per case, now without or with less staff time.
        Assert.Equal(3.0, Pruefen(1).ExecutionsPerCase.Mean, 6);
        Assert.Equal(0, Pruefen(1).StaffMinutesPerCase.Mean);
        Assert.Equal(3.0, Pruefen(2).ExecutionsPerCase.Mean, 6);
    }

    [Fact]
    public void Amounts_never_get_a_negative_lower_bound_where_a_plain_interval_would()
    {
        // Three replications without any queue, one with 3 h: the t-interval reaches below zero; hours cannot.
        double[] waits = [0, 0, 0, 3];
        Assert.True(Simulator.Interval(waits).Low < 0);
        Assert.Equal(new Estimate(0.75, 0, Simulator.Interval(waits).High), Simulator.Amount(waits));

        var report = Simulator.Run(SimBpmn.Compile(SimBpmn.Branching, Scenario), 20, seed: 5);
        foreach (var variant in report.Variants)
        {
            var amounts = typeof(VariantResult).GetProperties().Where(p => p.PropertyType == typeof(Estimate))
                .Select(p => (p.Name, (Estimate)p.GetValue(variant)!))
                .Concat(variant.Carbon.Select(c => (c.Component, c.GramsPerCase)))
                .Concat(variant.Steps.SelectMany(st => new[] { (st.StepId, st.ExecutionsPerCase), (st.StepId, st.StaffMinutesPerCase) }));
            foreach (var (name, estimate) in amounts) Assert.True(estimate.Low >= 0, $"{variant.Name} {name}: {estimate}");
        }
    }

    [Fact]
    public void Automating_a_step_removes_its_staff_time_and_reports_its_carbon_balance()
    {
        var report = Simulator.Run(SimBpmn.Compile(SimBpmn.Branching, Scenario), 2_000, seed: 3);
        var baseline = report.Variants[0];
        var automated = report.Variants[1];
        Assert.Equal(SimulationReport.ForecastLabel, report.Label);
        Assert.Equal("simulated", report.Kind);
        Assert.Equal(0, automated.Steps.Single(s => s.StepId == "pruefen").StaffMinutesPerCase.Mean);
        Assert.Equal("Automated", automated.Steps.Single(s => s.StepId == "pruefen").Actor);
        // Triangular(0.8, 1, 1.5) × 30 min standard time has mean 33 min.
        Assert.InRange(baseline.Steps.Single(s => s.StepId == "pruefen").StaffMinutesPerCase.Mean, 31.5, 34.5);
        Assert.True(automated.StaffHoursPerCase.Mean < baseline.StaffHoursPerCase.Mean - 0.5);
        Assert.True(automated.EurPerCase.Mean < baseline.EurPerCase.Mean);
        Assert.True(automated.LeadTimeMeanDays.Mean < baseline.LeadTimeMeanDays.Mean);
        var balance = Assert.Single(automated.StepBalances);
        Assert.Equal("pruefen", balance.StepId);
        Assert.True(balance.AddedG.Mean > 0, "compute and embodied carbon of 5 CPU seconds");
        // Saved: the workplace carbon of ~33 staff minutes plus 3 printed pages (6 g each in de-2025).
        Assert.True(balance.SavedG.Mean > 18, $"saved {balance.SavedG.Mean}");
        Assert.Equal(balance.AddedG.Mean - balance.SavedG.Mean, balance.NetG.Mean, 6);
        Assert.True(balance.NetG.Mean < 0);
        Assert.True(baseline.Fte.Mean > automated.Fte.Mean);
        Assert.Contains(baseline.StaffByOccupation, o => o.Occupation == "73202");
    }

    [Fact]
    public void AI_assistance_keeps_the_review_time_and_adds_inference_carbon()
    {
        var report = Simulator.Run(SimBpmn.Compile(SimBpmn.Branching, Scenario), 2_000, seed: 3);
        var ai = report.Variants[2];
        var step = ai.Steps.Single(s => s.StepId == "pruefen");
        Assert.Equal("AiAssisted", step.Actor);
        Assert.InRange(step.StaffMinutesPerCase.Mean, 8.6, 10.7);
        Assert.True(ai.Carbon.Single(c => c.Component == "aiInference").GramsPerCase.Mean > 0);
        Assert.Equal("aiAssisted", Assert.Single(ai.StepBalances).Change);
    }

    [Fact]
    public void More_capacity_shortens_the_queue()
    {
        const string tight = """
            { "replications": 2, "arrivals": { "casesPerWorkingDay": 14 }, "branches": { "gw": { "ja": 0.7, "nein": 0.3 } },
              "roles": { "sachbearbeitung": { "people": 1 }, "leitung": { "people": 1 } },
              "scenarios": [ { "name": "Mehr Personal", "changes": [ { "type": "capacity", "role": "sachbearbeitung", "people": 3 } ] } ] }
            """;
        var report = Simulator.Run(SimBpmn.Compile(SimBpmn.Branching, tight), 1_000, seed: 5);
        Assert.True(report.Variants[1].QueueWaitHours.Mean < report.Variants[0].QueueWaitHours.Mean / 2,
            $"{report.Variants[1].QueueWaitHours.Mean} vs {report.Variants[0].QueueWaitHours.Mean}");
        // Capacity changes waiting, not work: staff hours per case stay within sampling noise.
        var work = report.Variants[0].StaffHoursPerCase.Mean;
        Assert.InRange(report.Variants[1].StaffHoursPerCase.Mean, work * 0.93, work * 1.07);
    }

    [Fact]
    public void Removing_a_step_drops_its_work_and_the_case_passes_through()
    {
        const string remove = """
            { "replications": 1, "branches": { "gw": { "ja": 1, "nein": 0 } },
              "scenarios": [ { "name": "ohne Prüfung", "changes": [ { "type": "remove", "step": "pruefen" } ] } ] }
            """;
        var report = Simulator.Run(SimBpmn.Compile(SimBpmn.Branching, remove), 200, seed: 1);
        var removed = report.Variants[1];
        Assert.Equal(200, removed.CasesCompleted.Mean);
        Assert.DoesNotContain(removed.Steps, s => s.StepId == "pruefen");
        Assert.Equal(0, removed.Steps.Single(s => s.StepId == "ablehnen").ExecutionsPerCase.Mean);
    }

    [Fact]
    public void Interval_uses_the_t_quantile_over_replications()
    {
        var e = Simulator.Interval([1.0, 2.0, 3.0]);
        Assert.Equal(2.0, e.Mean, 9);
        // s = 1, n = 3, t(0.95, 2) = 2.920: half width 2.920 / √3.
        Assert.Equal(2.0 - 2.920 / Math.Sqrt(3), e.Low, 6);
        Assert.Equal(2.0 + 2.920 / Math.Sqrt(3), e.High, 6);
        Assert.Equal(1.6449, Simulator.T95(10_000), 3);
    }

    [Fact]
    public void Working_time_carries_over_to_the_next_working_day_in_Berlin()
    {
        // Friday 2026-01-09 15:30 Berlin (14:30 UTC), 60 minutes of work in an 8-hour day from 08:00:
        // 30 minutes on Friday, 30 on Monday → Monday 08:30 Berlin = 07:30 UTC.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var calendar = new WorkCalendar(zone, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            new TimeOnly(8, 0), false, new DateOnly(2026, 1, 5));
        var windows = calendar.Windows(8);
        var friday = new DateTimeOffset(2026, 1, 9, 14, 30, 0, TimeSpan.Zero).UtcTicks;
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 7, 30, 0, TimeSpan.Zero).UtcTicks, windows.AddWorking(friday, 60));
        // Saturday morning waits for Monday 08:00 Berlin.
        var saturday = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero).UtcTicks;
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 7, 0, 0, TimeSpan.Zero).UtcTicks, windows.NextWorkingInstant(saturday));
        // Summer time: 08:00 Berlin is 06:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 6, 0, 0, TimeSpan.Zero).UtcTicks,
            windows.NextWorkingInstant(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks));
    }

    [Fact]
    public void Changed_steps_report_the_staff_minutes_they_free_per_case_and_per_year()
    {
        const string scenario = """
            { "start": "2026-01-01", "replications": 3, "arrivals": { "casesPerWorkingDay": 4 }, "calendar": { "state": "NW" },
              "branches": { "gw": { "ja": 0.7, "nein": 0.3 } },
              "scenarios": [
                { "name": "Prüfen automatisiert, Ablehnen entfällt", "changes": [ { "type": "automate", "step": "pruefen" }, { "type": "remove", "step": "ablehnen" } ] },
                { "name": "Mehr Personal", "changes": [ { "type": "capacity", "role": "sachbearbeitung", "people": 4 } ] } ] }
            """;
        var report = Simulator.Run(SimBpmn.Compile(SimBpmn.Branching, scenario), 1_000, seed: 9);
        Assert.Equal(253, report.WorkingDaysPerYear);
        Assert.Equal(4 * 253, report.CasesPerYear, 9);
        var baseline = report.Variants[0].Steps.ToDictionary(s => s.StepId);
        var savings = report.Variants[1].StepSavings.ToDictionary(s => s.StepId);
        Assert.Equal(["ablehnen", "pruefen"], savings.Keys.Order(StringComparer.Ordinal));
        var pruefen = savings["pruefen"];
        Assert.Equal("automated", pruefen.Change);
        Assert.Equal("73202", pruefen.Occupation);
        Assert.Equal(["sachbearbeitung"], pruefen.Roles);
        // Automated: all of the baseline's minutes are freed (same random streams, so equal up to rounding).
        Assert.Equal(baseline["pruefen"].StaffMinutesPerCase.Mean, pruefen.MinutesSavedPerCase.Mean, 6);
        Assert.Equal(pruefen.MinutesSavedPerCase.Mean * report.CasesPerYear / 60, pruefen.HoursPerYear.Mean, 6);
        Assert.Equal("removed", savings["ablehnen"].Change);
        Assert.Equal("73204", savings["ablehnen"].Occupation);
        Assert.True(savings["ablehnen"].MinutesSavedPerCase.Mean > 0);
        Assert.Empty(report.Variants[0].StepSavings);
        Assert.Empty(report.Variants[2].StepSavings);
    }

    [Fact]
    public void A_cancelled_run_stops_before_the_next_replication()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => Simulator.Run(SimBpmn.Compile(SimBpmn.Branching, Scenario), 100, 1, cancellationToken: cancelled.Token));
    }
}
