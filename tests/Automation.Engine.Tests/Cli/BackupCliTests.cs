using Automation.Cli;
using Automation.Data;
using Microsoft.Data.Sqlite;

namespace Automation.Engine.Tests.Cli;

/// <summary><c>automation backup</c> and <c>automation restore</c> from the command line.</summary>
public sealed class BackupCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("automation-cli-backup-").FullName;

    private static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string File(string name) => Path.Combine(folder, name);

    [Fact]
    public async Task A_sqlite_database_is_backed_up_and_restored_into_a_new_file()
    {
        var live = File("live.db");
        string caseId;
        await using (var host = await WorkflowHost.StartAsync(DatabaseOptions.SqliteFile(live), new WorkflowHostOptions { RunScheduler = false }))
        {
            Assert.True((await host.DeployAsync(Bpmn.BpmnTestSupport.Process(
                "<bpmn:startEvent id=\"s\" /><bpmn:userTask id=\"t\" /><bpmn:endEvent id=\"e\" />" +
                "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"t\" /><bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\" />"), "p.bpmn")).Succeeded);
            caseId = (await host.StartCaseAsync("p", businessKey: "AZ-CLI")).CaseId.ToString("D");
            var backup = Cli("backup", File("sicherung.db"), "--sqlite", live);
            Assert.True(backup.Exit == 0, backup.Err);
            Assert.Contains("Sicherung geschrieben nach", backup.Out, StringComparison.Ordinal);
            Assert.Contains("1 Vorgänge", backup.Out, StringComparison.Ordinal);
            Assert.Contains("DataProtectionKeysPath", backup.Out, StringComparison.Ordinal);
        }
        var restore = Cli("restore", File("sicherung.db"), "--sqlite", File("neu.db"));
        Assert.True(restore.Exit == 0, restore.Err);
        Assert.Contains("wiederhergestellt aus", restore.Out, StringComparison.Ordinal);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File("neu.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT business_key FROM cases WHERE id = '" + caseId + "'";
        Assert.Equal("AZ-CLI", await cmd.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("backup", "x.db")]
    [InlineData("backup", "x.db", "--sqlite", "a.db", "--postgres", "Host=h")]
    [InlineData("backup", "x.db", "--sqlite", "a.db", "--replace")]
    [InlineData("restore", "--sqlite", "a.db")]
    public void Wrong_arguments_are_a_usage_error(params string[] args)
    {
        var (exit, _, err) = Cli(args);
        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains(args[0], err, StringComparison.Ordinal);
        Assert.Contains("--sqlite", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_pg_dump_the_postgres_backup_says_what_to_install_and_where_the_guide_is()
    {
        var (exit, _, err) = Cli("backup", File("pg.dump"), "--postgres", "Host=127.0.0.1;Port=1;Database=automation;Username=automation;Password=geheim",
            "--pg-bin", File("no-such-folder"));
        Assert.Equal(CommandLine.Failed, exit);
        Assert.Contains("pg_dump gibt es nicht in", err, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", err, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(File("pg.dump")));
    }

    [Fact]
    public void A_missing_backup_file_is_named()
    {
        var (exit, _, err) = Cli("restore", File("fehlt.db"), "--sqlite", File("ziel.db"));
        Assert.Equal(CommandLine.Failed, exit);
        Assert.Contains("Die Sicherungsdatei", err, StringComparison.Ordinal);
        Assert.Contains("fehlt.db", err, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
