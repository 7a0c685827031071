using Automation.Engine.Accounting;
using Automation.Engine.Expressions;
using Automation.Engine.Model;

namespace Automation.Engine.Simulation;

/// <summary>
/// Runs a compiled <see cref="SimulationStudy"/>: each variant for the same number of cases and replications, with
/// replication r of every variant drawing from random stream r of the seed (common random numbers, so scenario and
/// baseline differ by the change rather than by chance), and turns the sums into estimates with 90 % intervals.
/// </summary>
public static class Simulator
{
    /// <summary>Hours of one full-time equivalent per year (200 days × 8 h, Leitfaden Erfüllungsaufwand).</summary>
    public const double HoursPerFte = 1600;

    private const int HistogramBins = 30;

    /// <summary>Runs every variant of the study.</summary>
    /// <param name="study">The compiled study.</param>
    /// <param name="cases">Cases per replication (at least 1).</param>
    /// <param name="seed">Seed: the same seed gives the same report.</param>
    /// <param name="cpuBudget">Processor time the simulation may use on its thread; null for no limit.</param>
    /// <param name="cancellationToken">Checked before every event and stops a running script, so an abandoned request stops at once.</param>
    /// <param name="progress">Told the share of replications done (0 to 1) after each one.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="SimulationBudgetExceededException">The simulation used up <paramref name="cpuBudget"/>.</exception>
    public static SimulationReport Run(SimulationStudy study, int cases, long seed, TimeSpan? cpuBudget = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentOutOfRangeException.ThrowIfLessThan(cases, 1);
        var replications = study.Settings.Replications;
        // Every replication runs here, on this thread: the guard's clock is this thread's processor time.
        var guard = new SimulationGuard(cpuBudget, cancellationToken);
        List<(SimulationVariant Variant, List<ReplicationMetrics> Metrics)> runs;
        var total = (double)(study.Scenarios.Count + 1) * replications;
        var done = 0;
        using (ScriptBudget.Cancellable(cancellationToken))
        {
            runs = [.. study.Variants.Select(v => (Variant: v, Metrics: Enumerable.Range(0, replications)
                .Select(r =>
                {
                    guard.Check();
                    using var replication = new Replication(v, study.Settings, cases, seed, r, guard);
                    var metrics = replication.Run();
                    progress?.Report(++done / total);
                    return metrics;
                }).ToList()))];
        }
        var pooled = runs.Select(r => r.Metrics.SelectMany(m => m.LeadTimesDays).Order().ToArray()).ToList();
        var maxP99 = pooled.Where(p => p.Length > 0).Select(p => Percentile(p, 0.99)).DefaultIfEmpty(1).Max();
        var binDays = NiceBin(maxP99 / HistogramBins);
        var baseline = runs[0];
        var casesPerYear = study.Settings.CasesPerYear();
        var variants = runs.Select((r, i) => Summarise(r.Variant, r.Metrics, pooled[i], binDays, baseline.Variant, baseline.Metrics, casesPerYear)).ToList();
        return new SimulationReport
        {
            Name = study.Settings.Name,
            ProcessId = study.Baseline.Definition.Id,
            Cases = cases,
            Seed = seed,
            Replications = replications,
            Start = study.Settings.Start,
            FactorSet = study.Factors.Name,
            Authority = study.Settings.Authority.ToString(),
            WorkingDaysPerYear = study.Settings.WorkingDaysPerYear(),
            CasesPerYear = casesPerYear,
            LeadTimeBinDays = binDays,
            Assumptions = study.Assumptions,
            Branches = [.. study.Baseline.Branches.Values.OrderBy(b => b.GatewayId, StringComparer.Ordinal)],
            Durations = study.Baseline.Steps.Values.Where(s => s.Duration is not null)
                .OrderBy(s => s.NodeId, StringComparer.Ordinal).ToDictionary(s => s.NodeId, s => s.Duration!.Description, StringComparer.Ordinal),
            Variants = variants,
        };
    }

