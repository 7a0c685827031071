using System.Globalization;
using Automation.Workforce.Impact;
using Automation.Workforce.Occupations;
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
        WriteHead(workbook.Worksheets.Add("Meldung"), report);
        WriteProcesses(workbook.Worksheets.Add("Prozesse"), report);
        WriteStaffing(workbook.Worksheets.Add("Stellen und Personalbedarf"), report.Staffing);
        WriteOccupations(workbook.Worksheets.Add("Berufe"), 1, report.Occupations, "gemessen");

        var needs = new Sheet(workbook.Worksheets.Add("Qualifizierungsbedarf"));
        needs.Row("Personen im Abgleich (mit Einwilligung, betroffene Berufe)", report.Needs.People);
        needs.Skip();
        needs.Header("Kompetenz", "Personen, denen sie fehlt");
        needs.Rows(report.Needs.Rows, n => [n.Skill, n.People]);

        var plan = new Sheet(workbook.Worksheets.Add("Qualifizierungsplan"));
        plan.Header("Angebot", "Anbieter", "§82 SGB III", "Kosten € je Person", "Gruppe nach §82", "Arbeitgeberanteil %", "Arbeitgeberkosten € je Person",
            "Vorgeschlagen", "Offen", "Angenommen", "davon abgeschlossen", "Abgelehnt");
        plan.Rows(report.Plan, p => [p.Title, p.Provider, p.Eligibility82, p.CostEur, p.Group, p.EmployerSharePercent, p.EmployerCostEur is { } c ? Math.Round(c, 2) : null,
            p.Proposed, p.Open, p.Accepted, p.Completed, p.Declined]);

        var progress = new Sheet(workbook.Worksheets.Add("Qualifizierungsstand"));
        progress.Header("Status", "Personen");
        progress.Rows(report.Progress, p => [p.StatusText, p.People]);

        WriteSustainability(workbook.Worksheets.Add("Nachhaltigkeit"), report);
        if (report.Forecasts.Count > 0) WriteForecasts(workbook.Worksheets.Add("Prognose (Simulation)"), report.Forecasts);

        var sources = new Sheet(workbook.Worksheets.Add("Methode und Quellen"));
        foreach (var s in report.Sources) sources.Row(s);

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void WriteHead(IXLWorksheet worksheet, EmploymentReport report)
    {
        var head = new Sheet(worksheet);
        var e = report.Employer;
        head.Title("Frühzeitige Meldung an die Agentur für Arbeit (§2 Abs. 3 SGB III)");
        head.Row("Arbeitgeber", e.Employer);
        head.Row("Dienststelle", e.Office);
        head.Row("Art des Betriebs", e.EstablishmentText);
        head.Row("Beschäftigte", e.StaffSize);
        head.Row("Ansprechperson", e.Contact);
        head.Row("Zeitraum", $"{ReportBuilder.Date(report.PeriodFrom)} – {ReportBuilder.Date(report.PeriodTo)} (beendete Vorgänge)");
        head.Row("Grund", e.Reason);
        head.Row("Erstellt", report.GeneratedAt.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC");
        head.Skip();
        head.Title("Fehlende Angaben");
        if (report.Missing.Count == 0) head.Row("keine");
        foreach (var m in report.Missing) head.Row(m);
        head.Skip();
        head.Row("§17 KSchG", report.KschgNote);
        if (report.AnySuppressed) head.Row(EmploymentReport.SuppressionNote);
    }

    private static void WriteProcesses(IXLWorksheet worksheet, EmploymentReport report)
    {
        var sheet = new Sheet(worksheet);
        sheet.Header("Prozess", "Aufgerufen von", "Version", "Abgeschlossene Vorgänge", "Abgebrochen oder beendet", "Std./Fall", "€/Fall", "SCI gCO2e/Fall",
            "Papier gCO2e/Fall (neben SCI)", "Post gCO2e/Fall (neben SCI)", "Bürgerwege gCO2e/Fall (außerhalb)", "Hinweis");
        sheet.Rows(report.Processes.SelectMany(p => p.Versions.Select(v => (p, v))), x =>
        {
            var (p, v) = x;
            var c = v.PerCase;
            return [p.ProcessId, p.CalledByText ?? "", v.Version, v.CompletedCases, v.OtherEndedCases, Round(c?.StaffHours, 3), Round(c?.LabourCostEur, 2),
                Round(c?.SciG, 2), Round(c?.PaperG, 2), Round(c?.PostG, 2), Round(c?.CitizenG, 2), string.Join(" ", v.Notes.Prepend(v.Withheld ?? "").Where(n => n.Length > 0))];
        });
        sheet.Skip();
        sheet.Header("Prozess", "Vorher", "Nachher", "Was sich geändert hat");
        sheet.Rows(report.Processes, p => p.Comparison is { } c
            ? [p.ProcessId, c.Before.Label, c.After.Label, c.Summary]
            : [p.ProcessId, "", "", p.NoComparison]);
    }

    private static void WriteStaffing(IXLWorksheet worksheet, StaffingSection staffing)
    {
        var sheet = new Sheet(worksheet);
        void Part(string title, IReadOnlyList<StaffingRow> rows, string? statement)
        {
            sheet.Title(title);
            sheet.Header("Nummer", "Art", "KldB 2010", "Beruf", "Anforderungsniveau", "Rolle", "Stellen", "Ab", "Grund", "Durch Automatisierung");
            if (rows.Count == 0 && statement is not null) sheet.Row(statement);
            else sheet.Rows(rows, r => [r.Id, r.KindText, r.Occupation, r.Title, KldbCatalog.Display(r.Level), r.Role ?? "", r.Positions,
                r.From is { } f ? ReportBuilder.Date(f) : "", r.Reason, r.FromAutomation ? "ja" : "nein"]);
            sheet.Skip();
        }
        Part("Nr. 1: zu besetzende Arbeits- und Ausbildungsstellen", staffing.Vacancies, staffing.VacanciesStatement);
        Part("Nr. 2: geplante Erweiterungen und neuer Personalbedarf", staffing.Needs, staffing.NeedsStatement);
        sheet.Title("Nr. 3: Qualifikationsanforderungen an die einzustellenden Arbeitskräfte");
        sheet.Header("Nummer", "Art", "KldB 2010", "Beruf", "Anforderungen");
        sheet.Rows(staffing.Requirements, r => [r.Id, r.KindText, r.Occupation, r.Title, string.Join("; ", r.Requirements)]);
    }

    /// <summary>An occupation table with its total row, from <paramref name="row"/>; returns the next free row.</summary>
    private static int WriteOccupations(IXLWorksheet worksheet, int row, OccupationTable table, string basis)
    {
        var sheet = new Sheet(worksheet, row);
        sheet.Header("KldB 2010", "Beruf", "Anforderungsniveau", "Grundlage", "VZÄ/Jahr", "Betroffene Personen", "Üblicherweise beschäftigt", "Rollen", "Schritte");
        sheet.Rows(table.Rows, o => [o.Occupation, o.Title, KldbCatalog.Display(o.Level), basis, Math.Round(o.Fte, 2), o.Affected, o.NormallyEmployed,
            string.Join(", ", o.Roles), string.Join(", ", o.Steps)]);
        if (table.Rows.Count > 0) sheet.Row("Summe", "", "", "", Math.Round(table.Fte, 2), table.Affected, table.NormallyEmployed);
        return sheet.Next;
    }

    private static void WriteSustainability(IXLWorksheet worksheet, EmploymentReport report)
    {
        var sheet = new Sheet(worksheet);
        sheet.Header("Schritt", "Automatisiert als", "Min./Fall eingespart", "Fälle/Jahr", "SCI gCO2e/Fall vorher", "SCI gCO2e/Fall nachher", "SCI netto kg CO2e/Jahr",
            "Papier und Post gCO2e/Fall vorher (neben SCI)", "Papier und Post gCO2e/Fall nachher", "Papier und Post netto kg CO2e/Jahr");
        sheet.Rows(report.Processes.Where(p => p.Comparison is not null).SelectMany(p => p.Comparison!.Automated), s =>
        [
            $"{s.Impact.ProcessId}/{s.Impact.NodeName ?? s.Impact.NodeId}", s.ActorAfter == "AiAssisted" ? "KI-gestützt" : "automatisiert",
            Math.Round(s.Impact.MinutesSavedPerCase, 2), Math.Round(s.Impact.CasesPerYear, 0), Math.Round(s.SciPerCaseBefore, 2), Math.Round(s.SciPerCaseAfter, 2),
            Math.Round(s.NetSciKgPerYear, 3), Math.Round(s.PaperPostPerCaseBefore, 2), Math.Round(s.PaperPostPerCaseAfter, 2), Math.Round(s.NetPaperPostKgPerYear, 3),
        ]);
    }

    /// <summary>One block per forecast: its source line, its occupation rows and its steps. No totals across blocks.</summary>
    private static void WriteForecasts(IXLWorksheet worksheet, IReadOnlyList<ForecastSection> sections)
    {
        var sheet = new Sheet(worksheet);
        sheet.Title($"{SimulationForecast.Label} – simulierte Werte, keine Messwerte; nicht mit den gemessenen Werten (Blatt „Berufe“) oder anderen Szenarien addieren.");
        sheet.Skip();
        foreach (var section in sections)
        {
            var f = section.Forecast;
            sheet.Title(f.Description);
            sheet = new Sheet(worksheet, WriteOccupations(worksheet, sheet.Next, section.Occupations, SimulationForecast.Label));
            sheet.Header("Schritt", "Beruf (KldB)", "Min./Fall eingespart (simuliert)", "Fälle/Jahr", "Std./Jahr (simuliert)");
            sheet.Rows(f.Steps, s => [$"{s.ProcessId}/{s.NodeName ?? s.NodeId}", s.Occupation ?? ImpactCalculator.UnknownOccupation, Math.Round(s.MinutesSavedPerCase, 2),
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
