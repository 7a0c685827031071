using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Automation.Server.Tests;

/// <summary>The server on a real loopback port plus Debian's chromium driven by Playwright (nothing is downloaded).</summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture() : this(new ServerFactory())
    {
    }

    /// <summary>A fixture around another server (e.g. one with demo cases).</summary>
    protected BrowserFixture(ServerFactory factory) => Factory = factory;

    public ServerFactory Factory { get; }

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright? playwright;

    public static string ScreenshotFolder => Path.Combine(ServerFactory.RepositoryRoot, "TestResults", "screenshots");

    public virtual async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Factory.RealAddress = new Uri(BaseUrl);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> LoginAsync(string user, string password)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        // Generous: the machine's two cores are shared with the other test classes running in parallel.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync(user);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");
        return page;
    }

    [Fact]
    public async Task Clerk_logs_in_completes_a_task_from_the_inbox_and_sees_the_case_advance()
    {
        var admin = fixture.Factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, "wohngeldantrag", "AZ-BROWSER-1");

        var page = await LoginAsync("sachbearbeitung", "demo");
        await page.GotoAsync("/aufgaben");
        var row = page.Locator("tr[data-business-key='AZ-BROWSER-1']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "inbox.png"), FullPage = true });

        await row.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Aktenzeichen")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByLabel("Aktenzeichen").FillAsync("AZ-BROWSER-1");
        await page.GetByLabel("Eingangsdatum").FillAsync("2026-11-20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abschließen" }).ClickAsync();

        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Antragseingang bestätigen", new() { Timeout = 60_000 });
        Assert.EndsWith($"/vorgaenge/{caseId}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#open-steps")).ToContainTextAsync("Vollständigkeit prüfen");
        // The diagram is drawn when the viewer bundle is there; otherwise the page says so and still shows the history.
        await page.WaitForFunctionAsync("() => document.querySelector('#diagram[data-rendered]') || !document.querySelector('#diagram-notice').hidden");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "instance-detail.png"), FullPage = true });

        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.Contains("Task_VollstaendigkeitPruefen", detail.GetProperty("activeNodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("AZ-BROWSER-1", detail.GetProperty("variables").GetProperty("aktenzeichen").GetString());
    }

    /// <summary>Needs the modeler bundle (wwwroot/dist/modeler.js, built from ClientApp/ by its MSBuild targets).</summary>
    [Fact]
    public async Task Process_owner_changes_the_occupation_code_in_the_modeler_publishes_and_sees_version_2()
    {
        // A sample process with its diagram (BPMNDI), published on first start as version 1.
        var owner = fixture.Factory.ApiClient("prozess");
        var page = await LoginAsync("prozess", "demo");
        await page.GotoAsync("/modeler/urlaubsantrag");
        await Assertions.Expect(page.Locator("#modeler-notice")).ToBeHiddenAsync();
        await page.Locator(".djs-element[data-element-id='Task_Entscheiden']").ClickAsync(new() { Position = new Position { X = 10, Y = 10 } });
        // The am: fields sit in a collapsible group of the properties panel.
        var header = page.Locator(".bio-properties-panel-group-header", new() { HasText = "Aufwand und Automatisierung" });
        if (!((await header.GetAttributeAsync("class")) ?? "").Contains("open", StringComparison.Ordinal)) await header.ClickAsync();
        var occupation = page.GetByLabel("Berufskennziffer (KldB)");
        Assert.Equal("am-occupation", await occupation.GetAttributeAsync("name"));
        await occupation.FillAsync("71402");
        await occupation.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#modeler-status")).ToContainTextAsync("urlaubsantrag Version 2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "modeler.png"), FullPage = true });

        var versions = await owner.GetFromJsonAsync<JsonElement>("/api/definitions/urlaubsantrag/versions");
        var latest = versions[0];
        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        Assert.True(latest.GetProperty("published").GetBoolean());
        var source = await owner.GetStringAsync($"/api/definitions/{latest.GetProperty("id").GetInt64()}/source");
        Assert.Contains("71402", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_owner_fills_in_a_register_entry_publishes_and_anyone_sees_it_in_the_public_register_without_login()
    {
        var owner = fixture.Factory.ApiClient("prozess");
        var stored = await owner.PostAsync("/api/definitions?fileName=test.bpmn", TestBpmn.Xml(RegisterTests.AutoStep("reg-browser", "Gebühr berechnen")));
        var id = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0].GetProperty("id").GetInt64();

        var page = await LoginAsync("prozess", "demo");
        await page.GotoAsync($"/register/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "bearbeiten (Gebühr berechnen)" }).ClickAsync();
        var fields = new Dictionary<string, string>
        {
            ["Zweck"] = "Berechnet die Gebühr nach der Gebührenordnung.",
            ["Rechtsgrundlage"] = "§ 4 Gebührensatzung",
            ["Menschliche Aufsicht"] = "Die Sachbearbeitung prüft jede Gebühr.",
            ["Betroffene Personengruppen"] = "Antragstellende",
            ["Verwendete Daten"] = "Fahrzeugart",
            ["System oder Modell"] = "Regel im Prozessmodell",
            ["Anbieter"] = "Stadt",
            ["Verantwortliche Stelle"] = "Ordnungsamt",
            ["Kontakt (Funktionspostfach oder -telefon)"] = "ordnungsamt@stadt.example",
        };
        foreach (var (label, value) in fields) await page.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        await page.GetByLabel("Automatisierungsstufe", new() { Exact = true }).SelectOptionAsync("decision-preparing");
        await page.GetByLabel("Risikoklasse nach KI-Verordnung", new() { Exact = true }).SelectOptionAsync("none");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.data")).ToContainTextAsync("vollständig");
        await page.GetByRole(AriaRole.Button, new() { Name = "Version veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Veröffentlicht");

        // A fresh browser context: nobody is logged in.
        var anonymous = await (await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, Locale = "de-DE" })).NewPageAsync();
        await anonymous.GotoAsync("/transparenzregister");
        Assert.EndsWith("/transparenzregister", anonymous.Url, StringComparison.Ordinal);
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Transparenzregister");
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Heading, new() { Name = "Gebühr berechnen (automatisiert)" })).ToBeVisibleAsync();
        await Assertions.Expect(anonymous.Locator("body")).ToContainTextAsync("ordnungsamt@stadt.example");
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Heading, new() { Name = "Eingang klassifizieren (KI-gestützt)" })).ToBeVisibleAsync();
        await anonymous.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "transparenzregister.png"), FullPage = true });
    }
}
