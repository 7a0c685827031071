using System.Globalization;
using Automation.Engine.Accounting;
using Automation.Workforce.Impact;
using Automation.Workforce.Matching;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;
using Automation.Engine.Texts;

namespace Automation.Workforce.Reporting;

/// <summary>Outcome of a proposed match, as recorded by job-centre staff.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MatchStatus>))]
public enum MatchStatus
{
    /// <summary>Offer proposed to the person.</summary>
    Proposed,
    /// <summary>Person accepted.</summary>
    Accepted,
    /// <summary>Person declined.</summary>
    Declined,
    /// <summary>Course completed.</summary>
    Completed,
}

/// <summary>A recorded outcome (person-level; only aggregates leave the job-centre views).</summary>
/// <param name="ProfileId">Pseudonymous id.</param>
/// <param name="OfferId">Offer.</param>
/// <param name="Status">Status.</param>
public sealed record MatchOutcome(string ProfileId, string OfferId, MatchStatus Status)
{
    /// <summary>German text of a status.</summary>
    public static string Display(MatchStatus s) => s switch
    {
        MatchStatus.Proposed => Texte.AbgleichVorgeschlagen,
        MatchStatus.Accepted => Texte.AbgleichAngenommen,
        MatchStatus.Declined => Texte.AbgleichAbgelehnt,
        _ => Texte.AbgleichAbgeschlossen,
    };
}

/// <summary>Everything the report is built from.</summary>
/// <param name="Employer">Employer data.</param>
/// <param name="PeriodFrom">Period start.</param>
/// <param name="PeriodTo">Period end (inclusive).</param>
/// <param name="Processes">Every process with ended cases in the period, with its versions and before/after.</param>
/// <param name="Forecasts">Stored simulation forecasts; each becomes its own section, never summed with measured figures.</param>
/// <param name="Positions">Positions.</param>
/// <param name="Profiles">Staff profiles (only consenting ones are used).</param>
/// <param name="Matches">Matches of consenting profiles.</param>
/// <param name="Outcomes">Recorded outcomes.</param>
/// <param name="Offers">Offer catalogue.</param>
/// <param name="Staffing">Vacancies, apprenticeships and staffing needs.</param>
/// <param name="Declarations">Statements that there is nothing to report on a topic.</param>
/// <param name="Kschg">§17 KSchG data, when configured.</param>
public sealed record ReportInput(EmployerInfo Employer, DateOnly PeriodFrom, DateOnly PeriodTo, IReadOnlyList<ProcessSection> Processes,
    IReadOnlyList<SimulationForecast> Forecasts, IReadOnlyList<Position> Positions, IReadOnlyList<StaffProfile> Profiles,
    IReadOnlyList<ProfileMatches> Matches, IReadOnlyList<MatchOutcome> Outcomes, IReadOnlyList<TrainingOffer> Offers,
    IReadOnlyList<StaffingEntry> Staffing, IReadOnlyList<StaffingDeclaration> Declarations, KschgInput? Kschg);

/// <summary>Builds the aggregated report; no pseudonymous id reaches it.</summary>
public static class ReportBuilder
{
    /// <summary>Builds the report: every people count of every table goes through one <see cref="PeopleGroups"/>.</summary>
    public static EmploymentReport Build(ReportInput input, KldbCatalog catalog, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        var groups = new PeopleGroups();
        // Measured rows only: forecasts are sections of their own, so no total mixes the two.
        var impacts = ImpactCalculator.ByOccupation(input.Processes.SelectMany(p => p.Comparison?.Automated.Select(a => a.Impact) ?? []), catalog);
        var measured = OccupationDraft.Add(groups, impacts, input.Positions);
        var forecasts = input.Forecasts.Select(f => (Forecast: f, Draft: OccupationDraft.Add(groups, f.ByOccupation(catalog), input.Positions))).ToList();
        var affectedOccupations = impacts.Select(i => i.Occupation).ToHashSet(StringComparer.Ordinal);
        var reskilling = ReskillingDraft.Add(groups, input, affectedOccupations);
        var solved = groups.Solve();

        var missing = StaffingTables.Missing(input, catalog, impacts).ToList();
        return new EmploymentReport(input.Employer, input.PeriodFrom, input.PeriodTo, now, missing, input.Processes, StaffingTables.Section(input, catalog),
            measured.Table(solved), forecasts.Select(f => new ForecastSection(f.Forecast, f.Draft.Table(solved))).ToList(),
            reskilling.Needs(solved), reskilling.Plan(solved), reskilling.Progress(solved), KschgNotices.Note(input), Sources(input));
    }

    private static List<string> Sources(ReportInput input)
    {
        var sources = new List<string>
        {
            KldbCatalog.Source,
            ImpactCalculator.FteSource,
            Texte.Format(Texte.MethodeZeitraum, input.PeriodFrom, input.PeriodTo, PrivacyGate.MinCases),
            Texte.MethodeAufruf,
            Texte.MethodeArbeitszeit,
            Texte.MethodeEinsparung,
            Texte.MethodeSci,
            TrainingOffer.EmployerShareRule,
            Texte.Format(Texte.MethodeDatenschutz, PrivacyGate.MinPeople - 1),
        };
        if (input.Forecasts.Count > 0) sources.Add(Texte.Format(Texte.MethodePrognose, SimulationForecast.Label));
        return sources;
    }

    /// <summary>An occupation table before suppression: the groups of positions behind its cells.</summary>
    private sealed class OccupationDraft
    {
        private readonly List<(OccupationImpact Impact, PeopleGroupId Affected, PeopleGroupId Employed)> rows = [];
        private PeopleGroupId totalAffected;
        private PeopleGroupId totalEmployed;

