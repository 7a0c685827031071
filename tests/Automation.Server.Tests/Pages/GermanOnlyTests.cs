using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Pages;

/// <summary>The English-word search itself: it must catch what issue 17 names and leave German, ids and addresses alone.</summary>
public sealed class EnglishWordsTests
{
    [Theory]
    [InlineData("Create")]
    [InlineData("General")]
    [InlineData("Stand: Status")]
    [InlineData("Waiting")]
    [InlineData("Completed")]
    [InlineData("Ausgewählt: true/false")]
    [InlineData("Anteil 0.580")]
    [InlineData("Quote 83.3 %")]
    [InlineData("Fl\\u00FCsse")]
    [InlineData("Gr&amp;ouml;&szlig;e")]
    [InlineData("Prüfen (Error)")]
    [InlineData("Vorgang WG-59 wohngeldantrag Running 14.11.2026")]
    [InlineData("Ende 0.5.")]
    [InlineData("Es gilt: 5 replications per scenario (default)")]
    [InlineData("Betrag (number)")]
    [InlineData("Wenn Betrag string Dann Hit Policy: Eindeutig")]
    public void Catches(string text) => Assert.NotEmpty(EnglishWords.Hits(text));

    [Theory]
    [InlineData("Vorgänge abgeschlossen: 1.600 h am 06.12.2026, 14:30 Uhr; Anteil 83,3 % oder 0,580")]
    [InlineData("Element Event_0x1 („Unterlagen eingegangen“) in Zeile 5, Code missing-reference")]
    [InlineData("Siehe /api/docs und https://example.org/status/completed")]
    [InlineData("BPMN 2.0 und DMN 1.3; exklusives Gateway; Open Data")]
    [InlineData("Betrag 1.234,5 €; Stand vom 6.12.2026.")]
    [InlineData("erledigt 06.12. 04:02:04, Schritt 3.")]
    public void Leaves_german_ids_addresses_and_standards_alone(string text) => Assert.Empty(EnglishWords.Hits(text));
}

/// <summary>
/// Issue 17 item 3: every page for every role and the API's error answers (400, 404, 409, 422 of each resource) in
/// German. Pages: the visible text of each route of the page sweep (code and pre blocks left out: they show the process
/// model's own text); API: title and detail of each Problem Details answer, which must carry a stable code too.
/// </summary>
public sealed class GermanOnlyBrowserTests(SeededBrowserFixture fixture) : IClassFixture<SeededBrowserFixture>
{
    /// <summary>
    /// What a person reads on the page: the title and every shown text node, placeholders and button values. Prose leaves
    /// out code (code, pre, kbd, samp: ids, codes, file formats, the model's own text) and the modeler's canvas; the
    /// factor table's sources and notes are read like any text (only <see cref="CitedTitles"/> are taken out). JSON
    /// escapes are searched in all of it, code included.
    /// </summary>
    private const string VisibleText = """
        () => {
            const skip = 'script, style, noscript, template, code, pre, kbd, samp, .bjs-container, .djs-container';
            const prose = [document.title], all = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (!parent || parent.closest('script, style, noscript, template') || parent.getClientRects().length === 0) continue;
                const text = node.textContent.trim();
                if (!text) continue;
                all.push(text);
                if (!parent.closest(skip)) prose.push(text);
            }
            for (const e of document.querySelectorAll('[placeholder], input[type=submit], input[type=button], select')) {
                if (e.getClientRects().length === 0) continue;
                const shown = e.tagName === 'SELECT' ? (e.selectedOptions[0]?.text ?? '') : (e.placeholder || e.value);
                prose.push(shown); all.push(shown);
            }
            return [prose.join('\n'), all.join('\n')];
        }
        """;

    /// <summary>
    /// Titles of publications the seeded factor table cites in its sources: a citation names a work as it was
    /// published, so an English title or a model's version number (TREMOD 6.02 of the Umweltbundesamt) is not interface
    /// text. Only what the check would otherwise flag is listed.
    /// </summary>
    internal static readonly string[] CitedTitles = ["Software Carbon Intensity (SCI) specification v1.1.0", "TREMOD 6.02", "From Words to Watts", "arXiv 2407.16893"];

