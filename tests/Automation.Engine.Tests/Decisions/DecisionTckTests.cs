using System.Xml.Linq;
using Automation.Engine.Decisions;
using Automation.Engine.Tests.Feel;
using Xunit.Abstractions;

namespace Automation.Engine.Tests.Decisions;

/// <summary>
/// The decision-table and DRG cases of the DMN TCK (compliance levels 2 and 3, Decisions/Tck, see NOTICE.md) run through
/// <see cref="Dmn"/> and <see cref="DecisionEvaluator"/>. The cases that fail today are listed in Tck/known-failures.txt;
/// both a new failure and a new pass fail these tests, so the list and the floor are changed on purpose.
/// </summary>
public sealed class DecisionTckTests(ITestOutputHelper output)
{
    /// <summary>Passed cases in percent of the cases run, as reached; the rate may only go up.</summary>
    private const double PassRateFloor = 97.8;

    private static readonly Lazy<IReadOnlyList<TckCase>> All = new(Load);

    private static readonly List<string> Skipped = [];

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Decisions", "Tck");

    internal sealed record TckCase(string Name, DecisionModel Model, XElement Element);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Value) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Tck_case_passes_unless_it_is_a_known_failure(string name)
    {
        var tckCase = All.Value.Single(c => c.Name == name);
        var (passed, detail) = Run(tckCase);
        if (KnownFailures().Contains(name)) Assert.False(passed, $"{name} passes now: remove it from known-failures.txt and raise the floor.");
        else Assert.True(passed, $"{name}: {detail}");
    }

    [Fact]
    public void Pass_rate_holds_and_the_failures_are_exactly_the_known_ones()
    {
        var failures = new List<string>();
        foreach (var tckCase in All.Value)
        {
            var (passed, detail) = Run(tckCase);
            if (passed) continue;
            failures.Add(tckCase.Name);
            output.WriteLine($"FAILED {tckCase.Name}: {detail}");
        }
        var total = All.Value.Count;
        var rate = 100.0 * (total - failures.Count) / total;
        output.WriteLine($"TCK decisions: {total - failures.Count} of {total} passed ({rate:0.0} %), {Skipped.Count} cases left out (decision services, logic other than tables and literal expressions)");
        foreach (var skipped in Skipped) output.WriteLine($"left out {skipped}");
        Assert.True(total > 100, "The TCK cases were not found next to the tests.");
        Assert.True(rate >= PassRateFloor, $"Pass rate {rate:0.0} % fell below {PassRateFloor} %.");
        Assert.Equal(KnownFailures().Order(StringComparer.Ordinal), failures.Order(StringComparer.Ordinal));
    }

    private static HashSet<string> KnownFailures() => File.ReadAllLines(Path.Combine(Folder, "known-failures.txt"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

    private static List<TckCase> Load()
    {
        var cases = new List<TckCase>();
        foreach (var directory in Directory.GetDirectories(Folder).Order(StringComparer.Ordinal))
        {
            var group = Path.GetFileName(directory);
            var models = Directory.GetFiles(directory, "*.dmn").ToDictionary(f => Path.GetFileName(f)!, Dmn.ReadFile, StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(directory, "*.xml").Order(StringComparer.Ordinal))
            {
                var tests = XDocument.Load(file).Root!;
                var modelName = tests.Elements().First(e => e.Name.LocalName == "modelName").Value.Trim();
                if (!models.TryGetValue(modelName, out var model)) continue;
                foreach (var test in tests.Elements().Where(e => e.Name.LocalName == "testCase"))
                {
                    var name = $"{group}/{Path.GetFileNameWithoutExtension(file)}#{(string)test.Attribute("id")!}";
                    var results = test.Elements().Where(e => e.Name.LocalName == "resultNode").ToList();
                    if ((string?)test.Attribute("type") is "decisionService" or "bkm" || results.Count == 0
                        || results.Any(r => ByName(model, (string)r.Attribute("name")!) is not { Logic: not DecisionLogic.None }))
                    {
                        Skipped.Add(name);
                        continue;
                    }
                    cases.Add(new TckCase(name, model, test));
                }
            }
        }
        return cases;
    }

    private static Decision? ByName(DecisionModel model, string name) => model.Decisions.FirstOrDefault(d => d.Name == name);

    private static (bool Passed, string Detail) Run(TckCase tckCase)
    {
        var model = tckCase.Model;
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in tckCase.Element.Elements().Where(e => e.Name.LocalName == "inputNode"))
        {
            var name = (string)input.Attribute("name")!;
            var type = model.InputData.FirstOrDefault(i => i.Name == name)?.TypeRef;
            variables[name] = TckModel.ReadValue(input, type);
        }
        foreach (var result in tckCase.Element.Elements().Where(e => e.Name.LocalName == "resultNode"))
        {
            var decision = ByName(model, (string)result.Attribute("name")!)!;
            var expected = TckModel.ReadValue(result.Elements().First(e => e.Name.LocalName == "expected"));
            object? actual;
            try
            {
                actual = DecisionEvaluator.Evaluate(model, decision.Id, variables).FeelValue;
            }
            catch (DecisionException e) when ((string?)result.Attribute("errorResult") == "true" && e.Code != Automation.Engine.Validation.DiagnosticCodes.DmnModelInvalid)
            {
                continue;
            }
            catch (DecisionException e)
            {
                var errors = string.Join("; ", model.Diagnostics.Where(d => d.Severity == Automation.Engine.Model.DiagnosticSeverity.Error).Take(3));
                return (false, $"{decision.Name}: {e.Code} {e.Message} {errors}");
            }
            if (!TckTests.Same(actual, expected)) return (false, $"{decision.Name}: expected {Show(expected)}, got {Show(actual)}");
        }
        return (true, "");
    }

    private static string Show(object? value) => value is null ? "null" : $"{Automation.Engine.Expressions.Feel.Builtins.ToText(value)} ({Automation.Engine.Expressions.Feel.FeelValue.TypeName(value)})";
}
