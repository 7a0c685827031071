using System.Text.Json;
using Automation.Data.Schema;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Data;

/// <summary>
/// A task and its case as read in one statement: the task row, the case's business key, state, revision and definition
/// version. Completing the task from it reads nothing again unless the write conflicts. Hand it to one completion only:
/// the run changes its <c>State</c>.
/// </summary>
/// <param name="Task">The task row.</param>
/// <param name="BusinessKey">The case's business key.</param>
/// <param name="State">The case state at <paramref name="Revision"/>.</param>
/// <param name="Revision">The case row's revision (optimistic concurrency).</param>
/// <param name="DefinitionId">The definition version the case runs on.</param>
public sealed record TaskCase(TaskRecord Task, string? BusinessKey, CaseState State, long Revision, long DefinitionId)
{
    /// <summary>Whether the task can still be worked on (the row says so; its case state has the wait then too).</summary>
    public bool IsOpen => Task.Status is "open" or "claimed";

    /// <summary>
    /// Who holds the task and how long it was worked on: claim to <paramref name="now"/>, without the time it sat
    /// released (null when nobody ever claimed it, so the ledger falls back to the standard time).
    /// </summary>
    internal (string? Assignee, decimal? WorkedMinutes) Work(long now)
    {
        var assignee = Task.Status == "claimed" ? Task.Assignee : null;
        var millis = Task.ClaimedMillis + (Task.ClaimedAt is { } at ? Math.Max(0, now - at) : 0);
        return (assignee, Task.ClaimedAt is null && millis == 0 ? null : millis / 60000m);
    }
}

public sealed partial class WorkflowHost
{
    /// <summary>Reads a task with its case in one statement; null when there is no such task.</summary>
    public Task<TaskCase?> FindTaskAsync(Guid caseId, long waitId, CancellationToken ct = default) => store.LoadTaskAsync(caseId, waitId, ct);

    /// <summary>
    /// The values the task's form shows first (camunda defaultValue, JUEL evaluated against the variables the task
    /// sees); a read-only field takes back only its value from here.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, object?>> FormDefaultsAsync(TaskCase task, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.State.FindWait(task.Task.WaitId) is not { Kind: WaitKind.UserTask } wait) return new Dictionary<string, object?>();
        var definition = await Definitions.GetAsync(task.DefinitionId, ct);
        return engine.FormDefaults(definition.Process, task.State, wait);
    }

    /// <summary>Completes a human task. A task claimed by someone else, or already completed, is a conflict.</summary>
    /// <exception cref="NotFoundException">No such task.</exception>
    /// <exception cref="ConcurrencyConflictException">The task is gone or claimed by another person.</exception>
    /// <exception cref="WorkflowInputException">A form value is missing or wrong.</exception>
    public async Task<CaseSnapshot> CompleteTaskAsync(Guid caseId, long waitId, IEnumerable<KeyValuePair<string, object?>>? values = null,
        string? completedBy = null, CancellationToken ct = default) =>
        await CompleteTaskAsync(await FindTaskAsync(caseId, waitId, ct) ?? throw new NotFoundException(Texte.Format(Texte.ServerAufgabeImVorgangUnbekannt, waitId, caseId)),
            values, completedBy, ct);

    /// <summary>
    /// Completes a task read by <see cref="FindTaskAsync"/> without reading it again: whether it is still open is decided
    /// here on that read, and the store's transaction writes the completion only if the task row is still open and not
    /// claimed by another person and the case row still has that revision (else the task and case are read again).
    /// </summary>
    /// <exception cref="NotFoundException">The task is gone.</exception>
    /// <exception cref="ConcurrencyConflictException">The task is no longer open or claimed by another person.</exception>
    /// <exception cref="WorkflowInputException">A form value is missing or wrong.</exception>
    public async Task<CaseSnapshot> CompleteTaskAsync(TaskCase task, IEnumerable<KeyValuePair<string, object?>>? values = null,
        string? completedBy = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var caseId = Guid.Parse(task.Task.CaseId);
        var waitId = task.Task.WaitId;
        var valueList = values?.ToList();
        var current = task;
        var fresh = true;
        return await ContinueAsync(caseId, null, (definition, state, unit) =>
        {
            if (!current.IsOpen || state.FindWait(waitId) is not { Kind: WaitKind.UserTask } wait)
                throw new ConcurrencyConflictException(Texte.Format(Texte.ServerAufgabeNichtMehrOffenErledigt, waitId, caseId));
            var (assignee, minutes) = current.Work(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (completedBy is not null && assignee is not null && !string.Equals(assignee, completedBy, StringComparison.Ordinal))
                throw new ConcurrencyConflictException(Texte.Format(Texte.ServerAufgabeAndereHatUebernommen, waitId, caseId));
            var run = engine.CompleteTask(definition.Process, state, waitId, valueList);
            unit.CompletedTaskWaitId = waitId;
            unit.CompletedBy = completedBy;
            if (minutes is { } worked)
            {
                unit.Measurements[(wait.NodeId, wait.CreatedAt)] = new Engine.Accounting.StepMeasurement(WorkingMinutes: worked);
                if (WorkerPseudonym.Of(options.WorkerPseudonymKey, completedBy ?? assignee) is { } worker)
                    unit.WorkerKeys[(wait.NodeId, wait.CreatedAt)] = worker;
            }
            unit.CompletedFormData = valueList is null ? null : JsonSerializer.Serialize(Variables.NormalizeAll(valueList));
            return run;
        }, ct, load: async token =>
        {
            // The first round runs on the caller's read; a conflict (or a move to the script threads) reads task and case again.
            if (!fresh) current = await store.LoadTaskAsync(caseId, waitId, token) ?? throw new NotFoundException(Texte.Format(Texte.ServerAufgabeImVorgangUnbekannt, waitId, caseId));
            fresh = false;
            return (current.State, current.Revision, current.DefinitionId);
        }) ?? throw new NotFoundException(Texte.Format(Texte.ServerVorgangUnbekannt, caseId));
    }
}
