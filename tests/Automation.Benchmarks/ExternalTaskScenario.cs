using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Automation.Benchmarks;

/// <summary>
/// External task throughput: the server (Release build, child process, SQLite) with N cases waiting at an external
/// step; 8 workers over loopback HTTP fetch and lock batches and complete each task (a batch's completions run side by
/// side, as the Camunda client runs its handlers). Prints tasks per second; target ≥ 5,000/s.
/// </summary>
internal static class ExternalTaskScenario
{
    private const int Workers = 8;
    private const int Batch = 64;
    private const double Target = 5_000;

    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:bench">
          <bpmn:process id="extern" name="Externe Aufgaben" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="melden" name="Melden"><bpmn:extensionElements><am:action name="bench" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="melden" />
            <bpmn:sequenceFlow id="f2" sourceRef="melden" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static async Task<int> RunAsync(string serverDll, int cases, bool enforceTarget)
    {
        var dir = Path.Combine(Path.GetTempPath(), "automation-extern-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "automation.db");
        var baseUrl = $"http://127.0.0.1:{ServerLoad.FreePort()}";
        using var server = ServerLoad.StartServer(serverDll, dir, db, baseUrl);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = new Uri(baseUrl),
                Timeout = TimeSpan.FromSeconds(60),
            };
            await ServerLoad.WaitHealthyAsync(http, TimeSpan.FromSeconds(90));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ServerLoad.IssueTokenAsync(db));
            using (var publish = await http.PostAsync("/api/definitions?publish=true&fileName=extern.bpmn&overrideReason=Benchmark",
                       new StringContent(Process, System.Text.Encoding.UTF8, "application/xml")))
            {
                if (!publish.IsSuccessStatusCode) throw new InvalidOperationException($"publish: {(int)publish.StatusCode} {await publish.Content.ReadAsStringAsync()}");
            }
            Console.WriteLine($"starting {cases:N0} cases through the API …");
            await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            {
                using var response = await http.PostAsync("/api/cases", ServerLoad.JsonContent($$$"""{"processId":"extern","businessKey":"E-{{{i}}}","variables":{"nummer":{{{i}}}}}"""), ct);
                response.EnsureSuccessStatusCode();
            });
            Console.WriteLine($"{Workers} workers fetch (batches of {Batch}) and complete {cases:N0} external tasks over loopback HTTP …");
            var completed = 0;
            var errors = new ConcurrentBag<string>();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
            {
                var fetch = $$"""{"workerId":"w{{w}}","maxTasks":{{Batch}},"topics":[{"topicName":"bench","lockDuration":60000}]}""";
                while (true)
                {
                    using var response = await http.PostAsync("/api/external-tasks/fetch-and-lock", ServerLoad.JsonContent(fetch));
                    if (!response.IsSuccessStatusCode)
                    {
                        errors.Add($"fetch {(int)response.StatusCode}");
                        return;
                    }
                    using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    var ids = doc.RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
                    if (ids.Count == 0) return;
                    await Task.WhenAll(ids.Select(async id =>
                    {
                        using var done = await http.PostAsync($"/api/external-tasks/{id}/complete",
                            ServerLoad.JsonContent($$$"""{"workerId":"w{{{w}}}","variables":{"ok":true}}"""));
                        if (done.IsSuccessStatusCode) Interlocked.Increment(ref completed);
                        else errors.Add($"complete {(int)done.StatusCode}");
                    }));
                }
            })));
            var elapsed = clock.Elapsed;
            var rate = completed / elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"external tasks: {completed:N0} fetched, locked and completed in {elapsed.TotalSeconds:F2} s ({rate:F0}/s, target ≥ {Target:N0}/s), errors {errors.Count}" +
                $"{(errors.IsEmpty ? "" : " (" + string.Join(", ", errors.GroupBy(e => e).Select(g => $"{g.Key} ×{g.Count()}")) + ")")}"));
            if (!errors.IsEmpty || completed != cases) return 1;
            return enforceTarget && rate < Target ? 1 : 0;
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
