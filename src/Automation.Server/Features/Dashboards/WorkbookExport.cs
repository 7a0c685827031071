using System.Globalization;
using Automation.Data.Reports;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Server.Features.Shared;
using ClosedXML.Excel;
using ClosedXML.Excel.Drawings;
using Automation.Engine.Texts;

namespace Automation.Server.Features.Dashboards;

/// <summary>A generated workbook.</summary>
/// <param name="Content">The .xlsx bytes.</param>
/// <param name="FileName">Suggested file name.</param>
/// <param name="FactorIds">Factor versions used by the ledger rows it covers.</param>
internal sealed record Workbook(byte[] Content, string FileName, IReadOnlyList<string> FactorIds);

/// <summary>
/// The impact workbook (ClosedXML): Zusammenfassung (summary), Schritte (steps), Vorgänge (cases per month),
/// CO2 nach Komponente, Arbeitszeit (hours by occupation), Faktoren und Quellen, Methode. Every sheet is built from
/// the gated ledger cells; where standard time stands in for measured time, the column "Hinweis" says so and why.
/// </summary>
internal static class WorkbookExport
{
    private const string Number = "#,##0.00";
    private const string Integer = "#,##0";
    private const string Percent = "0.0%";

    /// <summary>Builds the workbook for a period and one process (or all), reporting the share done after each query.</summary>
    public static async Task<Workbook> BuildAsync(ImpactQueries queries, ReportPeriod period, string? processId, DateTimeOffset generatedAt, CancellationToken ct,
        IProgress<double>? progress = null)
    {
        var overview = await queries.OverviewAsync(period, processId, ct);
        progress?.Report(0.3);
        var steps = await queries.StepsAsync(period, processId, ct);
        progress?.Report(0.5);
        var occupations = await queries.OccupationsAsync(period, processId, ct);
        progress?.Report(0.65);
        var factorIds = await queries.FactorIdsAsync(period, processId, ct);
        progress?.Report(0.75);

        using var book = new XLWorkbook();
        Summary(book.AddWorksheet(Texte.WirkungBlattZusammenfassung), overview, processId, generatedAt);
        // The detail sheets name a process as the summary does: by its name, the id only where it has none.
        var names = overview.Processes.ToDictionary(p => p.ProcessId, p => p.Name, StringComparer.Ordinal);
        string ProcessLabel(string id) => ProcessDefinition.LabelOf(id, names.GetValueOrDefault(id));
        Steps(book.AddWorksheet(Texte.WirkungBlattSchritte), steps, ProcessLabel);
        Cases(book.AddWorksheet(Texte.WirkungVorgaenge), overview);
        Carbon(book.AddWorksheet(Texte.WirkungBlattCo2), steps, ProcessLabel);
        Labour(book.AddWorksheet(Texte.WirkungBlattArbeitszeit), occupations, ProcessLabel);
        Factors(book.AddWorksheet(Texte.WirkungBlattFaktoren), factorIds);
        Method(book.AddWorksheet(Texte.WirkungMethode));
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        var name = string.Create(CultureInfo.InvariantCulture, $"wirkung-{processId ?? "alle"}-{period.From:yyyy-MM-dd}-{period.To:yyyy-MM-dd}.xlsx");
        return new Workbook(stream.ToArray(), name, factorIds);
    }

