namespace Automation.Engine.Texts;

/// <summary>Texts of a step the ledger cannot price (AccountingException) and of the factor file's checks (FactorSet.Parse).</summary>
internal static partial class Texte
{
    // A step cannot be priced
    public static string BuchungFaktorNichtFestgelegt => Get(nameof(BuchungFaktorNichtFestgelegt));
    public static string BuchungFaktorFehlt => Get(nameof(BuchungFaktorFehlt));
    public static string BuchungFaktorNichtGueltig => Get(nameof(BuchungFaktorNichtGueltig));
    public static string BuchungTaetigkeitUnbekannt => Get(nameof(BuchungTaetigkeitUnbekannt));
    public static string BuchungElementFehlt => Get(nameof(BuchungElementFehlt));
    public static string BuchungAufwandUnvollstaendig => Get(nameof(BuchungAufwandUnvollstaendig));
    public static string BuchungElementNichtInDefinition => Get(nameof(BuchungElementNichtInDefinition));

    // A refused factor version, factor set or factor file
    public static string FaktorVersionAbgelehnt => Get(nameof(FaktorVersionAbgelehnt));
    public static string FaktorOhneSchluessel => Get(nameof(FaktorOhneSchluessel));
    public static string FaktorsatzAbgelehnt => Get(nameof(FaktorsatzAbgelehnt));
    public static string FaktorInzwischenGeaendert => Get(nameof(FaktorInzwischenGeaendert));
    public static string FaktorInzwischenAngelegt => Get(nameof(FaktorInzwischenAngelegt));
    public static string FaktordateiKeinJson => Get(nameof(FaktordateiKeinJson));
    public static string FaktordateiKeinObjekt => Get(nameof(FaktordateiKeinObjekt));
    public static string FaktordateiOhneName => Get(nameof(FaktordateiOhneName));
    public static string FaktordateiOhneListe => Get(nameof(FaktordateiOhneListe));
    public static string FaktordateiEintrag => Get(nameof(FaktordateiEintrag));
    public static string FaktordateiLueckeOhneSchluessel => Get(nameof(FaktordateiLueckeOhneSchluessel));
    public static string FaktordateiLueckeOhneQuelle => Get(nameof(FaktordateiLueckeOhneQuelle));
    public static string FaktordateiDoppelt => Get(nameof(FaktordateiDoppelt));
    public static string FaktordateiKeinEintragsobjekt => Get(nameof(FaktordateiKeinEintragsobjekt));
    public static string FaktordateiKeineZahl => Get(nameof(FaktordateiKeineZahl));
    public static string FaktordateiKeineGanzeZahl => Get(nameof(FaktordateiKeineGanzeZahl));
    public static string FaktordateiKeinDatum => Get(nameof(FaktordateiKeinDatum));
}
