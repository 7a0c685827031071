using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Infrastructure;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests;

/// <summary>A simulation scenario taken over as a labour-impact forecast: stored, shown apart in the impact API and the
/// employment-office report (JSON, HTML, xlsx), deleted; refused input names the field.</summary>
public sealed class SimulationForecastTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Scenario = """
        { "name": "Studie Prüfung", "replications": 2, "start": "2026-01-01", "arrivals": { "casesPerWorkingDay": 8 }, "calendar": { "state": "NW" },
          "roles": { "sachbearbeitung": { "people": 3 } },
          "scenarios": [
            { "name": "Prüfen automatisiert", "changes": [ { "type": "automate", "step": "Task_Pruefen" } ] },
            { "name": "Mehr Personal", "changes": [ { "type": "capacity", "role": "sachbearbeitung", "people": 4 } ] } ] }
        """;

    private async Task<long> DeployAsync(string processId, string name = "Prüfung")
    {
        var published = await TestBpmn.PublishAsync(factory.ApiClient("admin"), TestBpmn.TwoTasks(processId, name));
        return published.GetProperty("versions")[0].GetProperty("id").GetInt64();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private int StoredForecasts()
    {
        using var db = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext();
        return db.SimulationForecasts.Count();
    }

    [Fact]
    public async Task A_stored_forecast_reaches_the_impact_API_and_the_report_apart_from_measured_figures_and_can_be_deleted()
    {
        var id = await DeployAsync("prognose-api", "Antrag mit Prognose");
        using var manager = factory.ApiClient("leitung");
        var run = await (await manager.PostAsync($"/api/simulation/definitions/{id}/run?cases=300&seed=4", Json(Scenario))).Content.ReadFromJsonAsync<JsonElement>();
        var response = await manager.PostAsync($"/api/simulation/definitions/{id}/forecast?cases=300&seed=4&scenario={Uri.EscapeDataString("Prüfen automatisiert")}", Json(Scenario));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var forecast = await response.Content.ReadFromJsonAsync<JsonElement>();
        var forecastId = forecast.GetProperty("id").GetInt64();
        Assert.Equal($"/api/simulation/forecasts/{forecastId}", response.Headers.Location!.OriginalString);
        Assert.Equal("Prüfen automatisiert", forecast.GetProperty("scenario").GetString());
        Assert.Equal(id, forecast.GetProperty("definitionId").GetInt64());
        Assert.Equal(4, forecast.GetProperty("seed").GetInt64());
        Assert.Equal(300, forecast.GetProperty("cases").GetInt32());
        Assert.Equal("leitung", forecast.GetProperty("createdBy").GetString());
        // 2026 in NW: 253 working days × 8 cases.
        Assert.Equal(253 * 8, forecast.GetProperty("casesPerYear").GetDouble(), 9);
        var step = Assert.Single(forecast.GetProperty("steps").EnumerateArray());
        Assert.Equal("Task_Pruefen", step.GetProperty("nodeId").GetString());
        Assert.Equal("73203", step.GetProperty("occupation").GetString());
        Assert.Equal(["sachbearbeitung"], step.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Forecast", step.GetProperty("basis").GetString());
        // The stored minutes are those the simulation page showed for the same seed and cases.
        var shown = run.GetProperty("variants")[1].GetProperty("stepSavings")[0].GetProperty("minutesSavedPerCase").GetProperty("mean").GetDouble();
        Assert.True(shown > 0);
        Assert.Equal(shown, step.GetProperty("minutesSavedPerCase").GetDouble(), 9);

        using var jobCentre = factory.ApiClient("jobcenter");
        var impact = await jobCentre.GetFromJsonAsync<JsonElement>("/api/labour/impact");
        Assert.DoesNotContain(impact.GetProperty("occupations").EnumerateArray(), o => o.GetProperty("basis").GetString() == "Forecast");
        var listed = impact.GetProperty("forecasts").EnumerateArray().Single(f => f.GetProperty("forecast").GetProperty("id").GetInt64() == forecastId);
        Assert.Equal("Prognose (Simulation)", listed.GetProperty("label").GetString());
        var occupation = Assert.Single(listed.GetProperty("occupations").EnumerateArray());
        Assert.Equal("73203", occupation.GetProperty("occupation").GetString());
        Assert.Equal(shown * 253 * 8 / 60 / 1600, occupation.GetProperty("fte").GetDouble(), 6);

        var report = await jobCentre.GetFromJsonAsync<JsonElement>("/api/labour/report");
        Assert.DoesNotContain(report.GetProperty("occupations").GetProperty("rows").EnumerateArray(), o => o.GetProperty("basis").GetString() == "Forecast");
        Assert.Contains(report.GetProperty("forecasts").EnumerateArray(), f => f.GetProperty("forecast").GetProperty("id").GetInt64() == forecastId);
        var html = WebUtility.HtmlDecode(await (await factory.LoginAsync("jobcenter", "demo")).GetStringAsync("/jobcenter/bericht"));
        Assert.Contains("<h2 id=\"prognose\">Prognose (Simulation)</h2>", html, StringComparison.Ordinal);
        // The job centre reads the process's name, not its id, in the heading and in the step rows.
        Assert.Contains("Szenario „Prüfen automatisiert“ – Antrag mit Prognose Version 1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("prognose-api", html, StringComparison.Ordinal);
        var xlsx = await jobCentre.GetAsync("/api/labour/report.xlsx");
        using (var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync()))
        {
            var cells = workbook.Worksheet("Prognose (Simulation)").CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains(cells, c => c.Contains("Szenario „Prüfen automatisiert“", StringComparison.Ordinal) && c.Contains("Antrag mit Prognose Version 1", StringComparison.Ordinal));
            Assert.Contains("Antrag mit Prognose/Antrag prüfen", cells);
            Assert.DoesNotContain(cells, c => c.Contains("prognose-api", StringComparison.Ordinal));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await jobCentre.DeleteAsync($"/api/simulation/forecasts/{forecastId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("prozess").DeleteAsync($"/api/simulation/forecasts/{forecastId}")).StatusCode);
        var after = await jobCentre.GetFromJsonAsync<JsonElement>("/api/simulation/forecasts");
        Assert.DoesNotContain(after.EnumerateArray(), f => f.GetProperty("id").GetInt64() == forecastId);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"/api/simulation/forecasts/{forecastId}")).StatusCode);
        using var db = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext();
        var key = forecastId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(["create", "delete"], db.AuditLog.Where(a => a.EntityKind == "simulation-forecast" && a.EntityId == key).OrderBy(a => a.Id).Select(a => a.Action).ToList());
    }

    [Fact]
    public async Task Bad_forecast_requests_are_refused_naming_the_field_and_store_nothing()
    {
        var id = await DeployAsync("prognose-bad");
        using var manager = factory.ApiClient("leitung");
        var before = StoredForecasts();
        async Task<(HttpStatusCode Status, string? Field, string Detail)> Post(string query, string body)
        {
            var response = await manager.PostAsync($"/api/simulation/definitions/{id}/forecast?cases=100{query}", Json(body));
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, problem.TryGetProperty("field", out var f) ? f.GetString() : null, problem.GetProperty("detail").GetString() ?? "");
        }
        var ambiguous = await Post("", Scenario);
        Assert.Equal((HttpStatusCode.BadRequest, "scenario"), (ambiguous.Status, ambiguous.Field));
        Assert.Contains("„Prüfen automatisiert“", ambiguous.Detail, StringComparison.Ordinal);
        var unknown = await Post("&scenario=Gibtsnicht", Scenario);
        Assert.Equal((HttpStatusCode.BadRequest, "scenario"), (unknown.Status, unknown.Field));
        Assert.Contains("Kein Szenario „Gibtsnicht“", unknown.Detail, StringComparison.Ordinal);
        var nothing = await Post($"&scenario={Uri.EscapeDataString("Mehr Personal")}", Scenario);
        Assert.Equal((HttpStatusCode.BadRequest, "scenario"), (nothing.Status, nothing.Field));
        Assert.Contains("keinen Schritt mit Personalaufwand", nothing.Detail, StringComparison.Ordinal);
        var none = await Post("", "{}");
        Assert.Equal((HttpStatusCode.BadRequest, "scenarios"), (none.Status, none.Field));
        var badState = await manager.PostAsync($"/api/simulation/definitions/{id}/forecast?cases=100",
            Json("""{ "calendar": { "state": "XX" }, "scenarios": [ { "changes": [ { "type": "automate", "step": "Task_Pruefen" } ] } ] }"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badState.StatusCode);
        Assert.Contains("$.calendar.state", await badState.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync("/api/simulation/definitions/987654/forecast", Json(Scenario))).StatusCode);
        Assert.Equal(before, StoredForecasts());
    }

    [Fact]
    public async Task The_simulation_page_takes_a_scenario_over_as_forecast_and_deletes_it()
    {
        var id = await DeployAsync("prognose-seite", "Seitenprognose");
        var manager = await factory.LoginAsync("leitung", "demo");
        var form = await manager.GetStringAsync($"/simulation?version={id}");
        var fields = new Dictionary<string, string>
        {
            ["version"] = id.ToString(CultureInfo.InvariantCulture),
            ["Scenario"] = Scenario,
            ["Cases"] = "200",
            ["Seed"] = "3",
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        };
        var result = await SimulationJobTests.FollowAsync(manager, await manager.PostAsync("/simulation", new FormUrlEncodedContent(fields)));
        Assert.Contains("Freigesetzte Personalzeit je geändertem Schritt (simuliert)", result, StringComparison.Ordinal);
        Assert.Contains("„Prüfen automatisiert“ als Prognose übernehmen", result, StringComparison.Ordinal);
        Assert.DoesNotContain("„Mehr Personal“ als Prognose übernehmen", result, StringComparison.Ordinal);
        Assert.Contains("253 Arbeitstage", result, StringComparison.Ordinal);
        Assert.Contains("– Prozess Seitenprognose,", WebUtility.HtmlDecode(result), StringComparison.Ordinal);

        var before = StoredForecasts();
        fields["scenarioName"] = "Prüfen automatisiert";
        var stored = WebUtility.HtmlDecode(await (await manager.PostAsync("/simulation?handler=Forecast", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync());
        Assert.Contains("ist als Prognose (Simulation) gespeichert", stored, StringComparison.Ordinal);
        Assert.Equal(before + 1, StoredForecasts());
        var forecastId = (await factory.ApiClient("leitung").GetFromJsonAsync<JsonElement>("/api/simulation/forecasts"))
            .EnumerateArray().First(f => f.GetProperty("processId").GetString() == "prognose-seite").GetProperty("id").GetInt64();
        Assert.Contains($"Prognose {forecastId} löschen", stored, StringComparison.Ordinal);
        // The list of forecasts names the process, not its id.
        var listed = Regex.Match(stored, $"<tr><td>{forecastId}</td>.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("<td>Seitenprognose Version 1</td>", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("prognose-seite", listed, StringComparison.Ordinal);

        var deleted = WebUtility.HtmlDecode(await (await manager.PostAsync("/simulation?handler=DeleteForecast", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["forecastId"] = forecastId.ToString(CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(stored),
        }))).Content.ReadAsStringAsync());
        Assert.Contains($"Prognose Nr. {forecastId} („Prüfen automatisiert“) ist gelöscht.", deleted, StringComparison.Ordinal);
        Assert.Equal(before, StoredForecasts());
    }

    [Fact]
    public async Task A_forecast_stored_with_ids_only_is_shown_with_todays_names_and_keeps_ids_it_cannot_resolve()
    {
        var id = await DeployAsync("prognose-alt", "Antrag von heute");
        // A row as stored before forecasts kept names: process and step ids only (no nodeName, no processName).
        const string steps = """
            [ { "processId": "prognose-alt", "nodeId": "Task_Pruefen", "occupation": "73203", "roles": ["sachbearbeitung"], "minutesSavedPerCase": 12, "casesPerYear": 2000, "source": "alt" },
              { "processId": "prognose-alt", "nodeId": "Task_Entfernt", "occupation": "73203", "roles": ["sachbearbeitung"], "minutesSavedPerCase": 3, "casesPerYear": 2000, "source": "alt" },
              { "processId": "prognose-nie-veroeffentlicht", "nodeId": "Task_Fremd", "occupation": "73203", "roles": [], "minutesSavedPerCase": 1, "casesPerYear": 2000, "source": "alt" } ]
            """;
        long forecastId;
        using (var db = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext())
        {
            var row = new Automation.Data.Schema.SimulationForecastRecord
            {
                ProcessId = "prognose-alt", DefinitionId = id, DefinitionVersion = 1, Scenario = "Altbestand", StudyName = "alt.json", ScenarioJson = "{}",
                Seed = 1, Cases = 10, Replications = 1, CasesPerYear = 2000, StepsJson = steps, CreatedAt = 1_760_000_000_000, CreatedBy = "leitung",
            };
            db.SimulationForecasts.Add(row);
            await db.SaveChangesAsync();
            forecastId = row.Id;
        }

        using var jobCentre = factory.ApiClient("jobcenter");
        var listed = (await jobCentre.GetFromJsonAsync<JsonElement>("/api/labour/impact")).GetProperty("forecasts").EnumerateArray()
            .Single(f => f.GetProperty("forecast").GetProperty("id").GetInt64() == forecastId);
        var shownSteps = listed.GetProperty("occupations").EnumerateArray().SelectMany(o => o.GetProperty("steps").EnumerateArray()).Select(s => s.GetString()).ToList();
        // Resolved through today's published version; a step or process it cannot resolve keeps its id.
        Assert.Equal(["Antrag von heute/Antrag prüfen", "Antrag von heute/Task_Entfernt", "prognose-nie-veroeffentlicht/Task_Fremd"], shownSteps.Order(StringComparer.Ordinal));
        var html = WebUtility.HtmlDecode(await (await factory.LoginAsync("jobcenter", "demo")).GetStringAsync("/jobcenter/bericht"));
        Assert.Contains("Szenario „Altbestand“ – Antrag von heute Version 1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("prognose-alt", html, StringComparison.Ordinal);
        using (var workbook = new XLWorkbook(await (await jobCentre.GetAsync("/api/labour/report.xlsx")).Content.ReadAsStreamAsync()))
        {
            var cells = workbook.Worksheet("Prognose (Simulation)").CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("Antrag von heute/Antrag prüfen", cells);
            Assert.DoesNotContain(cells, c => c.Contains("prognose-alt", StringComparison.Ordinal));
        }

        // The stored row is not rewritten.
        using var check = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext();
        Assert.Equal(steps, check.SimulationForecasts.Single(f => f.Id == forecastId).StepsJson);
    }
}
