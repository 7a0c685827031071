using Automation.Workforce.Occupations;
using Automation.Engine.Texts;

namespace Automation.Workforce.Reporting;

/// <summary>
/// §17 KSchG: offered only to municipal enterprises with economic purposes. The core administration of a municipality
/// is outside its scope (§23 Abs. 2 KSchG); its basis is the early notification of §2 Abs. 3 SGB III.
/// </summary>
public static class KschgNotices
{
    /// <summary>Why there is no §17 notice for the core administration.</summary>
    public static string NotApplicable => Texte.KschgGiltNicht;

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
                : NotApplicable + " " + Texte.KschgNichtAusgegeben;
        }
        return input.Kschg is null
            ? Texte.KschgNichtEingerichtet
            : Texte.KschgGesondert;
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
        if (string.IsNullOrWhiteSpace(k.EstablishmentType)) missing.Add(Texte.KschgFehltEstablishmentType);
        if (string.IsNullOrWhiteSpace(k.Reasons)) missing.Add(Texte.KschgFehltReasons);
        if (groups.Count == 0) missing.Add(Texte.KschgFehltDismissals);
        if (k.DismissalsFrom is null || k.DismissalsTo is null) missing.Add(Texte.KschgFehltDismissalsFrom);
        if (string.IsNullOrWhiteSpace(k.SelectionCriteria)) missing.Add(Texte.KschgFehltSelectionCriteria);
        if (string.IsNullOrWhiteSpace(k.WorksCouncilStatement)) missing.Add(Texte.KschgFehltWorksCouncilStatement);
        return new KschgNotice(input.Employer, k.EstablishmentType, k.Reasons, k.DismissalsFrom, k.DismissalsTo, groups, input.Employer.StaffSize,
            k.SelectionCriteria, k.WorksCouncilStatement, missing, now);
    }
}
