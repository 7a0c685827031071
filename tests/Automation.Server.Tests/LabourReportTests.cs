using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests;

/// <summary>The employment-office report over HTTP: period, per-definition rows, per-case means, staffing entries, bad input.</summary>
public sealed class LabourReportTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static string Day(DateTimeOffset d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> DeployAsync(string processId, string? name = null) =>
        (await factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.DeployAsync(TestBpmn.TwoTasks(processId, name ?? processId), processId + ".bpmn"))
            .Versions.Single().Id;

    private async Task SeedAsync(long definitionId, string processId, int completed, int terminated, DateTimeOffset at, double minutes = 30)
    {
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        await using var db = host.Database.CreateContext();
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < completed; i++) LabourMarketTests.AddPricedStep(db, $"{processId}-{definitionId}-c{i}", definitionId, processId, "Human", "73202", minutes, 20, 12, ms, processId);
        for (var i = 0; i < terminated; i++)
        {
            LabourMarketTests.AddPricedStep(db, $"{processId}-{definitionId}-t{i}", definitionId, processId, "Human", "73202", minutes, 20, 12, ms, processId, "Terminated");
        }
        await db.SaveChangesAsync();
    }

    private static JsonElement? Process(JsonElement report, string processId) =>
        report.GetProperty("processes").EnumerateArray().Where(p => p.GetProperty("processId").GetString() == processId).Select(p => (JsonElement?)p).FirstOrDefault();

    [Fact]
    public async Task The_period_selects_the_cases_whose_figures_are_reported()
    {
        var id = await DeployAsync("periode");
        var twoYearsAgo = DateTimeOffset.UtcNow.AddYears(-2);
        await SeedAsync(id, "periode", 7, 0, twoYearsAgo);
        using var manager = factory.ApiClient("leitung");

        var recent = await manager.GetFromJsonAsync<JsonElement>("/api/labour/report");
        Assert.Null(Process(recent, "periode"));
        var then = await manager.GetFromJsonAsync<JsonElement>($"/api/labour/report?from={Day(twoYearsAgo.AddDays(-10))}&to={Day(twoYearsAgo.AddDays(10))}");
        var version = Assert.Single(Process(then, "periode")!.Value.GetProperty("versions").EnumerateArray());
        Assert.Equal(7, version.GetProperty("completedCases").GetInt32());
        Assert.Equal(Day(twoYearsAgo.AddDays(-10)), then.GetProperty("periodFrom").GetString());
    }

    [Fact]
    public async Task Per_case_means_count_completed_cases_and_show_terminated_ones_apart()
    {
        var id = await DeployAsync("abbruch");
        await SeedAsync(id, "abbruch", 6, 6, DateTimeOffset.UtcNow);
        using var manager = factory.ApiClient("leitung");
        var report = await manager.GetFromJsonAsync<JsonElement>("/api/labour/report");
        var version = Assert.Single(Process(report, "abbruch")!.Value.GetProperty("versions").EnumerateArray());
        Assert.Equal(6, version.GetProperty("completedCases").GetInt32());
        Assert.Equal(6, version.GetProperty("otherEndedCases").GetInt32());
        Assert.Equal(0.5, version.GetProperty("perCase").GetProperty("staffHours").GetDouble(), 9); // 30 min, not 15
    }

    [Fact]
    public async Task A_version_with_four_completed_cases_gives_the_reason_and_no_figure()
    {
        var v1 = await DeployAsync("wenige");
        var v2 = await DeployAsync("wenige", "wenige digital");
        await SeedAsync(v1, "wenige", 4, 3, DateTimeOffset.UtcNow, minutes: 47);
        await SeedAsync(v2, "wenige", 8, 0, DateTimeOffset.UtcNow);
        using var manager = factory.ApiClient("leitung");
        var process = Process(await manager.GetFromJsonAsync<JsonElement>("/api/labour/report"), "wenige")!.Value;
        Assert.Equal(JsonValueKind.Null, process.GetProperty("comparison").ValueKind);
        Assert.Contains("mindestens 5", process.GetProperty("noComparison").GetString(), StringComparison.Ordinal);
        var first = process.GetProperty("versions").EnumerateArray().First();
        Assert.Equal(JsonValueKind.Null, first.GetProperty("perCase").ValueKind);
        Assert.DoesNotContain("47", first.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_called_process_is_its_own_row_linked_to_its_caller_by_name()
    {
        // Names that differ clearly from the ids: the report must show the names, programs get the ids.
        var called = await DeployAsync("zahlung-x", "Zahlung der Gebühr");
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        const string caller = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="urn:test">
              <bpmn:process id="gebuehr-x" name="Gebühr erheben" isExecutable="true">
                <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:callActivity id="Call_Zahlung" name="Zahlung" calledElement="zahlung-x"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:callActivity>
                <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Call_Zahlung"/>
                <bpmn:sequenceFlow id="F2" sourceRef="Call_Zahlung" targetRef="End"/>
              </bpmn:process>
            </bpmn:definitions>
            """;
        var callerId = (await host.DeployAsync(caller, "gebuehr.bpmn")).Versions.Single().Id;
        await SeedAsync(called, "zahlung-x", 6, 0, DateTimeOffset.UtcNow);
        await SeedAsync(callerId, "gebuehr-x", 6, 0, DateTimeOffset.UtcNow, minutes: 5);
        using var manager = factory.ApiClient("leitung");
        var report = await manager.GetFromJsonAsync<JsonElement>("/api/labour/report");
        var row = Process(report, "zahlung-x")!.Value;
        Assert.Equal(["gebuehr-x"], row.GetProperty("calledBy").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0.5, row.GetProperty("versions")[0].GetProperty("perCase").GetProperty("staffHours").GetDouble(), 9);
        var callerRow = Process(report, "gebuehr-x")!.Value;
        Assert.Equal(JsonValueKind.Null, callerRow.GetProperty("comparison").ValueKind);
        Assert.All(callerRow.GetProperty("versions").EnumerateArray(), v => Assert.Equal("gebuehr-x", v.GetProperty("processId").GetString()));
        Assert.StartsWith("Nur Gebühr erheben Version 1 hat", callerRow.GetProperty("noComparison").GetString(), StringComparison.Ordinal);

        var html = WebUtility.HtmlDecode(await (await factory.LoginAsync("leitung", "demo")).GetStringAsync("/jobcenter/bericht"));
        Assert.Contains(">Zahlung der Gebühr (aufgerufen von Gebühr erheben)</td>", html, StringComparison.Ordinal);
        Assert.Contains("Gebühr erheben: Nur Gebühr erheben Version 1 hat", html, StringComparison.Ordinal);
        Assert.DoesNotContain("zahlung-x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("gebuehr-x", html, StringComparison.Ordinal);

        var book = await manager.GetByteArrayAsync("/api/labour/report.xlsx");
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(book));
        var cells = workbook.Worksheets.SelectMany(w => w.CellsUsed()).Select(c => c.GetString()).ToList();
        Assert.Contains("Zahlung der Gebühr", cells);
        Assert.Contains("aufgerufen von Gebühr erheben", cells);
        Assert.DoesNotContain(cells, c => c.Contains("gebuehr-x", StringComparison.Ordinal) || c.Contains("zahlung-x", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("from=2025-02-01&to=2025-01-31", "from", "zeitraum-beginn-nach-ende")]
    [InlineData("from=2020-01-01&to=2023-01-01", "to", "zeitraum-zu-lang")]
    public async Task A_bad_period_is_a_400_naming_the_field(string query, string field, string code)
    {
        using var manager = factory.ApiClient("leitung");
        foreach (var path in new[] { "/api/labour/report", "/api/labour/report.xlsx" })
        {
            var response = await manager.GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(field, problem.GetProperty("field").GetString());
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.Contains("Zeitraum", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/labour/report?from=2020-01-01&to=2022-12-31")).StatusCode);
    }

    [Fact]
    public async Task Vacancies_and_needs_are_entered_or_imported_and_the_report_asks_for_them_until_then()
    {
        using var admin = factory.ApiClient("admin");
        using var manager = factory.ApiClient("leitung");
        var before = await manager.GetFromJsonAsync<JsonElement>("/api/labour/report");
        var missing = before.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(missing, m => m.StartsWith("fehlt (Nr. 1)", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.StartsWith("fehlt (Nr. 2)", StringComparison.Ordinal));

        var noReason = await admin.PutAsJsonAsync("/api/labour/stellen/B1", new { kind = "bedarf", occupation = "43104", positions = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var problem = await noReason.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reason", problem.GetProperty("field").GetString());
        Assert.Equal("bedarf-grund", problem.GetProperty("code").GetString());
        var zero = await admin.PutAsJsonAsync("/api/labour/stellen/B1", new { kind = "bedarf", occupation = "43104", positions = 0, reason = "Betreuung" });
        Assert.Equal("positions", (await zero.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync("/api/labour/stellen/B1", new { kind = "bedarf", occupation = "43104", positions = 1, reason = "x" })).StatusCode);

        var saved = await admin.PutAsJsonAsync("/api/labour/stellen/B1", new
        {
            kind = "bedarf", occupation = "43104", positions = 2, reason = "Betreuung der automatisierten Prüfung", fromAutomation = true, requirements = new[] { "BPMN" },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var csv = "nummer;art;kldb;anzahl;grund;anforderungen\nS1;stelle;73202;1;;Verwaltungsfachangestellte|E-Akte\nS2;stelle;7320;1;;\n";
        var import = await admin.PostAsync("/api/labour/import/stellen?fileName=stellen.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, import.StatusCode);
        var error = Assert.Single((await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/labour/import/stellen?fileName=stellen.csv&importValid=true", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);

        var after = await manager.GetFromJsonAsync<JsonElement>("/api/labour/report");
        Assert.DoesNotContain(after.GetProperty("missing").EnumerateArray(), m => m.GetString()!.StartsWith("fehlt (Nr. 1)", StringComparison.Ordinal)
            || m.GetString()!.StartsWith("fehlt (Nr. 2)", StringComparison.Ordinal));
        var staffing = after.GetProperty("staffing");
        Assert.Equal("S1", Assert.Single(staffing.GetProperty("vacancies").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(2, Assert.Single(staffing.GetProperty("needs").EnumerateArray()).GetProperty("positions").GetInt32());

        var page = await (await factory.LoginAsync("admin", "admin-secret-1")).GetStringAsync("/jobcenter/stellen");
        Assert.Contains("Betreuung der automatisierten Prüfung", page, StringComparison.Ordinal);
        var html = await (await factory.LoginAsync("leitung", "demo")).GetStringAsync("/jobcenter/bericht");
        Assert.Contains("Nr. 2: geplante Erweiterungen und neuer Personalbedarf", html, StringComparison.Ordinal);
        Assert.Contains("BPMN", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kschg_notice_is_not_offered_to_the_core_administration()
    {
        using var admin = factory.ApiClient("admin");
        var response = await admin.GetAsync("/api/labour/kschg.xlsx");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("kschg-nicht-anwendbar", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient("leitung").GetAsync("/api/labour/kschg.xlsx")).StatusCode);
        var report = await factory.ApiClient("leitung").GetFromJsonAsync<JsonElement>("/api/labour/report");
        Assert.Contains("Kernverwaltung", report.GetProperty("kschgNote").GetString(), StringComparison.Ordinal);
    }
}
