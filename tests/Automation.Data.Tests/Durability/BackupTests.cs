using System.Collections.Concurrent;
using Automation.Data.Backup;
using Automation.Data.Tests.Host;
using Automation.Data.Tests.Infrastructure;
using Automation.Engine.Runtime;
using Microsoft.Data.Sqlite;

namespace Automation.Data.Tests.Durability;

/// <summary>
/// Online backup and restore on each provider: a backup taken while cases are started and completed restores every
/// case acknowledged before it began, each whole; a restore refuses a database in use and a backup from a newer schema.
/// </summary>
public abstract class BackupContractTests
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="pruefung" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="pruefen" name="Prüfen"><bpmn:extensionElements><am:role name="sachbearbeitung" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A fresh, empty database.</summary>
    protected abstract Task<DatabaseOptions> NewDatabaseAsync();

    /// <summary>Folder of pg_dump and pg_restore (PostgreSQL), else null.</summary>
    protected abstract string? ToolFolder { get; }

    /// <summary>A file name for a backup that does not exist yet.</summary>
    protected abstract string NewBackupFile();

    /// <summary>Marks a backup file as written by a newer version (a migration this build does not know).</summary>
    protected abstract Task<string> BackupFromTheFutureAsync();

    private static Task<long> CountAsync(WorkflowHost host, string sql) => DurabilityChecks.ScalarAsync(host, sql);

    [Fact]
    public async Task A_backup_taken_while_cases_start_and_complete_restores_every_acknowledged_case_whole()
    {
        var live = await NewDatabaseAsync();
        var file = NewBackupFile();
        var started = new ConcurrentDictionary<Guid, bool>();
        var completed = new ConcurrentDictionary<Guid, bool>();
        HashSet<Guid> ackStarted, ackCompleted;
        await using (var host = await WorkflowHost.StartAsync(live, new WorkflowHostOptions { RunScheduler = false }))
        {
            Assert.True((await host.DeployAsync(Process, "pruefung.bpmn")).Succeeded);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var s = await host.StartCaseAsync("pruefung", [new("nummer", i), new("bearbeiter", worker)], $"AZ-{worker}-{i}");
                    started[s.CaseId] = true;
                    if (i % 3 == 0) continue;
                    await host.CompleteTaskAsync(s.CaseId, Assert.Single(s.State.Waits).Id, [new("ergebnis", "geprüft")]);
                    completed[s.CaseId] = true;
                }
            })).ToList();
            while (started.Count < 300) await Task.Delay(20);
            // Everything acknowledged so far committed before the backup's snapshot begins.
            ackStarted = [.. started.Keys];
            ackCompleted = [.. completed.Keys];
            var backup = await DatabaseBackup.BackupAsync(live, file, ToolFolder);
            var atBackupEnd = started.Count;
            await Task.Delay(200);
            await stop.CancelAsync();
            await Task.WhenAll(load);
            Assert.True(started.Count > ackStarted.Count, "the load did not go on while the backup ran");
            Assert.InRange(backup.Cases, ackStarted.Count, atBackupEnd + 64);
            Assert.True(new FileInfo(file).Length > 0);
        }

        var target = await NewDatabaseAsync();
        var restored = await DatabaseBackup.RestoreAsync(file, target, replace: false, ToolFolder);
        Assert.True(restored.Cases >= ackStarted.Count);
        await using var again = await WorkflowHost.StartAsync(target, new WorkflowHostOptions { RunScheduler = false });
        foreach (var id in ackStarted)
        {
            var snapshot = await again.GetCaseAsync(id);
            Assert.True(snapshot is not null, $"acknowledged case {id} is missing from the restored database");
            if (ackCompleted.Contains(id)) Assert.Equal(CaseStatus.Completed, snapshot.Status);
        }
        // Each case whole: a completed case has its three steps and its completed task, a waiting one its open task.
        Assert.Equal(0, await CountAsync(again,
            "SELECT COUNT(*) FROM cases c WHERE (c.status = 'Completed' AND ((SELECT COUNT(*) FROM steps s WHERE s.case_id = c.id) <> 3 " +
            "OR NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.status = 'completed'))) " +
            "OR (c.status = 'Waiting' AND ((SELECT COUNT(*) FROM steps s WHERE s.case_id = c.id) <> 1 " +
            "OR NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.status = 'open')))"));
        Assert.Equal(restored.Cases, await CountAsync(again, "SELECT COUNT(*) FROM cases WHERE status IN ('Completed', 'Waiting')"));
        // And the restored database is live: a waiting case goes on.
        // A case the load never completes (every third): one acknowledged only as started may have been completed
        // after the acknowledgement and before the backup's snapshot, so it is no longer waiting in the copy.
        var waiting = ackStarted.First(id => !ackCompleted.Contains(id) && !completed.ContainsKey(id));
        var open = Assert.Single((await again.GetCaseAsync(waiting))!.State.Waits);
        Assert.Equal(CaseStatus.Completed, (await again.CompleteTaskAsync(waiting, open.Id)).Status);
    }

    [Fact]
    public async Task A_restore_refuses_a_database_a_running_host_uses_and_leaves_it_alone()
    {
        var live = await NewDatabaseAsync();
        var file = NewBackupFile();
        await using var host = await WorkflowHost.StartAsync(live, new WorkflowHostOptions { RunScheduler = false });
        Assert.True((await host.DeployAsync(Process, "pruefung.bpmn")).Succeeded);
        var kept = await host.StartCaseAsync("pruefung", businessKey: "AZ-BLEIBT");
        await DatabaseBackup.BackupAsync(live, file, ToolFolder);
        await host.StartCaseAsync("pruefung", businessKey: "AZ-NACH-DER-SICHERUNG");
        var refused = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.RestoreAsync(file, live, replace: true, ToolFolder));
        Assert.Contains("in Gebrauch", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(host, "SELECT COUNT(*) FROM cases"));
        Assert.NotNull(await host.GetCaseAsync(kept.CaseId));
        await host.StartCaseAsync("pruefung");
    }

    [Fact]
    public async Task A_restore_refuses_a_backup_from_a_newer_version_and_writes_nothing()
    {
        var file = await BackupFromTheFutureAsync();
        var target = await NewDatabaseAsync();
        var refused = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.RestoreAsync(file, target, replace: false, ToolFolder));
        Assert.Contains("99991231235959_FromTheFuture", refused.Message, StringComparison.Ordinal);
        Assert.Contains("neuer ist", refused.Message, StringComparison.Ordinal);
        await using var host = await WorkflowHost.StartAsync(target, new WorkflowHostOptions { RunScheduler = false });
        Assert.Equal(0, await CountAsync(host, "SELECT COUNT(*) FROM cases"));
    }

    [Fact]
    public async Task A_restore_over_a_database_with_data_needs_replace_and_a_backup_never_overwrites_a_file()
    {
        var live = await NewDatabaseAsync();
        var file = NewBackupFile();
        Guid before;
        await using (var host = await WorkflowHost.StartAsync(live, new WorkflowHostOptions { RunScheduler = false }))
        {
            Assert.True((await host.DeployAsync(Process, "pruefung.bpmn")).Succeeded);
            before = (await host.StartCaseAsync("pruefung")).CaseId;
            await DatabaseBackup.BackupAsync(live, file, ToolFolder);
            var again = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.BackupAsync(live, file, ToolFolder));
            Assert.Contains("überschreibt nie", again.Message, StringComparison.Ordinal);
            await host.StartCaseAsync("pruefung");
        }
        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        var refused = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.RestoreAsync(file, live, replace: false, ToolFolder));
        Assert.Contains("--replace", refused.Message, StringComparison.Ordinal);
        await DatabaseBackup.RestoreAsync(file, live, replace: true, ToolFolder);
        await using var restored = await WorkflowHost.StartAsync(live, new WorkflowHostOptions { RunScheduler = false });
        Assert.Equal(1, await CountAsync(restored, "SELECT COUNT(*) FROM cases"));
        Assert.NotNull(await restored.GetCaseAsync(before));
    }
}