    private static void Summary(IXLWorksheet ws, ImpactOverview o, string? processId, DateTimeOffset generatedAt)
    {
        ws.Cell(1, 1).Value = processId is null ? Texte.WirkungTitelAlle
            : Texte.Format(Texte.WirkungTitelProzess, ProcessDefinition.LabelOf(processId, o.Processes.FirstOrDefault(p => p.ProcessId == processId)?.Name));
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(1, 1).Style.Font.FontSize = 14;
        ws.Cell(2, 1).Value = Texte.WirkungZeitraum;
        ws.Cell(2, 2).Value = o.Period.Label;
        ws.Cell(3, 1).Value = Texte.WirkungErstellt;
        ws.Cell(3, 2).Value = DisplayTime.Minutes(generatedAt);
        ws.Cell(4, 1).Value = Texte.WirkungHinweis;
        ws.Cell(4, 2).Value = o.IsEmpty
            ? Texte.WirkungLeer
            : Texte.WirkungDatenschutzHinweis;
        // Readers see the process's name; its id comes last ("Kennung") because names need not be unique and the API,
        // the CSV and the archived reports are keyed by it. The total over all processes has no id.
        var header = new[] { Texte.WirkungProzess, Texte.WirkungVorgaengeBegonnen, Texte.WirkungVorgaengeAbgeschlossen, Texte.WirkungMedianDurchlaufzeitTage, Texte.WirkungArbeitsstunden,
            Texte.WirkungPersonalkostenEuro, Texte.WirkungEmissionenKg, Texte.WirkungSciJeVorgang, Texte.WirkungAutomatisierungsgrad, Texte.WirkungHinweis, Texte.WirkungKennung };
        const int top = 6;
        Header(ws, top, header);
        var row = top + 1;
        foreach (var p in o.Processes.Append(o.Total))
        {
            var allProcesses = processId is null && ReferenceEquals(p, o.Total);
            ws.Cell(row, 1).Value = allProcesses ? p.Name ?? "" : ProcessDefinition.LabelOf(p.ProcessId, p.Name);
            ws.Cell(row, 2).Value = p.Started;
            ws.Cell(row, 3).Value = p.Completed;
            if (p.LeadTimeMs is { Suppressed: false } q) ws.Cell(row, 4).Value = q.Median / DashboardCharts.MsPerDay;
            ws.Cell(row, 5).Value = p.Figures.StaffHours;
            ws.Cell(row, 6).Value = p.Figures.LabourCostEur;
            ws.Cell(row, 7).Value = p.Figures.CarbonG / 1000;
            if (PrivacyGate.ReleasesCaseGroup(p.CompletedFigures.Cases) && p.CompletedFigures.SciPerCaseG is { } sci) ws.Cell(row, 8).Value = sci;
            if (p.Figures.AutomationRate is { } rate) ws.Cell(row, 9).Value = rate;
            ws.Cell(row, 10).Value = Note(p.Figures);
            if (!allProcesses) ws.Cell(row, 11).Value = p.ProcessId;
            row++;
        }
        if (o.Processes.Count > 0) ws.Row(row - 1).Style.Font.Bold = true;
        Formats(ws, top, row - 1, (2, Integer), (3, Integer), (4, Number), (5, Number), (6, Number), (7, Number), (8, Number), (9, Percent));
        Finish(ws, top, row - 1, header.Length, [30, 12, 12, 14, 14, 14, 14, 14, 14, 18, 16]);
        if (!o.IsEmpty)
        {
            var png = Charts.Png(Charts.Trend(Texte.WirkungVorgaengeJeMonat, Texte.WirkungAnzahl, o.Period.Months,
                [(Texte.WirkungBegonnen, o.Trend.Select(m => (double?)m.Started).ToList()), (Texte.WirkungAbgeschlossen, o.Trend.Select(m => (double?)m.Completed).ToList())]));
            Picture(ws, png, row + 2, 1, Texte.WirkungVorgaengeJeMonat);
            Picture(ws, Charts.Png(Charts.Trend(Texte.WirkungEmissionenJeMonat, Texte.WirkungKgCo2e, o.Period.Months,
                [(Texte.WirkungKgCo2e, o.Trend.Select(m => (double?)(m.Figures.CarbonG / 1000)).ToList())])), row + 2, 7, Texte.WirkungEmissionenJeMonat);
        }
    }

