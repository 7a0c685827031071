using System.Globalization;
using ClosedXML.Excel;

namespace Automation.Workforce.Reporting;

/// <summary>The §17 KSchG notice as its own workbook: exact numbers, labelled, for the Agentur für Arbeit only.</summary>
public static class KschgWorkbook
{
    /// <summary>Writes the workbook.</summary>
    public static byte[] Write(KschgNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var workbook = new XLWorkbook();
        var sheet = new ReportWorkbook.Sheet(workbook.Worksheets.Add("Anzeige §17 KSchG"));
        var e = notice.Employer;
        sheet.Title(KschgNotice.Label);
        sheet.Row("Rechtsgrundlage", "§17 Abs. 1 und 3 KSchG: Zahl und Berufsgruppen der zu Entlassenden und der in der Regel Beschäftigten sind genau anzugeben; "
            + "die Zahlen dieser Anzeige sind deshalb nicht gesperrt. Die zusammengefasste Meldung nach §2 Abs. 3 SGB III bleibt davon unberührt.");
        sheet.Row("Arbeitgeber", e.Employer);
        sheet.Row("Art des Betriebs", e.EstablishmentText);
        sheet.Row("Ort und Art des Betriebs", notice.EstablishmentType);
        sheet.Row("Gründe für die Entlassungen", notice.Reasons);
        sheet.Row("Zeitraum der Entlassungen", notice.DismissalsFrom is { } f && notice.DismissalsTo is { } t ? $"{ReportBuilder.Date(f)} – {ReportBuilder.Date(t)}" : "");
        sheet.Row("Zu Entlassende insgesamt", notice.Dismissals);
        sheet.Row("In der Regel beschäftigt insgesamt", notice.NormallyEmployedTotal);
        sheet.Row("Auswahlkriterien", notice.SelectionCriteria);
        sheet.Row("Stellungnahme der Personalvertretung", notice.WorksCouncilStatement);
        sheet.Row("Ansprechperson", e.Contact);
        sheet.Row("Erstellt", notice.GeneratedAt.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC");
        foreach (var m in notice.Missing) sheet.Row(m);
        sheet.Skip();
        sheet.Header("KldB 2010", "Berufsgruppe", "Zu Entlassende", "In der Regel beschäftigt");
        sheet.Rows(notice.Groups, g => [g.Occupation, g.Title, g.Dismissals, g.NormallyEmployed]);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
