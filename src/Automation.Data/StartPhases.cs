using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Automation.Data;

/// <summary>Logs at Debug how long each phase of a start took, so a slow start can be taken apart without a profiler.</summary>
public sealed partial class StartPhases(ILogger logger)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan last;

    /// <summary>Logs the time since the previous phase (or since creation) under the phase's name.</summary>
    public void Done(string phase)
    {
        var now = clock.Elapsed;
        LogPhase(logger, phase, (now - last).TotalMilliseconds, now.TotalMilliseconds);
        last = now;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Start phase {Phase}: {Milliseconds:F0} ms (total {Total:F0} ms)")]
    private static partial void LogPhase(ILogger logger, string phase, double milliseconds, double total);
}
