using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Pages;

/// <summary>
/// The clerk's journey with the keyboard alone on a phone-sized screen: log in, open the inbox, claim, fill in,
/// complete. Every control reached shows a visible focus outline and sits on the screen without sideways scrolling.
/// </summary>
public sealed class KeyboardJourneyBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>How the focused element looks: its outline and whether the page had to scroll sideways to show it.</summary>
    private sealed record Focus(string Tag, string Text, string OutlineStyle, double OutlineWidth, double ScrollX, double Right, double ViewportWidth);

    private const string FocusScript =
        "() => { const e = document.activeElement; const s = getComputedStyle(e); const r = e.getBoundingClientRect();" +
        " return { tag: e.tagName.toLowerCase(), text: (e.innerText || e.value || e.id || '').trim().slice(0, 60), outlineStyle: s.outlineStyle," +
        " outlineWidth: parseFloat(s.outlineWidth) || 0, scrollX: window.scrollX, right: r.right, viewportWidth: window.innerWidth }; }";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Presses Tab until the focused element satisfies the test; checks the focus indicator of each stop.</summary>
    private static async Task TabToAsync(IPage page, string isTarget, List<string> problems, int maxTabs = 60)
    {
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = JsonSerializer.Deserialize<Focus>((await page.EvaluateAsync<JsonElement>(FocusScript)).GetRawText(), Web)!;
            if (focus.Tag != "body")
            {
                if (focus.OutlineStyle == "none" || focus.OutlineWidth <= 0) problems.Add($"{page.Url}: no visible focus on <{focus.Tag}> „{focus.Text}“");
                if (focus.ScrollX > 0 || focus.Right > focus.ViewportWidth + 1) problems.Add($"{page.Url}: <{focus.Tag}> „{focus.Text}“ lies beside the screen");
            }
            if (await page.EvaluateAsync<bool>($"() => {{ const e = document.activeElement; return {isTarget}; }}")) return;
        }
        throw new InvalidOperationException($"{page.Url}: {maxTabs} Tab presses did not reach {isTarget}.");
    }

    [Fact]
    public async Task Clerk_logs_in_claims_fills_in_and_completes_a_task_with_the_keyboard_alone_at_390_px()
    {
        using var admin = fixture.Factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag", "AZ-TASTATUR-1");
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        await page.GotoAsync("/anmelden");
        await TabToAsync(page, "e.id === 'UserName'", problems);
        await page.Keyboard.TypeAsync("sachbearbeitung");
        await TabToAsync(page, "e.id === 'Password'", problems);
        await page.Keyboard.TypeAsync("demo");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");

        // The skip link is the first stop on every page.
        await TabToAsync(page, "e.classList.contains('skip-link')", problems, maxTabs: 1);
        await TabToAsync(page, "e.getAttribute('href') === '/aufgaben'", problems);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aufgaben");

        await TabToAsync(page, "e.tagName === 'BUTTON' && e.closest('tr')?.dataset.businessKey === 'AZ-TASTATUR-1'", problems, maxTabs: 200);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByLabel("Aktenzeichen")).ToBeVisibleAsync();

        await TabToAsync(page, "e.labels?.[0]?.textContent.startsWith('Aktenzeichen')", problems);
        await page.Keyboard.TypeAsync("AZ-TASTATUR-1");
        await TabToAsync(page, "e.labels?.[0]?.textContent.startsWith('Eingangsdatum')", problems);
        // A date field takes its digits segment by segment in the order of the browser's own date format, which need not
        // follow the page's locale (headless Chromium keeps month/day/year under de-DE): with day = month only the
        // year's place matters, and it comes last in both orders.
        await page.Keyboard.TypeAsync("11112026");
        await TabToAsync(page, "e.tagName === 'BUTTON' && e.textContent.trim() === 'Abschließen'", problems);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Antragseingang bestätigen");
        Assert.EndsWith($"/vorgaenge/{caseId}", page.Url, StringComparison.Ordinal);
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Equal("AZ-TASTATUR-1", detail.GetProperty("variables").GetProperty("aktenzeichen").GetString());
        Assert.Equal("2026-11-11", detail.GetProperty("variables").GetProperty("eingangsdatum").GetString()?[..10]);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await context.DisposeAsync();
    }
}
