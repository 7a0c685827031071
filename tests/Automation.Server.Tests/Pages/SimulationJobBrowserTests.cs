using Microsoft.Playwright;

namespace Automation.Server.Tests.Pages;

/// <summary>
/// A manager runs a simulation in Chromium at phone width: the page shows the job's progress (passing axe, fitting
/// 390 px) and, without a manual reload, the result once the job has ended.
/// </summary>
public sealed class SimulationJobBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_progress_page_passes_axe_at_390_px_and_turns_into_the_result_by_itself()
    {
        using var owner = fixture.Factory.ApiClient("admin");
        var published = await TestBpmn.PublishAsync(owner, TestBpmn.TwoTasks("br-sim-job"));
        var id = published.GetProperty("versions")[0].GetProperty("id").GetInt64();
        var page = await PageSweepBrowserTests.PageAsync(fixture, "leitung", "demo", 390);
        await page.GotoAsync($"/simulation?version={id}");
        await page.GetByLabel("Szenariodatei (JSON)").FillAsync("""
            { "replications": 8, "roles": { "sachbearbeitung": { "people": 2 } },
              "scenarios": [ { "name": "Prüfen automatisiert", "changes": [ { "type": "automate", "step": "Task_Pruefen" } ] } ] }
            """);
        // Large enough that the first page shows the job running on this machine, small enough to end within the wait.
        await page.GetByLabel("Fälle je Wiederholung").FillAsync("60000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulieren" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Simulation von 60.000 Fällen je Wiederholung" })).ToBeVisibleAsync();
        Assert.Contains("auftrag=", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("progress")).ToHaveCountAsync(1);
        var problems = await PageSweepBrowserTests.ProblemsAsync(page, "Simulation läuft (390 px)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "simulation-laeuft-390.png"), FullPage = true });
        // No click: the page's script asks for the job's state and loads the result itself.
        await Assertions.Expect(page.GetByText("Fertig am", new() { Exact = false })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("progress")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Vollzeitäquivalente nach Beruf", new() { Exact = false })).ToBeVisibleAsync();
        problems.AddRange(await PageSweepBrowserTests.ProblemsAsync(page, "Simulation fertig (390 px)"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.Context.DisposeAsync();
    }
}
