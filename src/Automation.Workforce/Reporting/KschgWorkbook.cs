using Automation.Engine.Texts;
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
        var sheet = new ReportWorkbook.Sheet(workbook.Worksheets.Add(Texte.MappeBlatt17));
        var e = notice.Employer;
        sheet.Title(KschgNotice.Label);
        sheet.Row(Texte.MappeRechtsgrundlage, Texte.MappeRechtsgrundlage17);
        sheet.Row(Texte.MappeArbeitgeber, e.Employer);
        sheet.Row(Texte.MappeArtDesBetriebs, e.EstablishmentText);
        sheet.Row(Texte.MappeOrtArt, notice.EstablishmentType);
        sheet.Row(Texte.MappeGruende, notice.Reasons);
        sheet.Row(Texte.MappeZeitraumEntlassungen, notice.DismissalsFrom is { } f && notice.DismissalsTo is { } t ? Texte.Format(Texte.MappeVonBis, f, t) : "");
        sheet.Row(Texte.MappeZuEntlassendeInsgesamt, notice.Dismissals);
        sheet.Row(Texte.MappeInDerRegelInsgesamt, notice.NormallyEmployedTotal);
        sheet.Row(Texte.MappeAuswahlkriterien, notice.SelectionCriteria);
        sheet.Row(Texte.MappeStellungnahme, notice.WorksCouncilStatement);
        sheet.Row(Texte.MappeAnsprechperson, e.Contact);
        sheet.Row(Texte.MappeErstellt, Texte.Format(Texte.MappeErstelltWert, notice.GeneratedAt.UtcDateTime));
        foreach (var m in notice.Missing) sheet.Row(m);
        sheet.Skip();
        sheet.Header(Texte.MappeKldb, Texte.MappeBerufsgruppe, Texte.MappeZuEntlassende, Texte.MappeInDerRegel);
        sheet.Rows(notice.Groups, g => [g.Occupation, g.Title, g.Dismissals, g.NormallyEmployed]);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
