using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Journeys;

/// <summary>The journeys share one seeded server and one browser, and run one after another (they time real pages).</summary>
[CollectionDefinition(Name)]
public sealed class JourneyGroup : ICollectionFixture<JourneyFixture>
{
    public const string Name = "Journeys";
}

/// <summary>
/// The seeded server (demo cases and a ledger, so the dashboards draw) and chromium, with one browser login per user
/// for the whole run: each later page of that user starts from the saved session, so the login throttle never bites.
/// </summary>
public sealed class JourneyFixture : Pages.SeededBrowserFixture
{
    /// <summary>Demo users and their passwords (appsettings of the demo).</summary>
    private static readonly Dictionary<string, string> Passwords = new(StringComparer.Ordinal)
    {
        ["sachbearbeitung"] = "demo", ["prozess"] = "demo", ["leitung"] = "demo", ["jobcenter"] = "demo", ["admin"] = "admin-secret-1",
    };

    private readonly ConcurrentDictionary<string, string> sessions = new(StringComparer.Ordinal);

    /// <summary>Where the journeys' screenshots go: TestResults/journeys/&lt;role&gt;/&lt;nn&gt;-&lt;step&gt;.png under the repository (scripts/test.sh prints it).</summary>
    public static string Folder => Path.Combine(ServerFactory.RepositoryRoot, "TestResults", "journeys");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Only this run's screenshots: a step renamed or removed must not leave an old picture behind.
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>
    /// A page of a fresh context at the given width, signed in as <paramref name="user"/> (null: anonymous). The first
    /// call for a user logs in through the login page; later ones reuse its cookies. CSP is bypassed only for axe.
    /// </summary>
    public async Task<IPage> PageAsync(string? user, int width = 1366)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = width, Height = 900 }, BypassCSP = true, AcceptDownloads = true,
        };
        if (user is not null && sessions.TryGetValue(user, out var state)) options.StorageState = state;
        var context = await Browser.NewContextAsync(options);
        // Generous: the machine's two cores are shared with other test classes.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        if (user is null || options.StorageState is not null) return page;
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync(user);
        await page.GetByLabel("Passwort").FillAsync(Passwords[user]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");
        sessions[user] = await context.StorageStateAsync();
        return page;
    }
}

/// <summary>
/// One role's walk through its guide: every step is checked with axe (no serious or critical finding, no sideways
/// scrolling) and saved as a full-page screenshot; the findings of all steps fail the test together at the end.
/// </summary>
public sealed class Journey(string role)
{
    private readonly List<string> problems = [];
    private int step;

    /// <summary>Checks the page as it is now and saves it as the next step's screenshot.</summary>
    public async Task StepAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        problems.AddRange(await Pages.PageSweepBrowserTests.ProblemsAsync(page, $"{role} {step + 1:00}-{name} ({page.ViewportSize?.Width} px, {page.Url})"));
        await PictureAsync(page, name);
    }

    /// <summary>Saves the next step's screenshot without axe, for what is not a page of the server (e.g. JSON the browser shows as text).</summary>
    public async Task PictureAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        step++;
        var folder = Path.Combine(JourneyFixture.Folder, role);
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{step:00}-{name}.png"), FullPage = true });
    }

    /// <summary>Fails with every finding of every step.</summary>
    public void AssertNoProblems() => Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
}
