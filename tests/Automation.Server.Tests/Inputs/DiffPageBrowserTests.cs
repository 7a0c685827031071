using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Inputs;

/// <summary>The version comparison and the paging notice in a real browser: axe-core finds nothing serious, and at 390 px nothing scrolls sideways.</summary>
public sealed class DiffPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> LoginAsync(string user, int width)
    {
        // axe is injected as a script, which the server's CSP refuses unless the context bypasses it.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, Locale = "de-DE", BypassCSP = true, ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync(user);
        await page.GetByLabel("Passwort").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");
        return page;
    }

    private static async Task AssertAccessibleAndNarrowAsync(IPage page)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.Empty(serious);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the screen");
    }

    [Theory]
    [InlineData(1400)]
    [InlineData(390)]
    public async Task The_diff_page_with_element_changes_is_accessible_and_fits_a_phone(int width)
    {
        var owner = fixture.Factory.ApiClient("prozess");
        var before = TestBpmn.TwoTasks("browserdiff");
        await TestBpmn.PublishAsync(owner, before);
        await TestBpmn.PublishAsync(owner, before.Replace("Bescheid schreiben", "Bescheid mit einem sehr langen Namen schreiben und versenden", StringComparison.Ordinal)
            .Replace("occupation=\"73203\"", "occupation=\"71402\"", StringComparison.Ordinal));
        var page = await LoginAsync("prozess", width);

        await page.GotoAsync("/prozesse/browserdiff/diff?from=1&to=2");

        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Task_Zwei");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"diff-{width}.png"), FullPage = true });
        await AssertAccessibleAndNarrowAsync(page);
    }

    [Fact]
    public async Task The_case_list_notice_for_a_page_out_of_range_is_accessible()
    {
        var page = await LoginAsync("sachbearbeitung", 390);

        var response = await page.GotoAsync("/vorgaenge?seite=99999999999");

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Diese Seite gibt es nicht");
        await AssertAccessibleAndNarrowAsync(page);
    }
}
