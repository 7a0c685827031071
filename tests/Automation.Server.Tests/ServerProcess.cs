using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Automation.Server.Tests;

/// <summary>The built server as its own process in <paramref name="dir"/>, in Production, on a free loopback port; killed on dispose.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public ServerProcess(string dir, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Automation__Urls"] = $"http://127.0.0.1:{Port}";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        process = Process.Start(info) ?? throw new InvalidOperationException("server did not start");
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>What the server logged so far.</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>A client of this server (5 s per request).</summary>
    public HttpClient Client() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Polls /health until 200 (two minutes at most).</summary>
    public async Task WaitUntilHealthyAsync()
    {
        using var http = Client();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("server not healthy:\n" + Output);
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
                // Busy starting.
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Runs the built server (any port, Production unless <paramref name="environment"/> says otherwise) until it exits by
    /// itself, a minute at most, and returns its exit code, standard output and standard error.
    /// </summary>
    public static async Task<(int Code, string Output, string Error)> RunToExitAsync(string? dir, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (dir is not null) info.WorkingDirectory = dir;
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("server did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the server did not exit: {await output}");
        }
        return (process.ExitCode, await output, await error);
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
