using Automation.Data.Reports;
using Automation.Data.Tests.Host;
using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Accounting;
using Automation.Tests.Shared;

namespace Automation.Data.Tests.Reports;

/// <summary>The dashboard aggregations against figures summed in memory from the same generated ledger, on both providers.</summary>
public abstract class ImpactQueriesContract
{
    private static readonly ReportPeriod Period = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));

    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private async Task<(AutomationDatabase Db, List<SampleCase> Sample)> SeedAsync(int cases = 200)
    {
        var db = new AutomationDatabase(await NewDatabaseAsync());
        await db.MigrateAsync();
        var sample = LedgerSample.Generate(cases, new DateOnly(2026, 1, 5), 90).ToList();
        await LedgerSample.WriteAsync(db, sample);
        await new LedgerRollup(db).RebuildAsync();
        return (db, sample);
    }

    private static double NearestRank(IEnumerable<long> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)((sorted.Count * (long)percent + 99) / 100) - 1];
    }

    [Fact]
    public async Task Overview_totals_trend_and_median_lead_time_match_the_ledger()
    {
        var (db, sample) = await SeedAsync();
        await using var _ = db;
        var overview = await new ImpactQueries(db).OverviewAsync(Period);

        // Figures are the steps of the cases that ended in the period (here: all completed ones), booked in the month the case ended.
        var completed = sample.Where(s => s.Case.Status == "Completed").ToList();
        var ledger = completed.SelectMany(s => s.Ledger).ToList();
        var total = overview.Total;
        Assert.Equal(sample.Count, total.Started);
        Assert.Equal(completed.Count, total.Completed);
        Assert.Equal(ledger.Count, total.Figures.Steps);
        Assert.Equal(completed.Count, total.Figures.Cases);
        Assert.Equal(completed.Count, total.CompletedFigures.Cases);
        Assert.Equal(0, total.OtherEnded);
        Assert.Equal(ledger.Sum(e => e.StaffMinutes), total.Figures.StaffMinutes, 6);
        Assert.Equal(ledger.Sum(e => e.LabourCostEur), total.Figures.LabourCostEur, 6);
        Assert.Equal(ledger.Sum(e => e.WorkplaceG + e.DeviceG + e.ComputeG + e.AiG + e.EmbodiedG + e.PaperG + e.PostG), total.Figures.CarbonG, 6);
        // The workplace devices' manufacturing is summed by the cells like every other component.
        Assert.True(ledger.Sum(e => e.DeviceG) > 0);
        Assert.Equal(ledger.Sum(e => e.DeviceG), total.Figures.Carbon[CarbonComponents.Devices], 6);
        Assert.Equal((double)ledger.Count(e => e.Actor == "Automated") / ledger.Count, total.Figures.AutomationRate!.Value, 9);
        // SCI: without paper and post, per completed case.
        Assert.Equal(ledger.Sum(e => e.WorkplaceG + e.DeviceG + e.ComputeG + e.AiG + e.EmbodiedG) / completed.Count, total.CompletedFigures.SciPerCaseG!.Value, 6);
        // The rule as the issue states it, computed here from the sample: per version, node and month in which the case ended, a
        // measured time shows only with five cases and five people; elsewhere the standard time stands in.
        var withheld = completed.SelectMany(s => s.Ledger.Select(e => (Case: s, Entry: e)))
            .GroupBy(x => (x.Entry.DefinitionId, ReportPeriod.MonthOf(x.Case.Case.EndedAt!.Value), x.Entry.NodeId))
            .Where(g => g.Any(x => x.Entry.StaffMinutesBasis == "Measured")
                && (g.Select(x => x.Case.Case.Id).Distinct().Count() < 5 || g.Select(x => x.Entry.WorkerKey).OfType<string>().Distinct().Count() < 5))
            .Sum(g => g.Sum(x => x.Entry.StandardMinutes));
        Assert.True(withheld > 0 && withheld < total.Figures.StaffMinutes / 10);
        Assert.Equal(withheld, total.Figures.StandInMinutes, 6);
        Assert.Equal(FigureBasis.Mixed, total.Figures.Basis);

        var leads = completed.Select(s => s.Case.EndedAt!.Value - s.Case.StartedAt).ToList();
        Assert.Equal(NearestRank(leads, 50), total.LeadTimeMs!.Median);
        Assert.Equal(NearestRank(leads, 95), total.LeadTimeMs.P95);
        Assert.Equal(leads.Max(), total.LeadTimeMs.Max);
        Assert.Equal(leads.Sum(), total.LeadTimeMs.Sum);

        Assert.Equal(6, overview.Trend.Count);
        Assert.Equal(total.Started, overview.Trend.Sum(m => m.Started));
        Assert.Equal(total.Completed, overview.Trend.Sum(m => m.Completed));
        Assert.Equal(total.Figures.StaffMinutes, overview.Trend.Sum(m => m.Figures.StaffMinutes), 6);
        var march = overview.Trend.Single(m => m.Month.Month == 3);
        var marchStart = ReportPeriod.StartOfDayMs(new DateOnly(2026, 3, 1));
        var aprilStart = ReportPeriod.StartOfDayMs(new DateOnly(2026, 4, 1));
        var endedInMarch = completed.Where(s => s.Case.EndedAt >= marchStart && s.Case.EndedAt < aprilStart).ToList();
        Assert.Equal(endedInMarch.SelectMany(s => s.Ledger).Sum(e => e.StaffMinutes), march.Figures.StaffMinutes, 6);
        Assert.Equal(endedInMarch.Count, march.Figures.Cases);
        Assert.Equal(sample.Count(s => s.Case.StartedAt >= marchStart && s.Case.StartedAt < aprilStart), march.Started);
        var process = Assert.Single(overview.Processes);
        Assert.Equal(LedgerSample.ProcessId, process.ProcessId);
    }

    [Fact]
    public async Task Lead_time_quantiles_per_month_and_overall_are_exact_nearest_ranks_also_when_many_cases_share_an_hour()
    {
        var (db, _) = await SeedAsync();
        await using var _ = db;
        var leads = new List<(long End, long Lead)>();
        await using (var c = await db.OpenAsync())
        {
            await using (var update = c.CreateCommand())
            {
                // Lead times of 1 h plus up to 49 s: every case in the same hour, so the exact ranks come from the second pass.
                update.CommandText = "UPDATE cases SET ended_at = started_at + 3600000 + (started_at % 50) * 1000 WHERE status = 'Completed'";
                Assert.True(await update.ExecuteNonQueryAsync() > 100);
            }
            await using var read = c.CreateCommand();
            read.CommandText = "SELECT ended_at, ended_at - started_at FROM cases WHERE status = 'Completed'";
            await using var r = await read.ExecuteReaderAsync();
            while (await r.ReadAsync()) leads.Add((r.GetInt64(0), r.GetInt64(1)));
        }
        var overview = await new ImpactQueries(db).OverviewAsync(Period);
        void Check(Quantiles? q, List<long> values)
        {
            Assert.NotNull(q);
            Assert.Equal(values.Count, q.Count);
            Assert.Equal(values.Min(), q.Min);
            Assert.Equal(NearestRank(values, 25), q.P25);
            Assert.Equal(NearestRank(values, 50), q.Median);
            Assert.Equal(NearestRank(values, 75), q.P75);
            Assert.Equal(NearestRank(values, 95), q.P95);
            Assert.Equal(values.Max(), q.Max);
            Assert.Equal(values.Sum(), q.Sum);
        }
        Check(overview.Total.LeadTimeMs, leads.Select(l => l.Lead).ToList());
        Check(Assert.Single(overview.Processes).LeadTimeMs, leads.Select(l => l.Lead).ToList());
        foreach (var month in overview.Trend.Where(m => m.Completed > 0))
        {
            Check(month.LeadTimeMs, leads.Where(l => l.End >= month.Month.StartMs && l.End < month.Month.EndMs).Select(l => l.Lead).ToList());
        }
    }

    [Fact]
    public async Task Process_view_finds_versions_bottleneck_carbon_balance_and_outliers_with_the_variable_behind_them()
    {
        var (db, sample) = await SeedAsync();
        await using var _ = db;
        var impact = await new ImpactQueries(db).ProcessAsync(Period, LedgerSample.ProcessId);

        var v1 = Assert.Single(impact.Versions, v => v.Version == "wohngeldantrag@1");
        var v2 = Assert.Single(impact.Versions, v => v.Version == "wohngeldantrag@2");
        var v1Cases = sample.Where(s => s.Case.DefinitionId == 1001 && s.Case.Status == "Completed").ToList();
        Assert.Equal(v1Cases.Count, v1.Figures.Cases);
        Assert.Equal(v1Cases.SelectMany(s => s.Ledger).Sum(e => e.StaffMinutes) / 60 / v1Cases.Count, v1.HoursPerCase!.Value, 6);
        Assert.True(v2.HoursPerCase < v1.HoursPerCase);

        var completed = sample.Where(s => s.Case.Status == "Completed").ToList();
        var berechnen = impact.Nodes.Single(n => n.NodeId == "Task_WohngeldBerechnen");
        Assert.Equal(completed.Count, berechnen.Executions);
        // Per node, the figures are the node's ledger entries of the ended cases: priced steps only, with their sums.
        foreach (var node in impact.Nodes)
        {
            var entries = completed.SelectMany(s => s.Ledger).Where(e => e.NodeId == node.NodeId).ToList();
            Assert.Equal((entries.Count, entries.Count(e => e.Actor == "Automated")), (node.Figures.Steps, node.Figures.AutomatedSteps));
            Assert.Equal(entries.Sum(e => e.StaffMinutes), node.Figures.StaffMinutes, 6);
            Assert.Equal(entries.Sum(e => e.ComputeG + e.EmbodiedG), node.Figures.Carbon[CarbonComponents.Compute] + node.Figures.Carbon[CarbonComponents.Embodied], 6);
        }
        Assert.Equal(0, impact.Nodes.Single(n => n.NodeId == "Start_Antrag").Figures.Steps);
        // Durations come from the cells' logarithmic histograms: count and sum exact, quantiles within 1 %. A person's step shows its
        // durations only in cells of five cases and five people (the rule, computed here from the sample).
        var durations = completed.SelectMany(s => s.Ledger.Where(e => e.NodeId == "Task_WohngeldBerechnen").Select(e => (Case: s, Entry: e)))
            .GroupBy(x => (x.Entry.DefinitionId, ReportPeriod.MonthOf(x.Case.Case.EndedAt!.Value)))
            .Where(g => g.Select(x => x.Case.Case.Id).Distinct().Count() >= 5 && g.Select(x => x.Entry.WorkerKey).Distinct().Count() >= 5)
            .SelectMany(g => g).Select(x => (double)(x.Entry.EndedAt - x.Entry.StartedAt)).Order().ToList();
        Assert.InRange(durations.Count, completed.Count / 2, completed.Count);
        var q = berechnen.DurationMs!;
        Assert.Equal(durations.Count, q.Count);
        Assert.Equal(durations.Sum(), q.Sum, 3);
        foreach (var (want, got) in new[] { (durations[0], q.Min), (durations[(durations.Count * 50 + 99) / 100 - 1], q.Median),
            (durations[(durations.Count * 95 + 99) / 100 - 1], q.P95), (durations[^1], q.Max) })
        {
            Assert.InRange(got, want * 0.99, want * 1.01);
        }
        Assert.Contains(impact.Bottlenecks, b => b.Node.NodeId == "Event_UnterlagenEingegangen");

        // Without a manual baseline there is nothing to weigh against: no warning either way.
        var zahlung = Assert.Single(impact.CarbonBalances, b => b.NodeId == "Task_ZahlungAnweisen");
        Assert.False(zahlung.HasManualBaseline);
        Assert.False(zahlung.Flagged);
        Assert.True(zahlung.AddedG > 0);
        var pruefen = Assert.Single(impact.CarbonBalances, b => b.NodeId == "Task_VollstaendigkeitPruefen");
        Assert.True(pruefen.HasManualBaseline);
        Assert.False(pruefen.Flagged);
        Assert.True(pruefen.SavedG > 18 * LedgerSample.WorkplaceGPerMinute);

        var outliers = impact.Outliers!;
        Assert.True(outliers.Count >= 5);
        Assert.All(outliers.Cases, c => Assert.True(c.LeadTimeMs > outliers.ThresholdMs));
        var contrast = Assert.Single(outliers.Contrasts, c => c.Variable == "nachforderung" && c.Value == "ja");
        Assert.Equal(1.0, contrast.OutlierShare);
        Assert.True(contrast.OtherShare < 0.2);
    }

    [Fact]
    public async Task Four_cases_show_standard_time_in_place_of_their_measured_minutes_and_an_empty_period_is_empty()
    {
        var db = new AutomationDatabase(await NewDatabaseAsync());
        await using var __ = db;
        await db.MigrateAsync();
        var sample = LedgerSample.Generate(5, new DateOnly(2026, 1, 5), 20).ToList();
        await LedgerSample.WriteAsync(db, sample);
        await using (var c = await db.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            // The people took three times the standard time: a value the overview must not show for four cases.
            cmd.CommandText = "UPDATE steps SET staff_minutes = standard_minutes * 3, labour_cost_eur = labour_cost_eur * 3 WHERE staff_minutes_basis = 'Measured'";
            Assert.True(await cmd.ExecuteNonQueryAsync() > 0);
        }
        await new LedgerRollup(db).RebuildAsync();
        var queries = new ImpactQueries(db);
        var overview = await queries.OverviewAsync(Period);
        var completed = sample.Where(s => s.Case.Status == "Completed").ToList();
        Assert.Equal(4, completed.Count);
        var standard = completed.SelectMany(s => s.Ledger).Sum(e => e.StandardMinutes);
        Assert.Equal(standard, overview.Total.Figures.StaffMinutes, 6);
        Assert.Equal(standard, overview.Total.Figures.StandInMinutes, 6);
        Assert.Equal(FigureBasis.Standard, overview.Total.Figures.Basis);
        Assert.Contains(overview.Total.Figures.Notes, n => n.Contains("5 Vorgänge", StringComparison.Ordinal));
        Assert.Equal(completed.SelectMany(s => s.Ledger).Sum(e => e.LabourCostEur), overview.Total.Figures.LabourCostEur, 6);
        Assert.True(overview.Total.LeadTimeMs!.Suppressed);
        Assert.All((await queries.ProcessAsync(Period, LedgerSample.ProcessId)).Nodes.Where(n => n.Kind == "UserTask"),
            n => Assert.Null(n.DurationMs));
        var empty = await queries.OverviewAsync(new ReportPeriod(new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 31)));
        Assert.True(empty.IsEmpty);
        Assert.Empty(await queries.StepsAsync(new ReportPeriod(new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 31))));
    }

    [Fact]
    public async Task Workbook_groups_sum_to_the_ledger()
    {
        var (db, sample) = await SeedAsync();
        await using var _ = db;
        var queries = new ImpactQueries(db);
        var ledger = sample.Where(s => s.Case.Status == "Completed").SelectMany(s => s.Ledger).ToList();
        var steps = await queries.StepsAsync(Period);
        Assert.Equal(ledger.Sum(e => e.ComputeG), steps.Sum(s => s.Figures.Carbon[CarbonComponents.Compute]), 6);
        Assert.Equal(ledger.Select(e => (e.NodeId, e.Actor)).Distinct().Count(), steps.Count);
        var labour = Assert.Single(await queries.OccupationsAsync(Period));
        Assert.Equal("73302", labour.Occupation);
        Assert.Equal(ledger.Sum(e => e.StaffMinutes), labour.Figures.StaffMinutes, 6);
        Assert.Equal(ledger[0].Factors.Split(',').Order(StringComparer.Ordinal), await queries.FactorIdsAsync(Period));
    }
}

public sealed class SqliteImpactQueriesTests : ImpactQueriesContract, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();

    [Fact]
    public void Months_follow_German_local_time()
    {
        var period = new ReportPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31));
        // 00:30 on 1 March in Berlin is still 28 February in UTC.
        var justAfterMidnight = new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(period.Months[1].StartMs, ReportPeriod.StartOfDayMs(new DateOnly(2026, 3, 1)));
        Assert.True(justAfterMidnight >= period.Months[1].StartMs);
        Assert.Throws<ArgumentException>(() => new ReportPeriod(new DateOnly(2010, 1, 1), new DateOnly(2026, 1, 1)));
        Assert.Throws<ArgumentException>(() => new ReportPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)));
    }
}

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresImpactQueriesTests(PostgresServer server) : ImpactQueriesContract
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("impact")));
}
