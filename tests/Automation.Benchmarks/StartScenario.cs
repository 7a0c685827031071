using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;

namespace Automation.Benchmarks;

/// <summary>
/// Start time and footprint of the server (the Release build as a child process on a free loopback port, a temp SQLite
/// database): (a) a first start that publishes workflows/ and seeds the demo data, (b) a restart on that database.
/// Measures launch → first <c>/health</c> 200 and the resident memory (VmRSS) after an idle period.
/// </summary>
internal static class StartScenario
{
    // Issue 21, item 9.
    private static readonly TimeSpan FirstStartTarget = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RestartTarget = TimeSpan.FromSeconds(2);
    private const long IdleRssTargetMb = 150;

    public static async Task<int> RunAsync(string serverDll, string workflows, int rounds, TimeSpan idle, bool enforceTargets)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Automation start benchmark: {rounds} round(s), idle {idle.TotalSeconds:F0} s before reading VmRSS, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        var first = new List<double>();
        var restart = new List<double>();
        var firstRss = new List<long>();
        var restartRss = new List<long>();
        for (var round = 1; round <= rounds; round++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "automation-start-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var (t1, r1) = await LaunchAsync(serverDll, workflows, dir, idle);
                var (t2, r2) = await LaunchAsync(serverDll, workflows, dir, idle);
                first.Add(t1.TotalSeconds);
                restart.Add(t2.TotalSeconds);
                firstRss.Add(r1);
                restartRss.Add(r2);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round}: first start with demo data {t1.TotalSeconds:F2} s, RSS after idle {r1 / 1024} MB; restart {t2.TotalSeconds:F2} s, RSS after idle {r2 / 1024} MB"));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        var firstMedian = Median(first);
        var restartMedian = Median(restart);
        // Apart: the first start also keeps the migrations' and the demo seeding's code mapped, a restart does not.
        var firstRssMedian = Median([.. firstRss.Select(r => (double)r)]) / 1024;
        var restartRssMedian = Median([.. restartRss.Select(r => (double)r)]) / 1024;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first start with demo data, launch → /health 200, median: {firstMedian:F2} s (target ≤ {FirstStartTarget.TotalSeconds:F0} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"restart on the existing database, launch → /health 200, median: {restartMedian:F2} s (target ≤ {RestartTarget.TotalSeconds:F0} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"resident memory after {idle.TotalSeconds:F0} s idle, median: restart {restartRssMedian:F0} MB, first start {firstRssMedian:F0} MB (target ≤ {IdleRssTargetMb} MB)"));
        var met = firstMedian <= FirstStartTarget.TotalSeconds && restartMedian <= RestartTarget.TotalSeconds
            && restartRssMedian <= IdleRssTargetMb && firstRssMedian <= IdleRssTargetMb;
        if (!met) Console.WriteLine(enforceTargets ? "TARGET MISSED" : "target missed (--smoke: not enforced)");
        return met || !enforceTargets ? 0 : 1;
    }

    /// <summary>Launches the server, waits for the first /health 200, idles, reads VmRSS and stops it (SIGTERM, as a service manager does).</summary>
    private static async Task<(TimeSpan ToHealthy, long RssKb)> LaunchAsync(string serverDll, string workflows, string dir, TimeSpan idle)
    {
        var clock = Stopwatch.StartNew();
        using var server = StartServer(serverDll, workflows, dir, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), out var baseUrl);
        try
        {
            await WaitHealthyAsync(server, baseUrl, clock);
            var healthy = clock.Elapsed;
            await Task.Delay(idle);
            var rss = ReadStatusKb(server.Id, "VmRSS:");
            return (healthy, rss);
        }
        finally
        {
            await StopAsync(server);
        }
    }

    /// <summary>The Release server as a child process on a free loopback port, a SQLite database in <paramref name="dir"/>, demo data from <paramref name="workflows"/>.</summary>
    internal static Process StartServer(string serverDll, string workflows, string dir, string adminPassword, out string baseUrl)
    {
        baseUrl = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(serverDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Automation__Urls"] = baseUrl;
        info.Environment["Automation__Database__ConnectionString"] = $"Data Source={Path.Combine(dir, "automation.db")}";
        info.Environment["Automation__Admin__Password"] = adminPassword;
        info.Environment["Automation__Demo__Seed"] = "true";
        info.Environment["Automation__WorkflowsPath"] = workflows;
        info.Environment["Automation__DataProtectionKeysPath"] = Path.Combine(dir, "keys");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var server = Process.Start(info) ?? throw new InvalidOperationException("server did not start");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls /health until 200 (often: the start figure is meant to the tenth of a second).</summary>
    internal static async Task WaitHealthyAsync(Process server, string baseUrl, Stopwatch clock)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (server.HasExited) throw new InvalidOperationException($"server exited with {server.ExitCode} before it was healthy");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting, past the client's timeout on a loaded machine: ask again.
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException("server not healthy within 120 s");
            await Task.Delay(20);
        }
    }

    internal static async Task StopAsync(Process server)
    {
        if (server.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await server.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    internal static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static long ReadStatusKb(int pid, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no {key} in /proc/{pid}/status");
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
