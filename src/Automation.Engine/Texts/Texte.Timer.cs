namespace Automation.Engine.Texts;

/// <summary>Texts of timers and user task deadlines written as expressions: the interpreter's incidents and the simulation's assumption.</summary>
internal static partial class Texte
{
    public static string TimerAusdruckFehler => Get(nameof(TimerAusdruckFehler));
    public static string TimerWertUngueltig => Get(nameof(TimerWertUngueltig));
    public static string TimerWertLeer => Get(nameof(TimerWertLeer));
    public static string WertListe => Get(nameof(WertListe));
    public static string WertObjekt => Get(nameof(WertObjekt));
    public static string FristAusdruckFehler => Get(nameof(FristAusdruckFehler));
    public static string FristWertUngueltig => Get(nameof(FristWertUngueltig));
    public static string AnnahmeTimerAusdruck => Get(nameof(AnnahmeTimerAusdruck));
}
