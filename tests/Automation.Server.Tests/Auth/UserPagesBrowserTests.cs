using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Auth;

/// <summary>The user and token pages in chromium at phone width (390 px): no serious or critical axe finding, no sideways scrolling.</summary>
public sealed class UserPagesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> LoginAsync(string user, string password)
    {
        // CSP is bypassed only so that axe can be injected; the pages themselves run under the server's policy otherwise.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, BypassCSP = true,
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync(user);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");
        return page;
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

    [Fact]
    public async Task User_and_token_pages_pass_axe_and_fit_a_390_px_screen_for_administrators_and_clerks()
    {
        await fixture.Factory.ApiClient("admin").PostAsync("/api/admin/tokens",
            System.Net.Http.Json.JsonContent.Create(new { user = "sachbearbeitung", name = "Fachverfahren Gewerbeanmeldung mit langem Namen" }));
        var admin = await LoginAsync("admin", "admin-secret-1");
        var problems = new List<string>();
        foreach (var path in new[] { "/verwaltung/benutzer", "/verwaltung/benutzer/sachbearbeitung", "/verwaltung/tokens" })
        {
            problems.AddRange(await ProblemsAsync(admin, path));
        }
        var clerk = await LoginAsync("sachbearbeitung", "demo");
        problems.AddRange(await ProblemsAsync(clerk, "/verwaltung/tokens"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_administrator_creates_a_user_with_the_keyboard_friendly_form_and_finds_it_in_the_list()
    {
        var page = await LoginAsync("admin", "admin-secret-1");
        await page.GotoAsync("/verwaltung/benutzer");
        await page.GetByLabel("Anmeldename").FillAsync("browser.person");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Bruno Browser");
        await page.GetByLabel("Sachbearbeitung").CheckAsync();
        await page.GetByLabel("Postkörbe (durch Komma getrennt)").FillAsync("buergerservice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Person anlegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("„browser.person“ wurde angelegt");
        await Assertions.Expect(page.Locator("tr[data-user='browser.person']")).ToContainTextAsync("Bruno Browser");
    }
}
