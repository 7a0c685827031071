using ClosedXML.Excel;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Journeys;

/// <summary>
/// The manager's guide (docs/manager-guide.md) walked in Chromium: the overview, one process, the Excel report as a
/// job with its download, the what-if simulation as a job, the report archive; the overview again at phone width.
/// </summary>
[Collection(JourneyGroup.Name)]
public sealed class ManagerJourneyTests(JourneyFixture fixture)
{
    [Fact]
    public async Task The_manager_reads_the_figures_gets_the_workbook_from_its_job_and_simulates_a_change()
    {
        var journey = new Journey("leitung");
        var page = await fixture.PageAsync("leitung");

        await page.GetByRole(AriaRole.Link, new() { Name = "Wirkung", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wirkung der Automatisierung" })).ToBeVisibleAsync();
        Assert.True(await page.Locator("#processes tbody tr").CountAsync() > 0);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Vorgänge je Monat" })).ToBeVisibleAsync();
        await journey.StepAsync(page, "uebersicht");

        var process = page.Locator("#processes tbody th a").First;
        var processName = (await process.InnerTextAsync()).Trim();
        await process.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(processName);
        await Assertions.Expect(page.Locator("#diagram[data-rendered='true']")).ToHaveCountAsync(1);
        await journey.StepAsync(page, "prozess");
        var processId = Uri.UnescapeDataString(new Uri(page.Url).AbsolutePath.Split('/')[^1]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Excel-Bericht dieses Prozesses erstellen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#job-file")).ToBeVisibleAsync();
        Assert.Contains("/auftraege/", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#job-status")).ToContainTextAsync("Fertig am");
        // The job, the workbook and the job list name the process as the page did, not by its id.
        Assert.NotEqual(processId, processName);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Excel-Bericht des Prozesses „{processName}“");
        await journey.StepAsync(page, "excel-auftrag");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#job-file").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(file);
        try
        {
            using var book = new XLWorkbook(file);
            Assert.Equal($"Wirkungsbericht des Prozesses „{processName}“", book.Worksheet("Zusammenfassung").Cell(1, 1).GetString());
            // The process's row reads its name first; the id stands only in the last column ("Kennung").
            Assert.Contains(book.Worksheet("Zusammenfassung").RowsUsed(),
                r => r.Cell(1).GetString() == processName && r.LastCellUsed().GetString() == processId);
        }
        finally
        {
            File.Delete(file);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Aufträge", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#jobs")).ToContainTextAsync($"Excel-Bericht des Prozesses „{processName}“");
        await journey.StepAsync(page, "auftraege");

        await page.GetByRole(AriaRole.Link, new() { Name = "Simulation", Exact = true }).ClickAsync();
        // Versions by the process's name, not its id.
        await Assertions.Expect(page.Locator("#version")).ToContainTextAsync("Wohngeldantrag (Papier) – Version 1");
        await Assertions.Expect(page.Locator("#version")).Not.ToContainTextAsync("wohngeldantrag – Version");
        await page.GetByLabel("Definitionsversion", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorlage laden" }).ClickAsync();
        await page.GetByLabel("Fälle je Wiederholung", new() { Exact = true }).FillAsync("200");
        await journey.StepAsync(page, "simulation-vorlage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulieren" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Fertig am", new() { Exact = false })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByText("Simulation (Prognose) – keine Messwerte", new() { Exact = false }).First).ToBeVisibleAsync();
        await journey.StepAsync(page, "simulation-ergebnis");

        await page.GetByRole(AriaRole.Link, new() { Name = "Berichtsarchiv", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync(page, "berichtsarchiv");
        await page.Context.DisposeAsync();

        // The key step at phone width: the overview with its figures, no sideways scrolling.
        var phone = await fixture.PageAsync("leitung", 390);
        await phone.GotoAsync("/auswertung");
        Assert.True(await phone.Locator("#processes tbody tr").CountAsync() > 0);
        await journey.StepAsync(phone, "uebersicht-390");
        await phone.Context.DisposeAsync();
        journey.AssertNoProblems();
    }
}
