using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Automation.Samples.Workers;

/// <summary>How often a task whose outbox could not be written comes back, and after how long.</summary>
internal sealed record RetryPolicy(int Retries, TimeSpan Timeout)
{
    /// <summary>Three more attempts a minute apart, then the step gets an incident.</summary>
    public static readonly RetryPolicy Default = new(3, TimeSpan.FromMinutes(1));

    /// <summary>
    /// The retries to report after a failure: the policy's number at the first failure, else one less than the task
    /// came with — the server keeps the count, as Camunda 7 does, so 0 ends in an incident.
    /// </summary>
    public int LeftAfterFailure(ExternalTask task) => task.Retries is { } left ? Math.Max(0, left - 1) : Retries;
}

/// <summary>The case's data does not allow the work (a missing amount, an unknown recipient): retrying cannot help.</summary>
internal sealed class CaseDataException(string message) : Exception(message);

/// <summary>
/// What every sample worker does with its topic: fetch and lock, work each task into a file of the outbox, complete
/// it with the variables the work returns. A task whose case data is unusable fails at once (an incident naming the
/// step, with the German message); a task whose file could not be written fails with retries and comes back.
/// </summary>
internal abstract class TopicWorker(ExternalTaskClient client, string outbox, RetryPolicy retry, TimeProvider time)
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(2);

    /// <summary>The external-task topic the worker fetches.</summary>
    public abstract string Topic { get; }

    /// <summary>What the worker files, for the failure message, e.g. „Die Auszahlungsanordnung“.</summary>
    protected abstract string Document { get; }

    /// <summary>The clock for the files' timestamps and dates.</summary>
    protected TimeProvider Time => time;

    /// <summary>Works one task; returns the variables to complete it with.</summary>
    /// <exception cref="CaseDataException">The case's variables or the step's inputs do not allow the work.</exception>
    protected abstract Task<Dictionary<string, object?>> WorkAsync(ExternalTask task, CancellationToken ct);

    /// <summary>Fetches once (waiting up to <paramref name="wait"/>) and works what came; returns how many tasks were completed.</summary>
    public async Task<int> RunOnceAsync(TimeSpan wait, CancellationToken ct)
    {
        var tasks = await client.FetchAndLockAsync(Topic, 10, LockDuration, wait, ct);
        var done = 0;
        foreach (var task in tasks)
        {
            Dictionary<string, object?> variables;
            try
            {
                variables = await WorkAsync(task, ct);
            }
            catch (CaseDataException e)
            {
                // The same data would fail the same way on every attempt: the responsible office sees an incident now.
                await client.FailAsync(task.Id, e.Message, retries: 0, TimeSpan.Zero, ct);
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var message = $"{Document} konnte nicht im Ablageordner „{outbox}“ abgelegt werden (Systemmeldung: {e.Message})";
                await client.FailAsync(task.Id, message, retry.LeftAfterFailure(task), retry.Timeout, ct);
                continue;
            }
            await client.CompleteAsync(task.Id, variables, ct);
            done++;
        }
        return done;
    }

    /// <summary>Writes the document into the outbox under <paramref name="name"/>; returns the name.</summary>
    protected async Task<string> FileAsync(string name, XElement document, CancellationToken ct)
    {
        Directory.CreateDirectory(outbox);
        // Written under a temporary name and moved, so the transport never picks up half a file.
        var path = Path.Combine(outbox, name);
        var temporary = path + ".tmp";
        // XDocument.ToString leaves the declaration out; UTF-8 without a byte order mark, as the declaration says.
        var xml = new XDocument(new XDeclaration("1.0", "utf-8", null), document);
        await File.WriteAllTextAsync(temporary, xml.Declaration + "\n" + xml, new UTF8Encoding(false), ct);
        File.Move(temporary, path, overwrite: true);
        return name;
    }

    /// <summary>Now as ISO 8601 timestamp, for the files' "erstellt".</summary>
    protected string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A variable or input as text: strings as they are, other JSON values in their JSON form, missing as "".</summary>
    protected static string Text(Dictionary<string, JsonElement> values, string name) =>
        values.TryGetValue(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Null => "",
            _ => v.GetRawText(),
        } : "";
}
