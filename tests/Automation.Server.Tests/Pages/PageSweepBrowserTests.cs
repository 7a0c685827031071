using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Infrastructure;
using Automation.Tests.Shared;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Pages;

/// <summary>The server with demo cases and the generated ledger (so the dashboards draw charts), and chromium.</summary>
public class SeededBrowserFixture : BrowserFixture
{
    /// <summary>Page, width and visible text already checked with axe: another role seeing the very same page adds nothing.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Checked { get; } = new(StringComparer.Ordinal);

    public SeededBrowserFixture() : base(new SeededServerFactory())
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var database = Factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database;
        await LedgerSample.WriteAsync(database, LedgerSample.Generate(60, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-80), 60));
        await new Automation.Data.Reports.LedgerRollup(database).RebuildAsync();
    }
}

/// <summary>
/// Every page route of the server (read from the endpoint table, so a new page is covered without editing this test),
/// visited by every role and anonymously at 1366 px and 390 px: no serious or critical axe finding (WCAG 2.1 AA as
/// BITV 2.0 / EN 301 549 asks) and no sideways scrolling of the page.
/// </summary>
public sealed class PageSweepBrowserTests(SeededBrowserFixture fixture) : IClassFixture<SeededBrowserFixture>
{
    public static TheoryData<string?, string> Roles => new()
    {
        { null, "" }, { "sachbearbeitung", "demo" }, { "prozess", "demo" }, { "leitung", "demo" }, { "jobcenter", "demo" }, { "admin", "admin-secret-1" },
    };

    private static readonly int[] Widths = [1366, 390];

