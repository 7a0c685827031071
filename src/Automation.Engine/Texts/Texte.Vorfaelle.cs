namespace Automation.Engine.Texts;

/// <summary>Incidents of the runtime: what a clerk or process owner reads on the case page when a step cannot go on.</summary>
internal static partial class Texte
{
    public static string VorfallAnzahlFehler => Get(nameof(VorfallAnzahlFehler));
    public static string VorfallAnzahlUngueltig => Get(nameof(VorfallAnzahlUngueltig));
    public static string VorfallSammlungFehler => Get(nameof(VorfallSammlungFehler));
    public static string VorfallSammlungKeineListe => Get(nameof(VorfallSammlungKeineListe));
    public static string VorfallSammlungZuGross => Get(nameof(VorfallSammlungZuGross));
    public static string VorfallSchleifenbedingungFehler => Get(nameof(VorfallSchleifenbedingungFehler));
    public static string VorfallSchleifenbedingungKeinWahrheitswert => Get(nameof(VorfallSchleifenbedingungKeinWahrheitswert));
    public static string VorfallLinkZiele => Get(nameof(VorfallLinkZiele));
    public static string VorfallBedingungKeinWahrheitswert => Get(nameof(VorfallBedingungKeinWahrheitswert));
    public static string VorfallBedingungFehler => Get(nameof(VorfallBedingungFehler));
    public static string VorfallEreignisbedingung => Get(nameof(VorfallEreignisbedingung));
    public static string VorfallKannNichtWarten => Get(nameof(VorfallKannNichtWarten));
    public static string VorfallSkript => Get(nameof(VorfallSkript));
    public static string VorfallAktionUnbekannt => Get(nameof(VorfallAktionUnbekannt));
    public static string VorfallAktionFehlerNichtAbgefangen => Get(nameof(VorfallAktionFehlerNichtAbgefangen));
    public static string VorfallAktionFehlgeschlagen => Get(nameof(VorfallAktionFehlgeschlagen));
    public static string VorfallEingabeKeinObjekt => Get(nameof(VorfallEingabeKeinObjekt));
    public static string VorfallAusgaenge => Get(nameof(VorfallAusgaenge));
    public static string VorfallFehlermeldung => Get(nameof(VorfallFehlermeldung));
    public static string VorfallFehlerAusgeloest => Get(nameof(VorfallFehlerAusgeloest));
    public static string VorfallAusgabeZuordnung => Get(nameof(VorfallAusgabeZuordnung));
    public static string VorfallZuweisung => Get(nameof(VorfallZuweisung));
    public static string VorfallKeinWeg => Get(nameof(VorfallKeinWeg));
    public static string VorfallNichtAusfuehrbar => Get(nameof(VorfallNichtAusfuehrbar));
    public static string VorfallSequenzfluss => Get(nameof(VorfallSequenzfluss));
    public static string VorfallFehlerNichtAbgefangen => Get(nameof(VorfallFehlerNichtAbgefangen));
}
