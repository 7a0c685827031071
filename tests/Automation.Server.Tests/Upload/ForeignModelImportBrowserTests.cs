using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Upload;

/// <summary>
/// A process owner imports a bpmn.io model in chromium: upload → "Art des Schritts klären" (roles where no lane gives one) →
/// report checked again → publish; and the modeler's "Prüfen" names the register gap that publishing would refuse.
/// </summary>
public sealed class ForeignModelImportBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
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
        Assert.Empty(results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{where} {v.Id}: {v.Help}"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{where}: the page is {overflow} px wider than the screen");
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task A_process_owner_clarifies_the_steps_of_a_bpmn_io_model_and_publishes_it(int width)
    {
        var prefix = $"import_{width}";
        var source = ForeignModelImportTests.Foreign("bpmnio-A.4.0-export.bpmn", prefix);
        var page = await LoginAsync(width);
        await page.GotoAsync("/prozesse/hochladen");
        await page.GetByLabel("Datei").SetInputFilesAsync(new FilePayload { Name = "a4.bpmn", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(source) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Art des Schritts klären" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#zusammenfassung")).ToContainTextAsync("4 Schritte ohne vollständigen Registereintrag");
        await Assertions.Expect(page.Locator("fieldset.schritt")).ToHaveCountAsync(6);
        await AssertAccessibleAndNarrowAsync(page, "clarification");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"import-klaeren-{width}.png"), FullPage = true });

        // Tasks 1, 2, 4 and 6 lie in no lane: a person's step needs the group whose inbox receives it.
        foreach (var task in new[] { "Task 1", "Task 2", "Task 4", "Task 6" })
        {
            var step = page.Locator("fieldset.schritt", new() { Has = page.GetByText(task, new() { Exact = true }) });
            await Assertions.Expect(step.GetByRole(AriaRole.Combobox)).ToHaveValueAsync("mensch");
            await step.GetByRole(AriaRole.Textbox).FillAsync("sachbearbeitung");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Angaben ins Modell übernehmen" }).ClickAsync();

        await Assertions.Expect(page.Locator("#klaerung-status")).ToContainTextAsync("Angaben für 6 Schritte eingetragen");
        await Assertions.Expect(page.Locator("fieldset.schritt")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#zusammenfassung")).Not.ToContainTextAsync("Registereintrag");
        await AssertAccessibleAndNarrowAsync(page, "report after clarification");
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"({prefix}_0) Version 1 ist veröffentlicht.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"import-veroeffentlicht-{width}.png"), FullPage = true });
        await page.Context.DisposeAsync();
    }

    /// <summary>Needs the modeler bundle (wwwroot/dist/modeler.js, built from ClientApp/ by its MSBuild targets).</summary>
    [Fact]
    public async Task Pruefen_in_the_modeler_names_the_register_gap_of_a_stored_foreign_model_with_its_label()
    {
        var source = ForeignModelImportTests.Foreign("camunda-web-modeler-C.9.1.bpmn", "modeler_pruefen");
        var stored = await fixture.Factory.ApiClient("prozess").PostAsync("/api/definitions?fileName=c91.bpmn",
            new StringContent(source, System.Text.Encoding.UTF8, "application/xml"));
        Assert.Equal(System.Net.HttpStatusCode.Created, stored.StatusCode);
        var page = await LoginAsync(1366);
        await page.GotoAsync("/modeler/modeler_pruefen_0");
        await Assertions.Expect(page.Locator("#modeler-notice")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen" }).ClickAsync();

        await Assertions.Expect(page.Locator("#modeler-status")).ToContainTextAsync("veröffentlichen ist gesperrt");
        await Assertions.Expect(page.Locator("#diagnostics")).ToContainTextAsync(
            "Fehler: Im Transparenzregister fehlen Angaben zu diesem Schritt: Zweck, Rechtsgrundlage");
        await Assertions.Expect(page.Locator("#diagnostics")).ToContainTextAsync("(Element „Send reminder email“, SendTask_SendReminderEmail)");
        await page.Context.DisposeAsync();
    }
}
