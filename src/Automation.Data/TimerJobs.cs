using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Automation.Data.Schema;
using Automation.Engine.Runtime;

namespace Automation.Data;

/// <summary>
/// Timers, task deadlines and timer start events as rows of the <c>jobs</c> table, which the job worker claims when due
/// (<see cref="JobWorker"/>). A timer's or deadline's job is written in the transaction that writes its wait and deleted
/// in the one that removes it, so no trigger is lost between a commit and a scheduler and none outlives its wait.
/// A job is found again by its due time (the indexed column), case, kind and wait id: the jobs table has no index on
/// the case.
/// </summary>
internal static class TimerJobs
{
    /// <summary>A timer wait of a case; target: the wait id.</summary>
    public const string Timer = "timer";

    /// <summary>The deadline (<c>am:deadline</c>) of a user task; target: the task's wait id.</summary>
    public const string Deadline = "deadline";

    /// <summary>One occurrence of a timer start event; target: <c>process:node</c>, payload: the occurrence number.</summary>
    public const string StartTimer = "start-timer";

    /// <summary>The job a new wait needs (a timer or a user task with a deadline), or null.</summary>
    public static JobRecord? For(Guid caseId, WaitState wait) => Kind(wait) is { } kind
        ? new JobRecord { CaseId = CaseStore.Id(caseId), Kind = kind, Target = Target(wait.Id), DueAt = wait.DueAt!.Value.ToUnixTimeMilliseconds() }
        : null;

    /// <summary>The kind of job a wait has: timers and user tasks with a due time; null for every other wait.</summary>
    public static string? Kind(WaitState wait) => wait switch
    {
        { Kind: WaitKind.Timer, DueAt: not null } => Timer,
        { Kind: WaitKind.UserTask, DueAt: not null } => Deadline,
        _ => null,
    };

    public static string Target(long waitId) => waitId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The target of a timer start event's jobs; ids contain no ':' (an XML NCName, or Elsa's name characters).</summary>
    public static string StartTarget(string processId, string nodeId) => processId + ":" + nodeId;

    /// <summary>The job of one occurrence of a timer start event, due at <paramref name="due"/>.</summary>
    public static JobRecord StartOccurrence(string processId, string nodeId, int occurrence, DateTimeOffset due)
    {
        var number = occurrence.ToString(CultureInfo.InvariantCulture);
        return new JobRecord
        {
            CaseId = CaseStore.Id(StartCaseId(processId, nodeId, number)),
            Kind = StartTimer,
            Target = StartTarget(processId, nodeId),
            Payload = number,
            DueAt = due.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>A case id that is the same every time a start timer's occurrence fires, so a re-fire starts no second case.</summary>
    public static Guid StartCaseId(string processId, string nodeId, string occurrence)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{processId}\n{nodeId}\n{occurrence}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>Deletes the job of a wait the unit removes (a statement of the unit's transaction).</summary>
    public const string DeleteSql = "DELETE FROM jobs WHERE due_at = @d AND case_id = @id AND kind = @k AND target = @t";

    /// <summary>
    /// Writes a job for every timer wait and every open, unescalated task with a deadline that has none: the waits and
    /// tasks tables are the truth. One statement each, so a case written meanwhile is seen with its job or not at all.
    /// </summary>
    public static readonly string[] ReconcileSql =
    [
        "INSERT INTO jobs (case_id, kind, target, payload, due_at, attempts) " +
        "SELECT w.case_id, '" + Timer + "', CAST(w.wait_id AS TEXT), NULL, w.due_at, 0 FROM waits w WHERE w.kind = 'Timer' AND w.due_at IS NOT NULL " +
        "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.due_at = w.due_at AND j.case_id = w.case_id AND j.kind = '" + Timer + "' AND j.target = CAST(w.wait_id AS TEXT))",
        "INSERT INTO jobs (case_id, kind, target, payload, due_at, attempts) " +
        "SELECT t.case_id, '" + Deadline + "', CAST(t.wait_id AS TEXT), NULL, t.due_at, 0 FROM tasks t WHERE t.status IN ('open', 'claimed') " +
        "AND t.due_at IS NOT NULL AND t.escalated_at IS NULL " +
        "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.due_at = t.due_at AND j.case_id = t.case_id AND j.kind = '" + Deadline + "' AND j.target = CAST(t.wait_id AS TEXT))",
    ];
}
