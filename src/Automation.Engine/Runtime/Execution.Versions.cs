using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Runtime;

// Process versions of called scopes: a call keeps the version it started with (ScopeState.ProcessVersion), so that its
// waiting steps, timers, boundaries and compensation run on it even after the called process was published again.
// A version that is gone (no longer resolves) ends its call with an incident before a run acts on the case.
internal sealed partial class Execution
{
    private Dictionary<string, ProcessDefinition>? versions;

    /// <summary>
    /// The process a scope runs: the version its call started with; without one (the case's own process, or a scope stored
    /// before versions were kept) the case's process or the newest version of the called one. Null when it is gone.
    /// </summary>
    private ProcessDefinition? ScopeDefinition(ScopeState scope) =>
        scope.ProcessVersion is { } key ? ResolveVersion(key)
        : scope.ProcessId == root.Id ? root
        : ResolveProcess(scope.ProcessId);

    private ProcessDefinition? ResolveVersion(string key)
    {
        if (versions is not null && versions.TryGetValue(key, out var known)) return known;
        var found = options.ResolveVersion?.Invoke(key);
        if (found is not null) (versions ??= new(StringComparer.Ordinal))[key] = found;
        return found;
    }

    /// <summary>The host's key of a called process's version, remembered for this run (null: the host keeps none).</summary>
    private string? VersionKeyOf(ProcessDefinition process)
    {
        if (options.VersionOf?.Invoke(process) is not { } key) return null;
        (versions ??= new(StringComparer.Ordinal))[key] = process;
        return key;
    }

    /// <summary>Ends called processes whose version is gone (<see cref="EndLostCalls"/>); true when the wait went with them.</summary>
    public bool Lost(WaitState wait)
    {
        EndLostCalls();
        if (state.FindWait(wait.Id) is not null) return false;
        Finish();
        return true;
    }

    /// <summary>
    /// Before a run acts on a case: a called process whose version no longer resolves cannot go on. Its scope is removed
    /// with everything in it (without steps: its nodes are unknown) and the token holding it gets an incident naming the
    /// called process, the version and the call activity; the rest of the case stays as it was.
    /// </summary>
    private void EndLostCalls()
    {
        if (options.ResolveVersion is null || state.Scopes.Count == 0) return;
        while (state.Scopes.Find(IsOutermostLost) is { } lost)
        {
            var holder = lost.ParentTokenId is { } id ? TokenById(id) : null;
            DropScope(lost);
            if (holder is null) continue;
            var call = DefinitionOf(holder.ScopeId).GetNode(holder.NodeId);
            RemoveWaitsOfToken(holder.Id);
            // A compensation run holds a completed call's snapshot; a detached or waiting call holds a running instance.
            var compensation = lost.Detached && !call.Detached;
            RaiseIncident(holder, call, Texte.Format(compensation ? Texte.KompensationVersionVerloren : Texte.AufrufVersionVerloren,
                    call.Id, call.Label, lost.ProcessId, lost.ProcessVersion),
                compensation ? DiagnosticCodes.CallCompensationLost : DiagnosticCodes.CalledVersionUnknown);
        }
    }

    private bool IsOutermostLost(ScopeState scope) =>
        scope.ProcessVersion is { } key && ResolveVersion(key) is null
        && (scope.ParentScopeId is not { } parent || ScopeById(parent) is not { } outer || outer.ProcessVersion is not { } outerKey || ResolveVersion(outerKey) is not null);

    /// <summary>Removes a scope, its inner scopes and their tokens, waits, incidents and records, without reading its process.</summary>
    private void DropScope(ScopeState scope)
    {
        foreach (var inner in state.Scopes.Where(s => s.ParentScopeId == scope.Id).ToList()) DropScope(inner);
        foreach (var token in state.TokenList.Where(t => t.ScopeId == scope.Id).ToList())
        {
            RemoveWaitsOfToken(token.Id);
            RemoveLoopOf(token.Id);
            state.IncidentList.RemoveAll(i => i.TokenId == token.Id);
            RemoveToken(token);
        }
        RemoveEventSubProcessWaits(scope.Id);
        state.Joins.RemoveAll(j => j.ScopeId == scope.Id);
        ForgetCompensations(scope.Id);
        state.Scopes.Remove(scope);
    }

    /// <summary>
    /// Retrying a call that could not go on: a compensation whose snapshot or version is gone, or a detached call (its caller
    /// went on), is given up and the holder ends; a waiting call starts again on the newest version (true: handled here).
    /// </summary>
    private bool RetryLostCall(IncidentState incident, TokenState token)
    {
        var givenUp = incident.Code == DiagnosticCodes.CallCompensationLost
            || (incident.Code == DiagnosticCodes.CalledVersionUnknown && NodeOf(token).Detached);
        if (!givenUp) return false;
        var scopeId = token.ScopeId;
        RemoveWaitsOfToken(token.Id);
        RemoveToken(token);
        CompleteScopeIfDone(scopeId);
        return true;
    }
}
