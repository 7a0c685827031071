using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Upload;

/// <summary>The process owner's upload journey in chromium: /prozesse → upload → report → publish → back on /prozesse.</summary>
public sealed class UploadBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> LoginAsync(int width)
    {
        // axe is injected as a script, which the server's CSP refuses unless the context bypasses it.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, Locale = "de-DE", BypassCSP = true, ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync("prozess");
        await page.GetByLabel("Passwort").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");
        return page;
    }

    private static async Task AssertAccessibleAndNarrowAsync(IPage page, string where)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{where} {v.Id}: {v.Help}").ToList();
        Assert.Empty(serious);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{where}: the page is {overflow} px wider than the screen");
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task A_process_owner_uploads_reads_the_report_and_publishes(int width)
    {
        var processId = $"upload_reise_{width}";
        var page = await LoginAsync(width);
        await page.GotoAsync("/prozesse");
        await page.GetByRole(AriaRole.Link, new() { Name = "Datei hochladen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Prozess hochladen");

        // First a file with an error: the report names it, and there is no way to publish.
        var broken = TestBpmn.TwoTasks(processId, "Reiseantrag").Replace("targetRef=\"End\"", "targetRef=\"Nirgendwo\"", StringComparison.Ordinal);
        await page.GetByLabel("Datei").SetInputFilesAsync(new FilePayload { Name = "reise.bpmn", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(broken) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#befunde")).ToContainTextAsync("F3");
        await Assertions.Expect(page.Locator("#sperre")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"hochladen-fehler-{width}.png"), FullPage = true });
        await AssertAccessibleAndNarrowAsync(page, "report with errors");

        // Then the corrected file: no errors, publish, and the list says so.
        await page.GetByLabel("Datei").SetInputFilesAsync(new FilePayload { Name = "reise.bpmn", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(TestBpmn.TwoTasks(processId, "Reiseantrag")) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#zusammenfassung")).ToContainTextAsync("Keine Fehler");
        await AssertAccessibleAndNarrowAsync(page, "report without errors");
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"„Reiseantrag“ ({processId}) Version 1 ist veröffentlicht.");
        Assert.EndsWith($"/prozesse#p-{processId}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator($"#p-{processId}")).ToContainTextAsync("Reiseantrag");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"hochladen-veroeffentlicht-{width}.png"), FullPage = true });
        await page.Context.DisposeAsync();
    }
}
