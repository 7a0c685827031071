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
        Assert.Contains("sum to 0.9, not 1", error.Message, StringComparison.Ordinal);
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
        Assert.Contains("must not be negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_step_ids_in_a_scenario_are_refused()
    {
        var error = Assert.Single(Errors("""{ "scenarios": [ { "name": "x", "changes": [ { "type": "automate", "step": "gibtsnicht" } ] } ] }"""));
        Assert.Equal("$.scenarios[0].changes[0].step", error.Path);
        Assert.Equal("gibtsnicht", error.ElementId);
        Assert.Contains("no step 'gibtsnicht'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_step_ids_in_durations_and_gateways_are_refused()
    {
        var errors = Errors("""{ "branches": { "nope": { "a": 1 } }, "roles": { "niemand": { "people": 1 } } }""");
        Assert.Contains(errors, e => e.Path == "$.branches.nope" && e.Message.Contains("no gateway 'nope'", StringComparison.Ordinal));
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
    }

    [Fact]
    public void AI_assistance_without_inferences_or_review_time_is_refused()
    {
        var errors = Errors("""{ "scenarios": [ { "changes": [ { "type": "aiAssist", "step": "pruefen" } ] } ] }""");
        Assert.Contains(errors, e => e.Path == "$.scenarios[0].changes[0].inferences" && e.ElementId == "pruefen");
        Assert.Contains(errors, e => e.Path == "$.scenarios[0].changes[0].review" && e.ElementId == "pruefen");
    }

    [Fact]
    public void Only_tasks_can_be_changed()
    {
        var error = Assert.Single(Errors("""{ "scenarios": [ { "changes": [ { "type": "remove", "step": "gw" } ] } ] }"""));
        Assert.Equal("$.scenarios[0].changes[0].step", error.Path);
        Assert.Contains("only tasks", error.Message, StringComparison.Ordinal);
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