    /// <summary>Page routes as written in the @page directives.</summary>
    internal static List<RoutePattern> PageRoutes(BrowserFixture fixture) =>
        fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern).DistinctBy(p => p.RawText).OrderBy(p => p.RawText, StringComparer.Ordinal).ToList();

    [Fact]
    public void The_sweep_finds_the_pages_of_every_area()
    {
        var routes = PageRoutes(fixture).Select(r => "/" + r.RawText!.TrimStart('/')).ToList();
        foreach (var known in new[] { "/", "/aufgaben", "/vorgaenge/{id:guid}", "/auswertung", "/transparenzregister", "/verwaltung/benutzer", "/jobcenter/bericht", "/entscheidungen/editor/{decisionKey?}" })
        {
            Assert.Contains(known, routes);
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_passes_axe_and_fits_the_screen_at_1366_and_390_px(string? user, string password)
    {
        var samples = await SampleValuesAsync(fixture);
        var paths = PageRoutes(fixture).Select(r => Path(r, samples)).ToList();
        var problems = new List<string>();
        var checkedPaths = 0;
        foreach (var width in Widths)
        {
            var page = await PageAsync(fixture, user, password, width);
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                // A page the role may not open sends it to the login or no-access page, which are checked on their own.
                if (!new Uri(page.Url).AbsolutePath.Equals(path, StringComparison.Ordinal)) continue;
                checkedPaths++;
                var where = $"{user ?? "anonym"} {width} px {path} ({response?.Status})";
                // Each role's own menu is checked on its start page; elsewhere a page whose content another role saw adds nothing.
                var seen = $"{width} {path} " + await page.EvaluateAsync<string>("() => document.querySelector('main')?.innerText ?? document.body.innerText");
                problems.AddRange(fixture.Checked.TryAdd(seen, true) ? await ProblemsAsync(page, where) : await OverflowAsync(page, where));
            }
            await page.Context.DisposeAsync();
        }
        Assert.True(checkedPaths >= 2 * 3, $"Only {checkedPaths} pages opened for {user ?? "anonym"}.");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Unknown_urls_under_the_pages_answer_a_german_page_in_the_layout_that_passes_axe()
    {
        foreach (var width in Widths)
        {
            var page = await PageAsync(fixture, "sachbearbeitung", "demo", width);
            foreach (var path in new[] { "/gibt-es-nicht", "/prozesse/gibt-es-nicht", "/vorgaenge/00000000-0000-0000-0000-000000000001" })
            {
                var response = await page.GotoAsync(path);
                Assert.True(response!.Status == 404, $"{path}: {response.Status}");
                Assert.Contains("text/html", response.Headers["content-type"], StringComparison.Ordinal);
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nicht gefunden");
                await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" })).ToBeVisibleAsync();
                var problems = await ProblemsAsync(page, $"{width} px {path}");
                Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            }
            await page.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_api_docs_render_under_the_servers_csp_without_requests_to_other_hosts()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var foreign = new List<string>();
        var refused = new List<string>();
        page.Request += (_, r) => { if (!r.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) foreign.Add(r.Url); };
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(m.Text); };
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync("admin");
        await page.GetByLabel("Passwort").FillAsync("admin-secret-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");
        await page.GotoAsync("/api/docs/");
        // Rendered from the server's OpenAPI document: its German tags become the sidebar's groups.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Betrieb", Exact = true }).First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(foreign);
        Assert.Empty(refused);
        await context.DisposeAsync();
    }

    /// <summary>The rules of WCAG 2.1 levels A and AA, which BITV 2.0 and EN 301 549 require (axe's best practices left out).</summary>
    private static readonly Deque.AxeCore.Commons.AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Logs in (or not) in a fresh context of the given width. CSP is bypassed only so that axe can be injected.</summary>
    internal static async Task<IPage> PageAsync(BrowserFixture fixture, string? user, string password, int width)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, Locale = "de-DE", ViewportSize = new ViewportSize { Width = width, Height = 900 }, BypassCSP = true,
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        if (user is null) return page;
        await page.GotoAsync("/anmelden");
        await page.GetByLabel("Benutzername").FillAsync(user);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");
        return page;
    }

    /// <summary>Serious and critical axe findings and any sideways overflow of the page at its current width.</summary>
    internal static async Task<List<string>> ProblemsAsync(IPage page, string where)
    {
        var problems = (await page.RunAxe(Wcag21AA)).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}) {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        problems.AddRange(await OverflowAsync(page, where));
        return problems;
    }

    /// <summary>Sideways overflow of the page at its current width, naming the elements that stick out.</summary>
    internal static async Task<List<string>> OverflowAsync(IPage page, string where)
    {
        var problems = new List<string>();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
        {
            // Name the widest elements so the fix is obvious from the failure.
            var culprits = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
                ".slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''))");
            problems.Add($"{where}: {overflow} px wider than the screen ({string.Join(", ", culprits)})");
        }
        return problems;
    }

    internal static string Path(RoutePattern route, Dictionary<string, string> samples)
    {
        var segments = new List<string>();
        foreach (var segment in route.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart { IsOptional: true } p when !samples.ContainsKey(p.Name) => "",
                // A typed parameter ({id:long}) may need another sample than one of the same name ({id:guid}).
                RoutePatternParameterPart p => samples.TryGetValue(p.Name + ":" + string.Join(":", p.ParameterPolicies.Select(c => c.Content)), out var value)
                    || samples.TryGetValue(p.Name, out value) ? Uri.EscapeDataString(value)
                    : throw new InvalidOperationException($"No sample value for {{{p.Name}}} in {route.RawText}: add one to SampleValuesAsync."),
                _ => throw new InvalidOperationException($"Unexpected route part in {route.RawText}."),
            }));
            if (text.Length > 0) segments.Add(text);
        }
        return "/" + string.Join('/', segments);
    }

    /// <summary>A value for every route parameter, from the demo data.</summary>
    internal static async Task<Dictionary<string, string>> SampleValuesAsync(BrowserFixture fixture)
    {
        using var admin = fixture.Factory.ApiClient("admin");
        using var clerk = fixture.Factory.ApiClient("sachbearbeitung");
        var task = (await clerk.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().First();
        var definitions = (await admin.GetFromJsonAsync<JsonElement>("/api/definitions")).EnumerateArray().ToList();
        var wohngeld = definitions.First(d => d.GetProperty("processId").GetString() == "wohngeldantrag");
        string? definitionId = null, nodeId = null;
        foreach (var version in definitions.SelectMany(d => d.GetProperty("versions").EnumerateArray()))
        {
            var id = version.GetProperty("id").GetInt64();
            var steps = (await admin.GetFromJsonAsync<JsonElement>($"/api/register/{id}")).GetProperty("steps");
            if (steps.GetArrayLength() == 0) continue;
            (definitionId, nodeId) = (id.ToString(System.Globalization.CultureInfo.InvariantCulture), steps[0].GetProperty("nodeId").GetString());
            break;
        }
        var factors = await admin.GetFromJsonAsync<JsonElement>("/api/factors");
        var factor = (factors.ValueKind == JsonValueKind.Array ? factors : factors.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value)[0];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["userName"] = "sachbearbeitung",
            ["id"] = task.GetProperty("caseId").GetString()!,
            ["id:long"] = definitionId ?? throw new InvalidOperationException("No definition with register steps."),
            ["caseId"] = task.GetProperty("caseId").GetString()!,
            ["waitId"] = task.GetProperty("waitId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["processId"] = wohngeld.GetProperty("processId").GetString()!,
            ["definitionId"] = definitionId ?? throw new InvalidOperationException("No definition with register steps."),
            ["nodeId"] = nodeId!,
            ["key"] = factor.GetProperty("key").GetString()!,
            // Only the one-time link from the log opens the form; any other token is the German 404 page.
            ["token"] = "kein-gueltiger-link",
            ["status"] = "404",
        };
    }
}
