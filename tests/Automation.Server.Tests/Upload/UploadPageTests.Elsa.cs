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

    private static string ElsaExpr(string value, string language = "Literal") =>
        $$"""{ "typeName": "String", "expression": { "type": "{{language}}", "value": {{JsonSerializer.Serialize(value)}} } }""";

    /// <summary>Start → WriteLine → SetVariable → SetOutput → (RunJavaScript) → End: the engine's bookkeeping, and optionally work.</summary>
    private static string ElsaBookkeeping(string definitionId, bool withScript)
    {
        var script = withScript ? $$"""{ "id": "Rechnen", "type": "Elsa.RunJavaScript", "script": {{ElsaExpr("return 1 + 1;", "JavaScript")}} },""" : "";
        var last = withScript
            ? """{ "source": "SO_Ausgabe", "target": "Rechnen", "sourcePort": "Done", "targetPort": "In" }, { "source": "Rechnen", "target": "Ende", "sourcePort": "Done", "targetPort": "In" }"""
            : """{ "source": "SO_Ausgabe", "target": "Ende", "sourcePort": "Done", "targetPort": "In" }""";
        return $$"""
            { "definitionId": "{{definitionId}}", "name": "Buchhaltung", "variables": [ { "id": "v1", "name": "Betrag", "typeName": "String" } ],
              "root": { "id": "F", "type": "Elsa.Flowchart", "activities": [
                { "id": "Beginn", "type": "Elsa.Start", "canStartWorkflow": true },
                { "id": "WL_Protokoll", "type": "Elsa.WriteLine", "text": {{ElsaExpr("Antrag eingegangen")}} },
                { "id": "SV_Setzen", "type": "Elsa.SetVariable", "variable": { "id": "v1", "name": "Betrag" }, "value": {{ElsaExpr("42")}} },
                { "id": "SO_Ausgabe", "type": "Elsa.SetOutput", "outputName": {{ElsaExpr("Ergebnis")}}, "outputValue": {{ElsaExpr("variables.Betrag", "JavaScript")}} },
                {{script}}
                { "id": "Ende", "type": "Elsa.End" } ],
                "connections": [
                  { "source": "Beginn", "target": "WL_Protokoll", "sourcePort": "Done", "targetPort": "In" },
                  { "source": "WL_Protokoll", "target": "SV_Setzen", "sourcePort": "Done", "targetPort": "In" },
                  { "source": "SV_Setzen", "target": "SO_Ausgabe", "sourcePort": "Done", "targetPort": "In" },
                  {{last}} ] } }
            """;
    }

    private async Task<JsonElement> VersionAsync(string processId) =>
        (await factory.ApiClient("prozess").GetFromJsonAsync<JsonElement>($"/api/definitions/{processId}/versions"))[0];

    [Fact]
    public async Task An_elsa_file_that_only_logs_and_sets_variables_publishes_without_a_register_entry_by_page_and_api()
    {
        var client = await factory.SessionAsync("prozess", "demo");
        var report = WebUtility.HtmlDecode(await (await UploadAsync(client, ElsaBookkeeping("upload_elsa_buchung", withScript: false), "buchung.json")).Content.ReadAsStringAsync());
        Assert.DoesNotContain(FindingRow().Matches(report), m => m.Groups["sev"].Value == "Fehler");
        // No register duty is listed for the log line, the variable or the output.
        foreach (var id in new[] { "WL_Protokoll", "SV_Setzen", "SO_Ausgabe" }) Assert.DoesNotContain(id, report, StringComparison.Ordinal);
        var token = Regex.Match(report, "name=\"token\" value=\"([0-9A-F]+)\"").Groups[1].Value;

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(client, token, "veroeffentlichen")).StatusCode);
        Assert.True((await VersionAsync("upload_elsa_buchung")).GetProperty("published").GetBoolean());

        var api = await factory.ApiClient("prozess").PostAsync("/api/definitions?publish=true&fileName=buchung.json",
            new StringContent(ElsaBookkeeping("api_elsa_buchung", withScript: false), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        Assert.True((await VersionAsync("api_elsa_buchung")).GetProperty("published").GetBoolean());
    }

    [Fact]
    public async Task The_same_elsa_file_with_a_javascript_step_still_needs_its_register_entry_and_only_that_one()
    {
        var client = await factory.SessionAsync("prozess", "demo");
        var report = WebUtility.HtmlDecode(await (await UploadAsync(client, ElsaBookkeeping("upload_elsa_skript", withScript: true), "skript.json")).Content.ReadAsStringAsync());
        var gaps = FindingRow().Matches(report).Where(m => m.Groups["code"].Value == "register-incomplete").Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(["Rechnen"], gaps);
        var token = Regex.Match(report, "name=\"token\" value=\"([0-9A-F]+)\"").Groups[1].Value;

        // Publishing stores the version as a draft until the register entry is written.
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(client, token, "veroeffentlichen")).StatusCode);
        Assert.False((await VersionAsync("upload_elsa_skript")).GetProperty("published").GetBoolean());

        var api = await factory.ApiClient("prozess").PostAsync("/api/definitions?publish=true&fileName=skript.json",
            new StringContent(ElsaBookkeeping("api_elsa_skript", withScript: true), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        var missing = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("elementId").GetString()).ToList();
        Assert.Equal(["Rechnen"], missing);
    }

    [Fact]
    public async Task A_case_of_the_elsa_file_lists_the_bookkeeping_as_system_and_books_only_the_javascript_step()
    {
        var admin = factory.ApiClient("admin");
        // Published over the script step's register gap: this test is about the case and its ledger.
        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=fall.json&overrideReason=Test",
            new StringContent(ElsaBookkeeping("elsa_buchung_fall", withScript: true), Encoding.UTF8, "application/json"));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        var id = await TestBpmn.StartAsync(admin, "elsa_buchung_fall");

        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal("Completed", detail.GetProperty("status").GetString());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        var actors = history.ToDictionary(s => s.GetProperty("nodeId").GetString()!, s => s.GetProperty("actor").GetString());
        Assert.Equal(("System", "System", "System", "Automated"), (actors["WL_Protokoll"], actors["SV_Setzen"], actors["SO_Ausgabe"], actors["Rechnen"]));
        var booked = (await admin.GetFromJsonAsync<JsonElement>($"/api/ledger?by=step&caseId={id}")).GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("nodeId").GetString()).ToList();
        Assert.Equal(["Rechnen"], booked);
        // The case page names the actor in German.
        var page = WebUtility.HtmlDecode(await (await factory.SessionAsync("admin", "admin-secret-1")).GetStringAsync($"/vorgaenge/{id}"));
        string Who(string step)
        {
            var row = history.Single(s => s.GetProperty("nodeId").GetString() == step);
            var label = row.GetProperty("nodeName").GetString() ?? step;
            return Regex.Match(page, $"<td>{row.GetProperty("sequence").GetInt32()}</td>\\s*<td>{Regex.Escape(label)}</td>\\s*<td>([^<]*)</td>").Groups[1].Value;
        }
        Assert.Equal(("System", "System", "System", "automatisiert"), (Who("WL_Protokoll"), Who("SV_Setzen"), Who("SO_Ausgabe"), Who("Rechnen")));
    }

    [Fact]
    public async Task A_bpmn_script_task_without_annotation_still_needs_its_register_entry()
    {
        const string bpmn = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="urn:test">
              <bpmn:process id="api_bpmn_skript" isExecutable="true">
                <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:scriptTask id="Protokoll" name="Protokollieren" scriptFormat="javascript"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing><bpmn:script>1</bpmn:script></bpmn:scriptTask>
                <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Protokoll"/>
                <bpmn:sequenceFlow id="F2" sourceRef="Protokoll" targetRef="End"/>
              </bpmn:process>
            </bpmn:definitions>
            """;
        var api = await factory.ApiClient("prozess").PostAsync("/api/definitions?publish=true&fileName=skript.bpmn", TestBpmn.Xml(bpmn));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        var missing = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("elementId").GetString()).ToList();
        Assert.Equal(["Protokoll"], missing);
    }
}
