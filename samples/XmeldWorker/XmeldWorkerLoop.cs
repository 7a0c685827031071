using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Automation.Samples.XmeldWorker;

/// <summary>
/// Works the "xmeld" topic of the sample process wohnsitzanmeldung: for each task it writes the Rückmeldung to the
/// former registration office as an XML file into an outbox folder and completes the step with the file's name. Real
/// XMeld transport (OSCI) is the Fachverfahren's job and out of this sample's scope; the outbox is where it would pick
/// the message up.
/// </summary>
internal sealed class XmeldWorkerLoop(ExternalTaskClient client, string outbox, TimeProvider time)
{
    /// <summary>The topic of the sample process's XMeld step.</summary>
    public const string Topic = "xmeld";

    private static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(2);

    /// <summary>Fetches once (waiting up to <paramref name="wait"/>) and works what came; returns how many tasks were completed.</summary>
    public async Task<int> RunOnceAsync(TimeSpan wait, CancellationToken ct)
    {
        var tasks = await client.FetchAndLockAsync(Topic, 10, LockDuration, wait, ct);
        var done = 0;
        foreach (var task in tasks)
        {
            try
            {
                var file = await WriteMessageAsync(task, ct);
                await client.CompleteAsync(task.Id, new { xmeldNachricht = file, rueckmeldungAm = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) }, ct);
                done++;
            }
            catch (IOException e)
            {
                // The outbox is not writable: try again in a minute, three times, then the Bürgerservice sees an incident.
                await client.FailAsync(task.Id, "Die XMeld-Rückmeldung konnte nicht abgelegt werden: " + e.Message, retries: 3, TimeSpan.FromMinutes(1), ct);
            }
        }
        return done;
    }

    private async Task<string> WriteMessageAsync(ExternalTask task, CancellationToken ct)
    {
        Directory.CreateDirectory(outbox);
        var name = $"rueckmeldung-{task.CaseId:N}.xml";
        var message = new XElement("Rueckmeldung",
            new XAttribute("erstellt", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
            new XElement("Aktenzeichen", task.BusinessKey ?? ""),
            new XElement("Vorgang", task.CaseId.ToString("D")),
            new XElement("Nachricht", Text(task.Inputs, "nachricht")),
            new XElement("Einzugsdatum", Text(task.Variables, "einzugsdatum")),
            new XElement("Wohnungsstatus", Text(task.Variables, "wohnungsstatus")),
            new XElement("Personen", Text(task.Variables, "personenAnzahl")));
        // Written under a temporary name and moved, so the transport never picks up half a file.
        var path = Path.Combine(outbox, name);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, new XDocument(new XDeclaration("1.0", "utf-8", null), message).ToString(), Encoding.UTF8, ct);
        File.Move(temporary, path, overwrite: true);
        return name;
    }

    private static string Text(Dictionary<string, JsonElement> values, string name) =>
        values.TryGetValue(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "";
}
