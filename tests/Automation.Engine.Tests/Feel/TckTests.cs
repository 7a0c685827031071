using System.Xml.Linq;
using Automation.Engine.Expressions.Feel;
using Xunit.Abstractions;

namespace Automation.Engine.Tests.Feel;

/// <summary>
/// The FEEL test cases of the DMN TCK (compliance level 3, literal expressions) run against the interpreter. The cases
/// that fail today are listed in Tck/known-failures.txt; both a new failure and a new pass fail these tests, so the list
/// and the floor below are changed on purpose.
/// </summary>
public sealed class TckTests(ITestOutputHelper output)
{
    /// <summary>Passed cases in percent of the cases run, as reached; the rate may only go up.</summary>
    private const double PassRateFloor = 95.6;

    private static readonly Lazy<IReadOnlyList<TckCase>> All = new(Load);

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Feel", "Tck");

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
            if (!passed)
            {
                failures.Add(tckCase.Name);
                output.WriteLine($"{tckCase.Name}: {detail}");
            }
        }
        var total = All.Value.Count;
        var rate = 100.0 * (total - failures.Count) / total;
        foreach (var group in All.Value.GroupBy(c => c.Group))
        {
            var failed = group.Count(c => failures.Contains(c.Name));
            if (failed > 0) output.WriteLine($"GROUP {group.Key}: {failed} of {group.Count()} failed");
        }
        output.WriteLine($"TCK FEEL: {total - failures.Count} of {total} passed ({rate:0.0} %), {Skipped.Count} cases left out (not literal expressions)");
        Assert.True(total > 1000, "The TCK cases were not found next to the tests.");
        Assert.True(rate >= PassRateFloor, $"Pass rate {rate:0.0} % fell below {PassRateFloor} %.");
        Assert.Equal(KnownFailures().Order(StringComparer.Ordinal), failures.Order(StringComparer.Ordinal));
    }

    private static HashSet<string> KnownFailures() => File.ReadAllLines(Path.Combine(Folder, "known-failures.txt"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

    internal sealed record TckCase(string Name, string Group, TckModel Model, XElement Element);

    private static readonly List<string> Skipped = [];

    private static List<TckCase> Load()
    {
        var cases = new List<TckCase>();
        foreach (var directory in Directory.GetDirectories(Folder).Order(StringComparer.Ordinal))
        {
            var group = Path.GetFileName(directory);
            var models = Directory.GetFiles(directory, "*.dmn").ToDictionary(f => Path.GetFileName(f)!, f => new TckModel(XDocument.Load(f)), StringComparer.Ordinal);
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
                        || results.Any(r => !model.HasLiteralDecision((string)r.Attribute("name")!)))
                    {
                        Skipped.Add(name);
                        continue;
                    }
                    cases.Add(new TckCase(name, group, model, test));
                }
            }
        }
        return cases;
    }

    private static (bool Passed, string Detail) Run(TckCase tckCase)
    {
        var inputs = tckCase.Element.Elements().Where(e => e.Name.LocalName == "inputNode")
            .ToDictionary(e => (string)e.Attribute("name")!, e => e, StringComparer.Ordinal);
        foreach (var result in tckCase.Element.Elements().Where(e => e.Name.LocalName == "resultNode"))
        {
            var decision = (string)result.Attribute("name")!;
            var expected = TckModel.ReadValue(result.Elements().First(e => e.Name.LocalName == "expected"));
            object? actual;
            try
            {
                actual = tckCase.Model.Evaluate(decision, inputs, out var supported);
                if (!supported) return (false, $"{decision} needs a decision that is not a literal expression");
            }
            catch (FeelParseException) when ((string?)result.Attribute("errorResult") == "true" && expected is null)
            {
                // The TCK expects an error; refusing the text when it is parsed is the stricter form of it.
                continue;
            }
            catch (Exception e) when (e is FeelParseException or Automation.Engine.Expressions.ScriptException)
            {
                return (false, $"{decision}: {e.Message}");
            }
            if (!Same(actual, expected)) return (false, $"{decision}: expected {Show(expected)}, got {Show(actual)}");
        }
        return (true, "");
    }

    private static string Show(object? value) => value is null ? "null" : $"{Builtins.ToText(value)} ({FeelValue.TypeName(value)})";

    /// <summary>
    /// Strict sameness for the TCK: same type and equal value. Numbers are compared to 26 significant digits: decimal holds
    /// 28–29 where FEEL's decimal128 holds 34, so the TCK's 34-digit results can differ in decimal's last digits.
    /// </summary>
    internal static bool Same(object? actual, object? expected) => (actual, expected) switch
    {
        (null, null) => true,
        (decimal a, decimal e) => a == e || Math.Abs(a - e) <= Math.Max(1m, Math.Abs(e)) * 1e-26m,
        (List<object?> a, List<object?> e) => a.Count == e.Count && a.Zip(e).All(p => Same(p.First, p.Second)),
        (FeelContext a, FeelContext e) => a.Entries.Count == e.Entries.Count
            && e.Entries.All(x => a.TryGet(x.Key, out var v) && Same(v, x.Value)),
        (FeelTime a, FeelTime e) => a == e,
        (FeelDateTime a, FeelDateTime e) => a.Local == e.Local && a.Offset == e.Offset && a.Zone == e.Zone,
        _ => actual is not null && expected is not null && FeelValue.TypeName(actual) == FeelValue.TypeName(expected) && FeelOps.Equal(actual, expected) == true,
    };
}
