using System.Diagnostics;
using System.Globalization;
using System.Text;
using Automation.Engine.Decisions;
using Automation.Engine.Expressions;

namespace Automation.Benchmarks;

/// <summary>
/// Decision-table throughput: a 20-rule UNIQUE table with three inputs (income bands and household size as numeric
/// ranges, the kind of application as strings) evaluated on one thread, explanation included. Beside it the same routing
/// written as script conditions (JavaScript, as on an exclusive gateway's 20 flows, tried in order until one is true)
/// through the engine's script sandbox. Target: ≥ 100,000 table evaluations per second.
/// </summary>
internal static class DecisionScenario
{
    private const double Target = 100_000;

    private static readonly (decimal Low, decimal High)[] Incomes = [(0, 1000), (1000, 2000), (2000, 3000), (3000, 4500), (4500, 1_000_000)];
    private static readonly (decimal Low, decimal High)[] Households = [(1, 3), (4, 20)];
    private static readonly string[] Kinds = ["Erstantrag", "Weiterleistung"];

    public static int Run(int evaluations, bool enforceTarget)
    {
        var rules = Rules().ToList();
        var model = Dmn.Read(TableXml(rules), "routing-20.dmn");
        if (model.HasErrors) throw new InvalidOperationException(string.Join("\n", model.Diagnostics));
        var random = new Random(7);
        var inputs = Enumerable.Range(0, 256).Select(_ => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["einkommen"] = (double)random.Next(0, 6000),
            ["haushalt"] = (double)random.Next(1, 8),
            ["art"] = Kinds[random.Next(Kinds.Length)],
        }).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decision: 20-rule UNIQUE table, 3 inputs, {evaluations:N0} evaluations on one thread, {Environment.ProcessorCount} cores, .NET {Environment.Version} (target ≥ {Target:N0}/s)"));

        // Warm-up, then the measured run; every result is checked against the script routing below on the first inputs.
        for (var i = 0; i < Math.Min(evaluations, 20_000); i++) DecisionEvaluator.Evaluate(model, "route", inputs[i & 255]);
        var gc = GC.CollectionCount(0);
        var watch = Stopwatch.StartNew();
        object? last = null;
        for (var i = 0; i < evaluations; i++) last = DecisionEvaluator.Evaluate(model, "route", inputs[i & 255]).Value;
        watch.Stop();
        var tableRate = evaluations / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  decision table           {tableRate,12:N0} evaluations/s  ({watch.Elapsed.TotalMilliseconds * 1000 / evaluations:F2} µs each, gen-0 GCs {GC.CollectionCount(0) - gc}, last result {last}){(tableRate < Target ? " UNDER TARGET" : "")}"));

        using var sandbox = new ScriptSandbox();
        var conditions = rules.Select(r => (Script: CompiledScript.Compile(Condition(r)), r.Route)).ToList();
        string? Route(IReadOnlyDictionary<string, object?> vars)
        {
            foreach (var (script, route) in conditions)
                if (sandbox.EvaluateCondition(script, vars)) return route;
            return null;
        }
        for (var i = 0; i < 256; i++)
        {
            var expected = (string?)DecisionEvaluator.Evaluate(model, "route", inputs[i]).Value;
            if (Route(inputs[i]) != expected) throw new InvalidOperationException($"script and table differ for input {i}");
        }
        var scriptRuns = Math.Max(256, evaluations / 10);
        watch.Restart();
        for (var i = 0; i < scriptRuns; i++) Route(inputs[i & 255]);
        watch.Stop();
        var scriptRate = scriptRuns / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  script conditions (JS)   {scriptRate,12:N0} routings/s     ({watch.Elapsed.TotalMilliseconds * 1000 / scriptRuns:F2} µs each, up to 20 conditions in order; {scriptRuns:N0} runs)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decision table: {tableRate:N0}/s, {tableRate / scriptRate:F1}× the script routing (target ≥ {Target:N0}/s)"));
        return tableRate >= Target || !enforceTarget ? 0 : 1;
    }

    private sealed record Rule(int Index, (decimal Low, decimal High) Income, (decimal Low, decimal High) Household, string Kind, string Route);

    private static IEnumerable<Rule> Rules()
    {
        var index = 0;
        foreach (var income in Incomes)
            foreach (var household in Households)
                foreach (var kind in Kinds)
                {
                    index++;
                    var route = income.Low >= 4500 ? "Ablehnung" : kind == "Weiterleistung" && income.High <= 2000 ? "automatisch" : "Sachbearbeitung";
                    yield return new Rule(index, income, household, kind, route + "-" + index.ToString(CultureInfo.InvariantCulture));
                }
    }

    private static string N(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Condition(Rule r) =>
        $"einkommen >= {N(r.Income.Low)} && einkommen < {N(r.Income.High)} && haushalt >= {N(r.Household.Low)} && haushalt <= {N(r.Household.High)} && art == \"{r.Kind}\"";

    private static string TableXml(List<Rule> rules)
    {
        var sb = new StringBuilder();
        sb.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="bench" name="Bench" namespace="http://example.org">
              <decision id="route" name="Route">
                <decisionTable id="t" hitPolicy="UNIQUE">
                  <input id="i1" label="Einkommen"><inputExpression typeRef="number"><text>einkommen</text></inputExpression></input>
                  <input id="i2" label="Haushalt"><inputExpression typeRef="number"><text>haushalt</text></inputExpression></input>
                  <input id="i3" label="Art"><inputExpression typeRef="string"><text>art</text></inputExpression></input>
                  <output id="o1" name="route" typeRef="string"/>

            """);
        foreach (var r in rules)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""
                      <rule id="r{r.Index}"><inputEntry><text>[{N(r.Income.Low)}..{N(r.Income.High)})</text></inputEntry><inputEntry><text>[{N(r.Household.Low)}..{N(r.Household.High)}]</text></inputEntry><inputEntry><text>"{r.Kind}"</text></inputEntry><outputEntry><text>"{r.Route}"</text></outputEntry></rule>

                """);
        }
        sb.Append("    </decisionTable>\n  </decision>\n</definitions>\n");
        return sb.ToString();
    }
}
