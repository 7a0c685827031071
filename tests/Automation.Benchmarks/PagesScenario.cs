using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;

namespace Automation.Benchmarks;

/// <summary>
/// First paint of every page, per role, in Debian's chromium (Playwright) against the Release server on loopback with
/// the demo data: the pages of each role's menu, plus one case and one task page. The figure is the browser's
/// first-contentful-paint, measured from navigation start, so it includes the server's answer; the median over the
/// rounds after one unrecorded visit (the first visit is the crawl's; the server compiles each page on its first request).
/// </summary>
internal static class PagesScenario
{
    // Issue 17, item 8.
    private const double TargetMs = 1000;

    private const string Paint = """
        () => new Promise(resolve => {
          const seen = performance.getEntriesByName('first-contentful-paint')[0];
          if (seen) { resolve(seen.startTime); return; }
          new PerformanceObserver(list => resolve(list.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
          setTimeout(() => resolve(-1), 5000);
        })
        """;

    public static async Task<int> RunAsync(string serverDll, string workflows, int rounds, bool enforceTargets)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Automation pages benchmark: first contentful paint, {rounds} round(s) per page after one unrecorded visit, {Environment.ProcessorCount} cores, load average {StartScenario.LoadAverage()}"));
        var dir = Path.Combine(Path.GetTempPath(), "automation-pages-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        using var server = StartScenario.StartServer(serverDll, workflows, dir, adminPassword, out var baseUrl);
        try
        {
            await StartScenario.WaitHealthyAsync(server, baseUrl, Stopwatch.StartNew());
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var results = new List<(string Role, string Path, double MedianMs)>();
            foreach (var (user, password) in new (string? User, string Password)[]
                     { (null, ""), ("sachbearbeitung", "demo"), ("prozess", "demo"), ("leitung", "demo"), ("jobcenter", "demo"), ("admin", adminPassword) })
            {
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "de-DE" });
                var page = await context.NewPageAsync();
                if (user is not null) await LogInAsync(page, user, password);
                foreach (var path in await PathsAsync(page, user is null))
                {
                    if (!await TryGotoAsync(page, path)) continue;
                    var times = new List<double>();
                    for (var visit = 0; visit <= rounds; visit++)
                    {
                        await page.GotoAsync(path);
                        var ms = await page.EvaluateAsync<double>(Paint);
                        if (visit > 0) times.Add(ms);
                    }
                    if (times.Any(t => t < 0)) throw new InvalidOperationException($"{path} ({user ?? "anonym"}) painted nothing within 5 s");
                    results.Add((user ?? "anonym", path, StartScenario.Median(times)));
                }
            }
            foreach (var (role, path, ms) in results.OrderByDescending(r => r.MedianMs))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms,7:F0} ms  {role,-16} {path}"));
            var worst = results.Max(r => r.MedianMs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{results.Count} page visits of {results.Select(r => r.Path).Distinct().Count()} pages; slowest first paint (median): {worst:F0} ms (target ≤ {TargetMs:F0} ms)"));
            var met = worst <= TargetMs;
            if (!met) Console.WriteLine(enforceTargets ? "TARGET MISSED" : "target missed (--smoke: not enforced)");
            return met || !enforceTargets ? 0 : 1;
        }
        finally
        {
            await StartScenario.StopAsync(server);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task LogInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/anmelden");
        await page.Locator("input[name=UserName]").FillAsync(user);
        await page.Locator("input[name=Password]").FillAsync(password);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/anmelden", StringComparison.Ordinal));
    }

    /// <summary>
    /// The role's menu pages and, one level down, the first link of each address shape on them (a case, a task, a
    /// process's dashboard, the upload page …); ids become placeholders for the shape, query strings and files are left out.
    /// </summary>
    private static async Task<List<string>> PathsAsync(IPage page, bool anonymous)
    {
        await page.GotoAsync("/");
        var menu = (await LinksAsync(page, "nav a[href^='/']")).Prepend("/").Distinct(StringComparer.Ordinal).ToList();
        if (anonymous) menu.AddRange(["/transparenzregister", "/offene-daten", "/anmelden"]);
        var shapes = new HashSet<string>(menu.Select(Shape), StringComparer.Ordinal);
        var paths = new List<string>(menu);
        foreach (var source in menu)
        {
            if (!await TryGotoAsync(page, source)) continue;
            foreach (var link in await LinksAsync(page, "main a[href^='/']"))
            {
                if (shapes.Add(Shape(link))) paths.Add(link);
            }
        }
        return paths;
    }

    private static async Task<IEnumerable<string>> LinksAsync(IPage page, string selector) =>
        (await page.EvalOnSelectorAllAsync<string[]>(selector, "links => links.filter(a => !a.hasAttribute('download')).map(a => a.getAttribute('href'))"))
            .Where(p => !p.Contains('?', StringComparison.Ordinal) && !p.Contains('#', StringComparison.Ordinal)
                && !p.StartsWith("/abmelden", StringComparison.Ordinal) && !p.StartsWith("/api/", StringComparison.Ordinal)
                && !Path.HasExtension(p));

    /// <summary>Opens a page; false for an address that answers with a download instead of a page.</summary>
    private static async Task<bool> TryGotoAsync(IPage page, string path)
    {
        try
        {
            var response = await page.GotoAsync(path);
            return response is { Ok: true } && (await response.HeaderValueAsync("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal);
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    /// <summary>The address with its ids replaced: /vorgaenge/{id}, /aufgaben/{id}/{n}.</summary>
    private static string Shape(string path) => string.Join('/', path.Split('/').Select(part =>
        Guid.TryParse(part, out _) || long.TryParse(part, CultureInfo.InvariantCulture, out _) ? "{id}" : part));
}
