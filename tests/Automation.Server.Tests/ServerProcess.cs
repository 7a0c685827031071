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

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