    private static void Steps(IXLWorksheet ws, IReadOnlyList<StepFigures> steps, Func<string, string> processLabel)
    {
        var header = new[] { Texte.WirkungProzess, Texte.WirkungSchritt, Texte.WirkungName, Texte.WirkungAusfuehrung, Texte.WirkungVorgaenge, Texte.WirkungAusfuehrungen, Texte.WirkungArbeitsminuten, Texte.WirkungPersonalkostenEuro, Texte.WirkungGCo2e, Texte.WirkungHinweis };
        Header(ws, 1, header);
        var row = 2;
        foreach (var s in steps)
        {
            ws.Cell(row, 1).Value = processLabel(s.ProcessId);
            ws.Cell(row, 2).Value = s.NodeId;
            ws.Cell(row, 3).Value = s.Name ?? "";
            ws.Cell(row, 4).Value = Texte.Akteur(s.Actor);
            ws.Cell(row, 5).Value = s.Figures.Cases;
            ws.Cell(row, 6).Value = s.Figures.Steps;
            ws.Cell(row, 7).Value = s.Figures.StaffMinutes;
            ws.Cell(row, 8).Value = s.Figures.LabourCostEur;
            ws.Cell(row, 9).Value = s.Figures.CarbonG;
            ws.Cell(row, 10).Value = Note(s.Figures);
            row++;
        }
        Formats(ws, 1, row - 1, (5, Integer), (6, Integer), (7, Number), (8, Number), (9, Number));
        Finish(ws, 1, row - 1, header.Length, [16, 28, 30, 14, 10, 12, 14, 14, 12, 14]);
        var shown = steps.Where(s => s.Figures.Steps > 0).Take(15).ToList();
        if (shown.Count > 0)
        {
            Picture(ws, Charts.Png(Charts.Bars(Texte.WirkungMinutenJeAusfuehrung, Texte.WirkungMinuten, shown.Select(s => s.Name ?? s.NodeId).ToList(),
                shown.Select(s => s.Figures.StaffMinutes / s.Figures.Steps).ToList())), row + 2, 1, Texte.WirkungMinutenJeSchritt);
        }
    }

    private static void Cases(IXLWorksheet ws, ImpactOverview o)
    {
        // Aggregates per month only: a row per case would show the working time of single cases.
        var header = new[] { Texte.WirkungMonat, Texte.WirkungVorgaengeBegonnen, Texte.WirkungVorgaengeAbgeschlossen, Texte.WirkungDurchlaufzeitMinimum, "25 %", Texte.WirkungMedian, "75 %", "95 %", Texte.WirkungMaximum, Texte.WirkungHinweis };
        Header(ws, 1, header);
        var row = 2;
        foreach (var m in o.Trend)
        {
            ws.Cell(row, 1).Value = m.Month.FirstDay.ToDateTime(TimeOnly.MinValue);
            ws.Cell(row, 2).Value = m.Started;
            ws.Cell(row, 3).Value = m.Completed;
            if (m.LeadTimeMs is { Suppressed: false } q)
            {
                double[] values = [q.Min, q.P25, q.Median, q.P75, q.P95, q.Max];
                for (var i = 0; i < values.Length; i++) ws.Cell(row, 4 + i).Value = values[i] / DashboardCharts.MsPerDay;
            }
            else if (m.LeadTimeMs is not null) ws.Cell(row, 10).Value = Format.Suppressed;
            row++;
        }
        Formats(ws, 1, row - 1, (1, "mm.yyyy"), (2, Integer), (3, Integer), (4, Number), (5, Number), (6, Number), (7, Number), (8, Number), (9, Number));
        Finish(ws, 1, row - 1, header.Length, [12, 12, 12, 14, 10, 10, 10, 10, 10, 14]);
        var boxes = o.Trend.Where(m => m.LeadTimeMs is { Suppressed: false }).ToList();
        if (boxes.Count > 0)
        {
            Picture(ws, Charts.Png(Charts.BoxPlots(Texte.WirkungDurchlaufzeitenJeMonat, Texte.WirkungTage, boxes.Select(m => m.Month.FirstDay.ToString("MMM yyyy", Charts.German)).ToList(),
                boxes.Select(m => m.LeadTimeMs!).ToList(), DashboardCharts.MsPerDay)), row + 2, 1, Texte.WirkungDurchlaufzeiten);
        }
    }

