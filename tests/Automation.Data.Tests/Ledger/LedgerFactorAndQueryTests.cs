using System.Globalization;
using Automation.Data.Reports;
using Automation.Data.Tests.Durability;
using Automation.Data.Tests.Host;
using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Accounting;

namespace Automation.Data.Tests.Ledger;

/// <summary>The factor table, ledger queries and the staff-privacy rules, on SQLite and on PostgreSQL.</summary>
public abstract class LedgerFactorAndQueryTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    /// <summary>One human step: Zeitwerttabelle activity 3, simple, pay level mittel, occupation 73202.</summary>
    internal const string Pruefung = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="pruefung" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="pruefen" name="Antrag prüfen"><bpmn:extensionElements><am:role name="sachbearbeitung" />
              <am:effort activity="3" complexity="simple" payLevel="mittel" occupation="73202"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private static Task<WorkflowHost> StartAsync(DatabaseOptions db, TimeSpan? retention = null) =>
        WorkflowHost.StartAsync(db, new WorkflowHostOptions
        {
            RunScheduler = false, WorkerPseudonymKey = Key, AssigneeRetention = retention ?? TimeSpan.FromDays(30),
        });

    /// <summary>Runs one case whose task <paramref name="user"/> worked on for <paramref name="minutes"/> (claim moved back in time).</summary>
    internal static async Task<Guid> RunCaseAsync(WorkflowHost host, string user, int minutes)
    {
        var started = await host.StartCaseAsync("pruefung");
        var task = Assert.Single(started.State.Waits);
        await host.ClaimTaskAsync(started.CaseId, task.Id, user);
        await using (var c = await host.Database.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"UPDATE tasks SET claimed_at = claimed_at - {minutes * 60000L} WHERE case_id = '{started.CaseId}'");
            await cmd.ExecuteNonQueryAsync();
        }
        await host.CompleteTaskAsync(started.CaseId, task.Id, completedBy: user);
        return started.CaseId;
    }

    private static async Task<string> FactorsOfAsync(WorkflowHost host, Guid caseId)
    {
        await using var c = await host.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT factors FROM ledger_entries WHERE case_id = '{caseId}'";
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_reference_factors_are_seeded_once_and_a_new_version_prices_later_steps_while_earlier_entries_keep_theirs()
    {
        var db = await NewDatabaseAsync();
        var seeded = FactorSet.Default.Versions.Count;
        await using (var first = await StartAsync(db))
        {
            Assert.Equal(seeded, await DurabilityChecks.ScalarAsync(first, "SELECT COUNT(*) FROM factor_versions"));
        }
        await using var host = await StartAsync(db);
        Assert.Equal(seeded, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM factor_versions WHERE created_by = 'seed'"));
        Assert.True((await host.DeployAsync(Pruefung, "pruefung.bpmn")).Succeeded);
        var before = await RunCaseAsync(host, "anna", 10);
        Assert.Contains("workplace.energy@1", await FactorsOfAsync(host, before), StringComparison.Ordinal);

        await using var otherNode = await StartAsync(db);
        Assert.False(await otherNode.Factors.RefreshIfChangedAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var added = await host.Factors.AddAsync(new FactorVersionInput
        {
            Key = "workplace.energy", Value = 0.12m, Unit = "kWh/staff-h", Source = "Messung im Rathaus, 2026", Year = 2026, Status = "assumption",
            ValidFrom = today,
        }, "admin");
        Assert.Equal(2, added.Version.Version);
        Assert.Equal(today.AddDays(-1), host.Factors.Current.VersionsOf("workplace.energy")[0].ValidTo);
        var after = await RunCaseAsync(host, "anna", 10);
        Assert.Contains("workplace.energy@2", await FactorsOfAsync(host, after), StringComparison.Ordinal);
        Assert.Contains("workplace.energy@1", await FactorsOfAsync(host, before), StringComparison.Ordinal);

        // Another node picks the version up on its next check (the job worker's FactorRefreshInterval) ...
        Assert.Equal(0.09m, otherNode.Factors.Current.Get("workplace.energy", DateTimeOffset.UtcNow).Value);
        Assert.True(await otherNode.Factors.RefreshIfChangedAsync());
        Assert.Equal(0.12m, otherNode.Factors.Current.Get("workplace.energy", DateTimeOffset.UtcNow).Value);
        // ... and a restarted host reads the same table.
        await using (var other = await StartAsync(db))
        {
            Assert.Equal(0.12m, other.Factors.Current.Get("workplace.energy", DateTimeOffset.UtcNow).Value);
            Assert.Equal(seeded + 1, await DurabilityChecks.ScalarAsync(other, "SELECT COUNT(*) FROM factor_versions"));
        }
    }

    [Fact]
    public async Task A_restart_gives_seeded_rows_the_reference_texts_but_never_touches_values_or_rows_of_administrators()
    {
        var db = await NewDatabaseAsync();
        const string English = "Umweltbundesamt, Climate Change 13/2025: CO2 emission factor of the German electricity consumption mix";
        await using (var first = await StartAsync(db))
        {
            await first.Factors.AddAsync(new FactorVersionInput
            {
                Key = "grid.intensity", Value = 350m, Unit = "gCO2/kWh", Source = "UBA, English note kept", Year = 2027, Status = "secondary",
                ValidFrom = new DateOnly(2027, 1, 1),
            }, "admin");
            // What a database seeded before the translation holds: English texts on seeded rows; one seeded value changed by hand.
            await ExecuteAsync(first, $"UPDATE factor_versions SET source = '{English}', note = 'CO2 only', label = 'grid' WHERE key = 'grid.intensity' AND version = 1");
            await ExecuteAsync(first, "UPDATE factor_versions SET source = 'Vendor blog', value = '0.5' WHERE key = 'workplace.energy' AND version = 1");
        }
        await using var host = await StartAsync(db);
        var reference = FactorSet.Default.Get("grid.intensity", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var grid = host.Factors.Current.Get("grid.intensity", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal((reference.Source, reference.Note, reference.Label, reference.Value), (grid.Source, grid.Note, grid.Label, grid.Value));
        Assert.StartsWith("Umweltbundesamt, Climate Change 13/2025: CO2-Emissionsfaktor", grid.Source, StringComparison.Ordinal);
        // A seeded row whose value is no longer the reference's keeps its own text: the reference text would describe another figure.
        var energy = host.Factors.Current.VersionsOf("workplace.energy")[0];
        Assert.Equal((0.5m, "Vendor blog"), (energy.Value, energy.Source));
        Assert.Equal("UBA, English note kept", host.Factors.Current.VersionsOf("grid.intensity").Single(v => v.Version == 3).Source);
        Assert.Equal(FactorSet.Default.Versions.Count + 1, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM factor_versions"));
    }

    private static async Task ExecuteAsync(WorkflowHost host, string sql)
    {
        await using var c = await host.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_negative_value_a_missing_source_or_an_overlapping_period_is_refused_with_the_field_named_and_nothing_stored()
    {
        await using var host = await StartAsync(await NewDatabaseAsync());
        var count = await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM factor_versions");
        var valid = new FactorVersionInput
        {
            Key = "grid.intensity", Value = 350m, Unit = "gCO2/kWh", Source = "UBA", Year = 2025, Status = "secondary",
            ValidFrom = new DateOnly(2027, 1, 1),
        };
        (FactorVersionInput Input, string Field)[] cases =
        [
            (valid with { Value = -1m }, "value"),
            (valid with { Source = " " }, "source"),
            (valid with { ValidFrom = new DateOnly(2025, 6, 1), ValidTo = new DateOnly(2025, 9, 30) }, "validFrom"),
            (valid with { ValidFrom = new DateOnly(2024, 6, 1), ValidTo = new DateOnly(2025, 2, 1) }, "validTo"),
        ];
        foreach (var (input, field) in cases)
        {
            var e = await Assert.ThrowsAsync<FactorValidationException>(() => host.Factors.AddAsync(input, "admin"));
            Assert.Contains(e.Errors, x => x.Field == field);
        }
        Assert.Equal(count, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM factor_versions"));
        Assert.Equal(2, host.Factors.Current.VersionsOf("grid.intensity").Count);
    }

    [Fact]
    public async Task Recomputation_reports_old_against_new_per_definition_version_and_leaves_stored_entries_alone()
    {
        await using var host = await StartAsync(await NewDatabaseAsync());
        Assert.True((await host.DeployAsync(Pruefung, "pruefung.bpmn")).Succeeded);
        var caseId = await RunCaseAsync(host, "anna", 30);
        var stored = await FactorsOfAsync(host, caseId);
        // The step ended today; a version valid from today replaces the one it was priced with.
        await host.Factors.AddAsync(new FactorVersionInput
        {
            Key = "workplace.energy", Value = 0.18m, Unit = "kWh/staff-h", Source = "Messung", Year = 2026, Status = "assumption",
            ValidFrom = DateOnly.FromDateTime(DateTime.UtcNow),
        }, "admin");
        var report = await LedgerRecomputer.RecomputeAsync(host, new LedgerFilter());
        var line = Assert.Single(report.Definitions);
        Assert.Equal("pruefung@1", line.DefinitionVersion);
        Assert.Equal((1L, 1L), (line.Entries, line.Changed));
        Assert.Empty(report.Failures);
        // Workplace doubles with twice the kWh per staff-hour (0.09 → 0.18); the standard minutes and everything else stay.
        Assert.Equal(line.Old[CarbonComponents.Workplace] * 2, line.New[CarbonComponents.Workplace], 6);
        Assert.Equal(line.Old.StandardMinutes, line.New.StandardMinutes);
        Assert.Equal(line.Old.LabourCostStandardEur, line.New.LabourCostStandardEur, 6);
        var change = Assert.Single(report.Factors);
        Assert.Equal(("workplace.energy@1", "workplace.energy@2", 1L), (change.Old, change.New, change.Entries));
        Assert.Equal(stored, await FactorsOfAsync(host, caseId));
    }

    /// <summary>A clock in the month after this one, when this month is closed and folded.</summary>
    private static FixedClock NextMonth()
    {
        var month = ReportPeriod.MonthOf(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).AddMonths(1);
        return new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(ReportPeriod.StartOfDayMs(month)).AddHours(1));
    }

    private static async Task<LedgerAggregate> ByDefinitionAsync(WorkflowHost host, TimeProvider fold)
    {
        await new LedgerRollup(host.Database, fold).RebuildAsync();
        return Assert.Single(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Definition, new LedgerFilter()));
    }

    [Fact]
    public async Task Measured_times_are_released_only_for_closed_months_with_five_cases_and_five_people_else_standard_time_stands_in()
    {
        await using var host = await StartAsync(await NewDatabaseAsync());
        var deployed = await host.DeployAsync(Pruefung, "pruefung.bpmn");
        Assert.True(deployed.Succeeded);
        var definitionId = deployed.Versions[0].Id;
        // Each person works 10 minutes; the standard time of activity 3, simple, is 5 minutes.
        for (var i = 1; i <= 4; i++) await RunCaseAsync(host, "person" + i, 10);
        var four = await ByDefinitionAsync(host, NextMonth());
        Assert.Equal(FigureBasis.Standard, four.Basis);
        Assert.Equal((4L, 20.0, 20.0), (four.Cases, four.StandardMinutes, four.StaffMinutes));
        Assert.Contains(four.Notes, n => n.Contains("5 Vorgänge", StringComparison.Ordinal));

        await RunCaseAsync(host, "person1", 10);
        var fiveCasesFourPeople = await ByDefinitionAsync(host, NextMonth());
        Assert.Equal(25.0, fiveCasesFourPeople.StaffMinutes);
        Assert.Contains(fiveCasesFourPeople.Notes, n => n.Contains("5 Personen", StringComparison.Ordinal));
        // The simulation's history follows the same rule: five cases of four people are not used.
        Assert.False((await SimulationHistoryReader.ReadAsync(host.Database, definitionId)).StepMinutes.ContainsKey("pruefen"));

        await RunCaseAsync(host, "person5", 10);
        // While the month runs, a day more could single out one person's time: standard time until it is over.
        var open = await ByDefinitionAsync(host, TimeProvider.System);
        Assert.Equal((FigureBasis.Standard, 30.0), (open.Basis, open.StaffMinutes));
        Assert.Contains(open.Notes, n => n.Contains("nicht abgeschlossen", StringComparison.Ordinal));
        var enough = await ByDefinitionAsync(host, NextMonth());
        Assert.Equal(FigureBasis.Measured, enough.Basis);
        Assert.Empty(enough.Notes);
        Assert.InRange(enough.StaffMinutes, 60, 61);
        Assert.Equal(30.0, enough.StandardMinutes);
        Assert.Equal(6, (await SimulationHistoryReader.ReadAsync(host.Database, definitionId)).StepMinutes["pruefen"].Length);

        // Per case there is always only one case: measured time never shows there.
        var perCase = await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Case, new LedgerFilter());
        Assert.Equal(6, perCase.Count);
        Assert.All(perCase, r => Assert.Equal((FigureBasis.Standard, 5.0), (r.Basis, r.StaffMinutes)));
        var oneCase = Assert.Single(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Total, new LedgerFilter(CaseId: Guid.Parse(perCase[0].Key))));
        Assert.Equal(5.0, oneCase.StaffMinutes);

        var month = Assert.Single(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Month, new LedgerFilter()));
        Assert.Equal(ReportPeriod.MonthOf(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToString("yyyy-MM", CultureInfo.InvariantCulture), month.Key);
        Assert.Equal(enough.StaffMinutes, month.StaffMinutes, 6);
        var occupation = Assert.Single(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Occupation, new LedgerFilter()));
        Assert.Equal(("73202", 6L), (occupation.Key, occupation.Cases));
        var step = Assert.Single(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Step, new LedgerFilter()));
        Assert.Equal(("pruefung@1", "pruefen", "Antrag prüfen"), (step.Key, step.NodeId, step.Label));
        var total = Assert.Single(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Total, new LedgerFilter()));
        Assert.Equal(enough.StaffMinutes, total.StaffMinutes, 6);
        // A period that cuts the month is finer than a cell: standard time.
        var partial = Assert.Single(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Total, new LedgerFilter(From: DateTimeOffset.UtcNow.AddDays(-1))));
        Assert.Equal(30.0, partial.StaffMinutes);
        Assert.Empty(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Total, new LedgerFilter(From: DateTimeOffset.UtcNow.AddDays(1))));
    }

    [Fact]
    public async Task The_ledger_keeps_only_a_keyed_pseudonym_of_the_worker_and_drops_it_with_the_assignee_retention()
    {
        await using var host = await StartAsync(await NewDatabaseAsync(), TimeSpan.FromMilliseconds(300));
        Assert.True((await host.DeployAsync(Pruefung, "pruefung.bpmn")).Succeeded);
        for (var i = 1; i <= 5; i++) await RunCaseAsync(host, "person" + i, 10);
        Assert.Equal(5, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(DISTINCT worker_key) FROM ledger_entries"));
        Assert.Equal(0, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM ledger_entries WHERE worker_key LIKE '%person%'"));
        Assert.Equal(WorkerPseudonym.Of(Key, "person1"), WorkerPseudonym.Of(Key, "person1"));
        Assert.NotEqual(WorkerPseudonym.Of(Key, "person1"), WorkerPseudonym.Of([.. Key.Reverse()], "person1"));
        Assert.Equal(FigureBasis.Measured, (await ByDefinitionAsync(host, NextMonth())).Basis);

        await Task.Delay(400);
        await host.PurgeAssigneesAsync();
        Assert.Equal(0, await DurabilityChecks.ScalarAsync(host, "SELECT COUNT(*) FROM ledger_entries WHERE worker_key IS NOT NULL"));
        // The fold counted the people before the pseudonyms went: the cell keeps its count and its release.
        await new LedgerRollup(host.Database, NextMonth()).RefreshAsync();
        Assert.Equal(FigureBasis.Measured, Assert.Single(await LedgerQueries.AggregateAsync(host.Database, LedgerGrouping.Total, new LedgerFilter())).Basis);
        // Folded again from scratch, the people can no longer be counted, so standard time stands in.
        var rebuilt = await ByDefinitionAsync(host, NextMonth());
        Assert.Equal((FigureBasis.Standard, 25.0), (rebuilt.Basis, rebuilt.StaffMinutes));
        Assert.Contains(rebuilt.Notes, n => n.Contains("5 Personen", StringComparison.Ordinal));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>On SQLite.</summary>
public sealed class SqliteLedgerFactorAndQueryTests : LedgerFactorAndQueryTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

/// <summary>On PostgreSQL (private cluster).</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresLedgerFactorAndQueryTests(PostgresServer server) : LedgerFactorAndQueryTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("ledger")));
}
