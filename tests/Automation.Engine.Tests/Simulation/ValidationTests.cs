using Automation.Engine.Simulation;

namespace Automation.Engine.Tests.Simulation;

public sealed class ValidationTests
{
    private static IReadOnlyList<SimulationError> Errors(string json)
    {
        var e = Assert.Throws<SimulationValidationException>(() => SimBpmn.Compile(SimBpmn.Branching, json));
        Assert.NotEmpty(e.Errors);
        return e.Errors;
    }

    [Fact]
    public void Probabilities_that_do_not_sum_to_1_are_refused_naming_the_gateway()
    {
        var error = Assert.Single(Errors("""{ "branches": { "gw": { "ja": 0.6, "nein": 0.3 } } }"""));
        Assert.Equal("$.branches.gw", error.Path);
        Assert.Equal("gw", error.ElementId);
        Assert.Equal("scenario-probability-sum", error.Code);
        Assert.Contains("ergeben zusammen 0,9, nicht 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_probability_for_a_flow_the_gateway_does_not_have_is_refused()
    {
        var errors = Errors("""{ "branches": { "gw": { "ja": 0.5, "f5": 0.5 } } }""");
        Assert.Contains(errors, e => e.Path == "$.branches.gw.f5" && e.ElementId == "f5");
    }

    [Fact]
    public void Negative_durations_are_refused_naming_the_field_and_step()
    {
        var errors = Errors("""{ "durations": { "steps": { "pruefen": { "distribution": "triangular", "min": -5, "mode": 10, "max": 20 } } } }""");
        var error = Assert.Single(errors);
        Assert.Equal("$.durations.steps.pruefen.min", error.Path);
        Assert.Equal("pruefen", error.ElementId);
        Assert.Equal("scenario-duration-negative", error.Code);
        Assert.Contains("nicht negativ sein, nicht -5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_step_ids_in_a_scenario_are_refused()
    {
        var error = Assert.Single(Errors("""{ "scenarios": [ { "name": "x", "changes": [ { "type": "automate", "step": "gibtsnicht" } ] } ] }"""));
        Assert.Equal("$.scenarios[0].changes[0].step", error.Path);
        Assert.Equal("gibtsnicht", error.ElementId);
        Assert.Equal(("scenario-change-step-unknown", "Der Prozess hat keinen Schritt „gibtsnicht“."), (error.Code, error.Message));
    }

    [Fact]
    public void Unknown_step_ids_in_durations_and_gateways_are_refused()
    {
        var errors = Errors("""{ "branches": { "nope": { "a": 1 } }, "roles": { "niemand": { "people": 1 } } }""");
        Assert.Contains(errors, e => e.Path == "$.branches.nope" && e.Code == "scenario-gateway-unknown" && e.Message.Contains("kein Gateway „nope“", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.roles.niemand" && e.ElementId == "niemand");
    }

    [Fact]
    public void Zero_capacity_for_a_role_with_work_is_refused_in_baseline_and_in_a_scenario()
    {
        var baseline = Assert.Single(Errors("""{ "roles": { "leitung": { "people": 0 } } }"""));
        Assert.Equal("$.roles.leitung.people", baseline.Path);
        Assert.Contains("ablehnen", baseline.Message, StringComparison.Ordinal);
        var scenario = Assert.Single(Errors("""{ "scenarios": [ { "changes": [ { "type": "capacity", "role": "sachbearbeitung", "people": 0 } ] } ] }"""));
        Assert.Equal("$.scenarios[0].changes[0].people", scenario.Path);
        Assert.Equal("sachbearbeitung", scenario.ElementId);
    }

    [Fact]
    public void Zero_capacity_is_accepted_when_a_scenario_removes_all_of_the_roles_work()
    {
        var study = SimBpmn.Compile(SimBpmn.Branching, """
            { "scenarios": [ { "changes": [ { "type": "remove", "step": "ablehnen" }, { "type": "capacity", "role": "leitung", "people": 0 } ] } ] }
            """);
        Assert.Single(study.Scenarios);
    }

    [Fact]
    public void Malformed_JSON_and_unknown_fields_name_the_path()
    {
        var unknown = Assert.Throws<SimulationValidationException>(() => ScenarioFile.Parse("""{ "arrivals": { "perDay": 3 } }"""));
        Assert.Contains(unknown.Errors, e => e.Path.StartsWith("$.arrivals", StringComparison.Ordinal));
        var type = Assert.Throws<SimulationValidationException>(() => ScenarioFile.Parse("""{ "replications": "viele" }"""));
        Assert.Equal("$.replications", Assert.Single(type.Errors).Path);
        var broken = Assert.Throws<SimulationValidationException>(() => ScenarioFile.Parse("{\n  \"replications\": 3,\n  \"seed\": }"));
        var line = Assert.Single(broken.Errors);
        Assert.Equal("scenario-json", line.Code);
        Assert.Contains("in Zeile 3 nicht", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AI_assistance_without_inferences_or_review_time_is_refused()
    {
        var errors = Errors("""{ "scenarios": [ { "changes": [ { "type": "aiAssist", "step": "pruefen" } ] } ] }""");
        Assert.Contains(errors, e => e.Path == "$.scenarios[0].changes[0].inferences" && e.ElementId == "pruefen");
        Assert.Contains(errors, e => e.Path == "$.scenarios[0].changes[0].review" && e.ElementId == "pruefen");
    }

    [Fact]
    public void Every_scenario_problem_has_a_stable_code_and_a_German_text_without_English_words()
    {
        // Settings are checked first (a compile stops after them), so the steps, roles and scenarios come in a second file.
        var settings = Errors("""
            { "replications": 0, "authority": "Gemeinde", "calendar": { "workingDays": ["montag"], "dayStart": "8 Uhr", "openingHours": 30, "timeZone": "Mars/Olymp" },
              "arrivals": { "casesPerWorkingDay": 0, "seasonal": [1, 2] } }
            """);
        var variants = Errors("""
            { "durations": { "steps": { "pruefen": { "basis": "gefuehl" } } },
              "roles": { "sachbearbeitung": { "people": -1, "hoursPerDay": 25 } },
              "scenarios": [ { "changes": [ { "type": "zaubern" }, { "type": "capacity" }, { "type": "remove", "step": "gw" } ] }, { "changes": [] } ] }
            """);
        Assert.True(settings.Count >= 8, string.Join(Environment.NewLine, settings));
        Assert.True(variants.Count >= 4, string.Join(Environment.NewLine, variants));
        var errors = settings.Concat(variants).ToList();
        Assert.All(errors, e =>
        {
            Assert.Matches("^scenario-[a-z]+(-[a-z]+)*$", e.Code);
            Assert.NotEqual("scenario-invalid", e.Code);
            // A German sentence: no English function words, no decimal point.
            Assert.DoesNotMatch(@"\b(the|must|not be|needs|unknown|use|is a)\b", e.Message);
            Assert.DoesNotMatch(@"\d\.\d", e.Message);
        });
        Assert.Contains(errors, e => e.Path == "$.calendar.openingHours" && e.Message.Contains("nicht 30", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_tasks_can_be_changed()
    {
        var error = Assert.Single(Errors("""{ "scenarios": [ { "changes": [ { "type": "remove", "step": "gw" } ] } ] }"""));
        Assert.Equal("$.scenarios[0].changes[0].step", error.Path);
        Assert.Equal("scenario-change-step-not-task", error.Code);
        Assert.Contains("„gw“ ist ein Element der Art exklusives Gateway; nur Aufgaben", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_with_enough_measurements_gives_empirical_durations_and_branch_frequencies()
    {
        var history = new SimulationHistory
        {
            StepMinutes = new Dictionary<string, double[]> { ["pruefen"] = [10, 12, 14, 16, 18], ["bewilligen"] = [1, 2] },
            BranchCounts = new Dictionary<string, IReadOnlyDictionary<string, long>> { ["gw"] = new Dictionary<string, long> { ["ja"] = 9, ["nein"] = 1 } },
        };
        var study = SimulationCompiler.Compile(SimBpmn.Read(SimBpmn.Branching), ScenarioFile.Parse("{}"), history);
        Assert.Equal(DurationKind.Empirical, study.Baseline.Steps["pruefen"].Duration!.Kind);
        // Two measurements are too few: the standard time is used.
        Assert.Equal(DurationKind.Triangular, study.Baseline.Steps["bewilligen"].Duration!.Kind);
        Assert.Equal([0.9, 0.1], study.Baseline.Branches["gw"].Probabilities);
        Assert.StartsWith("history", study.Baseline.Branches["gw"].Source, StringComparison.Ordinal);
    }
}
