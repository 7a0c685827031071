using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Samples.Workers;

/// <summary>
/// A task the worker locked: its id, case, business key, inputs and variables as plain JSON, and the retries left
/// that an earlier failure reported (null before the first failure).
/// </summary>
internal sealed record ExternalTask(string Id, string Topic, Guid CaseId, string NodeId, string? BusinessKey,
    Dictionary<string, JsonElement> Variables, Dictionary<string, JsonElement> Inputs, int? Retries);

/// <summary>
/// A small client of the server's <c>/api/external-tasks</c>: fetch and lock with long polling, complete, report a
/// failure. Authenticated with an API token as Bearer header (Verwaltung → Tokens).
/// </summary>
internal sealed class ExternalTaskClient(HttpClient http, string workerId)
{
    /// <summary>Locks up to <paramref name="maxTasks"/> tasks of the topic, waiting up to <paramref name="wait"/> for one.</summary>
    public async Task<IReadOnlyList<ExternalTask>> FetchAndLockAsync(string topic, int maxTasks, TimeSpan lockDuration, TimeSpan wait, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/external-tasks/fetch-and-lock", new
        {
            workerId,
            maxTasks,
            asyncResponseTimeout = (long)wait.TotalMilliseconds,
            topics = new[] { new { topicName = topic, lockDuration = (long)lockDuration.TotalMilliseconds } },
        }, ct);
        await EnsureAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<List<ExternalTask>>(ct) ?? [];
    }

    /// <summary>Completes a locked task with variables.</summary>
    public async Task CompleteAsync(string taskId, object variables, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"/api/external-tasks/{taskId}/complete", new { workerId, variables }, ct);
        await EnsureAsync(response, ct);
    }

    /// <summary>Reports a failure: with retries left the task comes back after the timeout, else the step gets an incident.</summary>
    public async Task FailAsync(string taskId, string message, int retries, TimeSpan retryTimeout, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"/api/external-tasks/{taskId}/failure",
            new { workerId, errorMessage = message, retries, retryTimeout = (long)retryTimeout.TotalMilliseconds }, ct);
        await EnsureAsync(response, ct);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        // The server answers Problem Details with a German "detail" and a stable "code".
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new HttpRequestException($"{(int)response.StatusCode}: {body}", null, response.StatusCode);
    }
}
