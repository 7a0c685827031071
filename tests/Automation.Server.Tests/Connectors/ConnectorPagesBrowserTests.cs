using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// The secrets and allowed-targets pages in chromium at phone width (390 px): an administrator adds a secret and a
/// target with the forms; the lists show them, the value never comes back into the page; no serious or critical axe
/// finding with rows in the tables, no sideways scrolling.
/// </summary>
public sealed class ConnectorPagesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_administrator_adds_a_secret_and_a_target_and_both_pages_pass_axe_at_390_px()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, BypassCSP = true,
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync("admin");
        await page.GetByLabel("Passwort").FillAsync("admin-secret-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");

        const string value = "browser-geheim-4711";
        await page.GotoAsync("/verwaltung/geheimnisse");
        await page.GetByLabel("Name", new() { Exact = false }).FillAsync("zahlungssystem.schluessel");
        await page.GetByLabel("Wert", new() { Exact = true }).FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("„zahlungssystem.schluessel“ wurde gespeichert");
        Assert.DoesNotContain(value, await page.ContentAsync(), StringComparison.Ordinal);
        var problems = await ProblemsAsync(page, "/verwaltung/geheimnisse");

        await page.GotoAsync("/verwaltung/ziele");
        await page.GetByLabel("Hostname oder IP-Adresse", new() { Exact = false }).FillAsync("https://falsch.example/pfad");
        await page.GetByRole(AriaRole.Button, new() { Name = "Erlauben" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Hostname oder eine IP-Adresse");
        await page.GetByLabel("Hostname oder IP-Adresse", new() { Exact = false }).FillAsync("zahlung.stadt-beispiel.example");
        await page.GetByLabel("Port", new() { Exact = false }).FillAsync("443");
        await page.GetByLabel("Notiz", new() { Exact = true }).FillAsync("Zahlungssystem der Stadtkasse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Erlauben" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ist jetzt erlaubt");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "zahlung.stadt-beispiel.example" })).ToContainTextAsync("443");
        problems.AddRange(await ProblemsAsync(page, "/verwaltung/ziele"));
        await context.DisposeAsync();
        Assert.Empty(problems);
    }

    private static async Task<List<string>> ProblemsAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        var problems = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path}: {v.Id} ({v.Impact}) {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0) problems.Add($"{path}: {overflow} px wider than the 390 px screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "390-" + path.Trim('/').Replace('/', '-') + ".png"), FullPage = true });
        return problems;
    }
}
