using System.Xml.Linq;

namespace Automation.Samples.Workers;

/// <summary>
/// Works the "xmeld" topic of the sample process wohnsitzanmeldung: for each task it writes the Rückmeldung to the
/// former registration office as an XML file into an outbox folder and completes the step with the file's name. Real
/// XMeld transport (OSCI) is the Fachverfahren's job and out of this sample's scope; the outbox is where it would pick
/// the message up.
/// </summary>
internal sealed class XmeldWorker(ExternalTaskClient client, string outbox, RetryPolicy retry, TimeProvider time)
    : TopicWorker(client, outbox, retry, time)
{
    public override string Topic => "xmeld";

    protected override string Document => "Die XMeld-Rückmeldung";

    protected override async Task<Dictionary<string, object?>> WorkAsync(ExternalTask task, CancellationToken ct)
    {
        var created = Now();
        var message = new XElement("Rueckmeldung",
            new XAttribute("erstellt", created),
            new XElement("Aktenzeichen", task.BusinessKey ?? ""),
            new XElement("Vorgang", task.CaseId.ToString("D")),
            new XElement("Nachricht", Text(task.Inputs, "nachricht")),
            new XElement("Einzugsdatum", Text(task.Variables, "einzugsdatum")),
            new XElement("Wohnungsstatus", Text(task.Variables, "wohnungsstatus")),
            new XElement("Personen", Text(task.Variables, "personenAnzahl")));
        var file = await FileAsync($"rueckmeldung-{task.CaseId:N}.xml", message, ct);
        return new() { ["xmeldNachricht"] = file, ["rueckmeldungAm"] = created };
    }
}