    private static VariantResult Summarise(SimulationVariant v, List<ReplicationMetrics> ms, double[] pooled, double binDays,
        SimulationVariant baseline, List<ReplicationMetrics> baseMs, double casesPerYear)
    {
        var plans = v.Steps.Values.ToArray();
        double PerCase(ReplicationMetrics m, double total) => m.Completed > 0 ? total / m.Completed : 0;
        double Annual(ReplicationMetrics m) => 365.0 / Math.Max(1.0, m.ArrivalSpanDays);
        double Component(StepPlan[] ps, ReplicationMetrics m, int i, int c) =>
            ps[i].FixedCost[c] * m.Executions[i] + ps[i].PerMinuteCost[c] * m.StaffMinutes[i];
        double Total(ReplicationMetrics m, int c)
        {
            var sum = 0.0;
            for (var i = 0; i < plans.Length; i++) sum += Component(plans, m, i, c);
            return sum;
        }
        var occupations = plans.Where(p => p.HumanWork).Select(p => p.Occupation ?? "(ohne Angabe)").Distinct().Order(StringComparer.Ordinal).ToList();
        var byOccupation = occupations.Select(o =>
        {
            var idx = Enumerable.Range(0, plans.Length).Where(i => plans[i].HumanWork && (plans[i].Occupation ?? "(ohne Angabe)") == o).ToArray();
            double Hours(ReplicationMetrics m) => idx.Sum(i => m.StaffMinutes[i]) / 60;
            return new OccupationHours(o, Amount(ms.Select(m => PerCase(m, Hours(m)))), Amount(ms.Select(Hours)),
                Amount(ms.Select(m => Hours(m) * Annual(m) / HoursPerFte)));
        }).ToList();
        double StaffHours(ReplicationMetrics m) => m.StaffMinutes.Sum() / 60;
        var histogram = new double[HistogramBins];
        foreach (var d in pooled) histogram[Math.Min(HistogramBins - 1, (int)(d / binDays))]++;
        for (var i = 0; i < histogram.Length; i++) histogram[i] = pooled.Length > 0 ? histogram[i] / pooled.Length : 0;
        var balances = new List<StepCarbonBalance>();
        var savings = new List<StepSaving>();
        if (!v.IsBaseline)
        {
            var basePlans = baseline.Steps.Values.ToArray();
            foreach (var (plan, i) in plans.Select((p, i) => (p, i)).Where(x => x.p.Change != StepChange.None))
            {
                var b = Array.FindIndex(basePlans, p => p.NodeId == plan.NodeId);
                if (b < 0 || !basePlans[b].HumanWork) continue;
                var saved = Enumerable.Range(0, ms.Count)
                    .Select(r => PerCase(baseMs[r], baseMs[r].StaffMinutes[b]) - PerCase(ms[r], ms[r].StaffMinutes[i])).ToList();
                var change = plan.Change switch { StepChange.Automated => "automated", StepChange.AiAssisted => "aiAssisted", _ => "removed" };
                savings.Add(new StepSaving(plan.NodeId, basePlans[b].Label, change, basePlans[b].Occupation, basePlans[b].Roles,
                    Interval(saved), Interval(saved.Select(m => m * casesPerYear / 60))));
            }
            foreach (var (plan, i) in plans.Select((p, i) => (p, i)).Where(x => x.p.Change is StepChange.Automated or StepChange.AiAssisted))
            {
                var b = Array.FindIndex(basePlans, p => p.NodeId == plan.NodeId);
                double Delta(int r, IEnumerable<CarbonComponent> cs) => cs.Select(CostVector.Carbon).Sum(c =>
                    PerCase(ms[r], Component(plans, ms[r], i, c)) - (b < 0 ? 0 : PerCase(baseMs[r], Component(basePlans, baseMs[r], b, c))));
                var rs = Enumerable.Range(0, ms.Count).ToList();
                var added = rs.Select(r => Delta(r, CarbonComponents.AddedBySoftware)).ToList();
                var saved = rs.Select(r => -Delta(r, CarbonComponents.SavedByAutomation)).ToList();
                balances.Add(new StepCarbonBalance(plan.NodeId, plan.Label, plan.Change == StepChange.Automated ? "automated" : "aiAssisted",
                    Interval(added), Interval(saved), Interval(rs.Select(r => added[r] - saved[r])),
                    Interval(rs.Select(r => -Delta(r, CarbonComponents.In(SciPlacement.Outside))))));
            }
        }
        return new VariantResult
        {
            Name = v.Name,
            IsBaseline = v.IsBaseline,
            Changes = v.Changes,
            CasesStarted = ms[0].Started,
            CasesCompleted = Amount(ms.Select(m => (double)m.Completed)),
            CasesStuck = Amount(ms.Select(m => (double)m.Stuck)),
            LeadTimeMeanDays = Amount(ms.Select(m => m.LeadTimesDays.Count > 0 ? m.LeadTimesDays.Average() : 0)),
            LeadTimeP50Days = Amount(ms.Select(m => Percentile([.. m.LeadTimesDays.Order()], 0.5))),
            LeadTimeP90Days = Amount(ms.Select(m => Percentile([.. m.LeadTimesDays.Order()], 0.9))),
            LeadTimeHistogram = histogram,
            QueueWaitHours = Amount(ms.Select(m => m.WaitCount > 0 ? m.WaitHoursSum / m.WaitCount : 0)),
            StaffByOccupation = byOccupation,
            StaffHoursPerCase = Amount(ms.Select(m => PerCase(m, StaffHours(m)))),
            Fte = Amount(ms.Select(m => StaffHours(m) * Annual(m) / HoursPerFte)),
            EurPerCase = Amount(ms.Select(m => PerCase(m, Total(m, CostVector.LabourEur)))),
            EurTotal = Amount(ms.Select(m => Total(m, CostVector.LabourEur))),
            SciPerCase = Amount(ms.Select(m => PerCase(m, CarbonComponents.In(SciPlacement.Inside).Sum(c => Total(m, CostVector.Carbon(c)))))),
            Carbon = [.. CarbonComponents.All.Select(c => new ComponentCarbon(c.Key, c.PlacementName,
                Amount(ms.Select(m => PerCase(m, Total(m, CostVector.Carbon(c)))))))],
            Steps = [.. plans.Select((p, i) => (p, i)).Where(x => x.p.Priced).Select(x => new StepResult(x.p.NodeId, x.p.Label,
                x.p.Actor.ToString(), Amount(ms.Select(m => PerCase(m, m.Executions[x.i]))), Amount(ms.Select(m => PerCase(m, m.StaffMinutes[x.i])))))],
            StepBalances = balances,
            StepSavings = savings,
        };
    }

