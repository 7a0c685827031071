using System.Text.Json;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Elsa;

/// <summary>
/// Outcomes a script computes: RunJavaScript's <c>setOutcome</c>/<c>setOutcomes</c> pick the connections it continues on
/// (elsa-core RunJavaScriptTests), and Complete's outcomes written as an expression are evaluated when it is reached
/// (elsa-core Complete.InterpretOutcomes: a text is one outcome, a list its entries, anything else "Done").
/// </summary>
public sealed class ElsaComputedOutcomeTests
{
    private static DefinitionSet Workflow(string activities, string connections, string id = "wf", string extra = "") =>
        ElsaReader.ReadText($$"""
            {
              "definitionId": "{{id}}",
              "name": "Test",
              {{extra}}
              "variables": [ { "id": "v1", "name": "Sum", "typeName": "Object" }, { "id": "v2", "name": "Amount", "typeName": "Object", "value": "30" } ],
              "root": { "id": "Flowchart1", "type": "Elsa.Flowchart", "activities": {{activities}}, "connections": {{connections}} }
            }
            """, id + ".json");

    private static string Expression(string type, string value) =>
        $$"""{ "typeName": "Object", "expression": { "type": "{{type}}", "value": {{JsonSerializer.Serialize(value)}} } }""";

    private static string WriteLine(string id) =>
        $$"""{ "id": "{{id}}", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "{{id}}" } } }""";

    private static string Script(string script) =>
        $$"""{ "id": "Script", "type": "Elsa.RunJavaScript", "script": {{Expression("JavaScript", script)}}, "result": { "memoryReference": { "id": "v1" } } }""";

    private static string C(string source, string target, string port = "Done") =>
        $$"""{ "source": { "activity": "{{source}}", "port": "{{port}}" }, "target": { "activity": "{{target}}", "port": "In" } }""";

    /// <summary>RunJavaScript connected on Done, Success, Branch1..3, Large and Small, each to a WriteLine of that name.</summary>
    private static ElsaRun RunScript(string script)
    {
        string[] ports = ["Done", "Success", "Branch1", "Branch2", "Branch3", "Large", "Small"];
        var set = Workflow($"[ {Script(script)}, {string.Join(", ", ports.Select(WriteLine))} ]",
            $"[ {string.Join(", ", ports.Select(p => C("Script", p, p)))} ]");
        return new ElsaRun(set);
    }

    [Theory(DisplayName = "RunJavaScriptTests.Should_Set_Outcomes: the activity produces the outcomes the script sets")]
    [InlineData("setOutcome('Success');", new[] { "Success" })]
    [InlineData("setOutcomes(['Branch1', 'Branch2', 'Branch3']);", new[] { "Branch1", "Branch2", "Branch3" })]
    public void A_script_that_sets_outcomes_continues_on_their_connections_only(string script, string[] expected)
    {
        using var run = RunScript(script);

        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.Equal(expected.Order(), run.Lines.Order());
        Assert.DoesNotContain("Done", run.Lines);
    }

