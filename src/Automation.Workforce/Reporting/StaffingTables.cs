using Automation.Workforce.Impact;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Automation.Engine.Texts;

namespace Automation.Workforce.Reporting;

/// <summary>§2 Abs. 3 SGB III Nr. 1–3 in the report, and the list of what the report still needs ("fehlt: …").</summary>
public static class StaffingTables
{
    /// <summary>Where vacancies and needs are entered or imported (named in the "fehlt" lines).</summary>
    public const string EntryPage = "/jobcenter/stellen";

    /// <summary>Vacancies and needs as printed; a topic the employer declared empty says so.</summary>
    public static StaffingSection Section(ReportInput input, KldbCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        StaffingRow Row(StaffingEntry e) => new(e.Id, e.Kind, StaffingEntry.Display(e.Kind), e.Occupation, catalog.TitleOf(e.Occupation),
            KldbCatalog.RequirementLevelOf(e.Occupation), e.Role, e.Positions, e.From, e.Reason, e.FromAutomation, e.Requirements);
        var vacancies = input.Staffing.Where(e => e.Kind != StaffingKind.Need).OrderBy(e => e.Occupation, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(Row).ToList();
        var needs = input.Staffing.Where(e => e.Kind == StaffingKind.Need).OrderBy(e => e.Occupation, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(Row).ToList();
        string? Statement(StaffingTopic topic, string template, bool any) => any ? null
            : input.Declarations.FirstOrDefault(d => d.Topic == topic) is { } d ? Texte.Format(template, DateOnly.FromDateTime(d.DeclaredAt.UtcDateTime)) : null;
        return new StaffingSection(vacancies, Statement(StaffingTopic.Vacancies, Texte.StellenKeineAngabe, vacancies.Count > 0),
            needs, Statement(StaffingTopic.Needs, Texte.BedarfKeineAngabe, needs.Count > 0));
    }

    /// <summary>
    /// What the report asks for: Nr. 1 and 2 when neither entered nor declared empty, Nr. 3 for every entry without
    /// requirements, a staffing need for each new staff task that automation creates, and positions for each role
    /// whose automated steps have no position to count.
    /// </summary>
    public static IEnumerable<string> Missing(ReportInput input, KldbCatalog catalog, IReadOnlyList<OccupationImpact> impacts)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(impacts);
        bool Declared(StaffingTopic t) => input.Declarations.Any(d => d.Topic == t);
        if (!input.Staffing.Any(e => e.Kind != StaffingKind.Need) && !Declared(StaffingTopic.Vacancies))
        {
            yield return Texte.Format(Texte.FehltStellen, EntryPage);
        }
        if (!input.Staffing.Any(e => e.Kind == StaffingKind.Need) && !Declared(StaffingTopic.Needs))
        {
            yield return Texte.Format(Texte.FehltBedarf, EntryPage);
        }
        foreach (var e in input.Staffing.Where(e => e.Requirements.Count == 0).OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            yield return Texte.Format(Texte.FehltAnforderungen, StaffingEntry.Display(e.Kind), e.Id, e.Occupation, catalog.TitleOf(e.Occupation));
        }
        var newWork = input.Processes.Where(p => p.Comparison is not null)
            .SelectMany(p => p.Comparison!.Changes.Where(c => c.NewWorkForStaff).Select(c => (p.Label, Change: c)));
        foreach (var (process, change) in newWork)
        {
            var covered = input.Staffing.Any(e => e.Kind == StaffingKind.Need && e.FromAutomation && (change.Occupation is null || e.Occupation == change.Occupation));
            if (covered) continue;
            var roles = change.Roles.Count == 0 ? Texte.OhneRolle : Texte.Format(Texte.RolleListe, string.Join(", ", change.Roles));
            var occupation = change.Occupation is null ? Texte.OhneBerufsangabe : Texte.Format(Texte.KldbBeruf, change.Occupation, catalog.TitleOf(change.Occupation));
            yield return Texte.Format(Texte.FehltNeueAufgabe, change.NodeName ?? change.NodeId, process, roles, occupation);
        }
        foreach (var impact in impacts)
        {
            foreach (var role in impact.Roles.Where(r => !input.Positions.Any(p => p.Occupation == impact.Occupation && string.Equals(p.Role, r, StringComparison.OrdinalIgnoreCase))))
            {
                yield return Texte.Format(Texte.FehltStellenRolle, role, impact.Occupation, impact.Title);
            }
        }
    }
}
