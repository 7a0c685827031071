using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Automation.Server.Tests.Pages;

/// <summary>What every page relies on: favicon, compressed files, German answers for unknown addresses, one API entry.</summary>
public sealed partial class SiteBasicsTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task The_favicon_is_served_and_linked_from_the_layout()
    {
        using var anonymous = factory.CreateClient();
        var icon = await anonymous.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await icon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var login = await anonymous.GetStringAsync("/anmelden");
        Assert.Matches("<link rel=\"icon\" href=\"/favicon.svg\"", login);
    }

    [Theory]
    [InlineData("br", "modeler.js")]
    [InlineData("gzip", "modeler.js")]
    [InlineData("br", "dmn-editor.js")]
    [InlineData("gzip", "dmn-editor.js")]
    public async Task The_modeler_bundle_is_compressed_when_the_client_accepts_it_and_decompresses_to_the_file(string encoding, string file)
    {
        using var client = factory.CreateClient();
        var bundle = await File.ReadAllBytesAsync(Path.Combine(ServerFactory.RepositoryRoot, "src", "Automation.Server", "wwwroot", "dist", file));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dist/" + file);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < bundle.Length / 2, $"{compressed.Length} bytes compressed of {bundle.Length}");
        await using var input = encoding == "br" ? (Stream)new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        await input.CopyToAsync(output);
        Assert.Equal(bundle, output.ToArray());
    }

    [Fact]
    public async Task Pages_and_api_answers_stay_uncompressed_because_they_carry_secrets_next_to_user_input()
    {
        using var client = factory.ApiClient("admin");
        foreach (var path in new[] { "/anmelden", "/api/definitions", "/health" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task Unknown_page_addresses_answer_a_german_html_page_in_the_layout()
    {
        using var clerk = await factory.LoginAsync("sachbearbeitung", "demo");
        foreach (var path in new[] { "/gibt-es-nicht", "/verwaltung/benutzer/niemand/mehr", "/vorgaenge/00000000-0000-0000-0000-000000000001" })
        {
            var response = await clerk.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<h1>Nicht gefunden</h1>", html, StringComparison.Ordinal);
            Assert.Contains("aria-label=\"Hauptnavigation\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Not Found", html, StringComparison.Ordinal);
        }
        // Anonymous visitors are asked to log in first (the fallback policy), so they cannot probe which addresses exist.
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var missing = await anonymous.GetAsync("/transparenzregister/gibt-es-nicht");
        Assert.Equal(HttpStatusCode.Redirect, missing.StatusCode);
        Assert.Contains("/anmelden", missing.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/gibt-es-nicht", 404, "not-found")]
    [InlineData("/api/cases/00000000-0000-0000-0000-000000000001", 404, "not-found")]
    [InlineData("/api/admin/users", 403, "forbidden")]
    public async Task Api_answers_without_a_body_become_problem_details_with_a_german_title_and_a_code(string path, int status, string code)
    {
        using var clerk = factory.ApiClient("sachbearbeitung");
        var response = await clerk.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        var title = problem.GetProperty("title").GetString()!;
        Assert.DoesNotContain(title, new[] { "Not Found", "Forbidden", "Unauthorized" });
        Assert.Matches("[äöüÄÖÜß]|Nicht|Kein", title);
    }

    [Fact]
    public async Task The_api_docs_load_nothing_from_other_hosts_and_the_menu_has_one_api_entry()
    {
        using var admin = await factory.LoginAsync("admin", "admin-secret-1");
        var docs = await admin.GetStringAsync("/api/docs/");
        Assert.DoesNotMatch("https?://(?!localhost)[a-z0-9.-]+\\.[a-z]{2,}/", ExternalReference().Replace(docs, ""));
        Assert.Contains("\"withDefaultFonts\":false", docs.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var home = await admin.GetStringAsync("/");
        var nav = home[home.IndexOf("<nav aria-label=\"Hauptnavigation\">", StringComparison.Ordinal)..home.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.Single(MenuEntry().Matches(nav), m => m.Groups[1].Value.Contains("API", StringComparison.Ordinal));
    }

    /// <summary>Links in the docs page that are not fetched (the OpenAPI spec's own URLs, licence text).</summary>
    [GeneratedRegex("\"(url|href)\":\"[^\"]*\"|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("<a href=\"[^\"]*\">([^<]*)</a>")]
    private static partial Regex MenuEntry();
}
