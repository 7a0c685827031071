using Automation.Engine.Decisions;

namespace Automation.Engine.Texts;

/// <summary>Texts of DMN decisions: the German sentence of an evaluation failure and the CLI's <c>decide</c> output.</summary>
internal static partial class Texte
{
    /// <summary>The German text of a decision that could not be evaluated: its code's text with the values it names.</summary>
    public static string Entscheidungsfehler(DecisionException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var text = Diagnose(failure.Code);
        return failure.Arguments.Count == 0 ? text : Format(text, [.. failure.Arguments]);
    }

    public static string CliEntscheidung => Get(nameof(CliEntscheidung));
    public static string CliEntscheidungEingabe => Get(nameof(CliEntscheidungEingabe));
    public static string CliEntscheidungRegel => Get(nameof(CliEntscheidungRegel));
    public static string CliEntscheidungKeineRegel => Get(nameof(CliEntscheidungKeineRegel));
    public static string CliEntscheidungErgebnis => Get(nameof(CliEntscheidungErgebnis));
    public static string CliEntscheidungVariablenUngueltig => Get(nameof(CliEntscheidungVariablenUngueltig));
    public static string CliEntscheidungenGueltig => Get(nameof(CliEntscheidungenGueltig));
    public static string CliEntscheidungEinzahl => Get(nameof(CliEntscheidungEinzahl));
    public static string CliEntscheidungMehrzahl => Get(nameof(CliEntscheidungMehrzahl));
    public static string CliEntscheidungFehler => Get(nameof(CliEntscheidungFehler));
}