/// <summary>Backup and restore on SQLite (backup API).</summary>
public sealed class SqliteBackupTests : BackupContractTests, IDisposable
{
    private readonly TestDatabases databases = new();
    private readonly string folder = Directory.CreateTempSubdirectory("automation-backup-").FullName;

    protected override Task<DatabaseOptions> NewDatabaseAsync() => Task.FromResult(databases.New());

    protected override string? ToolFolder => null;

    protected override string NewBackupFile() => Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");

    protected override async Task<string> BackupFromTheFutureAsync()
    {
        var live = databases.New();
        await using (var host = await WorkflowHost.StartAsync(live, new WorkflowHostOptions { RunScheduler = false })) { }
        var file = NewBackupFile();
        await DatabaseBackup.BackupAsync(live, file);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "INSERT INTO \"__EFMigrationsHistory\" VALUES ('99991231235959_FromTheFuture', '99.0.0')";
        await cmd.ExecuteNonQueryAsync();
        return file;
    }

    [Fact]
    public async Task The_backup_is_one_self_contained_file_that_passes_the_integrity_check()
    {
        var live = databases.New();
        await using var host = await WorkflowHost.StartAsync(live, new WorkflowHostOptions { RunScheduler = false });
        var file = NewBackupFile();
        var result = await DatabaseBackup.BackupAsync(live, file);
        Assert.Equal(file, result.Path);
        Assert.False(File.Exists(file + "-wal"));
        Assert.False(File.Exists(file + ".partial"));
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("delete", await cmd.ExecuteScalarAsync());
        cmd.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await cmd.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        databases.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>Backup and restore on PostgreSQL (pg_dump and pg_restore of the private cluster's version).</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresBackupTests(PostgresServer server) : BackupContractTests, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("automation-backup-").FullName;

    protected override async Task<DatabaseOptions> NewDatabaseAsync() =>
        new(DatabaseProvider.Postgres, server.ConnectionString(await server.CreateDatabaseAsync("backup")));

    protected override string? ToolFolder => server.BinDirectory;

    protected override string NewBackupFile() => Path.Combine(folder, Guid.NewGuid().ToString("N") + ".dump");

    protected override async Task<string> BackupFromTheFutureAsync()
    {
        var live = await NewDatabaseAsync();
        await using (var database = new AutomationDatabase(live))
        {
            await database.MigrateAsync();
            await using var connection = await database.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "INSERT INTO \"__EFMigrationsHistory\" VALUES ('99991231235959_FromTheFuture', '99.0.0')";
            await cmd.ExecuteNonQueryAsync();
        }
        var file = NewBackupFile();
        await DatabaseBackup.BackupAsync(live, file, ToolFolder);
        return file;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