    private static void Carbon(IXLWorksheet ws, IReadOnlyList<StepFigures> steps, Func<string, string> processLabel)
    {
        // One column per component of the authority's inventory, their sum, then the components outside it.
        var outside = CarbonComponents.In(SciPlacement.Outside).ToList();
        string[] header =
        [
            Texte.WirkungProzess, Texte.WirkungSchritt, Texte.WirkungAusfuehrung, Texte.WirkungAusfuehrungen, .. CarbonComponents.Inventory.Select(c => Texte.Format(Texte.WirkungKomponenteG, c.Label)), Texte.WirkungSummeG,
            .. outside.Select(c => Texte.Format(Texte.WirkungKomponenteAusserhalb, c.Label)), Texte.WirkungHinweis,
        ];
        Header(ws, 1, header);
        var row = 2;
        foreach (var s in steps)
        {
            var f = s.Figures;
            ws.Cell(row, 1).Value = processLabel(s.ProcessId);
            ws.Cell(row, 2).Value = s.Name ?? s.NodeId;
            ws.Cell(row, 3).Value = Texte.Akteur(s.Actor);
            ws.Cell(row, 4).Value = f.Steps;
            // The staff-time components follow from working minutes, so the gate withholds their measured values with them.
            var column = 5;
            foreach (var c in CarbonComponents.Inventory) ws.Cell(row, column++).Value = f.Carbon[c];
            ws.Cell(row, column++).Value = f.CarbonG;
            foreach (var c in outside) ws.Cell(row, column++).Value = f.Carbon[c];
            ws.Cell(row, column).Value = Note(f);
            row++;
        }
        Formats(ws, 1, row - 1, [(4, Integer), .. Enumerable.Range(5, header.Length - 5).Select(c => (c, Number))]);
        Finish(ws, 1, row - 1, header.Length, [16, 30, 14, 12, .. Enumerable.Repeat(14, header.Length - 5), 14]);
        var shown = steps.Where(s => s.Figures.Steps > 0).Take(15).ToList();
        if (shown.Count > 0)
        {
            Picture(ws, Charts.Png(DashboardCharts.CarbonByComponent(shown.Select(s => s.Name ?? s.NodeId).ToList(),
                shown.Select(s => (s.Figures, s.Figures.Steps)).ToList())), row + 2, 1, Texte.WirkungBlattCo2);
        }
    }

    private static void Labour(IXLWorksheet ws, IReadOnlyList<OccupationFigures> occupations, Func<string, string> processLabel)
    {
        var header = new[] { Texte.WirkungProzess, Texte.WirkungBerufskennziffer, Texte.WirkungVorgaenge, Texte.WirkungArbeitsstunden, Texte.WirkungPersonalkostenEuro, Texte.WirkungHinweis };
        Header(ws, 1, header);
        var row = 2;
        foreach (var o in occupations)
        {
            ws.Cell(row, 1).Value = processLabel(o.ProcessId);
            ws.Cell(row, 2).Value = o.Occupation.Length == 0 ? Texte.WirkungOhneAngabe : o.Occupation;
            ws.Cell(row, 3).Value = o.Figures.Cases;
            ws.Cell(row, 4).Value = o.Figures.StaffHours;
            ws.Cell(row, 5).Value = o.Figures.LabourCostEur;
            ws.Cell(row, 6).Value = Note(o.Figures);
            row++;
        }
        Formats(ws, 1, row - 1, (3, Integer), (4, Number), (5, Number));
        Finish(ws, 1, row - 1, header.Length, [16, 24, 10, 14, 16, 14]);
    }

