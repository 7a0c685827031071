using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.ExternalTasks;

/// <summary>A topic of a fetch, as Camunda 7 workers send it.</summary>
/// <param name="TopicName">The topic.</param>
/// <param name="LockDuration">Lock duration in milliseconds.</param>
/// <param name="Variables">Names of the variables to return; null returns all.</param>
internal sealed record FetchTopicBody(string? TopicName, long? LockDuration, IReadOnlyList<string>? Variables);

/// <summary>A fetch-and-lock request, as Camunda 7 workers send it.</summary>
/// <param name="WorkerId">The worker's id; the lock is held by this token's user and this id together.</param>
/// <param name="MaxTasks">At most this many tasks (1–100).</param>
/// <param name="AsyncResponseTimeout">Long polling: wait up to this many milliseconds for a task (at most 5 minutes).</param>
/// <param name="Topics">The topics.</param>
/// <param name="UsePriority">Accepted for compatibility; tasks come oldest first.</param>
internal sealed record FetchAndLockBody(string? WorkerId, int? MaxTasks, long? AsyncResponseTimeout, IReadOnlyList<FetchTopicBody>? Topics, bool? UsePriority);

/// <summary>A locked task and the variables its topic asked for.</summary>
internal sealed record FetchedTask(LockedExternalTask Task, IReadOnlyDictionary<string, object?> Variables, string WorkerId);

/// <summary>Fetches and locks external tasks for a worker, waiting up to the long-polling timeout for one.</summary>
internal sealed record FetchAndLock(ClaimsPrincipal User, FetchAndLockBody Body) : IRequest<IReadOnlyList<FetchedTask>>;

/// <summary>Checks the request and the topics (<see cref="ExternalTopics"/>), then fetches; empty means none came in time.</summary>
internal sealed class FetchAndLockHandler(WorkflowHostAccessor accessor, ExternalTopics topics) : IRequestHandler<FetchAndLock, IReadOnlyList<FetchedTask>>
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxLock = TimeSpan.FromDays(1);

    // Other nodes' new tasks are not pulsed here: the fetch looks again at least this often while it waits.
    private static readonly TimeSpan PollSlice = TimeSpan.FromSeconds(1);

    public async ValueTask<IReadOnlyList<FetchedTask>> Handle(FetchAndLock request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var worker = WorkerIdentity.Of(request.User, body.WorkerId);
        var max = body.MaxTasks ?? 10;
        if (max is < 1 or > 100) throw new WorkflowInputException("maxTasks", Texte.ExternMaxTasks);
        if (body.Topics is not { Count: > 0 } requested) throw new WorkflowInputException("topics", Texte.ExternKeinThema);
        var list = new List<(ExternalTaskTopic Topic, IReadOnlyList<string>? Variables)>();
        for (var i = 0; i < requested.Count; i++)
        {
            var t = requested[i];
            if (string.IsNullOrWhiteSpace(t.TopicName)) throw new WorkflowInputException($"topics[{i}].topicName", Texte.Format(Texte.ExternThemaOhneName, i + 1));
            if (t.LockDuration is not > 0 || t.LockDuration > (long)MaxLock.TotalMilliseconds)
                throw new WorkflowInputException($"topics[{i}].lockDuration", Texte.Format(Texte.ExternSperrdauer, t.TopicName));
            list.Add((new ExternalTaskTopic(t.TopicName, TimeSpan.FromMilliseconds(t.LockDuration.Value)), t.Variables));
        }
        await topics.CheckAsync(request.User, list.Select(t => t.Topic.Name), cancellationToken);
        var wait = TimeSpan.FromMilliseconds(Math.Clamp(body.AsyncResponseTimeout ?? 0, 0, (long)MaxWait.TotalMilliseconds));
        var until = DateTimeOffset.UtcNow + wait;
        var host = accessor.Host;
        while (true)
        {
            var locked = await host.FetchAndLockAsync(worker, [.. list.Select(t => t.Topic)], max, cancellationToken);
            if (locked.Count > 0) return [.. locked.Select(task => new FetchedTask(task, Select(task, list.First(t => t.Topic.Name == task.Topic).Variables), worker))];
            var left = until - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero) return [];
            await host.WaitForExternalTasksAsync(left < PollSlice ? left : PollSlice, cancellationToken);
        }
    }

    /// <summary>The variables a worker sees: the case's, with the step's inputs (its local variables) over them; filtered by name when asked.</summary>
    private static Dictionary<string, object?> Select(LockedExternalTask task, IReadOnlyList<string>? names)
    {
        var all = new Dictionary<string, object?>(task.Variables, StringComparer.Ordinal);
        foreach (var (k, v) in task.Inputs) all[k] = v;
        if (names is null) return all;
        return all.Where(kv => names.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}

/// <summary>
/// The lock holder: the token's user and the worker id together, so a worker of another user cannot complete, fail or
/// extend a task by sending the same worker id.
/// </summary>
internal static class WorkerIdentity
{
    /// <summary>Holder string for the user and worker id.</summary>
    /// <exception cref="WorkflowInputException">No or an overlong worker id.</exception>
    public static string Of(ClaimsPrincipal user, string? workerId)
    {
        if (string.IsNullOrWhiteSpace(workerId)) throw new WorkflowInputException("workerId", Texte.ExternKeinBearbeiter);
        if (workerId.Length > 120) throw new WorkflowInputException("workerId", Texte.ExternBearbeiterZuLang);
        return user.UserName() + "/" + workerId;
    }

    /// <summary>The worker id a client sent, from a holder string.</summary>
    public static string WorkerIdOf(string holder) => holder[(holder.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Whether the holder is one of this user's workers.</summary>
    public static bool IsOf(ClaimsPrincipal user, string holder) => holder.StartsWith(user.UserName() + "/", StringComparison.Ordinal);
}
