using System.Globalization;
using Automation.Data.Tests.Host;
using Automation.Engine.Runtime;

namespace Automation.Data.Tests.Durability;

/// <summary>Invariants after a run with crashes: every case ends once, no step row twice, no timer lost.</summary>
internal static class DurabilityChecks
{
    public static async Task<long> ScalarAsync(WorkflowHost host, string sql)
    {
        await using var c = await host.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task WaitForOpenTasksAsync(WorkflowHost host, int expected, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ScalarAsync(host, "SELECT COUNT(*) FROM tasks WHERE status = 'open'") < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                var open = await ScalarAsync(host, "SELECT COUNT(*) FROM tasks WHERE status = 'open'");
                var timers = await ScalarAsync(host, "SELECT COUNT(*) FROM waits WHERE kind = 'Timer'");
                throw new TimeoutException($"{open} of {expected} tasks open, {timers} timers waiting after {timeout}.\n{diagnostics()}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Completes every open task, then asserts the invariants for <paramref name="cases"/> cases.</summary>
    public static async Task CompleteAllAndVerifyAsync(WorkflowHost host, int cases)
    {
        var tasks = new List<(Guid Case, long Wait)>();
        await using (var c = await host.Database.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT case_id, wait_id FROM tasks WHERE status = 'open'";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tasks.Add((Guid.Parse(reader.GetString(0)), reader.GetInt64(1)));
        }
        Assert.Equal(cases, tasks.Count);
        await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (t, ct) => await host.CompleteTaskAsync(t.Case, t.Wait, ct: ct));

        Assert.Equal(cases, await ScalarAsync(host, "SELECT COUNT(*) FROM cases"));
        Assert.Equal(cases, await ScalarAsync(host, $"SELECT COUNT(*) FROM cases WHERE status = '{CaseStatus.Completed}' AND ended_at IS NOT NULL"));
        // Every case ends exactly once and runs each node exactly once: five step rows, one per node.
        Assert.Equal(cases, await ScalarAsync(host, "SELECT COUNT(*) FROM steps WHERE node_id = 'end'"));
        Assert.Equal(0, await ScalarAsync(host, "SELECT COUNT(*) FROM (SELECT case_id, node_id FROM steps GROUP BY case_id, node_id HAVING COUNT(*) > 1) d"));
        Assert.Equal(5L * cases, await ScalarAsync(host, "SELECT COUNT(*) FROM steps"));
        // No timer lost: every case passed its timer, and none is left waiting.
        Assert.Equal(cases, await ScalarAsync(host, "SELECT COUNT(*) FROM steps WHERE node_id = 'warten'"));
        Assert.Equal(0, await ScalarAsync(host, "SELECT COUNT(*) FROM waits"));
        Assert.Equal(cases, await ScalarAsync(host, "SELECT COUNT(*) FROM tasks WHERE status = 'completed'"));
    }

    public static string Process(string file) => TestDatabase.TimerAndTask.Replace("PT1S", "PT2S", StringComparison.Ordinal);
}
