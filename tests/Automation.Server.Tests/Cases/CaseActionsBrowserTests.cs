using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Tests.Pages;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Cases;

/// <summary>The server of <see cref="CaseActionServerFactory"/> on a real port, with chromium.</summary>
public sealed class CaseActionBrowserFixture : BrowserFixture
{
    public CaseActionBrowserFixture() : base(new CaseActionServerFactory())
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ((CaseActionServerFactory)Factory).PrepareAsync();
    }
}

/// <summary>
/// The process owner's journey on a phone-sized screen: from /prozesse to the start form, a refused value, the case
/// page with the entered values, then cancelling it with the confirmation step. Each screen passes axe and fits 390 px.
/// </summary>
public sealed class CaseActionsBrowserTests(CaseActionBrowserFixture fixture) : IClassFixture<CaseActionBrowserFixture>
{
    [Fact]
    public async Task Process_owner_starts_a_case_from_the_process_list_fixes_a_refused_value_and_cancels_the_case_at_390_px()
    {
        var page = await PageSweepBrowserTests.PageAsync(fixture, "prozess", "demo", 390);
        var problems = new List<string>();

        await page.GotoAsync("/prozesse");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vorgang starten (Antrag antrag-gruppe)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vorgang starten");
        await Assertions.Expect(page.GetByLabel("Prozess", new() { Exact = true })).ToHaveValueAsync(CaseActionServerFactory.Process);

        await page.GetByLabel("Aktenzeichen").FillAsync("AZ-BROWSER-START");
        await page.GetByLabel("Eingangsdatum").FillAsync("2026-11-11");
        await page.GetByLabel("Eilig?").CheckAsync();
        await page.GetByLabel("Antragsart").SelectOptionAsync("erstantrag");
        // The browser would refuse an empty required number itself; a fractional one reaches the server's check.
        await page.GetByLabel("Beantragter Betrag (€)").EvaluateAsync("e => { e.type = 'text'; e.value = '12,5'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorgang starten" }).ClickAsync();
        var betrag = page.GetByLabel("Beantragter Betrag (€)");
        await Assertions.Expect(betrag).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#v_betrag_fehler")).ToHaveTextAsync("„Beantragter Betrag (€)“ muss eine ganze Zahl sein.");
        await Assertions.Expect(page.GetByLabel("Aktenzeichen")).ToHaveValueAsync("AZ-BROWSER-START");
        await Assertions.Expect(page.GetByLabel("Eilig?")).ToBeCheckedAsync();
        problems.AddRange(await PageSweepBrowserTests.ProblemsAsync(page, "Startformular mit Fehler"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "vorgang-starten-fehler-390.png"), FullPage = true });

        await betrag.FillAsync("1200");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorgang starten" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice.ok")).ToHaveTextAsync("Der Vorgang wurde gestartet.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("AZ-BROWSER-START");
        await Assertions.Expect(page.Locator("#values")).ToContainTextAsync("1.200");
        await Assertions.Expect(page.Locator("#values")).ToContainTextAsync("11.11.2026");
        var id = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1]);

        await page.GetByText("Vorgang abbrechen …").ClickAsync();
        problems.AddRange(await PageSweepBrowserTests.ProblemsAsync(page, "Vorgang mit offener Abbruchbestätigung"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "vorgang-abbrechen-390.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorgang endgültig abbrechen" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice.ok")).ToHaveTextAsync("Der Vorgang wurde abgebrochen.");
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("abgebrochen");

        using var admin = fixture.Factory.ApiClient("admin");
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal("Cancelled", detail.GetProperty("status").GetString());
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task Clerk_finds_the_start_button_on_the_case_list_and_starts_by_keyboard()
    {
        var page = await PageSweepBrowserTests.PageAsync(fixture, CaseActionServerFactory.Clerk, "geheim-innen-1", 390);
        await page.GotoAsync("/vorgaenge");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vorgang starten" }).ClickAsync();
        var choice = page.GetByLabel("Prozess", new() { Exact = true });
        // Only the clerk's own group's processes are offered.
        var offered = await choice.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Equal(["", CaseActionServerFactory.Process, CaseActionServerFactory.IncidentProcess], offered.Order(StringComparer.Ordinal));
        await choice.SelectOptionAsync(CaseActionServerFactory.Process);
        await page.GetByRole(AriaRole.Button, new() { Name = "Prozess wählen" }).PressAsync("Enter");
        await page.GetByLabel("Beantragter Betrag (€)").FillAsync("40");
        await page.GetByLabel("Aktenzeichen").FillAsync("AZ-TASTATUR-START");
        await page.GetByLabel("Aktenzeichen").PressAsync("Enter");
        await Assertions.Expect(page.Locator("p.notice.ok")).ToHaveTextAsync("Der Vorgang wurde gestartet.");
        await Assertions.Expect(page.Locator("#values")).ToContainTextAsync("40");
        // A clerk may not cancel: no button.
        await Assertions.Expect(page.GetByText("Vorgang abbrechen …")).ToHaveCountAsync(0);
        await page.Context.DisposeAsync();
    }
}
