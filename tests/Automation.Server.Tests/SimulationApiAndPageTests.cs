using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Engine.Reading;
using Automation.Engine.Simulation;
using Automation.Server.Features.Simulation;

namespace Automation.Server.Tests;

/// <summary>The simulation slice: API (roles, result, refused scenarios), the German page and its server-rendered charts.</summary>
public sealed partial class SimulationApiAndPageTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Scenario = """
        { "replications": 2, "roles": { "sachbearbeitung": { "people": 2 } },
          "scenarios": [ { "name": "Prüfen automatisiert", "changes": [ { "type": "automate", "step": "Task_Pruefen" } ] } ] }
        """;

    private async Task<long> DeployAsync(string processId)
    {
        var published = await TestBpmn.PublishAsync(factory.ApiClient("admin"), TestBpmn.TwoTasks(processId));
        return published.GetProperty("versions")[0].GetProperty("id").GetInt64();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Managers_process_owners_and_admins_run_a_scenario_and_get_a_labelled_forecast()
    {
        var id = await DeployAsync("sim-api");
        foreach (var user in new[] { "leitung", "prozess", "admin" })
        {
            var response = await factory.ApiClient(user).PostAsync($"/api/simulation/definitions/{id}/run?cases=200&seed=5", Json(Scenario));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("simulated", body.GetProperty("kind").GetString());
            Assert.Equal(SimulationReport.ForecastLabel, body.GetProperty("label").GetString());
            var variants = body.GetProperty("variants");
            Assert.Equal(2, variants.GetArrayLength());
            Assert.Equal(200, variants[0].GetProperty("casesStarted").GetInt32());
            Assert.Equal("Task_Pruefen", variants[1].GetProperty("stepBalances")[0].GetProperty("stepId").GetString());
        }
    }

    [Fact]
    public async Task The_answer_states_its_assumptions_and_a_refused_scenario_its_errors_in_german()
    {
        var id = await DeployAsync("sim-deutsch");
        var client = factory.ApiClient("leitung");
        // Once with the scenario, once with every default (each default names where the scenario file sets it).
        var assumptions = new List<string>();
        foreach (var scenario in new[] { Scenario, "{}" })
        {
            var run = await (await client.PostAsync($"/api/simulation/definitions/{id}/run?cases=50&seed=3", Json(scenario))).Content.ReadFromJsonAsync<JsonElement>();
            assumptions.AddRange(run.GetProperty("assumptions").EnumerateArray().Select(a => a.GetString()!));
        }
        Assert.True(assumptions.Count >= 6, string.Join(" | ", assumptions));
        Assert.Contains(assumptions, a => a.Contains("(Standard; unter $.roles festlegen)", StringComparison.Ordinal));
        var refused = await (await client.PostAsync($"/api/simulation/definitions/{id}/run",
            Json("""{ "roles": { "sachbearbeitung": { "people": 0 } }, "scenarios": [ { "changes": [ { "type": "remove", "step": "Gibtsnicht" } ] } ] }""")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var errors = refused.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.True(errors.Count >= 2, string.Join(" | ", errors));
        var hits = assumptions.Concat(errors).Append(refused.GetProperty("title").GetString()!).SelectMany(Pages.EnglishWords.Hits).ToList();
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));
    }

    [Fact]
    public async Task Clerks_and_job_centre_staff_may_not_simulate()
    {
        var id = await DeployAsync("sim-forbidden");
        foreach (var user in new[] { "sachbearbeitung", "jobcenter" })
        {
            var response = await factory.ApiClient(user).PostAsync($"/api/simulation/definitions/{id}/run", Json("{}"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(null).PostAsync($"/api/simulation/definitions/{id}/run", Json("{}"))).StatusCode);
    }

    [Fact]
    public async Task A_bad_scenario_is_refused_with_422_naming_each_field_and_an_unknown_version_with_404()
    {
        var id = await DeployAsync("sim-bad");
        var client = factory.ApiClient("leitung");
        var response = await client.PostAsync($"/api/simulation/definitions/{id}/run",
            Json("""{ "roles": { "sachbearbeitung": { "people": 0 } }, "scenarios": [ { "changes": [ { "type": "remove", "step": "Gibtsnicht" } ] } ] }"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("$.roles.sachbearbeitung.people", paths);
        Assert.Contains("$.scenarios[0].changes[0].step", paths);
        var malformed = await client.PostAsync($"/api/simulation/definitions/{id}/run", Json("""{ "replications": "zwei" }"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        var tooMany = await client.PostAsync($"/api/simulation/definitions/{id}/run?cases=1000000", Json("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/simulation/definitions/987654/run", Json("{}"))).StatusCode);
    }

    [Fact]
    public async Task The_page_prefills_a_scenario_runs_it_and_shows_tables_and_charts_in_German()
    {
        var id = await DeployAsync("sim-page");
        var manager = await factory.LoginAsync("leitung", "demo");
        var form = await manager.GetStringAsync($"/simulation?version={id}");
        Assert.Contains("Was-wäre-wenn-Simulation", form, StringComparison.Ordinal);
        var scenario = WebUtility.HtmlDecode(TextArea().Match(form).Groups[1].Value);
        var template = ScenarioFile.Parse(scenario);
        Assert.Equal("automate", template.Scenarios![0].Changes![0].Type);
        var result = await manager.PostAsync("/simulation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scenario"] = scenario,
            ["Cases"] = "300",
            ["Seed"] = "2",
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        }));
        var html = await SimulationJobTests.FollowAsync(manager, result);
        Assert.Contains(SimulationReport.ForecastLabel, html, StringComparison.Ordinal);
        Assert.Contains("Vollzeitäquivalente nach Beruf", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "src=\"data:image/svg\\+xml;base64,"));
        // The result as a person reads it (issue 17: "0.580", "83.3 %", English statuses): German words, numbers in de-DE.
        var start = html.IndexOf("<section aria-labelledby=\"ergebnis\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no result section");
        var shown = WebUtility.HtmlDecode(Regex.Replace(html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)], "<[^>]*>", " "));
        Assert.Matches(@"\d,\d", shown);
        var hits = Pages.EnglishWords.Hits(shown);
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));

        var refused = await manager.PostAsync("/simulation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scenario"] = """{ "branches": { "Task_Pruefen": { "x": 1 } } }""",
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        }));
        var refusedHtml = await SimulationJobTests.FollowAsync(manager, refused);
        Assert.Contains("Das Szenario wurde nicht simuliert", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("$.branches.Task_Pruefen", refusedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clerks_do_not_see_the_simulation_page()
    {
        var clerk = await factory.LoginAsync("sachbearbeitung", "demo");
        var response = await clerk.GetAsync("/simulation");
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"status {response.StatusCode}");
        Assert.DoesNotContain("Was-wäre-wenn-Simulation", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_render_their_labels_as_text_with_German_numbers()
    {
        var processes = BpmnReader.ReadText(TestBpmn.TwoTasks("sim-chart"), "chart.bpmn").Processes;
        var study = SimulationCompiler.Compile(processes, ScenarioFile.Parse(Scenario));
        var report = Simulator.Run(study, 300, seed: 1);
        var lead = SimulationCharts.LeadTime(report);
        var staff = SimulationCharts.StaffHours(report);
        var carbon = SimulationCharts.Carbon(report);
        foreach (var (svg, title) in new[] { (lead, "Durchlaufzeit"), (staff, "Personalstunden"), (carbon, "je Fall nach Komponente") })
        {
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            // Without fonts ScottPlot silently draws no text: the labels must be in the SVG as text.
            var texts = SvgText().Matches(svg).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
            Assert.Contains(texts, t => t.Contains(title, StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Contains("Prognose", StringComparison.Ordinal));
        }
        var carbonTexts = SvgText().Matches(carbon).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
        Assert.Contains("Ausgangslage", carbonTexts);
        Assert.Contains("Arbeitsplatz", carbonTexts);
        // German decimal comma on the value axis of the staff-hours chart (ticks like "0,50").
        Assert.Contains(SvgText().Matches(staff).Select(m => m.Groups[1].Value.Trim()), t => Regex.IsMatch(t, @"^\d+,\d\d$"));
    }

    [GeneratedRegex("<textarea id=\"Scenario\"[^>]*>([\\s\\S]*?)</textarea>")]
    private static partial Regex TextArea();

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex SvgText();
}
