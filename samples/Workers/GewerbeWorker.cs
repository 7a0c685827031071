using System.Text.Json;
using System.Xml.Linq;

namespace Automation.Samples.Workers;

/// <summary>
/// Works the "gewerbeanzeige" topic of the sample process gewerbeanmeldung: the three notifications after the
/// Gewerbeanzeige (input <c>empfaenger</c> = <c>finanzamt</c>, <c>kammer</c>, <c>statistik</c>). For each task it writes
/// the notice for its recipient as an XML file into an outbox folder, one per case and recipient; the chamber is the
/// Handwerkskammer when the variable <c>handwerk</c> is true, else the Industrie- und Handelskammer. The chamber's step
/// completes with <c>kammerUnterrichtet</c> (HWK or IHK); the others read nothing back.
/// </summary>
internal sealed class GewerbeWorker(ExternalTaskClient client, string outbox, RetryPolicy retry, TimeProvider time)
    : TopicWorker(client, outbox, retry, time)
{
    private const string Refused = "Die Gewerbeanzeige kann nicht übermittelt werden: ";

    public override string Topic => "gewerbeanzeige";

    protected override string Document => "Die Gewerbeanzeige";

    protected override async Task<Dictionary<string, object?>> WorkAsync(ExternalTask task, CancellationToken ct)
    {
        var recipient = Text(task.Inputs, "empfaenger");
        var (key, name) = recipient switch
        {
            "finanzamt" => ("finanzamt", "Finanzamt"),
            "kammer" => Craft(task) ? ("hwk", "Handwerkskammer") : ("ihk", "Industrie- und Handelskammer"),
            "statistik" => ("statistik", "Statistisches Landesamt"),
            _ => throw new CaseDataException(Refused + $"Die Eingabe „empfaenger“ des Schritts ist „{recipient}“; erwartet wird „finanzamt“, „kammer“ oder „statistik“."),
        };
        var notice = new XElement("Gewerbeanzeige",
            new XAttribute("erstellt", Now()),
            new XElement("Empfaenger", new XAttribute("schluessel", key), name),
            new XElement("Aktenzeichen", task.BusinessKey ?? ""),
            new XElement("Vorgang", task.CaseId.ToString("D")),
            new XElement("Wirtschaftszweig", Text(task.Variables, "gewerbekennziffer")),
            new XElement("Betriebsbeginn", Text(task.Variables, "betriebsbeginn")),
            new XElement("Handwerk", Text(task.Variables, "handwerk")),
            new XElement("Erlaubnispflichtig", Text(task.Variables, "erlaubnispflichtig")));
        await FileAsync($"gewerbeanzeige-{task.CaseId:N}-{key}.xml", notice, ct);
        return recipient == "kammer" ? new() { ["kammerUnterrichtet"] = key.ToUpperInvariant() } : [];
    }

    /// <summary>Whether the business is a craft (Handwerk): decides between Handwerkskammer and IHK.</summary>
    /// <exception cref="CaseDataException">The variable is missing or not a yes/no value.</exception>
    private static bool Craft(ExternalTask task) =>
        task.Variables.TryGetValue("handwerk", out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new CaseDataException(Refused + "Ob das Gewerbe ein Handwerk ist (Variable „handwerk“, ja oder nein), fehlt; ohne sie ist unklar, ob die IHK oder die Handwerkskammer zu unterrichten ist.");
}
