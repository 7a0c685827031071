using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using Automation.Engine.Accounting;
using Automation.Engine.Texts;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Texts;

/// <summary>The German resource set: every key the code names exists, and no diagnostic code is left without its sentence.</summary>
public sealed class TexteTests
{
    private static readonly ResourceSet Set = new ResourceManager("Automation.Engine.Texts.Texte", typeof(Texte).Assembly)
        .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;

    private static IEnumerable<string> Keys() => Set.Cast<DictionaryEntry>().Select(e => (string)e.Key);

    [Fact]
    public void Every_named_text_is_in_the_set_and_not_empty()
    {
        var properties = typeof(Texte).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(string)).ToList();
        Assert.True(properties.Count > 5);
        foreach (var p in properties) Assert.False(string.IsNullOrWhiteSpace((string?)p.GetValue(null)), p.Name);
    }

    [Fact]
    public void Every_kind_of_element_actor_step_outcome_and_case_status_has_its_german_name()
    {
        // The CLI's trail and the scenario checks name these by enum value; a value added later must bring its name.
        foreach (var kind in Enum.GetValues<Automation.Engine.Model.NodeKind>()) Assert.False(string.IsNullOrWhiteSpace(Texte.Elementart(kind)), kind.ToString());
        foreach (var actor in Enum.GetValues<Automation.Engine.Model.ActorKind>()) Assert.NotNull(Texte.Find("Akteur_" + actor));
        foreach (var outcome in Enum.GetValues<Automation.Engine.Runtime.StepOutcome>().Where(o => o != Automation.Engine.Runtime.StepOutcome.Completed))
            Assert.NotNull(Texte.Find("Schrittergebnis_" + outcome));
        foreach (var status in Enum.GetValues<Automation.Engine.Runtime.CaseStatus>()) Assert.NotNull(Texte.Find("Vorgangsstand_" + status));
        Assert.Equal("exklusives Gateway", Texte.Elementart(Automation.Engine.Model.NodeKind.ExclusiveGateway));
    }

    [Fact]
    public void Who_does_a_step_has_one_word_in_one_key_each()
    {
        // Issue 17: the case page said "automatisiert", the CLI "Software"; pages, dashboards, exports and the CLI all
        // read Akteur_… through Texte.Akteur, so no other key may name an actor of a step again.
        Assert.Equal("automatisiert", Texte.Akteur(Automation.Engine.Model.ActorKind.Automated));
        Assert.Equal("KI-gestützt", Texte.Akteur("AiAssisted"));
        Assert.Equal("automatisiert", Texte.Aenderung("automated"));
        var actorWords = new[] { "automatisiert", "KI-gestützt", "Software", "automatisch", "Maschine", "maschinell", "Mensch" };
        var elsewhere = Set.Cast<DictionaryEntry>().Where(e => !((string)e.Key).StartsWith("Akteur_", StringComparison.Ordinal)
                && actorWords.Contains(((string)e.Value!).Trim(), StringComparer.OrdinalIgnoreCase))
            .Select(e => $"{e.Key} = {e.Value}").ToList();
        Assert.True(elsewhere.Count == 0, "Name the actor through Texte.Akteur instead of: " + string.Join(", ", elsewhere));
    }

    [Fact]
    public void A_key_that_is_not_in_the_set_fails_loudly_instead_of_showing_nothing()
    {
        Assert.Throws<MissingManifestResourceException>(() => Texte.Get("GibtEsNicht"));
        Assert.Throws<MissingManifestResourceException>(() => Texte.ProblemTitel("gibt-es-nicht"));
    }

    [Fact]
    public void Every_diagnostic_code_of_the_engine_and_the_ledger_check_has_its_german_sentence()
    {
        var codes = new[] { typeof(DiagnosticCodes), typeof(PricingCheck) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            .Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.True(codes.Count > 40);
        var missing = codes.Where(c => !Keys().Contains("Diagnose_" + c)).ToList();
        Assert.True(missing.Count == 0, "No German text for: " + string.Join(", ", missing));
        Assert.Equal(Texte.DiagnoseAllgemein, Texte.Diagnose("kein-bekannter-code"));
    }

    [Fact]
    public void Every_problem_code_has_a_title_and_an_explanation()
    {
        var problems = Keys().Where(k => k.StartsWith("Problem_", StringComparison.Ordinal)).Select(k => k.Split('_')[1]).Distinct().ToList();
        Assert.NotEmpty(problems);
        foreach (var code in problems)
        {
            Assert.False(string.IsNullOrWhiteSpace(Texte.ProblemTitel(code)), code);
            Assert.False(string.IsNullOrWhiteSpace(Texte.ProblemText(code)), code);
        }
    }

    [Fact]
    public void Numbers_in_texts_are_written_the_german_way()
    {
        Assert.Equal("a.bpmn: ungültig (1.234 Fehler)", Texte.Format(Texte.CliUngueltig, "a.bpmn", 1234));
    }
}
