namespace Automation.Engine.Texts;

/// <summary>Texts of the factor table's checks (a refused factor version names its field).</summary>
internal static partial class Texte
{
    public static string FaktorPflicht => Get(nameof(FaktorPflicht));
    public static string FaktorSchluesselZeichen => Get(nameof(FaktorSchluesselZeichen));
    public static string FaktorVersionMindestens => Get(nameof(FaktorVersionMindestens));
    public static string FaktorVersionVorhanden => Get(nameof(FaktorVersionVorhanden));
    public static string FaktorEinheitAbweichend => Get(nameof(FaktorEinheitAbweichend));
    public static string FaktorWertNegativ => Get(nameof(FaktorWertNegativ));
    public static string FaktorAnteil => Get(nameof(FaktorAnteil));
    public static string FaktorWertNull => Get(nameof(FaktorWertNull));
    public static string FaktorStundenJahr => Get(nameof(FaktorStundenJahr));
    public static string FaktorQuellePflicht => Get(nameof(FaktorQuellePflicht));
    public static string FaktorJahrUnplausibel => Get(nameof(FaktorJahrUnplausibel));
    public static string FaktorStatusPflicht => Get(nameof(FaktorStatusPflicht));
    public static string FaktorStatusUnbekannt => Get(nameof(FaktorStatusUnbekannt));
    public static string FaktorBisVorVon => Get(nameof(FaktorBisVorVon));
    public static string FaktorUeberschneidung => Get(nameof(FaktorUeberschneidung));
    public static string FaktorZeitraum => Get(nameof(FaktorZeitraum));
    public static string FaktorZeitraumOffen => Get(nameof(FaktorZeitraumOffen));
}
