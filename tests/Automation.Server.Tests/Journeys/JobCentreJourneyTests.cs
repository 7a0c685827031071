using System.Globalization;
using System.Net;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Journeys;

/// <summary>
/// The job centre's guide (docs/jobcenter-guide.md) walked in Chromium: the portal with the reskilling suggestions,
/// the §2(3) SGB III report as a job with its workbook and printable page, an outcome recorded (redirect after POST,
/// back at the profile rather than the top of the page); the portal again at phone width.
/// </summary>
[Collection(JourneyGroup.Name)]
public sealed class JobCentreJourneyTests(JourneyFixture fixture)
{
    /// <summary>Offers, skills and consenting profiles, as the administration imports them (section 1 of the guide).</summary>
    internal static async Task SeedLabourDataAsync(ServerFactory factory)
    {
        using var admin = factory.ApiClient("admin");
        var profiles = new StringBuilder("id;occupation;skills;weekly_hours;consent;target_occupations\n");
        for (var i = 0; i < 3; i++) profiles.Append(CultureInfo.InvariantCulture, $"person-{i};73202;datenschutz;39;ja;73203\n");
        foreach (var (kind, text) in new[]
        {
            ("offers", "id;title;provider;skills;hours;location;start_dates;cost_eur;accreditation\nA;E-Akte und Prozesse;Studieninstitut;e-akte|prozessmanagement;160;online;2030-01-01;1200;AZAV\nB;Datenanalyse;Bildungswerk;datenanalyse;400;online;2030-02-01;3000;AZAV\n"),
            ("occupation-skills", "occupation;skills\n73202;datenschutz\n73203;e-akte|prozessmanagement|datenanalyse|datenschutz\n"),
            ("profiles", profiles.ToString()),
        })
        {
            var response = await admin.PostAsync($"/api/labour/import/{kind}?fileName={kind}.csv", new StringContent(text, Encoding.UTF8, "text/csv"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_job_centre_gets_the_report_from_its_job_and_records_an_outcome_without_losing_its_place()
    {
        await SeedLabourDataAsync(fixture.Factory);
        var journey = new Journey("jobcenter");
        var page = await fixture.PageAsync("jobcenter");

        await page.GetByRole(AriaRole.Link, new() { Name = "Jobcenter-Portal", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("article.match")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("article.match").First).ToContainTextAsync("E-Akte und Prozesse");
        await journey.StepAsync(page, "portal");

        await page.GetByLabel("Von", new() { Exact = true }).FillAsync("2026-01-01");
        await page.GetByLabel("Bis", new() { Exact = true }).FillAsync("2026-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Meldung als Excel-Arbeitsmappe erstellen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#job-file")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#job-summary")).ToContainTextAsync("Die Meldung für 01.01.2026 bis 30.06.2026 ist erstellt");
        await journey.StepAsync(page, "meldung-auftrag");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#job-file").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(file);
        try
        {
            using var book = new XLWorkbook(file);
            Assert.Equal("Frühzeitige Meldung an die Agentur für Arbeit (§2 Abs. 3 SGB III)", book.Worksheet("Meldung").Cell(1, 1).GetString());
        }
        finally
        {
            File.Delete(file);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Dieselbe Meldung als druckbare Seite" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Frühzeitige Meldung an die Agentur für Arbeit (§2 Abs. 3 SGB III)");
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync("01.01.2026 – 30.06.2026");
        await journey.StepAsync(page, "meldung-seite");

        await page.GotoAsync("/jobcenter");
        await page.GetByRole(AriaRole.Link, new() { Name = "Wirkung der Automatisierung: Stunden und VZÄ je Beruf, gemessen und als Prognose" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wirkung der Automatisierung");
        await Assertions.Expect(page.Locator("#prognosen")).ToHaveTextAsync("Prognose (Simulation)");
        await journey.StepAsync(page, "wirkung");

        await page.GotoAsync("/jobcenter");
        var last = page.Locator("article.match").Last;
        var offer = last.Locator("li").First;
        await offer.GetByRole(AriaRole.Combobox).SelectOptionAsync("accepted");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(page.Locator("#outcome-notice")).ToHaveTextAsync("Das Ergebnis ist gespeichert.");
        var anchor = await page.Locator("article.match").Last.GetAttributeAsync("id");
        // Redirect after POST: a reload asks again with GET, and the page opens at the profile just edited.
        Assert.EndsWith("/jobcenter#" + anchor, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("article.match").Last.Locator("#outcome-notice")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("article.match").Last.Locator("li").First).ToContainTextAsync("derzeit: angenommen");
        Assert.True(await page.EvaluateAsync<double>("() => window.scrollY") > 0, "The page jumped to the top after recording the outcome.");
        await journey.StepAsync(page, "ergebnis-festgehalten");
        await page.Context.DisposeAsync();

        var phone = await fixture.PageAsync("jobcenter", 390);
        await phone.GotoAsync("/jobcenter");
        await Assertions.Expect(phone.Locator("article.match")).ToHaveCountAsync(3);
        await journey.StepAsync(phone, "portal-390");
        await phone.GotoAsync("/jobcenter/wirkung");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wirkung der Automatisierung");
        await journey.StepAsync(phone, "wirkung-390");
        await phone.Context.DisposeAsync();
        journey.AssertNoProblems();
    }
}