    private static void Factors(IXLWorksheet ws, IReadOnlyList<string> ids)
    {
        var header = new[] { Texte.WirkungFaktor, Texte.WirkungVersion, Texte.WirkungBezeichnung, Texte.WirkungWert, Texte.WirkungEinheit, Texte.WirkungQuelle, Texte.WirkungJahr, Texte.FaktorenStand, Texte.WirkungGueltig };
        Header(ws, 1, header);
        var known = FactorSet.Default.Versions.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var row = 2;
        foreach (var id in ids)
        {
            ws.Cell(row, 1).Value = id.Split('@')[0];
            if (known.TryGetValue(id, out var f))
            {
                ws.Cell(row, 2).Value = f.Version;
                ws.Cell(row, 3).Value = f.Label ?? "";
                ws.Cell(row, 4).Value = f.Value;
                ws.Cell(row, 5).Value = f.Unit;
                ws.Cell(row, 6).Value = f.Source;
                ws.Cell(row, 7).Value = f.Year;
                ws.Cell(row, 8).Value = Texte.Faktorstatus(f.StatusText);
                ws.Cell(row, 9).Value = f.Period;
            }
            else
            {
                ws.Cell(row, 2).Value = id.Contains('@', StringComparison.Ordinal) ? id[(id.IndexOf('@', StringComparison.Ordinal) + 1)..] : "";
                ws.Cell(row, 3).Value = Texte.WirkungEigeneFaktorversion;
            }
            row++;
        }
        Finish(ws, 1, row - 1, header.Length, [28, 8, 36, 12, 14, 60, 8, 12, 22]);
    }

    private static void Method(IXLWorksheet ws)
    {
        string[] lines =
        [
            Texte.WirkungMethode,
            Texte.WirkungMethodeGrundlage,
            Texte.WirkungMethodeZeitraum,
            Texte.WirkungMethodeDurchlaufzeit,
            Texte.Format(Texte.WirkungMethodeArbeitsminuten, CarbonComponents.Labels(CarbonComponents.All.Where(c => c.FollowsStaffTime))),
            Texte.Format(Texte.WirkungMethodeEmissionen, CarbonComponents.Labels(CarbonComponents.In(SciPlacement.Inside)),
                CarbonComponents.Labels(CarbonComponents.In(SciPlacement.Beside)), CarbonComponents.Labels(CarbonComponents.In(SciPlacement.Outside))),
            Texte.WirkungMethodeSci,
            Texte.Format(Texte.WirkungMethodeAutomatisierung, Texte.Akteur(ActorKind.Automated)),
            Texte.WirkungMethodeRundung,
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            ws.Cell(i + 1, 1).Value = lines[i];
            ws.Cell(i + 1, 1).Style.Alignment.WrapText = true;
        }
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Column(1).Width = 120;
    }

    /// <summary>Where standard time stands in for withheld measurements: which kind, and why.</summary>
    private static string Note(LedgerFigures f) => f.Basis switch
    {
        FigureBasis.Standard or FigureBasis.Mixed => Format.Marker(f.Basis).Trim(' ', '(', ')') + ": " + string.Join(" ", f.Notes),
        _ => "",
    };

    private static void Header(IXLWorksheet ws, int row, string[] header)
    {
        for (var i = 0; i < header.Length; i++) ws.Cell(row, i + 1).Value = header[i];
        var range = ws.Range(row, 1, row, header.Length);
        range.Style.Font.Bold = true;
        range.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDE6F0");
        range.Style.Alignment.WrapText = true;
    }

    private static void Formats(IXLWorksheet ws, int headerRow, int lastRow, params (int Column, string Format)[] formats)
    {
        if (lastRow <= headerRow) return;
        foreach (var (column, format) in formats) ws.Range(headerRow + 1, column, lastRow, column).Style.NumberFormat.Format = format;
    }

    private static void Finish(IXLWorksheet ws, int headerRow, int lastRow, int columns, int[] widths)
    {
        ws.SheetView.FreezeRows(headerRow);
        ws.Range(headerRow, 1, Math.Max(lastRow, headerRow), columns).SetAutoFilter();
        for (var i = 0; i < widths.Length; i++) ws.Column(i + 1).Width = widths[i];
    }

    private static void Picture(IXLWorksheet ws, byte[] png, int row, int column, string name)
    {
        var stream = new MemoryStream(png);
        ws.AddPicture(stream, XLPictureFormat.Png, name.Replace(' ', '_')).MoveTo(ws.Cell(row, column));
    }
}