    [Fact(DisplayName = "RunJavaScriptTests.Should_Execute_Complex_Script_With_Multiple_Statements: sum 30, outcome Large")]
    public void A_script_with_statements_sets_its_outcome_and_still_returns_its_result()
    {
        using var run = RunScript("""
            var x = 10;
            var y = 20;
            var sum = x + y;
            if (sum > 25) {
                setOutcome('Large');
            } else {
                setOutcome('Small');
            }
            return sum;
            """);

        Assert.Equal(["Large"], run.Lines);
        Assert.Equal(30d, Convert.ToDouble(run.State.Variables["Sum"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_outcome_may_depend_on_the_variables_and_the_last_call_wins()
    {
        using var small = RunScript("setOutcome('Large'); if (getAmount() < 50) setOutcome('Small');");
        Assert.Equal(["Small"], small.Lines);
    }

    [Fact]
    public void A_script_that_names_an_outcome_only_in_a_branch_not_taken_leaves_by_Done()
    {
        using var run = RunScript("if (getAmount() > 1000) { setOutcome('Large'); } 1");
        Assert.Equal(["Done"], run.Lines);
    }

    [Fact]
    public void An_outcome_without_a_connection_ends_the_path_and_the_case_completes()
    {
        using var run = RunScript("setOutcome('Elsewhere')");
        Assert.Empty(run.Lines);
        Assert.Equal(CaseStatus.Completed, run.State.Status);
    }

    [Fact]
    public void SetOutcomes_with_no_list_is_an_incident_at_the_script_not_a_crash()
    {
        using var run = RunScript("setOutcomes('Success')");
        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal("Script", incident.NodeId);
        Assert.Contains("setOutcomes", incident.Message, StringComparison.Ordinal);
        Assert.Empty(run.Lines);
    }

    [Fact]
    public void A_script_without_setOutcome_takes_all_its_connections_as_before()
    {
        var set = Workflow($"[ {Script("1 + 1")}, {WriteLine("A")}, {WriteLine("B")} ]", $"[ {C("Script", "A")}, {C("Script", "B")} ]");
        using var run = new ElsaRun(set);
        Assert.Equal(["A", "B"], run.Lines.Order());
    }

    // ---- Complete with computed outcomes -------------------------------------------------------------------

    /// <summary>A child workflow whose Complete's outcomes are the given expression, and a parent continuing on Success/Failed/Done.</summary>
    private static ElsaRun RunComplete(string type, string outcomes)
    {
        var child = Workflow($$"""[ { "id": "Complete1", "type": "Elsa.Complete", "outcomes": {{Expression(type, outcomes)}} } ]""", "[]", "child",
            "\"options\": { \"usableAsActivity\": true }, \"outcomes\": [\"Success\", \"Failed\"],");
        var parent = Workflow(
            $$"""[ { "id": "Child", "type": "ChildWorkflow", "workflowDefinitionId": "child" }, {{WriteLine("Success")}}, {{WriteLine("Failed")}}, {{WriteLine("Done")}} ]""",
            $"[ {C("Child", "Success", "Success")}, {C("Child", "Failed", "Failed")}, {C("Child", "Done")} ]", "parent");
        return new ElsaRun(parent, child);
    }

    [Theory]
    [InlineData("'Success'", new[] { "Success" })]
    [InlineData("['Failed', 'Success']", new[] { "Failed", "Success" })]
    [InlineData("getAmount() > 10 ? 'Failed' : 'Success'", new[] { "Failed" })]
    [InlineData("42", new[] { "Done" })]
    [InlineData("null", new[] { "Done" })]
    public void Complete_with_outcomes_computed_by_JavaScript_continues_the_caller_on_them(string script, string[] expected)
    {
        using var run = RunComplete("JavaScript", script);

        Assert.Equal(CaseStatus.Completed, run.State.Status);
        Assert.Equal(expected.Order(), run.Lines.Order());
    }

    [Fact]
    public void Complete_whose_outcome_script_fails_is_an_incident_at_Complete_and_the_caller_waits()
    {
        using var run = RunComplete("JavaScript", "undefined.property");

        var incident = Assert.Single(run.State.Incidents);
        Assert.Equal("Complete1", incident.NodeId);
        Assert.Empty(run.Lines);
        Assert.NotEqual(CaseStatus.Completed, run.State.Status);
    }

    [Fact]
    public void Complete_with_outcomes_in_a_language_the_engine_does_not_run_is_still_reported()
    {
        var child = Workflow($$"""[ { "id": "Complete1", "type": "Elsa.Complete", "outcomes": {{Expression("CSharp", "\"Success\"")}} } ]""", "[]", "child");
        var finding = Assert.Single(child.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((DiagnosticCodes.UnsupportedExpression, "Complete1"), (finding.Code, finding.ElementId));
        Assert.Contains("outcomes", finding.Message, StringComparison.Ordinal);
    }
}
