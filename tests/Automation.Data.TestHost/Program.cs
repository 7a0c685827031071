using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Automation.Data;

// A host process for the crash and two-node tests: starts cases with deterministic ids (so a restarted process
// does not start them twice), then runs timers and jobs until it is killed or until every case waits at its task.
//   Automation.Data.TestHost --db sqlite:<file> | postgres:<connection string> [--start N] [--node NAME] [--exit-when-tasks N]
string? db = null;
var start = 0;
var node = $"node-{Environment.ProcessId}";
var exitWhenTasks = -1;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--db": db = args[++i]; break;
        case "--start": start = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--node": node = args[++i]; break;
        case "--exit-when-tasks": exitWhenTasks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
if (db is null)
{
    Console.Error.WriteLine("--db is required");
    return 2;
}
var options = db.StartsWith("sqlite:", StringComparison.Ordinal)
    ? DatabaseOptions.SqliteFile(db["sqlite:".Length..])
    : new DatabaseOptions(DatabaseProvider.Postgres, db["postgres:".Length..]);
await using var host = await WorkflowHost.StartAsync(options, new WorkflowHostOptions { NodeName = node });
Console.WriteLine($"{node} ready");
if (start > 0)
{
    var started = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, start), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    {
        try
        {
            await host.StartCaseAsync("frist", businessKey: $"AZ-{i}", caseId: CaseId(i), ct: ct);
            Interlocked.Increment(ref started);
        }
        catch (ConcurrencyConflictException)
        {
            // Started by an earlier run of this process.
        }
    });
    Console.WriteLine($"{node} started {started} cases");
}
while (true)
{
    await Task.Delay(500);
    if (exitWhenTasks < 0) continue;
    await using var c = await host.Database.OpenAsync();
    await using var cmd = c.CreateCommand();
    cmd.CommandText = "SELECT COUNT(*) FROM tasks WHERE status = 'open'";
    var open = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    if (open >= exitWhenTasks)
    {
        Console.WriteLine($"{node} sees {open} open tasks");
        return 0;
    }
}

static Guid CaseId(int i) => new(SHA256.HashData(Encoding.UTF8.GetBytes("case-" + i.ToString(CultureInfo.InvariantCulture))).AsSpan(0, 16));