    internal static string WithoutCitedTitles(string text) => CitedTitles.Aggregate(text, (t, title) => t.Replace(title, " ", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(PageSweepBrowserTests.Roles), MemberType = typeof(PageSweepBrowserTests))]
    public async Task Every_page_reads_german_for_every_role(string? user, string password)
    {
        var samples = await PageSweepBrowserTests.SampleValuesAsync(fixture);
        var paths = PageSweepBrowserTests.PageRoutes(fixture).Select(r => PageSweepBrowserTests.Path(r, samples)).ToList();
        var page = await PageSweepBrowserTests.PageAsync(fixture, user, password, 1366);
        var hits = new List<string>();
        var read = 0;
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            if (!new Uri(page.Url).AbsolutePath.Equals(path, StringComparison.Ordinal)) continue;
            read++;
            var texts = await page.EvaluateAsync<string[]>(VisibleText);
            hits.AddRange(EnglishWords.Hits(WithoutCitedTitles(texts[0])).Concat(EnglishWords.Escapes(texts[1])).Select(h => $"{user ?? "anonym"} {path}: {h}"));
        }
        await page.Context.DisposeAsync();
        Assert.True(read >= 3, $"Only {read} pages opened for {user ?? "anonym"}.");
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits.Distinct()));
    }

    [Fact]
    public async Task The_decision_editor_reads_german_with_a_table_its_column_editor_and_its_menus_open()
    {
        var page = await PageSweepBrowserTests.PageAsync(fixture, "prozess", "demo", 1366);
        await page.GotoAsync("/entscheidungen/editor");
        await Assertions.Expect(page.Locator("html[data-dmn-editor-ready='true']")).ToHaveCountAsync(1);
        var table = page.Locator("#dmn-editor");
        await Assertions.Expect(table.Locator("th.input-cell")).ToHaveCountAsync(1);
        var hits = new List<string>();
        async Task ReadAsync(string state)
        {
            var texts = await page.EvaluateAsync<string[]>(VisibleText);
            // Titles and labels of the table's controls are read out by screen readers: they count as text too.
            var titles = await table.EvaluateAsync<string>("t => [...t.querySelectorAll('[title], [aria-label]')].map(e => (e.getAttribute('title') || '') + ' ' + (e.getAttribute('aria-label') || '')).join('\\n')");
            hits.AddRange(EnglishWords.Hits(texts[0] + "\n" + titles).Concat(EnglishWords.Escapes(texts[1])).Select(h => $"{state}: {h}"));
        }
        await ReadAsync("Tabelle");
        // The column editor of the input (expression, label, type select), of the output, a rule's menu, the hit policy.
        await table.Locator("th.input-cell").First.DblClickAsync();
        await Assertions.Expect(page.Locator(".type-ref-edit-select")).ToBeVisibleAsync();
        await ReadAsync("Eingabespalte bearbeiten");
        await page.Keyboard.PressAsync("Escape");
        await table.Locator("th.output-cell").First.DblClickAsync();
        await Assertions.Expect(page.Locator(".type-ref-edit-select")).ToBeVisibleAsync();
        await ReadAsync("Ausgabespalte bearbeiten");
        await page.Keyboard.PressAsync("Escape");
        await table.Locator("td[data-row-id='Regel_1']").First.ClickAsync(new() { Button = MouseButton.Right });
        await Assertions.Expect(page.Locator(".context-menu")).ToBeVisibleAsync();
        await ReadAsync("Kontextmenü einer Regel");
        await page.Keyboard.PressAsync("Escape");
        await page.Context.DisposeAsync();
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits.Distinct()));
    }

    [Fact]
    public async Task Every_api_error_answer_is_german_and_carries_a_code()
    {
        var routes = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern)))
            .Distinct().ToList();
        using var admin = fixture.Factory.ApiClient("admin");
        var problems = new List<string>();
        var answers = 0;
        foreach (var (method, route) in routes)
        {
            // Unknown ids answer 404; a body of broken JSON answers 400; a route without either is asked as it is.
            var path = "/" + string.Join('/', route.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "guid") => "00000000-0000-0000-0000-00000000abcd",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content is "long" or "int") => "987654321",
                _ => "gibt-es-nicht",
            }))));
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{\"kaputt\": ", Encoding.UTF8, "application/json");
            using var response = await admin.SendAsync(request);
            if ((int)response.StatusCode < 400 || response.Content.Headers.ContentType?.MediaType != "application/problem+json") continue;
            answers++;
            var where = $"{method} {path} ({(int)response.StatusCode})";
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (!body.RootElement.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String) problems.Add($"{where}: no code");
            foreach (var field in new[] { "title", "detail" })
            {
                var text = body.RootElement.TryGetProperty(field, out var v) ? v.GetString() : null;
                if (string.IsNullOrWhiteSpace(text)) problems.Add($"{where}: no {field}");
                else problems.AddRange(EnglishWords.Hits(text).Select(h => $"{where} {field}: {h}"));
            }
        }
        Assert.True(answers >= 20, $"Only {answers} error answers.");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    [Fact]
    public async Task Conflicts_and_invalid_definitions_answer_german_with_a_code()
    {
        using var admin = fixture.Factory.ApiClient("admin");
        var invalid = await admin.PostAsync("/api/definitions", new StringContent(
            """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p"><startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="nirgends"/></process></definitions>""",
            Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        using var body = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync());
        Assert.Equal("definition-invalid", body.RootElement.GetProperty("code").GetString());
        var texts = new[] { body.RootElement.GetProperty("title").GetString()!, body.RootElement.GetProperty("detail").GetString()! }
            .Concat(body.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("message").GetString()!));
        Assert.Empty(texts.SelectMany(EnglishWords.Hits));
    }
}
