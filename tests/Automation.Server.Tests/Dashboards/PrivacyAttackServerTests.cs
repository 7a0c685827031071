using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using Automation.Tests.Shared;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Dashboards;

/// <summary>
/// The privacy gate attacked through every output of the server: three servers hold the same ledger, two of them
/// differing only in the measured minutes of groups the gate must protect (<see cref="PrivacyScenario"/>), the third in a
/// released group's minutes. Every API answer, CSV, page, workbook, open-data file, register entry, labour report and
/// simulation with history must be byte for byte the same on the first two (after removing tokens and clock times), so no
/// output and no difference of outputs can reveal the protected minutes; on the third, some must differ.
/// </summary>
public sealed partial class PrivacyAttackServerTests
{
    private static readonly string[] Periods =
        ["from=2026-01-01&to=2026-03-31", "from=2026-01-01&to=2026-01-31", "from=2026-01-02&to=2026-01-31", "from=2026-01-08&to=2026-01-08", "from=2026-02-01&to=2026-03-31"];

    private static readonly string[] LedgerFilters =
        ["", "&processId=antrag", "&version=antrag@1", "&occupation=73202", "&processId=gebuehr", "&from=2026-01", "&from=2026-01&to=2026-01",
            "&from=2026-01-02&to=2026-01-31", "&from=2026-01-07&to=2026-01-07", "&from=2026-02&to=2026-03"];

    private static async Task<Dictionary<string, string>> OutputsAsync(double secret, double released)
    {
        using var factory = new ServerFactory();
        using var admin = factory.ApiClient("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health")).StatusCode);
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        var first = await host.DeployAsync(PrivacyScenario.Bpmn("Antrag"), "antrag.bpmn");
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        var second = await host.DeployAsync(PrivacyScenario.Bpmn("Antrag (digital)"), "antrag.bpmn");
        Assert.True(second.Succeeded, string.Join("\n", second.Diagnostics));
        var ids = (first.Versions.Single(v => v.Process.Id == PrivacyScenario.ProcessId).Id, second.Versions.Single(v => v.Process.Id == PrivacyScenario.ProcessId).Id,
            first.Versions.Single(v => v.Process.Id == PrivacyScenario.CalledProcessId).Id);
        await LedgerSample.WriteAsync(host.Database, PrivacyScenario.Generate(secret, released, ids));
        await new LedgerRollup(host.Database).RebuildAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/open-data/processes/antrag", new { @public = true })).StatusCode);

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        using var manager = factory.ApiClient("leitung");
        async Task Get(HttpClient client, string url)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            outputs[url] = response.Content.Headers.ContentType?.MediaType == Features.Dashboards.DashboardEndpoints.XlsxType ? Cells(bytes) : Normalize(Encoding.UTF8.GetString(bytes));
        }
        foreach (var by in new[] { "total", "case", "definition", "step", "month", "occupation" })
        {
            foreach (var filter in LedgerFilters)
            {
                await Get(manager, $"/api/ledger?by={by}{filter}");
                await Get(manager, $"/api/ledger/csv?by={by}{filter}");
            }
        }
        foreach (var period in Periods)
        {
            await Get(manager, "/api/dashboards/overview?" + period);
            await Get(manager, "/api/dashboards/processes/antrag?" + period);
            await Get(manager, "/api/dashboards/processes/gebuehr?" + period);
            await Get(manager, "/api/dashboards/workbook?" + period);
            await Get(manager, "/api/dashboards/workbook?processId=antrag&" + period);
        }
        var pages = await factory.LoginAsync("leitung", "demo");
        foreach (var period in Periods)
        {
            await Get(pages, "/auswertung?" + period);
            await Get(pages, "/auswertung/prozess/antrag?" + period);
            await Get(pages, "/auswertung/prozess/gebuehr?" + period);
        }
        using var anonymous = factory.ApiClient(null);
        await Get(anonymous, "/offene-daten/antrag/monatlich.csv");
        await Get(anonymous, "/offene-daten/antrag/monatlich.json");
        await Get(anonymous, "/transparenzregister/register.json");
        foreach (var id in new[] { ids.Item1, ids.Item2, ids.Item3 }) await Get(admin, $"/api/register/{id}");
        await Get(manager, "/api/labour/impact");
        await Get(manager, "/api/labour/impact?process=antrag");
        await Get(manager, "/api/labour/report");
        await Get(manager, "/api/labour/report.xlsx");
        await Get(pages, "/jobcenter/bericht");
        // The page of "Wirkung der Automatisierung" shows what /api/labour/impact answers, through the same gate.
        await Get(pages, "/jobcenter/wirkung");
        await Get(pages, "/jobcenter/wirkung?prozess=antrag");
        foreach (var id in new[] { ids.Item1, ids.Item2, ids.Item3 })
        {
            var run = await admin.PostAsync($"/api/simulation/definitions/{id}/run?cases=40&seed=7&history=true", null);
            Assert.True(run.IsSuccessStatusCode, $"simulation {id}: {(int)run.StatusCode} {await run.Content.ReadAsStringAsync()}");
            outputs[$"simulation {id}"] = Normalize(await run.Content.ReadAsStringAsync());
        }
        return outputs;
    }

    /// <summary>Tokens, nonces, clock times and the chart library's running clip-path ids vary between any two servers; nothing else may.</summary>
    private static string Normalize(string text)
    {
        text = Token().Replace(text, "token");
        text = Nonce().Replace(text, "nonce");
        text = IsoTime().Replace(text, "time");
        text = ClipPath().Replace(text, "clip");
        return GermanTime().Replace(text, "time");
    }

    /// <summary>Every cell of every sheet but the time the workbook was made.</summary>
    private static string Cells(byte[] xlsx)
    {
        using var book = new XLWorkbook(new MemoryStream(xlsx));
        var sb = new StringBuilder();
        foreach (var sheet in book.Worksheets)
        {
            foreach (var cell in sheet.CellsUsed()) sb.Append(sheet.Name).Append('!').Append(cell.Address).Append('=').Append(cell.Value).Append('\n');
        }
        return Normalize(sb.ToString());
    }

    [Fact]
    public async Task No_output_of_the_server_and_no_difference_of_outputs_reveals_the_minutes_of_a_group_the_gate_protects()
    {
        var first = await OutputsAsync(secret: 30, released: 20);
        var second = await OutputsAsync(secret: 47, released: 20);
        Assert.True(first.Count > 150);
        var differing = first.Keys.Where(k => first[k] != second[k]).ToList();
        Assert.True(differing.Count == 0, "Protected minutes change these outputs: " + string.Join("; ", differing.Take(8)));
        var control = await OutputsAsync(secret: 30, released: 25);
        var changed = first.Keys.Where(k => first[k] != control[k]).ToList();
        Assert.Contains(changed, k => k.StartsWith("/api/ledger?", StringComparison.Ordinal));
        Assert.Contains(changed, k => k.StartsWith("/auswertung/prozess/antrag", StringComparison.Ordinal));
        Assert.Contains(changed, k => k.StartsWith("/api/dashboards/workbook", StringComparison.Ordinal));
        Assert.Contains(changed, k => k.StartsWith("/jobcenter/wirkung", StringComparison.Ordinal));
    }

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\"|id=\"antiforgery\" value=\"|\"token\":\")[^\"]+")]
    private static partial Regex Token();

    [GeneratedRegex("cl_[0-9a-f]+")]
    private static partial Regex ClipPath();

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex Nonce();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\d\d[./]\d\d[./]\d{4},? \d\d:\d\d(:\d\d)?")]
    private static partial Regex GermanTime();
}
