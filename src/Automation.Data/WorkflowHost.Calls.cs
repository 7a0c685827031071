using Automation.Engine.Runtime;
using Microsoft.Extensions.Logging;

namespace Automation.Data;

// Called workflows that run as cases of their own (Elsa's ExecuteWorkflow and DispatchWorkflow without waiting).
public sealed partial class WorkflowHost
{
    /// <summary>
    /// Starts the case a call that does not wait asked for (called by the job worker); the job is deleted in the start's
    /// transaction. A process no longer published (checked when the call ran) drops the job with a warning.
    /// </summary>
    internal async Task StartCalledCaseAsync(string processId, string? variablesJson, long jobId, CancellationToken ct)
    {
        if (ResolveDefinition(processId) is not { } definition)
        {
            LogCalledProcessGone(logger, processId);
            await DeleteJobAsync(jobId, ct);
            return;
        }
        await StartCaseAsync(definition, variablesJson is null ? null : Variables.ParseObject(variablesJson), null, null, null, jobId, true, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A call started process {ProcessId}, which is no longer published; the case is not started.")]
    private static partial void LogCalledProcessGone(ILogger logger, string processId);
}
