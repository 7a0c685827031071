using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Data.Reports;
using Automation.Engine.Accounting;
using Automation.Server.Infrastructure;
using Automation.Tests.Shared;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Dashboards;

/// <summary>The server with the generated Wohngeld ledger (200 cases, January to April 2026) written into its database.</summary>
public sealed class DashboardFactory : ServerFactory
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private List<SampleCase>? sample;

    public const string Period = "from=2026-01-01&to=2026-06-30";

    internal async Task<List<SampleCase>> SampleAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (sample is null)
            {
                using var client = ApiClient("admin");
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
                var generated = LedgerSample.Generate(200, new DateOnly(2026, 1, 5), 90).ToList();
                var database = Services.GetRequiredService<WorkflowHostAccessor>().Host.Database;
                await LedgerSample.WriteAsync(database, generated);
                await new LedgerRollup(database).RebuildAsync();
                sample = generated;
            }
            return sample;
        }
        finally
        {
            gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) gate.Dispose();
        base.Dispose(disposing);
    }
}

public sealed class DashboardTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static double Number(IXLCell cell) => cell.GetDouble();

    [Fact]
    public async Task Workbook_has_every_sheet_with_frozen_headers_filters_charts_and_figures_that_match_the_ledger()
    {
        var sample = await factory.SampleAsync();
        // The steps of the cases that ended in the period.
        var ledger = sample.Where(s => s.Case.Status == "Completed").SelectMany(s => s.Ledger).ToList();
        using var client = factory.ApiClient("leitung");
        var response = await client.GetAsync("/api/dashboards/workbook?" + DashboardFactory.Period);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["Zusammenfassung", "Schritte", "Vorgänge", "CO2 nach Komponente", "Arbeitszeit", "Faktoren und Quellen", "Methode"],
            book.Worksheets.Select(w => w.Name));

        var summary = book.Worksheet("Zusammenfassung");
        // Readers get the process's name first; its id only as the last column, "Kennung", and none for the total.
        var head = summary.Row(6).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal("Prozess", head[0]);
        Assert.Equal("Kennung", head[^1]);
        Assert.DoesNotContain("Name", head);
        var process = summary.RowsUsed().Single(r => r.Cell(head.Count).GetString() == LedgerSample.ProcessId);
        var processName = process.Cell(1).GetString();
        Assert.False(string.IsNullOrWhiteSpace(processName));
        Assert.NotEqual(LedgerSample.ProcessId, processName);
        var total = summary.RowsUsed().Single(r => r.Cell(1).GetString() == "Alle Prozesse");
        Assert.True(total.Cell(head.Count).IsEmpty(), "the total over all processes has no id");
        Assert.DoesNotContain(summary.RowsUsed(), r => r.Cell(1).GetString() == "*");
        Assert.Equal(sample.Count, Number(total.Cell(2)));
        Assert.Equal(sample.Count(s => s.Case.Status == "Completed"), Number(total.Cell(3)));
        Assert.Equal(ledger.Sum(e => e.StaffMinutes) / 60, Number(total.Cell(5)), 6);
        Assert.Equal(ledger.Sum(e => e.LabourCostEur), Number(total.Cell(6)), 6);
        Assert.Equal(ledger.Sum(e => e.WorkplaceG + e.DeviceG + e.ComputeG + e.AiG + e.EmbodiedG + e.PaperG + e.PostG) / 1000, Number(total.Cell(7)), 6);
        Assert.Equal("#,##0.00", total.Cell(5).Style.NumberFormat.Format);
        Assert.Equal(6, summary.SheetView.SplitRow);
        Assert.NotEmpty(summary.Pictures);

        var steps = book.Worksheet("Schritte");
        Assert.Equal(1, steps.SheetView.SplitRow);
        Assert.True(steps.AutoFilter.IsEnabled);
        var rows = steps.RowsUsed().Skip(1).Where(r => !r.Cell(2).IsEmpty()).ToList();
        Assert.Equal(ledger.Count, rows.Sum(r => Number(r.Cell(6))));
        Assert.Equal(ledger.Sum(e => e.StaffMinutes), rows.Sum(r => Number(r.Cell(7))), 6);
        Assert.NotEmpty(steps.Pictures);
        // Who does a step in the words of the case page and the dashboards (issue 17: "Personal", "Software" elsewhere).
        Assert.Subset(new HashSet<string>(["Person", "automatisiert", "KI-gestützt", "System"]), rows.Select(r => r.Cell(4).GetString()).ToHashSet());
        Assert.Contains("automatisiert", rows.Select(r => r.Cell(4).GetString()));
        // The detail sheets name the process as the summary does, never by its id.
        Assert.All(rows, r => Assert.Equal(processName, r.Cell(1).GetString()));

        // One column per component of the authority's inventory, named from the one list; the devices among them.
        var carbon = book.Worksheet("CO2 nach Komponente");
        var heads = carbon.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(CarbonComponents.Inventory.Select(c => c.Label + " (g)"), heads.Skip(4).Take(CarbonComponents.Inventory.Count));
        double Column(string label) => carbon.RowsUsed().Skip(1).Where(r => !r.Cell(2).IsEmpty()).Sum(r => Number(r.Cell(heads.IndexOf(label) + 1)));
        Assert.Equal(ledger.Sum(e => e.AiG), Column(CarbonComponents.AiInference.Label + " (g)"), 6);
        Assert.Equal(ledger.Sum(e => e.DeviceG), Column("Herstellung Arbeitsplatzgeräte (g)"), 6);
        Assert.All(carbon.RowsUsed().Skip(1).Where(r => !r.Cell(2).IsEmpty()), r => Assert.Equal(processName, r.Cell(1).GetString()));
        var labour = book.Worksheet("Arbeitszeit").Row(2);
        Assert.Equal(processName, labour.Cell(1).GetString());
        Assert.Equal("73302", labour.Cell(2).GetString());
        Assert.Equal(ledger.Sum(e => e.StaffMinutes) / 60, Number(labour.Cell(4)), 6);

        var factors = book.Worksheet("Faktoren und Quellen");
        var first = ledger[0].Factors.Split(',').Order(StringComparer.Ordinal).First();
        Assert.Equal(first.Split('@')[0], factors.Cell(2, 1).GetString());
        Assert.False(factors.Cell(2, 6).IsEmpty(), "source of the factor");
        Assert.Contains("ledger_entries", book.Worksheet("Methode").Cell(2, 1).GetString(), StringComparison.Ordinal);
        Assert.Contains("5 Personen", book.Worksheet("Methode").Cell(5, 1).GetString(), StringComparison.Ordinal);
        var cases = book.Worksheet("Vorgänge");
        Assert.Equal(6, cases.RowsUsed().Skip(1).Count(r => !r.Cell(2).IsEmpty()));
    }

    [Fact]
    public async Task Workbook_of_an_empty_period_is_valid_and_says_it_is_empty()
    {
        await factory.SampleAsync();
        using var client = factory.ApiClient("admin");
        var response = await client.GetAsync("/api/dashboards/workbook?from=2020-01-01&to=2020-01-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Contains("leer", book.Worksheet("Zusammenfassung").Cell(4, 2).GetString(), StringComparison.Ordinal);
        Assert.Equal(7, book.Worksheets.Count);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=gestern", "from")]
    [InlineData("from=2026-01-01&to=31.01.2026", "to")]
    [InlineData("from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("from=2010-01-01&to=2026-01-01", "to")]
    [InlineData("processId=gibtsnicht&from=2026-01-01&to=2026-01-31", "processId")]
    public async Task Bad_period_or_process_is_a_400_naming_the_parameter(string query, string field)
    {
        using var client = factory.ApiClient("leitung");
        var response = await client.GetAsync("/api/dashboards/workbook?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_and_process_pages_show_figures_charts_bottlenecks_and_where_standard_time_stands_in()
    {
        var sample = await factory.SampleAsync();
        using var client = factory.ApiClient("leitung");
        var html = await client.GetStringAsync("/auswertung?" + DashboardFactory.Period);
        Assert.Contains("Wirkung der Automatisierung", html, StringComparison.Ordinal);
        Assert.Contains(">" + sample.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "<", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Vorgänge je Monat", html, StringComparison.Ordinal);
        var process = await client.GetStringAsync("/auswertung/prozess/wohngeldantrag?" + DashboardFactory.Period);
        Assert.Contains("id=\"bottlenecks\"", process, StringComparison.Ordinal);
        Assert.Contains("Unterlagen eingegangen", process, StringComparison.Ordinal);
        // "Zahlung anweisen" is automated in both versions: no manual baseline, so no verdict.
        Assert.Contains("keine manuelle Vergleichsbasis", process, StringComparison.Ordinal);
        Assert.DoesNotContain("verursacht mehr CO₂e als eingespart", process, StringComparison.Ordinal);
        // Cells with fewer than five cases or people (rare steps in a month) show standard time, marked.
        Assert.Contains(Features.Dashboards.Format.PartlyStandIn, process, StringComparison.Ordinal);
        Assert.Contains("nachforderung", process, StringComparison.Ordinal);
        Assert.Contains("wohngeldantrag@2", process, StringComparison.Ordinal);
        Assert.Contains("Emissionen je Ausführung nach Komponente", process, StringComparison.Ordinal);
        var bad = await client.GetAsync("/auswertung?from=kaputt");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("from=&#x27;kaputt&#x27;", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var clerk = factory.ApiClient("sachbearbeitung");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/dashboards/overview")).StatusCode);
    }

    [Fact]
    public async Task Open_data_is_served_without_login_only_for_released_processes_with_units_and_licence()
    {
        await factory.SampleAsync();
        using var anonymous = factory.ApiClient(null);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/offene-daten/urlaubsantrag/monatlich.csv")).StatusCode);
        using var admin = factory.ApiClient("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/open-data/processes/wohngeldantrag", new { @public = true })).StatusCode);

        var csv = await anonymous.GetStringAsync("/offene-daten/wohngeldantrag/monatlich.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("month,process_id,cases_started,cases_completed,lead_time_median_days,staff_hours,labour_cost_eur,carbon_kg,sci_per_case_g,automation_rate,basis", lines[0]);
        var february = lines.Single(l => l.StartsWith("2026-02,", StringComparison.Ordinal)).Split(',');
        Assert.True(int.Parse(february[2], System.Globalization.CultureInfo.InvariantCulture) > 50);
        Assert.Contains(february[10], new[] { "gemessen", "teils Standardzeit" });
        Assert.DoesNotContain("WG-", csv, StringComparison.Ordinal);

        var json = await anonymous.GetFromJsonAsync<JsonElement>("/offene-daten/wohngeldantrag/monatlich.json");
        Assert.Equal("dl-de/by-2-0", json.GetProperty("licence").GetString());
        Assert.True(json.GetProperty("rows").GetArrayLength() >= 4);
        var columns = await anonymous.GetFromJsonAsync<JsonElement>("/offene-daten/spalten.json");
        var carbon = columns.GetProperty("tableSchema").GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "carbon_kg");
        Assert.Equal("kg CO2e", carbon.GetProperty("unit").GetString());
        var index = await anonymous.GetFromJsonAsync<JsonElement>("/offene-daten");
        Assert.Equal("/offene-daten/wohngeldantrag/monatlich.csv", index.GetProperty("processes")[0].GetProperty("csv").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/open-data/processes/wohngeldantrag", new { @public = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/offene-daten/wohngeldantrag/monatlich.json")).StatusCode);
    }
}
