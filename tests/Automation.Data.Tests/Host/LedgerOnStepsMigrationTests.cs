using Automation.Data.Schema;
using Automation.Data.Reports;
using Automation.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Automation.Data.Tests.Host;

/// <summary>
/// The migration LedgerOnSteps on a database with ledger rows: the figures move onto their step rows, nothing is lost
/// (a ledger row without a step row becomes one), the view <c>ledger_entries</c> shows the same entries, and the
/// rollup starts again from entry id 0 because the ids changed.
/// </summary>
public abstract class LedgerOnStepsMigrationTests
{
    /// <summary>A fresh, empty database for one test.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    private const string OldLedgerColumns = "case_id, sequence, process_id, definition_id, definition_version, node_id, node_name, actor, outcome, " +
        "started_at, ended_at, authority, factor_set, factors, occupation, pay_level, standard_minutes, staff_minutes, staff_minutes_basis, " +
        "labour_cost_eur, cpu_seconds, inferences, workplace_wh, workplace_g, compute_wh, compute_g, ai_wh, ai_g, paper_g, post_g, embodied_g, " +
        "citizen_trips, citizen_km, citizen_g, citizen_minutes, worker_key";

    [Fact]
    public async Task Ledger_rows_move_onto_their_steps_and_read_the_same_through_the_view()
    {
        var database = new AutomationDatabase(await NewDatabaseAsync());
        await using (var context = database.CreateContext())
        {
            var migrations = context.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_LedgerOnSteps", StringComparison.Ordinal)) - 1];
            await context.GetService<IMigrator>().MigrateAsync(before);
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO steps (case_id, sequence, process_id, node_id, node_name, kind, actor, started_at, ended_at, outcome, detail) VALUES " +
                "('c1', 1, 'antrag', 'pruefen', 'Antrag prüfen', 'UserTask', 'Human', 1000, 61000, 'Completed', NULL), " +
                "('c1', 2, 'antrag', 'ende', NULL, 'EndEvent', 'System', 61000, 61000, 'Completed', NULL)");
            await context.Database.ExecuteSqlRawAsync($"INSERT INTO ledger_entries ({OldLedgerColumns}) VALUES " +
                "('c1', 1, 'antrag', 7, 'antrag@1', 'pruefen', 'Antrag prüfen', 'Human', 'Completed', 1000, 61000, 'Kommune', 'de-2025', " +
                "'grid@1', '73202', 'E9a', 10, 12.5, 'Measured', 13.75, 0, 0, 3, 0.25, 0, 0, 0, 0, 5, 20, 0, 1, 4.5, 0.7, 9, 'k1'), " +
                "('c2', 3, 'antrag', 7, 'antrag@1', 'bescheid', 'Bescheid', 'Automated', 'Completed', 2000, 3000, 'Kommune', 'de-2025', " +
                "'grid@1', NULL, NULL, 0, 0, 'None', 0, 1.5, 0, 0, 0, 0.02, 0.01, 0, 0, 0, 0, 0.003, 0, 0, 0, 0, NULL)");
            await context.Database.ExecuteSqlRawAsync("UPDATE ledger_rollup_state SET watermark = 2 WHERE id = 1");
        }

        await database.MigrateAsync();

        await using (var context = database.CreateContext())
        {
            var entries = await context.LedgerEntries.OrderBy(e => e.CaseId).ToListAsync();
            Assert.Equal(2, entries.Count);
            var human = entries[0];
            Assert.Equal(("c1", 1, "Antrag prüfen", "Human", 61000L, 7L, "antrag@1"),
                (human.CaseId, human.Sequence, human.NodeName, human.Actor, human.EndedAt, human.DefinitionId, human.DefinitionVersion));
            Assert.Equal((12.5, 13.75, 0.25, 5.0, 20.0, 0.7, "73202", "E9a", "Measured", "k1"),
                (human.StaffMinutes, human.LabourCostEur, human.WorkplaceG, human.PaperG, human.PostG, human.CitizenG, human.Occupation,
                    human.PayLevel, human.StaffMinutesBasis, human.WorkerKey));
            var automated = entries[1];
            Assert.Equal(("c2", 3, "Automated", 1.5, 0.01, 0.003), (automated.CaseId, automated.Sequence, automated.Actor, automated.CpuSeconds,
                automated.ComputeG, automated.EmbodiedG));

            // The ledger row that had no step row became one; the unpriced end event stays without figures.
            var steps = await context.Steps.OrderBy(s => s.CaseId).ThenBy(s => s.Sequence)
                .Select(s => s.CaseId + "/" + s.Sequence + "/" + s.Kind + "/" + (EF.Property<string?>(s, nameof(LedgerStepFigures.FactorSet)) ?? "-")).ToListAsync();
            Assert.Equal(["c1/1/UserTask/de-2025", "c1/2/EndEvent/-", "c2/3/ServiceTask/de-2025"], steps);
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        }

        var rollup = new LedgerRollup(database);
        Assert.Equal(0, await rollup.WatermarkAsync());
        await rollup.RefreshAsync();
        await using (var context = database.CreateContext())
        {
            // Both step rows' days are in the day map again.
            Assert.Equal(1, await context.LedgerDays.CountAsync());
        }
        await database.DisposeAsync();
    }
}

/// <summary>The migration on SQLite.</summary>
public sealed class SqliteLedgerOnStepsMigrationTests : LedgerOnStepsMigrationTests, IDisposable
{
    private readonly TestDatabases databases = new();

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    public void Dispose() => databases.Dispose();
}

/// <summary>The migration on PostgreSQL.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresLedgerOnStepsMigrationTests(PostgresServer server) : LedgerOnStepsMigrationTests
{
    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("ledger_move")));
}
