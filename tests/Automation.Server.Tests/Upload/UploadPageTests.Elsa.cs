using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Automation.Server.Tests.Upload;

/// <summary>An Elsa 3 JSON file through the upload page (issue 17 item 1: "upload a BPMN or Elsa file"): report first, then publish.</summary>
public sealed partial class UploadPageTests
{
    private static string ElsaFlow(string definitionId, string target) => $$"""
        { "definitionId": "{{definitionId}}", "name": "Elsa-Hochladen", "root": { "type": "Elsa.Flowchart", "id": "F", "activities": [
          { "id": "Beginn", "type": "Elsa.Start", "canStartWorkflow": true },
          { "id": "Ende", "type": "Elsa.End" } ],
          "connections": [ { "source": "Beginn", "target": "{{target}}", "sourcePort": "Done", "targetPort": "In" } ] } }
        """;

    [Fact]
    public async Task An_elsa_file_with_a_dangling_connection_is_reported_like_the_api_and_cannot_be_published()
    {
        var source = ElsaFlow("upload_elsa_kaputt", "Nirgendwo");
        var api = await factory.ApiClient("prozess").PostAsync("/api/definitions/validate?fileName=x.json", new StringContent(source, Encoding.UTF8, "application/json"));
        var expected = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("severity").GetString() == "error").Select(d => d.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        var client = await factory.SessionAsync("prozess", "demo");

        var response = await UploadAsync(client, source, "kaputt.json");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = FindingRow().Matches(html).Where(m => m.Groups["sev"].Value == "Fehler").Select(m => m.Groups["code"].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, errors);
        Assert.DoesNotContain("name=\"aktion\"", html, StringComparison.Ordinal);
        // Forging the second step stores nothing either.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await DecideAsync(client, PendingToken("prozess"), "veroeffentlichen")).StatusCode);
        Assert.Empty(await VersionsAsync("upload_elsa_kaputt"));
    }

    [Fact]
    public async Task A_valid_elsa_file_is_published_after_the_report()
    {
        var client = await factory.SessionAsync("prozess", "demo");
        var report = WebUtility.HtmlDecode(await (await UploadAsync(client, ElsaFlow("upload_elsa_gut", "Ende"), "gut.json")).Content.ReadAsStringAsync());
        Assert.DoesNotContain(FindingRow().Matches(report), m => m.Groups["sev"].Value == "Fehler");
        var token = Regex.Match(report, "name=\"token\" value=\"([0-9A-F]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.Empty(await VersionsAsync("upload_elsa_gut"));

        var response = await DecideAsync(client, token, "veroeffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/prozesse#p-upload_elsa_gut", response.Headers.Location!.OriginalString);
        Assert.Equal([1], await VersionsAsync("upload_elsa_gut"));
    }
}
