using System.Globalization;
using Automation.Workforce.Impact;
using Automation.Workforce.Occupations;
using ClosedXML.Excel;

namespace Automation.Workforce.Reporting;

/// <summary>The report as an xlsx workbook: one sheet per section, suppressed cells marked.</summary>
public static class ReportWorkbook
{
    /// <summary>Writes the workbook.</summary>
    public static byte[] Write(EmploymentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var workbook = new XLWorkbook();
        var head = workbook.Worksheets.Add("Meldung");
        var e = report.Employer;
        var r = 1;
        head.Cell(r++, 1).Value = "Frühzeitige Meldung an die Agentur für Arbeit (§2 Abs. 3 SGB III)";
        void Line(string label, object? value)
        {
            head.Cell(r, 1).Value = label;
            head.Cell(r, 2).Value = value?.ToString() ?? "";
            r++;
        }
        Line("Arbeitgeber", e.Employer);
        Line("Dienststelle", e.Office);
        Line("Beschäftigte", e.StaffSize);
        Line("Ansprechperson", e.Contact);
        Line("Zeitraum", $"{report.PeriodFrom:dd.MM.yyyy} – {report.PeriodTo:dd.MM.yyyy}");
        Line("Grund", e.Reason);
        Line("Erstellt", report.GeneratedAt.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC");
        if (e.Kschg is { } k)
        {
            r++;
            head.Cell(r++, 1).Value = "Anzeige nach §17 KSchG (kommunales Unternehmen)";
            Line("Art und Ort des Betriebs", k.EstablishmentType);
            Line("Auswahlkriterien", k.SelectionCriteria);
            Line("Stellungnahme der Personalvertretung", k.WorksCouncilStatement);
        }
        if (report.AnySuppressed) head.Cell(r + 1, 1).Value = EmploymentReport.SuppressionNote;

        var occ = workbook.Worksheets.Add("Berufe");
        Header(occ, "KldB 2010", "Beruf", "Anforderungsniveau", "Grundlage", "VZÄ/Jahr", "Betroffene Personen", "Üblicherweise beschäftigt", "Rollen", "Schritte");
        var row = 2;
        foreach (var o in report.Occupations)
        {
            occ.Cell(row, 1).Value = o.Occupation;
            occ.Cell(row, 2).Value = o.Title;
            occ.Cell(row, 3).Value = KldbCatalog.Display(o.Level);
            occ.Cell(row, 4).Value = o.Basis == ImpactBasis.Forecast ? "Prognose" : "gemessen";
            if (o.Fte is { } fte) occ.Cell(row, 5).Value = Math.Round(fte, 2);
            else occ.Cell(row, 5).Value = "•";
            People(occ.Cell(row, 6), o.Headcount);
            People(occ.Cell(row, 7), o.NormallyEmployed);
            occ.Cell(row, 8).Value = string.Join(", ", o.Roles);
            occ.Cell(row, 9).Value = string.Join(", ", o.Steps);
            row++;
        }

        var needs = workbook.Worksheets.Add("Qualifizierungsbedarf");
        Header(needs, "Kompetenz", "Personen");
        row = 2;
        foreach (var n in report.Needs)
        {
            needs.Cell(row, 1).Value = n.Skill;
            People(needs.Cell(row, 2), n.People);
            row++;
        }

        var plan = workbook.Worksheets.Add("Qualifizierungsplan");
        Header(plan, "Angebot", "Anbieter", "§82 SGB III", "Kosten €", "Arbeitgeberanteil %", "Vorgeschlagen", "Angenommen", "Abgeschlossen");
        row = 2;
        foreach (var p in report.Plan)
        {
            plan.Cell(row, 1).Value = p.Title;
            plan.Cell(row, 2).Value = p.Provider;
            plan.Cell(row, 3).Value = p.Eligibility82;
            if (p.CostEur is { } c) plan.Cell(row, 4).Value = c;
            plan.Cell(row, 5).Value = p.EmployerSharePercent;
            People(plan.Cell(row, 6), p.Proposed);
            People(plan.Cell(row, 7), p.Accepted);
            People(plan.Cell(row, 8), p.Completed);
            row++;
        }

        var sustain = workbook.Worksheets.Add("Nachhaltigkeit");
        Header(sustain, "Prozess", "Version vorher", "Version nachher", "Std./Fall vorher", "Std./Fall nachher", "€/Fall vorher", "€/Fall nachher",
            "gCO2e/Fall vorher (SCI)", "gCO2e/Fall nachher (SCI)");
        row = 2;
        foreach (var p in report.Processes)
        {
            sustain.Cell(row, 1).Value = p.ProcessId;
            sustain.Cell(row, 2).Value = p.Before.Label;
            sustain.Cell(row, 3).Value = p.After.Label;
            sustain.Cell(row, 4).Value = Math.Round(p.Before.HoursPerCase, 3);
            sustain.Cell(row, 5).Value = Math.Round(p.After.HoursPerCase, 3);
            sustain.Cell(row, 6).Value = Math.Round(p.Before.EurPerCase, 2);
            sustain.Cell(row, 7).Value = Math.Round(p.After.EurPerCase, 2);
            sustain.Cell(row, 8).Value = Math.Round(p.Before.GramsPerCase, 2);
            sustain.Cell(row, 9).Value = Math.Round(p.After.GramsPerCase, 2);
            row++;
        }
        row++;
        sustain.Cell(row, 1).Value = "Schritt";
        sustain.Cell(row, 2).Value = "Automatisiert als";
        sustain.Cell(row, 3).Value = "Min./Fall eingespart";
        sustain.Cell(row, 4).Value = "Fälle/Jahr";
        sustain.Cell(row, 5).Value = "gCO2e/Fall vorher";
        sustain.Cell(row, 6).Value = "gCO2e/Fall nachher";
        sustain.Cell(row, 7).Value = "Netto kg CO2e/Jahr";
        sustain.Row(row).Style.Font.Bold = true;
        row++;
        foreach (var s in report.Processes.SelectMany(p => p.Steps))
        {
            sustain.Cell(row, 1).Value = $"{s.Impact.ProcessId}/{s.Impact.NodeName ?? s.Impact.NodeId}";
            sustain.Cell(row, 2).Value = s.ActorAfter == "AiAssisted" ? "KI-gestützt" : "automatisiert";
            sustain.Cell(row, 3).Value = Math.Round(s.Impact.MinutesSavedPerCase, 2);
            sustain.Cell(row, 4).Value = s.Impact.CasesPerYear;
            sustain.Cell(row, 5).Value = Math.Round(s.GramsPerCaseBefore, 2);
            sustain.Cell(row, 6).Value = Math.Round(s.GramsPerCaseAfter, 2);
            sustain.Cell(row, 7).Value = Math.Round(s.NetKgPerYear, 3);
            row++;
        }

        if (report.Forecasts.Count > 0) WriteForecasts(workbook.Worksheets.Add("Prognose (Simulation)"), report.Forecasts);

        var sources = workbook.Worksheets.Add("Methode und Quellen");
        row = 1;
        foreach (var s in report.Sources) sources.Cell(row++, 1).Value = s;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>One block per forecast: its source line, its occupation rows and its steps. No totals across blocks.</summary>
    private static void WriteForecasts(IXLWorksheet sheet, IReadOnlyList<ForecastSection> sections)
    {
        var row = 1;
        sheet.Cell(row, 1).Value = $"{SimulationForecast.Label} – simulierte Werte, keine Messwerte; nicht mit den gemessenen Werten (Blatt „Berufe“) oder anderen Szenarien addieren.";
        sheet.Cell(row, 1).Style.Font.Bold = true;
        row += 2;
        foreach (var section in sections)
        {
            var f = section.Forecast;
            sheet.Cell(row, 1).Value = f.Description;
            sheet.Cell(row, 1).Style.Font.Bold = true;
            row++;
            string[] titles = ["KldB 2010", "Beruf", "Anforderungsniveau", "Grundlage", "VZÄ/Jahr", "Betroffene Personen", "Üblicherweise beschäftigt", "Rollen", "Schritte"];
            for (var i = 0; i < titles.Length; i++) sheet.Cell(row, i + 1).Value = titles[i];
            sheet.Row(row).Style.Font.Bold = true;
            row++;
            foreach (var o in section.Occupations)
            {
                sheet.Cell(row, 1).Value = o.Occupation;
                sheet.Cell(row, 2).Value = o.Title;
                sheet.Cell(row, 3).Value = KldbCatalog.Display(o.Level);
                sheet.Cell(row, 4).Value = SimulationForecast.Label;
                if (o.Fte is { } fte) sheet.Cell(row, 5).Value = Math.Round(fte, 2);
                else sheet.Cell(row, 5).Value = "•";
                People(sheet.Cell(row, 6), o.Headcount);
                People(sheet.Cell(row, 7), o.NormallyEmployed);
                sheet.Cell(row, 8).Value = string.Join(", ", o.Roles);
                sheet.Cell(row, 9).Value = string.Join(", ", o.Steps);
                row++;
            }
            sheet.Cell(row, 1).Value = "Schritt";
            sheet.Cell(row, 2).Value = "Beruf (KldB)";
            sheet.Cell(row, 3).Value = "Min./Fall eingespart (simuliert)";
            sheet.Cell(row, 4).Value = "Fälle/Jahr";
            sheet.Cell(row, 5).Value = "Std./Jahr (simuliert)";
            sheet.Row(row).Style.Font.Bold = true;
            row++;
            foreach (var s in f.Steps)
            {
                sheet.Cell(row, 1).Value = $"{s.ProcessId}/{s.NodeName ?? s.NodeId}";
                sheet.Cell(row, 2).Value = s.Occupation ?? ImpactCalculator.UnknownOccupation;
                sheet.Cell(row, 3).Value = Math.Round(s.MinutesSavedPerCase, 2);
                sheet.Cell(row, 4).Value = Math.Round(s.CasesPerYear, 0);
                sheet.Cell(row, 5).Value = Math.Round(s.HoursPerYear, 1);
                row++;
            }
            row++;
        }
    }

    private static void Header(IXLWorksheet sheet, params string[] titles)
    {
        for (var i = 0; i < titles.Length; i++) sheet.Cell(1, i + 1).Value = titles[i];
        sheet.Row(1).Style.Font.Bold = true;
    }

    private static void People(IXLCell cell, PeopleCell people)
    {
        if (people.Suppressed) cell.Value = "•";
        else cell.Value = people.Value ?? 0;
    }
}
