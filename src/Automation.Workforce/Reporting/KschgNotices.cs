using Automation.Workforce.Occupations;

namespace Automation.Workforce.Reporting;

/// <summary>
/// §17 KSchG: offered only to municipal enterprises with economic purposes. The core administration of a municipality
/// is outside its scope (§23 Abs. 2 KSchG); its basis is the early notification of §2 Abs. 3 SGB III.
/// </summary>
public static class KschgNotices
{
    /// <summary>Why there is no §17 notice for the core administration.</summary>
    public const string NotApplicable = "§17 KSchG (Anzeige von Massenentlassungen) gilt nicht für die Kernverwaltung einer Kommune (§23 Abs. 2 KSchG); "
        + "maßgeblich ist die frühzeitige Meldung nach §2 Abs. 3 SGB III.";

    /// <summary>Whether a §17 notice can be produced for this input.</summary>
    public static bool Applies(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Employer.Establishment == EstablishmentKind.MunicipalEnterprise && input.Kschg is not null;
    }

    /// <summary>The line the aggregated report prints about §17.</summary>
    public static string Note(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Employer.Establishment == EstablishmentKind.CoreAdministration)
        {
            return input.Kschg is null ? NotApplicable
                : NotApplicable + " Die konfigurierten Angaben nach §17 KSchG werden deshalb nicht ausgegeben (Automation:LabourMarket:Establishment).";
        }
        return input.Kschg is null
            ? "Kommunales Unternehmen: Eine Anzeige nach §17 KSchG ist nicht eingerichtet (Automation:LabourMarket:Kschg)."
            : "Die Anzeige nach §17 KSchG enthält die gesetzlich vorgeschriebenen genauen Zahlen (§17 Abs. 3 KSchG). Sie geht deshalb nicht in diese "
                + "zusammengefasste Meldung ein; die Administration ruft sie gesondert ab und übermittelt sie der Agentur für Arbeit.";
    }

    /// <summary>The §17 notice, or null when it does not apply (<see cref="Applies"/>).</summary>
    public static KschgNotice? Build(ReportInput input, KldbCatalog catalog, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        if (!Applies(input)) return null;
        var k = input.Kschg!;
        var groups = k.Dismissals.OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new KschgGroup(d.Key, catalog.TitleOf(d.Key), d.Value, input.Positions.Count(p => p.Occupation == d.Key))).ToList();
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(k.EstablishmentType)) missing.Add("fehlt: Ort und Art des Betriebs (Kschg:EstablishmentType).");
        if (string.IsNullOrWhiteSpace(k.Reasons)) missing.Add("fehlt: Gründe für die Entlassungen (Kschg:Reasons).");
        if (groups.Count == 0) missing.Add("fehlt: Zahl der zu Entlassenden je Berufsgruppe (Kschg:Dismissals).");
        if (k.DismissalsFrom is null || k.DismissalsTo is null) missing.Add("fehlt: Zeitraum, in dem die Entlassungen vorgenommen werden sollen (Kschg:DismissalsFrom, Kschg:DismissalsTo).");
        if (string.IsNullOrWhiteSpace(k.SelectionCriteria)) missing.Add("fehlt: Kriterien für die Auswahl der zu Entlassenden (Kschg:SelectionCriteria).");
        if (string.IsNullOrWhiteSpace(k.WorksCouncilStatement)) missing.Add("fehlt: Stellungnahme der Personalvertretung (Kschg:WorksCouncilStatement).");
        return new KschgNotice(input.Employer, k.EstablishmentType, k.Reasons, k.DismissalsFrom, k.DismissalsTo, groups, input.Employer.StaffSize,
            k.SelectionCriteria, k.WorksCouncilStatement, missing, now);
    }
}
