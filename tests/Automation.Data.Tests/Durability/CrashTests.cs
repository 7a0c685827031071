using Automation.Data.Tests.Host;

namespace Automation.Data.Tests.Durability;

public sealed class CrashTests
{
    private const int Cases = 1000;

    [Fact]
    public async Task Killing_the_host_with_sigkill_at_random_points_loses_and_duplicates_nothing()
    {
        using var db = new TestDatabase();
        await using (var setup = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false }))
        {
            var deploy = await setup.DeployAsync(DurabilityChecks.Process("frist"), "frist.bpmn");
            Assert.True(deploy.Succeeded);
        }
        var dbArg = "sqlite:" + new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Options.ConnectionString).DataSource;
        var random = new Random(20261125);
        var log = new List<string>();
        for (var kill = 1; kill <= 4; kill++)
        {
            using var child = HostProcess.Start("--db", dbArg, "--start", Cases.ToString(System.Globalization.CultureInfo.InvariantCulture), "--node", $"crash-{kill}");
            await child.WaitForOutputAsync("ready", TimeSpan.FromSeconds(60));
            // Kill while cases start, while timers are due and fire, and in between.
            await Task.Delay(random.Next(100, 2500));
            child.Kill();
            log.Add($"kill {kill}:\n{child.Output}");
        }
        using (var last = HostProcess.Start("--db", dbArg, "--start", Cases.ToString(System.Globalization.CultureInfo.InvariantCulture), "--node", "crash-final",
                   "--exit-when-tasks", Cases.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            var finished = await last.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.True(finished && last.ExitCode == 0, $"the last run did not bring every case to its task:\n{string.Join("\n", log)}\n{last.Output}");
        }
        await using var host = await WorkflowHost.StartAsync(db.Options, new WorkflowHostOptions { RunScheduler = false });
        await DurabilityChecks.CompleteAllAndVerifyAsync(host, Cases);
    }
}
