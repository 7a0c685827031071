using System.Diagnostics;
using System.Text;

namespace Automation.Data.Tests.Durability;

/// <summary>The test host as a child process that a test can kill with SIGKILL.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static HostProcess Start(params string[] args)
    {
        var testBin = AppContext.BaseDirectory;
        // tests/Automation.Data.Tests/bin/<Configuration>/net10.0/ → tests/Automation.Data.TestHost/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(testBin)).Parent!.Name;
        var dll = Path.GetFullPath(Path.Combine(testBin, "..", "..", "..", "..", "Automation.Data.TestHost", "bin", configuration, "net10.0", "Automation.Data.TestHost.dll"));
        if (!File.Exists(dll)) throw new FileNotFoundException("Build tests/Automation.Data.TestHost first.", dll);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return new HostProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start the test host"));
    }

    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited) throw new InvalidOperationException($"test host exited ({process.ExitCode}) before '{text}':\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no '{text}' within {timeout}:\n{Output}");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