    /// <summary>
    /// <see cref="Interval"/> of a quantity that cannot be negative (cases, hours, euros, grams): the interval's lower
    /// end is cut at 0, since a symmetric t-interval around a small mean would otherwise claim negative hours.
    /// </summary>
    internal static Estimate Amount(IEnumerable<double> values)
    {
        var estimate = Interval(values);
        return estimate.Low < 0 ? estimate with { Low = 0 } : estimate;
    }

    /// <summary>Mean and 90 % Student-t interval over replication values.</summary>
    public static Estimate Interval(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var xs = values.ToArray();
        if (xs.Length == 0) return new Estimate(0, 0, 0);
        var mean = xs.Average();
        if (xs.Length == 1) return new Estimate(mean, mean, mean);
        var variance = xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1);
        var half = T95(xs.Length - 1) * Math.Sqrt(variance / xs.Length);
        return new Estimate(mean, mean - half, mean + half);
    }

    /// <summary>The 95th percentile of Student's t (two-sided 90 %) for <paramref name="df"/> degrees of freedom.</summary>
    public static double T95(int df)
    {
        ReadOnlySpan<double> table = [6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812,
            1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725,
            1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697];
        if (df < 1) throw new ArgumentOutOfRangeException(nameof(df), df, "needs at least one degree of freedom");
        if (df <= table.Length) return table[df - 1];
        // Beyond 30: Cornish–Fisher expansion around the normal quantile 1.6449.
        const double z = 1.6448536;
        return z + (z * z * z + z) / (4 * df) + (5 * Math.Pow(z, 5) + 16 * z * z * z + 3 * z) / (96.0 * df * df);
    }

    private static double Percentile(double[] sorted, double q)
    {
        if (sorted.Length == 0) return 0;
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(sorted.Length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static double NiceBin(double raw)
    {
        if (raw <= 0 || double.IsNaN(raw)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var step in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
        {
            if (raw <= step * magnitude) return step * magnitude;
        }
        return 10 * magnitude;
    }
}
