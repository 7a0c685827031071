using System.Globalization;
using System.Text;
using Automation.Data.Reports;
using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Automation.Engine.Texts;

namespace Automation.Server.Features.Dashboards;

/// <summary>A column of the open-data tables.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Title">German title.</param>
/// <param name="Datatype">string, integer, number or boolean.</param>
/// <param name="Unit">Unit, if any.</param>
/// <param name="Description">What it means.</param>
internal sealed record OpenDataColumn(string Name, string Title, string Datatype, string? Unit, string Description);

/// <summary>One month of one process: aggregates only, no personal data, no free text.</summary>
internal sealed record OpenDataRow(string Month, string ProcessId, long CasesStarted, long CasesCompleted, double? LeadTimeMedianDays,
    double StaffHours, double LabourCostEur, double CarbonKg, double? SciPerCaseG, double? AutomationRate, string Basis);

/// <summary>The open-data table of a process.</summary>
internal sealed record OpenDataTable(string ProcessId, string? Name, string Licence, string LicenceUrl, string Columns, DateTimeOffset Generated,
    IReadOnlyList<OpenDataRow> Rows);

/// <summary>A process released as open data, with its URLs.</summary>
internal sealed record OpenDataEntry(string ProcessId, string? Name, string Csv, string Json);

/// <summary>The open-data tables' licence, columns, addresses and CSV form (one place for the API, the page and the CSVW metadata).</summary>
internal static class OpenDataFormat
{
    public const string Licence = "dl-de/by-2-0";
    public const string LicenceUrl = "https://www.govdata.de/dl-de/by-2-0";
    public const string ColumnsUrl = "/offene-daten/spalten.json";

    /// <summary>The columns, in order, with units.</summary>
    public static readonly IReadOnlyList<OpenDataColumn> Columns =
    [
        new("month", Texte.WirkungMonat, "string", null, Texte.OffenMonat),
        new("process_id", Texte.WirkungProzess, "string", null, Texte.OffenProzess),
        new("cases_started", Texte.WirkungVorgaengeBegonnen, "integer", Texte.WirkungAnzahl, Texte.OffenBegonnen),
        new("cases_completed", Texte.WirkungVorgaengeAbgeschlossen, "integer", Texte.WirkungAnzahl, Texte.OffenAbgeschlossen),
        new("lead_time_median_days", Texte.OffenMedianDurchlaufzeit, "number", Texte.WirkungTage, Texte.OffenMedianText),
        new("staff_hours", Texte.WirkungArbeitsstunden, "number", "h", Texte.OffenArbeitszeitText),
        new("labour_cost_eur", Texte.OffenPersonalkosten, "number", "EUR", Texte.OffenPersonalkostenText),
        new("carbon_kg", Texte.OffenEmissionen, "number", "kg CO2e", Engine.Accounting.CarbonComponents.Labels(Engine.Accounting.CarbonComponents.Inventory)),
        new("sci_per_case_g", Texte.OffenSci, "number", Texte.WirkungGCo2e, Texte.OffenSciText),
        new("automation_rate", Texte.WirkungAutomatisierungsgrad, "number", Texte.OffenAnteil, Texte.OffenAutomatisierungText),
        new("basis", Texte.OffenGrundlage, "string", null, Texte.OffenGrundlageText),
    ];

    /// <summary>The stable URL of a process's table.</summary>
    public static string Url(string processId, string extension) => $"/offene-daten/{Uri.EscapeDataString(processId)}/monatlich.{extension}";

    /// <summary>CSV (RFC 4180, comma, point as decimal separator, UTF-8) for machines.</summary>
    public static string Csv(OpenDataTable table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns.Select(c => c.Name)).Append("\r\n");
        foreach (var r in table.Rows)
        {
            sb.AppendJoin(',', [r.Month, CsvWriter.Field(r.ProcessId), N(r.CasesStarted), N(r.CasesCompleted), N(r.LeadTimeMedianDays), N(r.StaffHours),
                N(r.LabourCostEur), N(r.CarbonKg), N(r.SciPerCaseG), N(r.AutomationRate), CsvWriter.Field(r.Basis)]).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>The column description (CSV on the Web metadata form).</summary>
    public static object Metadata() => new Dictionary<string, object>
    {
        ["@context"] = "http://www.w3.org/ns/csvw",
        ["dc:title"] = Texte.OffenTitel,
        ["dc:license"] = LicenceUrl,
        ["licence"] = Licence,
        ["dc:description"] = Texte.OffenBeschreibung,
        ["tableSchema"] = new
        {
            columns = Columns.Select(c => new Dictionary<string, object?>
            {
                ["name"] = c.Name, ["titles"] = c.Title, ["datatype"] = c.Datatype, ["unit"] = c.Unit, ["dc:description"] = c.Description,
            }).ToList(),
            primaryKey = new[] { "month", "process_id" },
        },
    };

    internal static OpenDataRow Row(string processId, MonthFigures m)
    {
        var f = m.Figures;
        var completed = m.CompletedFigures;
        return new OpenDataRow(m.Month.Key, processId, m.Started, m.Completed,
            m.LeadTimeMs is { Suppressed: false } q ? Math.Round(q.Median / DashboardCharts.MsPerDay, 3) : null,
            Math.Round(f.StaffHours, 3), Math.Round(f.LabourCostEur, 3), Math.Round(f.CarbonG / 1000, 3),
            completed.SciPerCaseG is { } sci && PrivacyGate.ReleasesCaseGroup(completed.Cases) ? Math.Round(sci, 3) : null,
            f.AutomationRate is { } a ? Math.Round(a, 4) : null, BasisText(f.Basis));
    }

    /// <summary>The basis column's value.</summary>
    public static string BasisText(FigureBasis basis) => basis switch
    {
        FigureBasis.Measured => "gemessen",
        FigureBasis.Mixed => "teils Standardzeit",
        FigureBasis.Standard => "Standardzeit",
        _ => "nicht gemessen",
    };

    internal static string N(double? v) => v?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    internal static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
}
