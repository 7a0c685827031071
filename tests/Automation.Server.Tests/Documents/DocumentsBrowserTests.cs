using Automation.Server.Tests.Pages;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Documents;

/// <summary>
/// A clerk on a phone-sized screen uploads a proof in a task form (first a disguised file, refused), completes the
/// task, finds the document on the case page and downloads it; each screen passes axe and fits 390 px.
/// </summary>
public sealed class DocumentsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Clerk_uploads_a_proof_in_the_task_form_and_downloads_it_from_the_case_page_at_390_px()
    {
        await DocumentFixture.SetUpAsync(fixture.Factory);
        var admin = fixture.Factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, DocumentFixture.Nachweis, "AZ-DOK-BROWSER");
        var waitId = await TestBpmn.FirstTaskAsync(admin, caseId);
        var page = await PageSweepBrowserTests.PageAsync(fixture, "doc-wg", DocumentFixture.Password, 390);
        var problems = new List<string>();

        await page.GotoAsync($"/aufgaben/{caseId}/{waitId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        var file = page.Locator("#v_nachweis");
        await Assertions.Expect(file).ToHaveAttributeAsync("type", "file");
        problems.AddRange(await PageSweepBrowserTests.ProblemsAsync(page, "Aufgabe mit Dateifeld"));

        await file.SetInputFilesAsync(new FilePayload { Name = "Nachweis.pdf", MimeType = "application/pdf", Buffer = "MZ kein PDF"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Abschließen" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice.error")).ToContainTextAsync("„Nachweis.pdf“");
        problems.AddRange(await PageSweepBrowserTests.ProblemsAsync(page, "Aufgabe mit abgelehnter Datei"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "aufgabe-datei-abgelehnt-390.png"), FullPage = true });

        await page.Locator("#v_nachweis").SetInputFilesAsync(new FilePayload
        {
            Name = "Nachweis März.pdf", MimeType = "application/pdf", Buffer = DocumentFixture.Pdf,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Abschließen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("AZ-DOK-BROWSER");
        var link = page.Locator("#documents").GetByRole(AriaRole.Link, new() { Name = "Nachweis März.pdf" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#documents")).ToContainTextAsync("hochgeladen");
        await Assertions.Expect(page.Locator("#values")).ToContainTextAsync("Nachweis März.pdf");
        problems.AddRange(await PageSweepBrowserTests.ProblemsAsync(page, "Vorgang mit Dokument"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "vorgang-dokumente-390.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("Nachweis März.pdf", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), "am-download-" + Guid.NewGuid().ToString("N"));
        await download.SaveAsAsync(saved);
        Assert.Equal(DocumentFixture.Pdf, await File.ReadAllBytesAsync(saved));
        File.Delete(saved);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.Context.DisposeAsync();
    }
}
