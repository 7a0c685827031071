using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using Automation.Engine.Expressions;

namespace Automation.Engine.Simulation;

/// <summary>A simulation used up the processor time it was given; the message is German and names the budget.</summary>
public sealed class SimulationBudgetExceededException : Exception
{
    /// <summary>Creates the exception for a budget.</summary>
    public SimulationBudgetExceededException(TimeSpan budget)
        : base($"Die Simulation hat ihr Rechenzeitbudget von {ScriptLimits.Seconds(budget)} aufgebraucht und wurde abgebrochen. " +
            "Bitte weniger Fälle, Wiederholungen oder Szenarien wählen.") => Budget = budget;

    /// <summary>Creates the exception.</summary>
    public SimulationBudgetExceededException() : this(TimeSpan.Zero) { }

    /// <summary>Creates the exception with a message.</summary>
    public SimulationBudgetExceededException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public SimulationBudgetExceededException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Stable code for programs.</summary>
    public const string Code = "simulation-budget-exceeded";

    /// <summary>The processor time the simulation was given.</summary>
    public TimeSpan Budget { get; }
}

/// <summary>The simulation's figures for dotnet-counters or an OpenTelemetry exporter.</summary>
internal static class SimulationMeter
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Automation.Engine.Simulation";

    /// <summary>Name of the counter of simulated cases: it stands still when no simulation runs.</summary>
    public const string CasesName = "automation.simulation.cases";

    private static readonly Meter Meter = new(MeterName);

    internal static Counter<long> Cases { get; } = Meter.CreateCounter<long>(CasesName, "{case}",
        "Cases the what-if simulation started, over all variants and replications.");
}

/// <summary>
/// Stops a simulation when its caller cancels (the client went away) or when the thread running it has used its
/// processor-time budget. Checked between events, so a simulation stops within one event; a script inside an event
/// stops on cancellation too.
/// </summary>
internal sealed class SimulationGuard
{
    private const int CpuCheckEvery = 64;

    private readonly TimeSpan? budget;
    private readonly CancellationToken cancellation;
    private readonly TimeSpan start;
    private int events;

    public SimulationGuard(TimeSpan? budget, CancellationToken cancellation)
    {
        this.budget = budget;
        this.cancellation = cancellation;
        start = ThreadCpuTime.Now();
    }

    /// <summary>Throws when cancelled or over budget.</summary>
    public void Check()
    {
        cancellation.ThrowIfCancellationRequested();
        // Reading the thread's clock is a system call: not on every event.
        if (budget is { } b && ++events % CpuCheckEvery == 0 && ThreadCpuTime.Now() - start > b) throw new SimulationBudgetExceededException(b);
    }
}

/// <summary>Processor time the calling thread has used; elapsed time where the system offers no per-thread clock (an upper bound).</summary>
internal static class ThreadCpuTime
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(LinuxThreadCpuClock, out var ts) == 0) return FromTimespec(ts);
        if (OperatingSystem.IsMacOS() && ClockGetTime(MacThreadCpuClock, out var mac) == 0) return FromTimespec(mac);
        if (OperatingSystem.IsWindows() && GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user))
            return TimeSpan.FromTicks(kernel + user);
        return Stopwatch.GetElapsedTime(Started);
    }

    private const int LinuxThreadCpuClock = 3;
    private const int MacThreadCpuClock = 16;

    private static TimeSpan FromTimespec(Timespec ts) => TimeSpan.FromTicks(ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, these signatures are blittable.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [DllImport("kernel32")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern IntPtr GetCurrentThread();

    [DllImport("kernel32")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
