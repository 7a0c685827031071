using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;

namespace Automation.Server.Tests.Jobs;

/// <summary>
/// The long operations started from their pages (Excel report of the dashboards, the §2(3) SGB III report, the
/// labour-data import) run as jobs on /auftraege/{id}: owner only, the download is the real file, and a failing job
/// shows the German reason with where the mistake is, never an internal message.
/// </summary>
public sealed partial class JobPageTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task The_workbook_job_offers_the_real_workbook_to_its_owner_and_is_unknown_to_everyone_else()
    {
        using var manager = await factory.LoginAsync("leitung", "demo");
        var job = await PostFormAsync(manager, "/auswertung", "/auswertung?handler=Workbook", new() { ["from"] = "2026-01-01", ["to"] = "2026-03-31" });
        var page = await FinishedPageAsync(manager, job);
        Assert.Contains("Excel-Bericht aller Prozesse, 01.01.2026 – 31.03.2026", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/jobs/{job}/datei\"", page, StringComparison.Ordinal);

        var download = await manager.GetAsync($"/api/jobs/{job}/datei");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("wirkung-alle-2026-01-01-2026-03-31.xlsx", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        using (var book = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync())))
        {
            var summary = book.Worksheet("Zusammenfassung");
            Assert.Equal("Wirkungsbericht aller Prozesse", summary.Cell(1, 1).GetString());
            Assert.Equal("Zeitraum", summary.Cell(2, 1).GetString());
            Assert.Contains("2026", summary.Cell(2, 2).GetString(), StringComparison.Ordinal);
        }

        // Another user with the very same rights: the page, the file and the API all say "unknown".
        using var admin = await factory.LoginAsync("admin", "admin-secret-1");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/auftraege/{job}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/jobs/{job}/datei")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ApiClient("admin").GetAsync($"/api/jobs/{job}/datei")).StatusCode);
        Assert.DoesNotContain(job.ToString(), await admin.GetStringAsync("/auftraege"), StringComparison.Ordinal);
        Assert.Contains(job.ToString(), await manager.GetStringAsync("/auftraege"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(null).GetAsync($"/api/jobs/{job}/datei")).StatusCode);
    }

    [Fact]
    public async Task A_workbook_job_for_an_unknown_process_ends_with_the_german_reason_and_no_file()
    {
        using var manager = await factory.LoginAsync("leitung", "demo");
        var job = await PostFormAsync(manager, "/auswertung", "/auswertung/prozess/gibt-es-nicht?handler=Workbook", new() { ["from"] = "2026-01-01", ["to"] = "2026-01-31" });
        var page = await FinishedPageAsync(manager, job);
        Assert.Contains("Fehlgeschlagen am", page, StringComparison.Ordinal);
        Assert.Contains("Unbekannter Prozess processId='gibt-es-nicht'.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("internen Fehler", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/jobs/{job}/datei")).StatusCode);
    }

    [Fact]
    public async Task A_failing_import_shows_each_mistake_with_its_line_and_column_and_stores_nothing()
    {
        using var admin = await factory.LoginAsync("admin", "admin-secret-1");
        const string positions = "id;role;occupation;pay_level;weekly_hours\nJ1;sachbearbeitung;73202;E9a;39\nJ2;sachbearbeitung;12345;E9a;39\nJ3;sachbearbeitung;73202;E9a;-1\n";
        var job = await ImportAsync(admin, "stellen-fehler.csv", positions);
        var page = await FinishedPageAsync(admin, job);
        Assert.Contains("Import von stellen-fehler.csv (Stellen)", page, StringComparison.Ordinal);
        Assert.Contains("Beendet, aber die Eingabe enthält Fehler", page, StringComparison.Ordinal);
        Assert.Contains("3 Zeilen gelesen, 0 gespeichert – wegen Fehlern wurde nichts gespeichert.", page, StringComparison.Ordinal);
        var rows = Row().Matches(page[page.IndexOf("id=\"job-problems\"", StringComparison.Ordinal)..]).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal([("Zeile 3", "kldb"), ("Zeile 4", "wochenstunden")], rows);
        Assert.DoesNotContain("internen Fehler", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);

        // A mistake in the file as a whole names the file and the missing column.
        var wrong = await FinishedPageAsync(admin, await ImportAsync(admin, "falsch.csv", "nummer;beruf\n1;73202\n"));
        Assert.Contains("<td>Datei</td>", wrong, StringComparison.Ordinal);
        Assert.Contains("Die Spalte „rolle“", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_job_gives_the_job_centre_the_report_workbook_and_its_printable_page()
    {
        using var jobCentre = await factory.LoginAsync("jobcenter", "demo");
        var job = await PostFormAsync(jobCentre, "/jobcenter", "/jobcenter?handler=Report", new() { ["from"] = "2026-01-01", ["to"] = "2026-06-30" });
        var page = await FinishedPageAsync(jobCentre, job);
        Assert.Contains("Die Meldung für 01.01.2026 bis 30.06.2026 ist erstellt", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/jobcenter/bericht?from=2026-01-01&to=2026-06-30\"", page, StringComparison.Ordinal);
        var download = await jobCentre.GetAsync($"/api/jobs/{job}/datei");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var book = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var head = book.Worksheet("Meldung");
        Assert.Equal("Frühzeitige Meldung an die Agentur für Arbeit (§2 Abs. 3 SGB III)", head.Cell(1, 1).GetString());
        Assert.Contains(head.RangeUsed()!.RowsUsed(), r => r.Cell(1).GetString() == "Zeitraum" && r.Cell(2).GetString().StartsWith("01.01.2026", StringComparison.Ordinal));
    }

    /// <summary>Posts a page form with the page's anti-forgery token; returns the job the redirect names.</summary>
    private static async Task<Guid> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(await client.GetStringAsync(formPage));
        var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        return JobOf(response);
    }

    private static async Task<Guid> ImportAsync(HttpClient admin, string fileName, string csv)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Positions"), "kind" },
            { new StringContent(ServerFactory.AntiforgeryToken(await admin.GetStringAsync("/verwaltung/arbeitsmarkt"))), "__RequestVerificationToken" },
        };
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", fileName);
        return JobOf(await admin.PostAsync("/verwaltung/arbeitsmarkt?handler=Import", form));
    }

    private static Guid JobOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/auftraege/", location, StringComparison.Ordinal);
        return Guid.Parse(location["/auftraege/".Length..]);
    }

    /// <summary>Waits for the job to end (as the page's script does), then returns its page.</summary>
    private static async Task<string> FinishedPageAsync(HttpClient client, Guid job)
    {
        for (var i = 0; i < 600; i++)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{job}");
            if (state.GetProperty("status").GetString() != "running") break;
            await Task.Delay(100);
        }
        var response = await client.GetAsync($"/auftraege/{job}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<tr><td>([^<]*)</td><td>([^<]*)</td>")]
    private static partial Regex Row();
}