        public static OccupationDraft Add(PeopleGroups groups, IReadOnlyList<OccupationImpact> impacts, IReadOnlyList<Position> positions)
        {
            var draft = new OccupationDraft();
            var affectedAll = new List<string>();
            var employedAll = new List<string>();
            foreach (var impact in impacts)
            {
                var inOccupation = positions.Where(p => p.Occupation == impact.Occupation).Select(p => "position:" + p.Id).ToList();
                var affected = positions.Where(p => p.Occupation == impact.Occupation && impact.Roles.Contains(p.Role, StringComparer.OrdinalIgnoreCase))
                    .Select(p => "position:" + p.Id).ToList();
                draft.rows.Add((impact, groups.Add(affected), groups.Add(inOccupation)));
                affectedAll.AddRange(affected);
                employedAll.AddRange(inOccupation);
            }
            draft.totalAffected = groups.Add(affectedAll);
            draft.totalEmployed = groups.Add(employedAll);
            return draft;
        }

        public OccupationTable Table(SuppressedGroups solved) => new(
            rows.Select(r => new OccupationRow(r.Impact.Occupation, r.Impact.Title, r.Impact.Level, r.Impact.Basis, r.Impact.Fte, solved[r.Affected], solved[r.Employed],
                r.Impact.Roles, r.Impact.Steps)).ToList(),
            solved[totalAffected], solved[totalEmployed], rows.Sum(r => r.Impact.Fte));
    }

    /// <summary>Needs, plan and progress before suppression: groups of consenting profiles.</summary>
    private sealed class ReskillingDraft
    {
        private PeopleGroupId people;
        private readonly List<(string Skill, PeopleGroupId Group)> needs = [];
        private readonly List<(TrainingOffer Offer, string Group, double Share, PeopleGroupId[] Cells)> plan = [];
        private readonly List<(MatchStatus Status, PeopleGroupId Group)> progress = [];

        public static ReskillingDraft Add(PeopleGroups groups, ReportInput input, HashSet<string> affectedOccupations)
        {
            var draft = new ReskillingDraft();
            var consenting = input.Profiles.Where(p => p.Consent).ToDictionary(p => p.Id, StringComparer.Ordinal);
            static string Member(string profile) => "profile:" + profile;
            var compared = input.Matches.Where(m => consenting.ContainsKey(m.ProfileId) && affectedOccupations.Contains(m.Occupation)).ToList();
            draft.people = groups.Add(compared.Select(m => Member(m.ProfileId)));
            foreach (var skill in compared.SelectMany(m => m.Gap).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                draft.needs.Add((skill, groups.Add(compared.Where(m => m.Gap.Contains(skill, StringComparer.Ordinal)).Select(m => Member(m.ProfileId)))));
            }

            var offers = input.Offers.ToDictionary(o => o.Id, StringComparer.Ordinal);
            var outcomes = input.Outcomes.Where(o => consenting.ContainsKey(o.ProfileId) && offers.ContainsKey(o.OfferId)).ToList();
            var size = input.Employer.StaffSize;
            // The waiver changes the share only in the 50–499 band; elsewhere one row per offer avoids needless small groups.
            var split = TrainingOffer.WaiverApplies(size);
            foreach (var byOffer in outcomes.GroupBy(o => o.OfferId, StringComparer.Ordinal).OrderBy(g => offers[g.Key].Title, StringComparer.Ordinal).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var offer = offers[byOffer.Key];
                var parts = split
                    ? new[] { (Group: Texte.GruppeOhneBefreiung, Waived: false), (Group: Texte.GruppeBefreit, Waived: true) }
                    : [(Group: Texte.GruppeAlle, Waived: false)];
                foreach (var (group, waived) in parts)
                {
                    var rows = byOffer.Where(o => !split || consenting[o.ProfileId].EmployerShareWaived == waived).ToList();
                    if (rows.Count == 0) continue;
                    PeopleGroupId Of(Func<MatchOutcome, bool> where) => groups.Add(rows.Where(where).Select(o => Member(o.ProfileId)));
                    draft.plan.Add((offer, group, TrainingOffer.EmployerSharePercent(size, waived), [
                        Of(_ => true), Of(o => o.Status == MatchStatus.Proposed), Of(o => o.Status is MatchStatus.Accepted or MatchStatus.Completed),
                        Of(o => o.Status == MatchStatus.Completed), Of(o => o.Status == MatchStatus.Declined)]));
                }
            }
            foreach (var status in Enum.GetValues<MatchStatus>())
            {
                draft.progress.Add((status, groups.Add(outcomes.Where(o => o.Status == status).Select(o => Member(o.ProfileId)))));
            }
            return draft;
        }

        public NeedsTable Needs(SuppressedGroups solved) => new(solved[people],
            needs.Select(n => new QualificationNeed(n.Skill, solved[n.Group])).ToList());

        public List<PlanRow> Plan(SuppressedGroups solved) => plan.Select(p => new PlanRow(p.Offer.Title, p.Offer.Provider,
            TrainingOffer.Display(p.Offer.Eligibility82), p.Offer.CostEur, p.Group, p.Share, p.Offer.CostEur * p.Share / 100,
            solved[p.Cells[0]], solved[p.Cells[1]], solved[p.Cells[2]], solved[p.Cells[3]], solved[p.Cells[4]])).ToList();

        public List<ProgressRow> Progress(SuppressedGroups solved) =>
            progress.Select(p => new ProgressRow(p.Status, MatchOutcome.Display(p.Status), solved[p.Group])).ToList();
    }

    /// <summary>German date for report texts.</summary>
    internal static string Date(DateOnly d) => d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
