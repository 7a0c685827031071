using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Automation.Server.Tests;

/// <summary>The employment-office report and the staffing page in chromium at phone width: no serious or critical axe finding, no sideways scrolling.</summary>
public sealed class ReportPagesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Report_and_staffing_pages_pass_axe_and_fit_a_390_px_screen()
    {
        using var api = fixture.Factory.ApiClient("admin");
        Assert.True((await api.PutAsJsonAsync("/api/labour/stellen/B-2026-17", new
        {
            kind = "bedarf", occupation = "43104", positions = 2, reason = "Betreuung der automatisierten Prüfung mit einer recht langen Begründung", fromAutomation = true,
            requirements = new[] { "Prozessmodellierung (BPMN 2.0)", "Datenschutz" },
        })).IsSuccessStatusCode);
        // CSP is bypassed only so that axe can be injected.
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
        var problems = new List<string>();
        foreach (var path in new[] { "/jobcenter/bericht", "/jobcenter/stellen" })
        {
            await page.GotoAsync(path);
            problems.AddRange((await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) {string.Join(" | ", v.Nodes.Select(n => n.Html))}"));
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 0) problems.Add($"{path}: {overflow} px wider than the 390 px screen");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "390-" + path.Trim('/').Replace('/', '-') + ".png"), FullPage = true });
        }
        // A bad entry from the page: the problem and its field are shown, nothing is stored.
        await page.GetByLabel("Nummer").FillAsync("X1");
        await page.GetByLabel("Art").SelectOptionAsync("bedarf");
        await page.GetByLabel("Beruf (KldB 2010, fünfstellig)").FillAsync("43104");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("„reason“");
        Assert.DoesNotContain("X1", await api.GetStringAsync("/api/labour/stellen"), StringComparison.Ordinal);
        Assert.Empty(problems);
    }
}
