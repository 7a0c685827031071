using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Connectors;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.ExternalTasks;

/// <summary>
/// Which topics exist and who may fetch them — the one rule for external workers: a topic is known when the host lists
/// it (<see cref="Automation.Data.WorkflowHost.ExternalTopicsAsync"/>: a published definition or an open task uses it); a worker's token may fetch it when its user is an Admin, or the steps of the
/// topic name no group, or the user belongs to one of their groups (as for a human task's inbox). Topics of the
/// server's own connectors are fetched by the server only.
/// </summary>
internal sealed class ExternalTopics(WorkflowHostAccessor accessor, ConnectorRegistry connectors, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile Snapshot current = new(new Dictionary<string, IReadOnlyList<string>>(), DateTimeOffset.MinValue);

    /// <summary>Whether the server's own connector worker serves the topic.</summary>
    public bool IsConnector(string topic) => connectors.Lookup(topic).KnownName;

    /// <summary>
    /// Checks every topic of a fetch: unknown topics, topics of the server's connectors and topics the user may not
    /// fetch are refused, naming the topic.
    /// </summary>
    /// <exception cref="Automation.Engine.Runtime.WorkflowInputException">A topic is unknown or served by the server.</exception>
    /// <exception cref="ForbiddenException">The user may not fetch a topic.</exception>
    public async Task CheckAsync(ClaimsPrincipal user, IEnumerable<string> topics, CancellationToken ct)
    {
        foreach (var topic in topics)
        {
            if (IsConnector(topic))
                throw new Automation.Engine.Runtime.WorkflowInputException("topicName",
                    Texte.Format(Texte.ExternThemaKonnektor, topic));
            var groups = await GroupsOfAsync(topic, ct)
                ?? throw new Automation.Engine.Runtime.WorkflowInputException("topicName",
                    Texte.Format(Texte.ExternThemaUnbekannt, topic));
            if (!MayFetch(user, groups))
                throw new ForbiddenException(Texte.Format(Texte.ExternThemaVerboten, topic, string.Join(", ", groups)));
        }
    }

    /// <summary>The rule: Admin, or a topic without groups, or a shared group.</summary>
    public static bool MayFetch(ClaimsPrincipal user, IReadOnlyCollection<string> groups) =>
        user.IsInRole(Roles.Admin) || groups.Count == 0 || user.Groups().Any(groups.Contains);

    private async Task<IReadOnlyList<string>?> GroupsOfAsync(string topic, CancellationToken ct)
    {
        var snapshot = current;
        if (snapshot.Groups.TryGetValue(topic, out var groups) && time.GetUtcNow() - snapshot.At < Fresh) return groups;
        // Unknown or stale: ask the host again (a topic published a moment ago must work at once).
        await refreshing.WaitAsync(ct);
        try
        {
            if (current == snapshot) current = snapshot = new Snapshot(await accessor.Host.ExternalTopicsAsync(ct), time.GetUtcNow());
            else snapshot = current;
        }
        finally
        {
            refreshing.Release();
        }
        return snapshot.Groups.GetValueOrDefault(topic);
    }

    public void Dispose() => refreshing.Dispose();

    private sealed record Snapshot(IReadOnlyDictionary<string, IReadOnlyList<string>> Groups, DateTimeOffset At);
}
