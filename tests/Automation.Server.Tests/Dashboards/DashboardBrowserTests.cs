using Automation.Server.Infrastructure;
using Automation.Tests.Shared;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Dashboards;

/// <summary>The server on a loopback port with the generated ledger, and Debian's chromium.</summary>
public sealed class DashboardBrowserFixture : IAsyncLifetime
{
    public ServerFactory Factory { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright? playwright;

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Factory.RealAddress = new Uri(BaseUrl);
        var database = Factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database;
        await LedgerSample.WriteAsync(database, LedgerSample.Generate(200, new DateOnly(2026, 1, 5), 90));
        await new Automation.Data.Reports.LedgerRollup(database).RebuildAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

public sealed class DashboardBrowserTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    [Fact]
    public async Task Manager_opens_the_overview_and_a_process_sees_labelled_charts_and_the_heatmap_and_downloads_the_workbook()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, Locale = "de-DE", AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync("leitung");
        await page.GetByLabel("Passwort").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");

        await page.GetByRole(AriaRole.Link, new() { Name = "Wirkung" }).ClickAsync();
        await page.GetByLabel("Von").FillAsync("2026-01-01");
        await page.GetByLabel("Bis").FillAsync("2026-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#processes")).ToContainTextAsync("200");
        var trend = page.GetByRole(AriaRole.Img, new() { Name = "Vorgänge je Monat" });
        await Assertions.Expect(trend.Locator("text", new() { HasText = "Vorgänge je Monat" })).ToBeVisibleAsync();
        await Assertions.Expect(trend.Locator("text", new() { HasText = "Feb 2026" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard-overview.png"), FullPage = true });

        await page.Locator("#processes a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#diagram[data-rendered='true']")).ToHaveCountAsync(1);
        Assert.True(await page.Locator("#diagram .heat").CountAsync() >= 5);
        await page.GetByLabel("Wartezeit").CheckAsync();
        await Assertions.Expect(page.Locator("#diagram")).ToHaveAttributeAsync("data-metric", "waiting");
        var carbon = page.GetByRole(AriaRole.Img, new() { Name = "Emissionen je Ausführung nach Komponente" });
        await Assertions.Expect(carbon.Locator("text", new() { HasText = "g CO₂e" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#carbon-balance tr", new() { HasText = "Zahlung anweisen" })).ToContainTextAsync("keine manuelle Vergleichsbasis");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard-process.png"), FullPage = true });

        // The report is built as a job: the button leads to the job page, which offers the file once it is done.
        await page.Locator("#workbook-button").ClickAsync();
        await Assertions.Expect(page.Locator("#job-file")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Contains("/auftraege/", page.Url, StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#job-file").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(file);
        try
        {
            using var book = new XLWorkbook(file);
            Assert.Equal(200, book.Worksheet("Zusammenfassung").RowsUsed().First(r => r.Cell(11).GetString() == "wohngeldantrag").Cell(2).GetDouble());
        }
        finally
        {
            File.Delete(file);
        }
        await context.DisposeAsync();
    }
}
