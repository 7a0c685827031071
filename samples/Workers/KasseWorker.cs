using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Automation.Samples.Workers;

/// <summary>
/// Works the "kassenverfahren" topic of the sample processes wohngeldantrag ("Zahlung anweisen", input
/// <c>auszahlung</c> = <c>wohngeld</c>) and eingangsrechnung ("Zahlung im Zahllauf ausführen", <c>rechnung</c>): for
/// each task it writes an Auszahlungsanordnung as an XML file into an outbox folder, where the Kassenverfahren of the
/// Stadtkasse would pick it up, and completes the step with the Kassenzeichen. A missing or invalid amount is the
/// case's fault, not the Kasse's: the step gets an incident at once, with the variable named.
/// </summary>
internal sealed class KasseWorker(ExternalTaskClient client, string outbox, RetryPolicy retry, TimeProvider time)
    : TopicWorker(client, outbox, retry, time)
{
    private const string Refused = "Die Auszahlung kann nicht angewiesen werden: ";
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public override string Topic => "kassenverfahren";

    protected override string Document => "Die Auszahlungsanordnung";

    /// <summary>What the Kasse pays: read from the case's variables according to the kind of payment.</summary>
    private sealed record Order(string Aktenzeichen, string? Rechnungsnummer, decimal Betrag, string Faelligkeit, int? MonatlicheZahlungen,
        string? Haushaltsstelle, string Verwendungszweck);

    protected override async Task<Dictionary<string, object?>> WorkAsync(ExternalTask task, CancellationToken ct)
    {
        var kind = Text(task.Inputs, "auszahlung");
        var order = kind switch
        {
            "wohngeld" => Wohngeld(task),
            "rechnung" => Rechnung(task),
            _ => throw new CaseDataException(Refused + $"Die Eingabe „auszahlung“ des Schritts ist „{kind}“; erwartet wird „wohngeld“ oder „rechnung“."),
        };
        var kassenzeichen = Kassenzeichen(task.CaseId);
        var document = new XElement("Auszahlungsanordnung",
            new XAttribute("erstellt", Now()),
            new XAttribute("art", kind),
            new XElement("Kassenzeichen", kassenzeichen),
            new XElement("Vorgang", task.CaseId.ToString("D")),
            new XElement("Aktenzeichen", order.Aktenzeichen),
            order.Rechnungsnummer is { } number ? new XElement("Rechnungsnummer", number) : null,
            new XElement("Betrag", new XAttribute("waehrung", "EUR"), order.Betrag.ToString("0.00", CultureInfo.InvariantCulture)),
            new XElement("Faelligkeit", order.Faelligkeit),
            order.MonatlicheZahlungen is { } months ? new XElement("Zahlungen", new XAttribute("turnus", "monatlich"), new XAttribute("anzahl", months)) : null,
            order.Haushaltsstelle is { } budget ? new XElement("Haushaltsstelle", budget) : null,
            new XElement("Verwendungszweck", order.Verwendungszweck));
        var file = await FileAsync($"auszahlungsanordnung-{task.CaseId:N}.xml", document, ct);
        return new() { ["kassenzeichen"] = kassenzeichen, ["auszahlungsanordnung"] = file };
    }

    /// <summary>
    /// A deterministic Kassenzeichen from the case id: the same case always gets the same one, so a task worked twice
    /// (a lock that ran out mid-way) does not create a second payment under another sign.
    /// </summary>
    internal static string Kassenzeichen(Guid caseId) =>
        string.Create(CultureInfo.InvariantCulture, $"KZ-{BinaryPrimitives.ReadUInt64LittleEndian(caseId.ToByteArray().AsSpan(8)) % 10_000_000_000:D10}");

    /// <summary>Wohngeld is paid monthly in advance: the first payment is due on the first of next month.</summary>
    private Order Wohngeld(ExternalTask task)
    {
        var aktenzeichen = Text(task.Variables, "aktenzeichen") is { Length: > 0 } a ? a : task.BusinessKey ?? "";
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        var firstOfNextMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var months = task.Variables.TryGetValue("bewilligungszeitraumMonate", out var m) && m.ValueKind == JsonValueKind.Number
            && m.TryGetInt32(out var count) && count > 0 ? count : (int?)null;
        return new Order(aktenzeichen, null, Amount(task, "wohngeld"), firstOfNextMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), months,
            null, $"Wohngeld {aktenzeichen}");
    }

    /// <summary>An invoice is paid in the Zahllauf by its due date; without one, in the next Zahllauf (today).</summary>
    private Order Rechnung(ExternalTask task)
    {
        var number = Text(task.Variables, "rechnungsnummer");
        var due = Text(task.Variables, "faelligAm") is { Length: > 0 } d
            ? d
            : DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var budget = Text(task.Variables, "haushaltsstelle");
        return new Order(task.BusinessKey ?? "", number, Amount(task, "betrag"), due, null, budget.Length > 0 ? budget : null,
            $"Rechnung {number}");
    }

    /// <summary>The amount in euros: a number above zero, to the cent.</summary>
    /// <exception cref="CaseDataException">Missing, not a number, not positive or finer than a cent.</exception>
    private static decimal Amount(ExternalTask task, string variable)
    {
        if (!task.Variables.TryGetValue(variable, out var value) || value.ValueKind == JsonValueKind.Null)
            throw new CaseDataException(Refused + $"Der Betrag fehlt (Variable „{variable}“).");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
            throw new CaseDataException(Refused + $"Der Betrag in der Variable „{variable}“ ist keine Zahl: {value.GetRawText()}.");
        if (amount <= 0)
            throw new CaseDataException(Refused + $"Der Betrag in der Variable „{variable}“ muss größer als 0 € sein, ist aber {amount.ToString("N2", German)} €.");
        if (decimal.Round(amount, 2) != amount)
            throw new CaseDataException(Refused + $"Der Betrag in der Variable „{variable}“ ist nicht auf den Cent genau: {amount.ToString(German)} €.");
        return amount;
    }
}
