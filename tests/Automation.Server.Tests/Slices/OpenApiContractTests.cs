using System.Text.Json;

namespace Automation.Server.Tests.Slices;

/// <summary>
/// The OpenAPI document is derived from the endpoints' typed results, so it must name the real response types and
/// status codes; a hand-written declaration that drifted from the code, or an endpoint that declares nothing, fails here.
/// </summary>
public sealed class OpenApiContractTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Theory]
    [InlineData("get", "/api/cases/{id}", "200", "CaseDetail")]
    [InlineData("post", "/api/cases", "201", "CaseDetail")]
    [InlineData("post", "/api/cases", "200", "CaseDetail")]
    [InlineData("get", "/api/cases", "200", "CasePage")]
    [InlineData("get", "/api/definitions/{processId}/versions", "200", "VersionDto")]
    [InlineData("get", "/api/dashboards/overview", "200", "ImpactOverview")]
    [InlineData("get", "/api/dashboards/processes/{processId}", "200", "ProcessImpact")]
    [InlineData("post", "/api/labour/import/{kind}", "200", "ImportReportDto")]
    [InlineData("post", "/api/labour/import/{kind}", "422", "ImportReportDto")]
    [InlineData("get", "/api/labour/impact", "200", "ImpactResponse")]
    [InlineData("get", "/api/factors/{key}", "200", "FactorVersionDto")]
    [InlineData("get", "/api/admin/users", "200", "UserDto")]
    public async Task Endpoint_declares_its_real_response_type(string method, string path, string status, string schema)
    {
        var response = await ResponseAsync(method, path, status);
        Assert.Contains("#/components/schemas/" + schema, SchemaRefs(response), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("get", "/api/cases/{id}", "404")]
    [InlineData("post", "/api/cases", "422")]
    [InlineData("get", "/api/dashboards/overview", "400")]
    [InlineData("get", "/offene-daten/{processId}/monatlich.json", "404")]
    public async Task Endpoint_declares_its_problem_statuses(string method, string path, string status)
    {
        var response = await ResponseAsync(method, path, status);
        Assert.Contains("application/problem+json", response.GetProperty("content").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Every_json_success_names_its_schema()
    {
        using var doc = await DocumentAsync();
        var bare = new List<string>();
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')))
                {
                    if (response.Name == "204") continue;
                    var json = response.Value.TryGetProperty("content", out var content)
                        && content.EnumerateObject().Any(c => c.Name.Contains("json", StringComparison.Ordinal) || c.Name.StartsWith("text/", StringComparison.Ordinal)
                            || c.Name.Contains("spreadsheet", StringComparison.Ordinal) || c.Name.Contains("xml", StringComparison.Ordinal));
                    if (!json) bare.Add($"{operation.Name.ToUpperInvariant()} {path.Name} {response.Name}");
                }
            }
        }
        Assert.True(bare.Count == 0, "Without a declared body: " + string.Join("; ", bare));
    }

    private async Task<JsonDocument> DocumentAsync() =>
        JsonDocument.Parse(await factory.ApiClient("admin").GetStringAsync("/openapi/v1.json"));

    private async Task<JsonElement> ResponseAsync(string method, string path, string status)
    {
        using var doc = await DocumentAsync();
        var operation = doc.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var response), $"{method} {path} declares no {status}");
        return response.Clone();
    }

    /// <summary>Every $ref under a response, also inside arrays and wrappers.</summary>
    private static List<string> SchemaRefs(JsonElement element)
    {
        var refs = new List<string>();
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String) refs.Add(p.Value.GetString()!);
                    else Walk(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray()) Walk(item);
            }
        }
        Walk(element);
        return refs;
    }
}
