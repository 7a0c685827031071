using System.Globalization;
using Automation.Workforce.Impact;
using Automation.Workforce.Occupations;
using Automation.Engine.Texts;
using ClosedXML.Excel;

namespace Automation.Workforce.Reporting;

/// <summary>
/// The report as an xlsx workbook: one sheet per section, suppressed cells marked "•", empty tables "keine Daten".
/// The download and the e-mailed attachment are this same workbook.
/// </summary>
public static class ReportWorkbook
{
    /// <summary>Writes the workbook.</summary>
    public static byte[] Write(EmploymentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var workbook = new XLWorkbook();
        WriteHead(workbook.Worksheets.Add(Texte.MappeBlattMeldung), report);
        WriteProcesses(workbook.Worksheets.Add(Texte.MappeBlattProzesse), report);
        WriteStaffing(workbook.Worksheets.Add(Texte.MappeBlattStellen), report.Staffing);
        WriteOccupations(workbook.Worksheets.Add(Texte.MappeBlattBerufe), 1, report.Occupations, Texte.MappeGemessen);

        var needs = new Sheet(workbook.Worksheets.Add(Texte.MappeBlattBedarf));
        needs.Row(Texte.MappePersonenImAbgleich, report.Needs.People);
        needs.Skip();
        needs.Header(Texte.MappeKompetenz, Texte.MappePersonenOhneKompetenz);
        needs.Rows(report.Needs.Rows, n => [n.Skill, n.People]);

        var plan = new Sheet(workbook.Worksheets.Add(Texte.MappeBlattPlan));
        plan.Header(Texte.MappeAngebot, Texte.MappeAnbieter, Texte.Mappe82, Texte.MappeKostenJePerson, Texte.MappeGruppe82, Texte.MappeArbeitgeberanteil, Texte.MappeArbeitgeberkosten,
            Texte.MappeVorgeschlagen, Texte.MappeOffen, Texte.MappeAngenommen, Texte.MappeDavonAbgeschlossen, Texte.MappeAbgelehnt);
        plan.Rows(report.Plan, p => [p.Title, p.Provider, p.Eligibility82, p.CostEur, p.Group, p.EmployerSharePercent, p.EmployerCostEur is { } c ? Math.Round(c, 2) : null,
            p.Proposed, p.Open, p.Accepted, p.Completed, p.Declined]);

        var progress = new Sheet(workbook.Worksheets.Add(Texte.MappeBlattStand));
        progress.Header(Texte.MappeStatus, Texte.MappePersonen);
        progress.Rows(report.Progress, p => [p.StatusText, p.People]);

        WriteSustainability(workbook.Worksheets.Add(Texte.MappeBlattNachhaltigkeit), report);
        if (report.Forecasts.Count > 0) WriteForecasts(workbook.Worksheets.Add(SimulationForecast.Label), report.Forecasts);

        var sources = new Sheet(workbook.Worksheets.Add(Texte.MappeBlattMethode));
        foreach (var s in report.Sources) sources.Row(s);

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void WriteHead(IXLWorksheet worksheet, EmploymentReport report)
    {
        var head = new Sheet(worksheet);
        var e = report.Employer;
        head.Title(Texte.MappeMeldungTitel);
        head.Row(Texte.MappeArbeitgeber, e.Employer);
        head.Row(Texte.MappeDienststelle, e.Office);
        head.Row(Texte.MappeArtDesBetriebs, e.EstablishmentText);
        head.Row(Texte.MappeBeschaeftigte, e.StaffSize);
        head.Row(Texte.MappeAnsprechperson, e.Contact);
        head.Row(Texte.MappeZeitraum, Texte.Format(Texte.MappeZeitraumWert, report.PeriodFrom, report.PeriodTo));
        head.Row(Texte.MappeGrund, e.Reason);
        head.Row(Texte.MappeErstellt, Texte.Format(Texte.MappeErstelltWert, report.GeneratedAt.UtcDateTime));
        head.Skip();
        head.Title(Texte.MappeFehlendeAngaben);
        if (report.Missing.Count == 0) head.Row(Texte.MappeKeine);
        foreach (var m in report.Missing) head.Row(m);
        head.Skip();
        head.Row(Texte.Mappe17, report.KschgNote);
        if (report.AnySuppressed) head.Row(EmploymentReport.SuppressionNote);
    }

    private static void WriteProcesses(IXLWorksheet worksheet, EmploymentReport report)
    {
        var sheet = new Sheet(worksheet);
        sheet.Header(Texte.MappeProzess, Texte.MappeAufgerufenVon, Texte.MappeVersion, Texte.MappeAbgeschlossen, Texte.MappeAbgebrochen, Texte.MappeStdFall, Texte.MappeEuroFall, Texte.MappeSciFall,
            Texte.MappePapierFall, Texte.MappePostFall, Texte.MappeBuergerwegeFall, Texte.MappeHinweis);
        sheet.Rows(report.Processes.SelectMany(p => p.Versions.Select(v => (p, v))), x =>
        {
            var (p, v) = x;
            var c = v.PerCase;
            return [p.Label, p.CalledByText ?? "", v.Version, v.CompletedCases, v.OtherEndedCases, Round(c?.StaffHours, 3), Round(c?.LabourCostEur, 2),
                Round(c?.SciG, 2), Round(c?.PaperG, 2), Round(c?.PostG, 2), Round(c?.CitizenG, 2), string.Join(" ", v.Notes.Prepend(v.Withheld ?? "").Where(n => n.Length > 0))];
        });
        sheet.Skip();
        sheet.Header(Texte.MappeProzess, Texte.MappeVorher, Texte.MappeNachher, Texte.MappeGeaendert);
        sheet.Rows(report.Processes, p => p.Comparison is { } c
            ? [p.Label, c.Before.Label, c.After.Label, c.Summary]
            : [p.Label, "", "", p.NoComparison]);
    }

    private static void WriteStaffing(IXLWorksheet worksheet, StaffingSection staffing)
    {
        var sheet = new Sheet(worksheet);
        void Part(string title, IReadOnlyList<StaffingRow> rows, string? statement)
        {
            sheet.Title(title);
            sheet.Header(Texte.MappeNummer, Texte.MappeArt, Texte.MappeKldb, Texte.MappeBeruf, Texte.MappeAnforderungsniveau, Texte.MappeRolle, Texte.MappeStellen, Texte.MappeAb, Texte.MappeGrund, Texte.MappeDurchAutomatisierung);
            if (rows.Count == 0 && statement is not null) sheet.Row(statement);
            else sheet.Rows(rows, r => [r.Id, r.KindText, r.Occupation, r.Title, KldbCatalog.Display(r.Level), r.Role ?? "", r.Positions,
                r.From is { } f ? ReportBuilder.Date(f) : "", r.Reason, r.FromAutomation ? Texte.Ja : Texte.Nein]);
            sheet.Skip();
        }
        Part(Texte.MappeNr1, staffing.Vacancies, staffing.VacanciesStatement);
        Part(Texte.MappeNr2, staffing.Needs, staffing.NeedsStatement);
        sheet.Title(Texte.MappeNr3);
        sheet.Header(Texte.MappeNummer, Texte.MappeArt, Texte.MappeKldb, Texte.MappeBeruf, Texte.MappeAnforderungen);
        sheet.Rows(staffing.Requirements, r => [r.Id, r.KindText, r.Occupation, r.Title, string.Join("; ", r.Requirements)]);
    }

    /// <summary>An occupation table with its total row, from <paramref name="row"/>; returns the next free row.</summary>
    private static int WriteOccupations(IXLWorksheet worksheet, int row, OccupationTable table, string basis)
    {
        var sheet = new Sheet(worksheet, row);
        sheet.Header(Texte.MappeKldb, Texte.MappeBeruf, Texte.MappeAnforderungsniveau, Texte.MappeGrundlage, Texte.MappeVzaeJahr, Texte.MappeBetroffene, Texte.MappeUeblicherweise, Texte.MappeRollen, Texte.MappeSchritte);
        sheet.Rows(table.Rows, o => [o.Occupation, o.Title, KldbCatalog.Display(o.Level), basis, Math.Round(o.Fte, 2), o.Affected, o.NormallyEmployed,
            string.Join(", ", o.Roles), string.Join(", ", o.Steps)]);
        if (table.Rows.Count > 0) sheet.Row(Texte.MappeSumme, "", "", "", Math.Round(table.Fte, 2), table.Affected, table.NormallyEmployed);
        return sheet.Next;
    }

    private static void WriteSustainability(IXLWorksheet worksheet, EmploymentReport report)
    {
        var sheet = new Sheet(worksheet);
        sheet.Header(Texte.MappeSchritt, Texte.MappeAutomatisiertAls, Texte.MappeMinEingespart, Texte.MappeFaelleJahr, Texte.MappeSciVorher, Texte.MappeSciNachher, Texte.MappeSciNetto,
            Texte.MappePapierPostVorher, Texte.MappePapierPostNachher, Texte.MappePapierPostNetto);
        sheet.Rows(report.Processes.Where(p => p.Comparison is not null).SelectMany(p => p.Comparison!.Automated), s =>
        [
            s.Impact.Label, Texte.Akteur(s.ActorAfter),
            Math.Round(s.Impact.MinutesSavedPerCase, 2), Math.Round(s.Impact.CasesPerYear, 0), Math.Round(s.SciPerCaseBefore, 2), Math.Round(s.SciPerCaseAfter, 2),
            Math.Round(s.NetSciKgPerYear, 3), Math.Round(s.PaperPostPerCaseBefore, 2), Math.Round(s.PaperPostPerCaseAfter, 2), Math.Round(s.NetPaperPostKgPerYear, 3),
        ]);
    }

    /// <summary>One block per forecast: its source line, its occupation rows and its steps. No totals across blocks.</summary>
    private static void WriteForecasts(IXLWorksheet worksheet, IReadOnlyList<ForecastSection> sections)
    {
        var sheet = new Sheet(worksheet);
        sheet.Title(Texte.Format(Texte.MappePrognoseHinweis, SimulationForecast.Label));
        sheet.Skip();
        foreach (var section in sections)
        {
            var f = section.Forecast;
            sheet.Title(f.Description);
            sheet = new Sheet(worksheet, WriteOccupations(worksheet, sheet.Next, section.Occupations, SimulationForecast.Label));
            sheet.Header(Texte.MappeSchritt, Texte.MappeBerufKldb, Texte.MappeMinEingespartSimuliert, Texte.MappeFaelleJahr, Texte.MappeStdJahrSimuliert);
            sheet.Rows(f.Steps, s => [s.Label, s.Occupation ?? ImpactCalculator.UnknownOccupation, Math.Round(s.MinutesSavedPerCase, 2),
                Math.Round(s.CasesPerYear, 0), Math.Round(s.HoursPerYear, 1)]);
            sheet.Skip();
        }
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    /// <summary>Writes rows top-down; a people cell becomes its count or "•".</summary>
    internal sealed class Sheet(IXLWorksheet worksheet, int next = 1)
    {
        public int Next { get; private set; } = next;

        public void Title(string text)
        {
            worksheet.Cell(Next, 1).Value = text;
            worksheet.Cell(Next, 1).Style.Font.Bold = true;
            Next++;
        }

        public void Header(params string[] titles)
        {
            for (var i = 0; i < titles.Length; i++) worksheet.Cell(Next, i + 1).Value = titles[i];
            worksheet.Row(Next).Style.Font.Bold = true;
            Next++;
        }

        public void Skip() => Next++;

        public void Row(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++) Set(worksheet.Cell(Next, i + 1), values[i]);
            Next++;
        }

        /// <summary>The rows, or one row "keine Daten".</summary>
        public void Rows<T>(IEnumerable<T> items, Func<T, object?[]> values)
        {
            var any = false;
            foreach (var item in items)
            {
                Row(values(item));
                any = true;
            }
            if (!any) Row(EmploymentReport.NoData);
        }

        private static void Set(IXLCell cell, object? value)
        {
            switch (value)
            {
                case null: break;
                case PeopleCell p when p.Suppressed: cell.Value = PeopleCell.Mark; break;
                case PeopleCell p: cell.Value = p.Value!.Value; break;
                case int i: cell.Value = i; break;
                case double d: cell.Value = d; break;
                default: cell.Value = Convert.ToString(value, CultureInfo.InvariantCulture); break;
            }
        }
    }
}
