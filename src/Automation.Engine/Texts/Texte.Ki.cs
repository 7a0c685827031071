namespace Automation.Engine.Texts;

/// <summary>Texts of the <c>ai</c> connector and of its publish rule (a person checks every AI proposal).</summary>
internal static partial class Texte
{
    /// <summary>Label of a field of the <c>ai</c> connector.</summary>
    public static string KiFeld(string field) => Get("KiFeld_" + field);

    /// <summary>Help text of a field of the <c>ai</c> connector.</summary>
    public static string KiHilfe(string field) => Get("KiHilfe_" + field);

    public static string KiLabel => Get(nameof(KiLabel));
    public static string KiNichtEingerichtet => Get(nameof(KiNichtEingerichtet));
    public static string KiGroessenklasseUnbekannt => Get(nameof(KiGroessenklasseUnbekannt));
    public static string KiGeheimnisFehlt => Get(nameof(KiGeheimnisFehlt));
    public static string KiZeitueberschreitung => Get(nameof(KiZeitueberschreitung));
    public static string KiNichtErreichbar => Get(nameof(KiNichtErreichbar));
    public static string KiAntwortKeinJson => Get(nameof(KiAntwortKeinJson));
    public static string KiAntwortPasstNicht => Get(nameof(KiAntwortPasstNicht));
    public static string KiSchemaUngueltig => Get(nameof(KiSchemaUngueltig));
    public static string KiOhnePruefung => Get(nameof(KiOhnePruefung));
    public static string KiGemessen => Get(nameof(KiGemessen));
    public static string KiKeinVorschlag => Get(nameof(KiKeinVorschlag));
    public static string KiVorschlag => Get(nameof(KiVorschlag));
}
