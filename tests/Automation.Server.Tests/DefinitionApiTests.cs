using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Automation.Server.Tests;

public sealed class DefinitionApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Workflows_folder_is_published_on_first_start()
    {
        var list = await factory.ApiClient("prozess").GetFromJsonAsync<JsonElement>("/api/definitions");
        var ids = list.EnumerateArray().Select(p => p.GetProperty("processId").GetString()).ToList();
        Assert.Contains("wohngeldantrag", ids);
        Assert.Contains("urlaubsantrag", ids);
        var wohngeld = list.EnumerateArray().Single(p => p.GetProperty("processId").GetString() == "wohngeldantrag");
        Assert.Equal(1, wohngeld.GetProperty("publishedVersion").GetInt32());
    }

    [Fact]
    public async Task Upload_raw_then_new_version_by_multipart_then_versions_source_and_diff()
    {
        var client = factory.ApiClient("prozess");
        var first = await TestBpmn.PublishAsync(client, TestBpmn.TwoTasks("diffbar"));
        var v1 = first.GetProperty("versions")[0];
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.True(v1.GetProperty("published").GetBoolean());

        using var multipart = new MultipartFormDataContent();
        multipart.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(TestBpmn.TwoTasks("diffbar", occupation: "71402"))), "file", "diffbar.bpmn");
        var second = await client.PostAsync("/api/definitions", multipart);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var v2 = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0];
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.False(v2.GetProperty("published").GetBoolean());

        var versions = await client.GetFromJsonAsync<JsonElement>("/api/definitions/diffbar/versions");
        Assert.Equal(2, versions.GetArrayLength());

        var source = await client.GetAsync($"/api/definitions/{v2.GetProperty("id").GetInt64()}/source");
        Assert.Equal("application/xml", source.Content.Headers.ContentType?.MediaType);
        Assert.Contains("71402", await source.Content.ReadAsStringAsync());

        var diff = await client.GetStringAsync("/api/definitions/diffbar/diff?from=1&to=2");
        Assert.Contains("--- diffbar v1", diff);
        Assert.Contains("@@ ", diff);
        var lines = diff.Split('\n');
        Assert.Contains(lines, l => l.StartsWith('-') && l.Contains("occupation=\"73203\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith('+') && l.Contains("occupation=\"71402\"", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => (l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)));

        var published = await client.PostAsync($"/api/definitions/{v2.GetProperty("id").GetInt64()}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/definitions");
        var process = list.EnumerateArray().Single(p => p.GetProperty("processId").GetString() == "diffbar");
        Assert.Equal(2, process.GetProperty("publishedVersion").GetInt32());
    }

    [Fact]
    public async Task Validate_reports_diagnostics_without_saving()
    {
        var client = factory.ApiClient("prozess");
        var result = await client.PostAsync("/api/definitions/validate", TestBpmn.Xml(TestBpmn.Invalid));
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var body = await result.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Contains(body.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/definitions/kaputt/versions")).StatusCode);

        var valid = await (await client.PostAsync("/api/definitions/validate", TestBpmn.Xml(TestBpmn.TwoTasks("nur-geprueft"))))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(valid.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Invalid_definition_is_422_with_diagnostics_naming_the_element_and_line()
    {
        var response = await factory.ApiClient("prozess").PostAsync("/api/definitions?publish=true", TestBpmn.Xml(TestBpmn.Invalid));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("diagnostics").EnumerateArray().Where(d => d.GetProperty("severity").GetString() == "error").ToList();
        Assert.NotEmpty(errors);
        Assert.Contains(errors, d => d.GetProperty("elementId").GetString() == "F1" && d.GetProperty("line").ValueKind == JsonValueKind.Number);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_over_the_limit_is_413()
    {
        var big = new string(' ', 5 * 1024 * 1024 + 10);
        var response = await factory.ApiClient("prozess").PostAsync("/api/definitions", new StringContent("<x>" + big + "</x>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_version_and_diff_are_404()
    {
        var client = factory.ApiClient("prozess");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/definitions/999999/source")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/definitions/wohngeldantrag/diff?from=1&to=7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/definitions/999999/publish", null)).StatusCode);
    }
}
