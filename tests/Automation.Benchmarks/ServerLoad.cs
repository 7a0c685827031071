using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Automation.Benchmarks;

/// <summary>
/// Load on the running server (a child process on SQLite, loopback only): task completions at a fixed rate, open
/// loop, bounded in count and time; prints p50/p99 latency, errors and the server's resident memory.
/// </summary>
internal static class ServerLoad
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:load">
          <bpmn:process id="last" name="Lasttest" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="pruefen" name="Antrag prüfen"><bpmn:extensionElements><am:role name="sachbearbeitung" />
              <am:effort activity="5" complexity="simple" payLevel="mittel" occupation="73202" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:serviceTask id="melden"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="melden" />
            <bpmn:sequenceFlow id="f3" sourceRef="melden" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static async Task<int> RunAsync(string serverDll, int rate, int seconds)
    {
        var dir = Path.Combine(Path.GetTempPath(), "automation-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "automation.db");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var server = StartServer(serverDll, dir, db, baseUrl);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = new Uri(baseUrl),
                Timeout = TimeSpan.FromSeconds(30),
            };
            await WaitHealthyAsync(http, TimeSpan.FromSeconds(90));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await IssueTokenAsync(db));
            await PublishAsync(http);
            var total = rate * seconds;
            Console.WriteLine($"starting {total:N0} cases through the API …");
            var tasks = new ConcurrentQueue<(Guid Case, long Wait)>();
            await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            {
                using var response = await http.PostAsync("/api/cases", JsonContent($$"""{"processId":"last","businessKey":"L-{{i}}"}"""), ct);
                response.EnsureSuccessStatusCode();
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                var id = doc.RootElement.GetProperty("id").GetGuid();
                foreach (var wait in doc.RootElement.GetProperty("waits").EnumerateArray())
                    tasks.Enqueue((id, wait.GetProperty("id").GetInt64()));
            });
            if (tasks.Count != total) throw new InvalidOperationException($"expected {total} open tasks, got {tasks.Count}");
            Console.WriteLine($"completing {total:N0} tasks at {rate}/s for {seconds} s (open loop) …");
            var latencies = new ConcurrentBag<double>();
            var errors = new ConcurrentBag<string>();
            var rssPeak = 0L;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    rssPeak = Math.Max(rssPeak, Rss(server.Id));
                    try { await Task.Delay(250, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            var inflight = new List<Task>(total);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds(i / (double)rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
                tasks.TryDequeue(out var t);
                inflight.Add(Task.Run(async () =>
                {
                    var sw = Stopwatch.StartNew();
                    try
                    {
                        using var response = await http.PostAsync($"/api/tasks/{t.Case}/{t.Wait}/complete", JsonContent("{}"));
                        sw.Stop();
                        if (response.StatusCode != HttpStatusCode.OK) errors.Add($"{(int)response.StatusCode}");
                    }
                    catch (HttpRequestException e)
                    {
                        errors.Add(e.Message);
                    }
                    latencies.Add(sw.Elapsed.TotalMilliseconds);
                }));
            }
            await Task.WhenAll(inflight);
            var elapsed = clock.Elapsed;
            await sampling.CancelAsync();
            await sampler;
            var sorted = latencies.Order().ToArray();
            var hwm = Hwm(server.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"task completions: {total:N0} in {elapsed.TotalSeconds:F1} s ({total / elapsed.TotalSeconds:F0}/s), errors {errors.Count}" +
                $"{(errors.IsEmpty ? "" : " (" + string.Join(", ", errors.GroupBy(e => e).Select(g => $"{g.Key} ×{g.Count()}")) + ")")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"latency ms: p50 {Percentile(sorted, 0.50):F1}, p90 {Percentile(sorted, 0.90):F1}, p99 {Percentile(sorted, 0.99):F1}, max {sorted[^1]:F1}"));
            Console.WriteLine($"server resident memory: peak sampled {rssPeak / 1024} MB, VmHWM {hwm / 1024} MB");
            return errors.IsEmpty ? 0 : 1;
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Publishes the load process the way a process owner does: the automated step 'melden' needs a complete
    /// transparency-register entry before the version may be published, so store, fill in the register, then publish.
    /// </summary>
    private static async Task PublishAsync(HttpClient http)
    {
        long versionId;
        using (var deploy = await http.PostAsync("/api/definitions?fileName=last.bpmn", new StringContent(Process, Encoding.UTF8, "application/xml")))
        {
            var body = await deploy.Content.ReadAsStringAsync();
            if (!deploy.IsSuccessStatusCode) throw new InvalidOperationException($"deploy: {(int)deploy.StatusCode} {body}");
            using var doc = JsonDocument.Parse(body);
            versionId = doc.RootElement.GetProperty("versions")[0].GetProperty("id").GetInt64();
        }
        const string entry = """
            {"purpose":"Meldet den geprüften Antrag weiter (Lasttest).","legalBasis":"§ 1 Lasttestsatzung","automationLevel":"automated-processing",
             "humanOversight":"Die Sachbearbeitung prüft jeden Antrag vorher.","affectedGroups":"Antragstellende","dataUsed":"Antragsdaten",
             "systemName":"Regel im Prozessmodell","provider":"Stadt","riskClass":"none","responsibleUnit":"Fachbereich Test","contact":"last@stadt.example"}
            """;
        using (var register = await http.PutAsync($"/api/register/{versionId}/steps/melden", JsonContent(entry)))
        {
            if (!register.IsSuccessStatusCode) throw new InvalidOperationException($"register entry: {(int)register.StatusCode} {await register.Content.ReadAsStringAsync()}");
        }
        using var publish = await http.PostAsync($"/api/definitions/{versionId}/publish", null);
        if (!publish.IsSuccessStatusCode) throw new InvalidOperationException($"publish: {(int)publish.StatusCode} {await publish.Content.ReadAsStringAsync()}");
    }

    /// <summary>Starts the server (Release build) as a child process on an empty SQLite database in <paramref name="dir"/>, logging warnings only.</summary>
    internal static System.Diagnostics.Process StartServer(string serverDll, string dir, string db, string baseUrl)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(serverDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Automation__Urls"] = baseUrl;
        info.Environment["Automation__Database__ConnectionString"] = $"Data Source={db}";
        info.Environment["Automation__Admin__Password"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        info.Environment["Automation__Demo__Seed"] = "false";
        info.Environment["Automation__WorkflowsPath"] = Path.Combine(dir, "no-workflows");
        info.Environment["Automation__DataProtectionKeysPath"] = Path.Combine(dir, "keys");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var server = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("server did not start");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    internal static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("server not healthy within " + timeout);
            await Task.Delay(250);
        }
    }

    /// <summary>Issues an admin API token straight into the server's token table (only its hash is stored).</summary>
    internal static async Task<string> IssueTokenAsync(string db)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var connection = new SqliteConnection($"Data Source={db}");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "INSERT INTO server_api_tokens (token_hash, user_name, name, created_at, expires_at) VALUES (@h, 'admin', 'load test', 0, @e)";
        cmd.Parameters.AddWithValue("@h", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))));
        cmd.Parameters.AddWithValue("@e", DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync();
        return token;
    }

    internal static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    internal static long Rss(int pid) => ReadStatus(pid, "VmRSS:");

    internal static long Hwm(int pid) => ReadStatus(pid, "VmHWM:");

    private static long ReadStatus(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
