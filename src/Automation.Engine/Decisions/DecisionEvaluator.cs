using System.Globalization;
using Automation.Engine.Expressions;
using Automation.Engine.Expressions.Feel;
using Automation.Engine.Validation;

namespace Automation.Engine.Decisions;

/// <summary>
/// Evaluates a decision of a <see cref="DecisionModel"/>: its required decisions first (each once, in dependency order),
/// then its table or literal expression, in one FEEL runtime whose step budget covers the whole graph.
/// </summary>
public static class DecisionEvaluator
{
    /// <summary>Evaluates a decision by id with the given variables (input data by name).</summary>
    /// <param name="model">A model read by <see cref="Dmn.Read"/> without errors.</param>
    /// <param name="decisionId">The decision's id.</param>
    /// <param name="variables">Input data and other variables by name.</param>
    /// <exception cref="DecisionException">Unknown decision, a model with errors, a hit-policy violation, or limits exceeded.</exception>
    public static DecisionResult Evaluate(DecisionModel model, string decisionId, IReadOnlyDictionary<string, object?> variables) =>
        Evaluate(model, decisionId, variables, ScriptLimits.Default);

    internal static DecisionResult Evaluate(DecisionModel model, string decisionId, IReadOnlyDictionary<string, object?> variables, ScriptLimits limits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(decisionId);
        ArgumentNullException.ThrowIfNull(variables);
        if (model.HasErrors)
            throw new DecisionException(DiagnosticCodes.DmnModelInvalid, $"the decision model {model.FileName} has errors", decisionId, [], [model.FileName ?? model.Name ?? ""]);
        var decision = model.Find(decisionId)
            ?? throw new DecisionException(DiagnosticCodes.DmnDecisionUnknown, $"no decision with id {decisionId}", decisionId, [],
                [decisionId, string.Join(", ", model.Decisions.Select(d => d.Id))]);
        var runtime = new FeelRuntime(limits);
        var explanations = new List<DecisionExplanation>();
        try
        {
            Outcome outcome = default;
            if (decision.RequiredDecisions.Count == 0)
            {
                outcome = Evaluate(decision, Scope.Root(variables), runtime, explanations);
            }
            else
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in variables) values[key] = value;
                foreach (var next in Order(model, decision))
                {
                    outcome = Evaluate(next, Scope.Root(values), runtime, explanations);
                    // Decisions are known by name in the decisions that require them; FEEL values pass through FromHost unchanged.
                    values[next.Name] = outcome.Value;
                }
            }
            return new DecisionResult(decision.Id, decision.Name, Host(outcome.Value), outcome.Rows, explanations, runtime.Warnings.ToList())
            {
                FeelValue = outcome.Value,
            };
        }
        catch (ScriptException e)
        {
            throw new DecisionException(DiagnosticCodes.DmnEvaluationStopped, e.Message, decision.Id, [], [decision.Name, e.Message]);
        }
        catch (InsufficientExecutionStackException)
        {
            const string message = "Der FEEL-Ausdruck ist zu tief verschachtelt und wurde abgebrochen.";
            throw new DecisionException(DiagnosticCodes.DmnEvaluationStopped, message, decision.Id, [], [decision.Name, message]);
        }
    }

    /// <summary>The decision and everything it requires, each once, required ones first (iterative post-order; the graph has no cycle).</summary>
    private static List<Decision> Order(DecisionModel model, Decision top)
    {
        var order = new List<Decision>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { top.Id };
        var stack = new Stack<(Decision Decision, int Next)>();
        stack.Push((top, 0));
        while (stack.Count > 0)
        {
            var (d, next) = stack.Pop();
            if (next < d.RequiredDecisions.Count)
            {
                stack.Push((d, next + 1));
                if (model.Find(d.RequiredDecisions[next]) is { } child && seen.Add(child.Id)) stack.Push((child, 0));
                continue;
            }
            order.Add(d);
        }
        return order;
    }

    private readonly record struct Outcome(object? Value, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);

    private static Outcome Evaluate(Decision decision, Scope scope, FeelRuntime runtime, List<DecisionExplanation> explanations)
    {
        switch (decision.Logic)
        {
            case DecisionLogic.Table:
                return TableEvaluation.Run(decision, decision.Table!, scope, runtime, explanations);
            case DecisionLogic.Literal:
                var value = decision.Compiled is null ? null : Evaluator.Eval(decision.Compiled, scope, runtime);
                var host = Host(value);
                explanations.Add(new DecisionExplanation(decision.Id, decision.Name, DecisionLogic.Literal, null, [], [], host));
                return new Outcome(value, [new Dictionary<string, object?>(StringComparer.Ordinal) { [decision.Name] = host }]);
            default:
                throw new DecisionException(DiagnosticCodes.DmnNoLogic, $"decision {decision.Id} has no decision logic", decision.Id, [], [decision.Name]);
        }
    }

    /// <summary>A FEEL value as a plain host value: contexts become dictionaries, times and durations their FEEL text.</summary>
    internal static object? Host(object? value) => value switch
    {
        null or decimal or string or bool or DateOnly => value,
        FeelContext c => c.Entries.ToDictionary(e => e.Key, e => Host(e.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(Host).ToList(),
        _ => Builtins.ToText(value),
    };

    /// <summary>Evaluation of one decision table.</summary>
    private static class TableEvaluation
    {
        public static Outcome Run(Decision decision, DecisionTable table, Scope scope, FeelRuntime runtime, List<DecisionExplanation> explanations)
        {
            var inputs = table.Inputs;
            var values = new object?[inputs.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = inputs[i].Compiled is { } expression ? Evaluator.Eval(expression, scope, runtime) : null;
            var matched = new List<TableRule>();
            foreach (var rule in table.Rules)
            {
                if (!Matches(rule, values, inputs, scope, runtime)) continue;
                matched.Add(rule);
                if (table.HitPolicy == HitPolicy.First) break;
            }
            if (table.HitPolicy == HitPolicy.Unique && matched.Count > 1) throw Violation(DiagnosticCodes.DmnUniqueViolation, decision, matched);
            var outputs = new object?[matched.Count][];
            for (var m = 0; m < matched.Count; m++)
            {
                var row = outputs[m] = new object?[table.Outputs.Count];
                for (var o = 0; o < row.Length; o++) row[o] = matched[m].Outputs[o].Evaluate(scope, runtime);
            }
            if (table.HitPolicy == HitPolicy.Any && outputs.Skip(1).Any(r => !SameRow(r, outputs[0]))) throw Violation(DiagnosticCodes.DmnAnyViolation, decision, matched);
            var (value, rows) = Apply(table, matched, outputs, scope, runtime);
            explanations.Add(new DecisionExplanation(decision.Id, decision.Name, DecisionLogic.Table, PolicyText(table),
                [.. inputs.Select((input, i) => new EvaluatedInput(input.Id, input.Label, input.Expression.Trim(), Host(values[i])))],
                [.. matched.Select((rule, m) => new MatchedRule(rule.Index, rule.Id, rule.Annotation, Row(table, outputs[m])))], Host(value)));
            return new Outcome(value, rows);
        }

        private static bool Matches(TableRule rule, object?[] values, IReadOnlyList<TableInput> inputs, Scope scope, FeelRuntime runtime)
        {
            var tests = rule.Tests;
            for (var c = 0; c < tests.Length; c++)
            {
                if (!tests[c].Matches(values[c], scope, runtime, inputs[c].InputVariable)) return false;
            }
            return true;
        }

        private static (object? Value, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows) Apply(DecisionTable table, List<TableRule> matched,
            object?[][] outputs, Scope scope, FeelRuntime runtime)
        {
            if (matched.Count == 0)
            {
                if (!table.Outputs.Any(o => o.CompiledDefault is not null))
                    return (table.HitPolicy is HitPolicy.Collect && table.Aggregation == CollectAggregation.Count ? 0m : null, []);
                var defaults = table.Outputs.Select(o => o.CompiledDefault is { } d ? Evaluator.Eval(d, scope, runtime) : null).ToArray();
                return (Value(table, defaults), [Row(table, defaults)]);
            }
            switch (table.HitPolicy)
            {
                case HitPolicy.Unique or HitPolicy.First or HitPolicy.Any:
                    return (Value(table, outputs[0]), [Row(table, outputs[0])]);
                case HitPolicy.Priority:
                    var best = Enumerable.Range(0, outputs.Length).OrderBy(i => i, new PriorityOrder(table, outputs)).First();
                    return (Value(table, outputs[best]), [Row(table, outputs[best])]);
                case HitPolicy.OutputOrder:
                    var sorted = Enumerable.Range(0, outputs.Length).OrderBy(i => i, new PriorityOrder(table, outputs)).Select(i => outputs[i]).ToList();
                    return (sorted.Select(r => Value(table, r)).ToList(), [.. sorted.Select(r => Row(table, r))]);
                case HitPolicy.Collect when table.Aggregation != CollectAggregation.None:
                    var aggregate = Aggregate(table, outputs, runtime);
                    return (aggregate, [new Dictionary<string, object?>(StringComparer.Ordinal) { [table.Outputs[0].Name] = Host(aggregate) }]);
                default:
                    return (outputs.Select(r => Value(table, r)).ToList(), [.. outputs.Select(r => Row(table, r))]);
            }
        }

        private static object? Aggregate(DecisionTable table, object?[][] outputs, FeelRuntime runtime)
        {
            if (table.Aggregation == CollectAggregation.Count) return (decimal)outputs.Length;
            if (table.Outputs.Count != 1)
            {
                runtime.Warn("Eine Aggregation (SUM, MIN, MAX) ist nur mit einer Ausgabe möglich.");
                return null;
            }
            var values = outputs.Select(r => r[0]).Where(v => v is not null).ToList();
            if (values.Count == 0) return null;
            var result = values[0];
            foreach (var v in values.Skip(1))
            {
                result = table.Aggregation switch
                {
                    CollectAggregation.Sum => FeelOps.Add(result, v, runtime),
                    CollectAggregation.Min => FeelOps.Compare(v, result) < 0 ? v : result,
                    _ => FeelOps.Compare(v, result) > 0 ? v : result,
                };
            }
            return result;
        }

        private static object? Value(DecisionTable table, object?[] row)
        {
            if (table.SingleOutput) return row[0];
            var context = new FeelContext();
            for (var o = 0; o < row.Length; o++) context.Set(table.Outputs[o].Name, row[o]);
            return context;
        }

        private static Dictionary<string, object?> Row(DecisionTable table, object?[] row)
        {
            var result = new Dictionary<string, object?>(row.Length, StringComparer.Ordinal);
            for (var o = 0; o < row.Length; o++) result[table.Outputs[o].Name] = Host(row[o]);
            return result;
        }

        private static bool SameRow(object?[] a, object?[] b)
        {
            for (var o = 0; o < a.Length; o++)
            {
                if (!(a[o] is null && b[o] is null) && FeelOps.Equal(a[o], b[o]) is not true) return false;
            }
            return true;
        }

        private static DecisionException Violation(string code, Decision decision, List<TableRule> matched)
        {
            var rules = matched.Select(r => r.Id ?? r.Index.ToString(CultureInfo.InvariantCulture)).ToList();
            return new DecisionException(code, $"decision {decision.Id}: rules {string.Join(", ", rules)} match ({code})", decision.Id, rules,
                [decision.Name, string.Join(", ", matched.Select(r => r.Id is null ? r.Index.ToString(CultureInfo.InvariantCulture) : $"{r.Index.ToString(CultureInfo.InvariantCulture)} ({r.Id})"))]);
        }

        private static string PolicyText(DecisionTable table)
        {
            var policy = table.HitPolicy switch
            {
                HitPolicy.RuleOrder => "RULE ORDER",
                HitPolicy.OutputOrder => "OUTPUT ORDER",
                var p => p.ToString().ToUpperInvariant(),
            };
            return table.Aggregation == CollectAggregation.None ? policy : policy + " " + table.Aggregation.ToString().ToUpperInvariant();
        }

        /// <summary>PRIORITY and OUTPUT ORDER: rows compare by the position of each output's value in its allowed values, first output first.</summary>
        private sealed class PriorityOrder(DecisionTable table, object?[][] outputs) : IComparer<int>
        {
            public int Compare(int x, int y)
            {
                for (var o = 0; o < table.Outputs.Count; o++)
                {
                    var c = Rank(table.Outputs[o], outputs[x][o]).CompareTo(Rank(table.Outputs[o], outputs[y][o]));
                    if (c != 0) return c;
                }
                return x.CompareTo(y);
            }

            private static int Rank(TableOutput output, object? value)
            {
                var allowed = output.Allowed.Length > 0 ? output.Allowed[0].EqualityValues : null;
                if (allowed is null) return 0;
                for (var i = 0; i < allowed.Count; i++)
                {
                    if (FeelOps.Equal(value, allowed[i]) is true) return i;
                }
                return int.MaxValue;
            }
        }
    }
}
