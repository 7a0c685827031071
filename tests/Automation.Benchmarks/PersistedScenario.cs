using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Automation.Data;

namespace Automation.Benchmarks;

/// <summary>Persisted throughput: scenario (a) with full history through the durable host.</summary>
internal static class PersistedScenario
{
    public static async Task<(ScenarioResult Result, double WriterMicrosPerCase)> RunAsync(string name, DatabaseOptions database, int cases, int inFlight, bool ledger)
    {
        await using var host = await WorkflowHost.StartAsync(database, new WorkflowHostOptions { RunScheduler = false, Ledger = ledger });
        var deploy = await host.DeployAsync(BpmnScenarios.ThreeServiceTasks, "three-services.bpmn");
        if (!deploy.Succeeded) throw new InvalidOperationException(string.Join(Environment.NewLine, deploy.Diagnostics));
        var definition = deploy.Versions[0];
        // Warm-up.
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (_, ct) => await host.StartCaseAsync(definition, ct: ct));
        // The writers' busy time (meter Automation.Data): on SQLite the one writer is the limit, and its time per case
        // moves far less with the machine's speed drifts than cases/s does.
        var busy = 0.0;
        long commits = 0, units = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Automation.Data" && instrument.Name is "automation.writer.busy" or "automation.writer.units") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => busy += seconds);
        // One measurement per group commit: how many cases one transaction (and on SQLite one sync of the log) carried.
        listener.SetMeasurementEventCallback<long>((_, count, _, _) =>
        {
            Interlocked.Increment(ref commits);
            Interlocked.Add(ref units, count);
        });
        listener.Start();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pausedBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (_, ct) => await host.StartCaseAsync(definition, ct: ct));
        sw.Stop();
        listener.Dispose();
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var rate = cases / sw.Elapsed.TotalSeconds;
        // CPU per case of this process (PostgreSQL's own work not included): steadier than cases/s on a busy machine.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}{(ledger ? ", ledger on" : ", ledger off")}: {cases / sw.Elapsed.TotalSeconds:N0} cases/s, {cpu.TotalMicroseconds / cases:N1} µs CPU per case in this process, writer busy {busy * 1e6 / cases:N1} µs per case ({busy / sw.Elapsed.TotalSeconds:P0} of the run, {(commits == 0 ? 0 : (double)units / commits):N1} cases per commit), {allocated / cases:N0} B allocated per case, GC pauses {paused.TotalMilliseconds / sw.Elapsed.TotalSeconds / 10:N1} % of the run"));
        await using var c = await host.Database.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM steps";
        var steps = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (steps != 5L * (cases + 500)) throw new InvalidOperationException($"expected {5L * (cases + 500)} step rows, found {steps}");
        cmd.CommandText = "SELECT COUNT(*) FROM ledger_entries";
        var entries = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (entries != (ledger ? 3L * (cases + 500) : 0)) throw new InvalidOperationException($"unexpected ledger row count {entries}");
        return (new ScenarioResult(name + (ledger ? ", ledger on" : ", ledger off"), cases, rate, rate, 0), busy * 1e6 / cases);
    }
}
