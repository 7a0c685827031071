using Automation.Engine.Runtime;

namespace Automation.Data;

/// <summary>
/// Transaction boundaries (camunda:asyncBefore / asyncAfter): the engine stops a run at one as a
/// <see cref="WaitKind.Continuation"/> wait, the unit that commits it carries a <c>continuation</c> job (the outbox), and the
/// job worker passes the boundary here in a transaction of its own. When the part after the boundary fails, that part is
/// dropped and the case waits at the boundary with an incident; what ran before stays committed, and retrying the
/// incident sets the boundary up again with a new job.
/// </summary>
public sealed partial class WorkflowHost
{
    /// <summary>
    /// Passes the boundary <paramref name="waitId"/> of a case; the job is deleted in the transaction that writes the
    /// outcome. A boundary that is gone (the case was cancelled, an interrupting event took the token) just ends the job.
    /// </summary>
    internal async Task ContinueAtBoundaryAsync(Guid caseId, long waitId, long jobId, CancellationToken ct)
    {
        string? failure = null;
        try
        {
            // Not handed to the script threads in the background: a failure must come back here to be recorded at the boundary.
            await ContinueAsync(caseId, jobId, (definition, state, _) =>
            {
                if (state.FindWait(waitId) is not { Kind: WaitKind.Continuation }) return null;
                var run = engine.Continue(definition.Process, state, waitId);
                if (run.NewIncidents.Count > 0) throw new BoundaryFailedException(string.Join(" ", run.NewIncidents.Select(i => i.Message)));
                return run;
            }, ct, missingCaseIsNull: true);
        }
        catch (BoundaryFailedException e)
        {
            failure = e.Message;
        }
        if (failure is null) return;
        await ContinueAsync(caseId, jobId, (definition, state, unit) =>
        {
            if (state.FindWait(waitId) is not { Kind: WaitKind.Continuation }) return null;
            unit.IncidentsChanged = true;
            return engine.FailContinuation(definition.Process, state, waitId, failure);
        }, ct, missingCaseIsNull: true);
    }

    /// <summary>The run after a boundary raised incidents; it is dropped (nothing of it is written).</summary>
    private sealed class BoundaryFailedException(string message) : Exception(message);
}
