using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Automation.Server.Tests.Decisions;

/// <summary>
/// The decision editor's endpoints: "Prüfen" (POST /api/decisions/check) reports the upload's findings with line,
/// decision and rule; the test run (POST /api/decisions/test-run) evaluates without storing; bad input is a German 400
/// or 422 with a stable code, never a 500; only those who may publish decisions may use them.
/// </summary>
public sealed class DecisionEditorApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    /// <summary>A fee table; rule 2's input entry is the given FEEL text (r1 [0..200], r2 by default [100..1000]: overlap 100–200).</summary>
    internal static string Fees(string key, string hitPolicy = "UNIQUE", string rule2 = "[100..1000]") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d_{key}" name="Gebühren" namespace="http://example.org">
          <decision id="{key}" name="Gebühr">
            <decisionTable id="t" hitPolicy="{hitPolicy}">
              <input id="i1" label="Betrag"><inputExpression typeRef="number"><text>betrag</text></inputExpression></input>
              <output id="o1" name="stufe" typeRef="string" />
              <output id="o2" name="faktor" typeRef="number" />
              <rule id="r1"><description>bis 200 Euro</description><inputEntry><text>[0..200]</text></inputEntry><outputEntry><text>"niedrig"</text></outputEntry><outputEntry><text>1.5</text></outputEntry></rule>
              <rule id="r2"><description>ab 100 Euro</description><inputEntry><text>{System.Security.SecurityElement.Escape(rule2)}</text></inputEntry><outputEntry><text>"mittel"</text></outputEntry><outputEntry><text>2</text></outputEntry></rule>
              <rule id="r3"><description>über 1000 Euro</description><inputEntry><text>&gt; 1000</text></inputEntry><outputEntry><text>"hoch"</text></outputEntry><outputEntry><text>1234.5</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    private static StringContent Xml(string text) => new(text, Encoding.UTF8, "application/xml");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    [Fact]
    public async Task Pruefen_reports_the_uploads_findings_naming_decision_rule_and_line_and_stores_nothing()
    {
        using var owner = factory.ApiClient("prozess");
        var clean = await owner.PostAsync("/api/decisions/check", Xml(Fees("pruef_gut")));
        Assert.Equal(HttpStatusCode.OK, clean.StatusCode);
        var ok = await clean.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(ok.GetProperty("valid").GetBoolean());
        Assert.Equal("pruef_gut", Assert.Single(ok.GetProperty("decisions").EnumerateArray()).GetProperty("id").GetString());

        var broken = await owner.PostAsync("/api/decisions/check", Xml(Fees("pruef_kaputt", rule2: "[100..")));
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        var report = await broken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(report.GetProperty("valid").GetBoolean());
        var finding = report.GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal("dmn-feel-invalid", finding.GetProperty("code").GetString());
        var message = finding.GetProperty("message").GetString()!;
        Assert.Contains("Regel 2", message, StringComparison.Ordinal);
        Assert.Contains("„Gebühr“", message, StringComparison.Ordinal);
        Assert.Contains("[100..", message, StringComparison.Ordinal);
        // Rule r2 is on line 9 of the file.
        Assert.Equal(9, finding.GetProperty("line").GetInt32());

        // The check is the upload's: what it finds, publishing refuses with the same finding.
        var publish = await owner.PostAsync("/api/definitions?publish=true&fileName=pruef_kaputt.dmn", Xml(Fees("pruef_kaputt", rule2: "[100..")));
        var refused = await ProblemAsync(publish, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(refused.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("message").GetString() == message);

        var list = await owner.GetStringAsync("/api/decisions");
        Assert.DoesNotContain("pruef_", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"><decision id=\"x\"", "xml-malformed")]
    [InlineData("das ist kein XML", "xml-malformed")]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\"/>", "dmn-not-dmn")]
    public async Task A_text_that_is_no_dmn_file_is_a_german_400_with_its_code_for_check_and_test_run(string body, string code)
    {
        using var owner = factory.ApiClient("prozess");
        var check = await ProblemAsync(await owner.PostAsync("/api/decisions/check", Xml(body)), HttpStatusCode.BadRequest);
        Assert.Equal(code, check.GetProperty("code").GetString());
        Assert.Equal("xml", check.GetProperty("field").GetString());
        Assert.Equal("Ungültige Anfrage", check.GetProperty("title").GetString());
        Assert.DoesNotMatch(EnglishWords, check.GetProperty("detail").GetString()!);

        var run = await ProblemAsync(await owner.PostAsJsonAsync("/api/decisions/test-run", new { xml = body, variables = new { } }), HttpStatusCode.BadRequest);
        Assert.Equal(code, run.GetProperty("code").GetString());
        Assert.Equal(check.GetProperty("detail").GetString(), run.GetProperty("detail").GetString());
    }

    private static readonly System.Text.RegularExpressions.Regex EnglishWords = new(@"\b(the|is|not|expected|unexpected|root|line|position)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    [Fact]
    public async Task An_empty_body_a_missing_xml_field_broken_json_and_variables_that_are_no_object_are_400_not_500()
    {
        using var owner = factory.ApiClient("prozess");
        var empty = await ProblemAsync(await owner.PostAsync("/api/decisions/check", Xml("")), HttpStatusCode.BadRequest);
        Assert.Equal("dmn-xml-missing", empty.GetProperty("code").GetString());
        var missing = await ProblemAsync(await owner.PostAsJsonAsync("/api/decisions/test-run", new { variables = new { betrag = 1 } }), HttpStatusCode.BadRequest);
        Assert.Equal("dmn-xml-missing", missing.GetProperty("code").GetString());
        Assert.Contains("„xml“", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var json = await ProblemAsync(await owner.PostAsync("/api/decisions/test-run", new StringContent("{\"xml\": ", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.Equal("bad-request", json.GetProperty("code").GetString());
        var list = await ProblemAsync(await owner.PostAsJsonAsync("/api/decisions/test-run", new { xml = Fees("lauf_liste"), variables = new[] { 1, 2 } }),
            HttpStatusCode.BadRequest);
        Assert.Equal("variables-not-object", list.GetProperty("code").GetString());
        Assert.Equal("variables", list.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_test_run_shows_inputs_matched_rules_and_outputs_in_german_and_stores_nothing()
    {
        using var owner = factory.ApiClient("prozess");
        var response = await owner.PostAsJsonAsync("/api/decisions/test-run", new { xml = Fees("lauf_gut"), variables = new { betrag = 1500.5 } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("lauf_gut", run.GetProperty("decisionId").GetString());
        var decision = Assert.Single(run.GetProperty("decisions").EnumerateArray());
        Assert.Equal("1.500,5", Assert.Single(decision.GetProperty("inputs").EnumerateArray()).GetProperty("value").GetString());
        var rule = Assert.Single(decision.GetProperty("rules").EnumerateArray());
        Assert.Equal("r3", rule.GetProperty("id").GetString());
        Assert.Equal(3, rule.GetProperty("index").GetInt32());
        Assert.Equal("über 1000 Euro", rule.GetProperty("annotation").GetString());
        Assert.Equal("1.234,5", rule.GetProperty("outputs").GetProperty("faktor").GetString());
        Assert.Equal("hoch", rule.GetProperty("outputs").GetProperty("stufe").GetString());
        Assert.Contains("1.234,5", run.GetProperty("result").GetString(), StringComparison.Ordinal);

        // A value no rule covers: no rule, an empty result, still 200.
        var none = await (await owner.PostAsJsonAsync("/api/decisions/test-run", new { xml = Fees("lauf_gut"), variables = new { betrag = -5 } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(Assert.Single(none.GetProperty("decisions").EnumerateArray()).GetProperty("rules").EnumerateArray());

        var list = await owner.GetStringAsync("/api/decisions");
        Assert.DoesNotContain("lauf_gut", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unique_violation_an_unknown_decision_and_a_table_with_errors_are_422_with_their_code_in_german()
    {
        using var owner = factory.ApiClient("prozess");
        var overlap = await ProblemAsync(await owner.PostAsJsonAsync("/api/decisions/test-run", new { xml = Fees("lauf_ueberlapp"), variables = new { betrag = 150 } }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("dmn-unique-violation", overlap.GetProperty("code").GetString());
        Assert.Equal("Entscheidung nicht auswertbar", overlap.GetProperty("title").GetString());
        Assert.Equal(["r1", "r2"], overlap.GetProperty("rules").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Contains("UNIQUE", overlap.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("r1", overlap.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var unknown = await ProblemAsync(await owner.PostAsJsonAsync("/api/decisions/test-run",
            new { xml = Fees("lauf_ueberlapp"), decisionId = "gibt_es_nicht", variables = new { betrag = 5 } }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("dmn-decision-unknown", unknown.GetProperty("code").GetString());
        Assert.Contains("„gibt_es_nicht“", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var invalid = await ProblemAsync(await owner.PostAsJsonAsync("/api/decisions/test-run", new { xml = Fees("lauf_kaputt", rule2: "[100.."), variables = new { betrag = 5 } }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("definition-invalid", invalid.GetProperty("code").GetString());
        Assert.Contains(invalid.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "dmn-feel-invalid");
    }

    [Theory]
    [InlineData("leitung")]
    [InlineData("sachbearbeitung")]
    public async Task Only_those_who_may_publish_decisions_may_check_or_test_them(string user)
    {
        using var client = factory.ApiClient(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/decisions/check", Xml(Fees("verboten")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/decisions/test-run", new { xml = Fees("verboten"), variables = new { betrag = 1 } })).StatusCode);
        using var anonymous = factory.ApiClient(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/decisions/check", Xml(Fees("verboten")))).StatusCode);
    }
}
