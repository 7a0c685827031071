using System.Text.RegularExpressions;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Server.Tests.Pages;

namespace Automation.Engine.Tests.Accounting;

/// <summary>
/// Issue 17 item 3 for the ledger: a step that cannot be priced (AccountingException, shown by the CLI, the simulation's
/// errors and the recomputation report) and a refused factor file say in German what is wrong and where, each with its
/// stable code; the same English-word search as the page sweep reads every message.
/// </summary>
public sealed class GermanAccountingTextTests
{
    private static readonly DateTimeOffset Mid2025 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static void AssertGerman(string text) => Assert.True(EnglishWords.Hits(text).Count == 0, string.Join(Environment.NewLine, EnglishWords.Hits(text)));

    /// <summary>
    /// The factor file's own field names (before "field: ") and status values are what a person types into the file:
    /// code, like the ids the page sweep leaves alone. Everything around them must read German.
    /// </summary>
    private static string WithoutFileVocabulary(string text) =>
        Regex.Replace(text, @"\b(key|version|value|unit|source|year|status|validFrom|validTo|label|note|factor)(?=: )|\b(checked|secondary|assumption)\b", "");

    [Fact]
    public void Every_refusal_to_price_a_step_is_german_and_carries_its_code()
    {
        var node = new FlowNode { Id = "Pruefen", Name = "Antrag prüfen", Kind = NodeKind.UserTask, Effort = new EffortAnnotation(6, null, PayLevel.Gehoben, null, null) };
        var step = new StepEvent(Guid.NewGuid(), "antrag", 4, node.Id, node.Name, node.Kind, node.ActorKind, Mid2025, Mid2025.AddMinutes(5), StepOutcome.Completed, null);
        var cases = new (string Code, Action Act, string Names)[]
        {
            ("factor-missing", () => FactorSet.Default.Get("gibt.es.nicht", Mid2025), "gibt.es.nicht"),
            ("factor-not-valid", () => FactorSet.Default.Get(FactorKeys.GridIntensity, new DateTimeOffset(2019, 5, 2, 0, 0, 0, TimeSpan.Zero)), "02.05.2019"),
            ("factor-undefined", () => FactorSet.Default.Zeitwert(6, Complexity.Complex, Mid2025), "zeitwert.6.complex"),
            ("activity-unknown", () => FactorSet.Default.Zeitwert(18, Complexity.Simple, Mid2025), "18"),
            ("effort-incomplete", () => LedgerCalculator.Price(step, node, "1", null, FactorSet.Default, AuthorityType.Kommune), "Schritt 4 (Pruefen)"),
            ("step-node-missing", () => LedgerCalculator.PriceSteps([step], _ => null, "1", FactorSet.Default, AuthorityType.Kommune), "Pruefen"),
        };
        foreach (var (code, act, names) in cases)
        {
            var e = Assert.Throws<AccountingException>(act);
            Assert.Equal(code, e.Code);
            Assert.Contains(names, e.Message, StringComparison.Ordinal);
            AssertGerman(e.Message);
        }
    }

    [Theory]
    [InlineData("{\"name\": \"t\",\n  \"factors\": [ kaputt ]}", "Zeile 2")]
    [InlineData("[1, 2]", "JSON-Objekt")]
    [InlineData("{\"factors\": []}", "„name“")]
    [InlineData("{\"name\": \"t\", \"factors\": {}}", "„factors“")]
    [InlineData("{\"name\": \"t\", \"factors\": [], \"notDefined\": [{\"source\": \"Tabelle\"}]}", "„key“")]
    [InlineData("{\"name\": \"t\", \"factors\": [], \"notDefined\": [{\"key\": \"a.b\"}]}", "a.b")]
    public void A_malformed_factor_file_is_refused_in_german_naming_the_place(string json, string names)
    {
        var e = Assert.Throws<FactorValidationException>(() => FactorSet.Parse(json));
        Assert.Contains(names, e.Message, StringComparison.Ordinal);
        AssertGerman(e.Message);
    }

    [Fact]
    public void A_refused_entry_names_its_index_key_line_and_every_field_in_german()
    {
        const string json = """
            {"name": "t", "factors": [
              {"key": "paper.page", "version": 1, "value": 6, "unit": "gCO2e/page", "source": "s", "year": 2025, "status": "assumption", "validFrom": "2025-01-01"},

              {"key": "paper.page", "version": "zwei", "value": "viel", "unit": "gCO2e/page", "year": 20.5, "status": "geraten", "validFrom": "1.1.2026", "validTo": "gestern"}
            ]}
            """;
        var e = Assert.Throws<FactorValidationException>(() => FactorSet.Parse(json));
        Assert.Contains("factors[1] (paper.page) in Zeile 4", e.Message, StringComparison.Ordinal);
        Assert.Equal(["value", "version", "year", "validFrom", "validTo", "source", "status"], e.Errors.Select(x => x.Field));
        AssertGerman(WithoutFileVocabulary(e.Message));
        Assert.All(e.Errors, x => AssertGerman(WithoutFileVocabulary(x.Message)));
        Assert.Contains(e.Errors, x => x.Message.Contains("Prüfstatus „geraten“", StringComparison.Ordinal));

        var notObject = Assert.Throws<FactorValidationException>(() => FactorSet.Parse("""{"name": "t", "factors": [42]}"""));
        Assert.Contains("ohne Schlüssel", notObject.Message, StringComparison.Ordinal);
        AssertGerman(WithoutFileVocabulary(notObject.Message));
    }
}
