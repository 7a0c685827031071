using Automation.Workforce.Impact;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Automation.Engine.Texts;

namespace Automation.Workforce.Reporting;

/// <summary>What kind of establishment reports: it decides whether §17 KSchG can apply.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EstablishmentKind>))]
public enum EstablishmentKind
{
    /// <summary>The municipality's core administration: §17 KSchG does not apply (§23 Abs. 2 KSchG).</summary>
    CoreAdministration,
    /// <summary>A municipal enterprise with economic purposes (utility, Sparkasse, hospital): §17 KSchG applies.</summary>
    MunicipalEnterprise,
}

/// <summary>Employer data printed at the head of the report.</summary>
/// <param name="Employer">Employer (Kommune or municipal enterprise).</param>
/// <param name="Office">Dienststelle.</param>
/// <param name="StaffSize">Staff employed (decides the §82 employer share).</param>
/// <param name="Contact">Contact for the employment office.</param>
/// <param name="Reason">Reason for the changes.</param>
/// <param name="Establishment">Core administration or municipal enterprise.</param>
public sealed record EmployerInfo(string Employer, string Office, int StaffSize, string Contact, string Reason, EstablishmentKind Establishment)
{
    /// <summary>The kind in German.</summary>
    public string EstablishmentText => Establishment == EstablishmentKind.MunicipalEnterprise
        ? Texte.BetriebUnternehmen : Texte.BetriebKernverwaltung;
}

/// <summary>One row of an affected-occupations table (§2 Abs. 3 Nr. 4 SGB III).</summary>
/// <param name="Occupation">5-digit KldB code.</param>
/// <param name="Title">Title.</param>
/// <param name="Level">Requirement level.</param>
/// <param name="Basis">Measured or forecast.</param>
/// <param name="Fte">FTE freed per year (work volume from the gated ledger, not a count of people).</param>
/// <param name="Affected">Positions of the occupation held in a role whose steps changed.</param>
/// <param name="NormallyEmployed">Positions of the occupation.</param>
/// <param name="Roles">Roles affected.</param>
/// <param name="Steps">Steps behind the figure.</param>
public sealed record OccupationRow(string Occupation, string Title, RequirementLevel? Level, ImpactBasis Basis, double Fte, PeopleCell Affected,
    PeopleCell NormallyEmployed, IReadOnlyList<string> Roles, IReadOnlyList<string> Steps);

/// <summary>An affected-occupations table with its totals.</summary>
/// <param name="Rows">Rows.</param>
/// <param name="Affected">Total affected.</param>
/// <param name="NormallyEmployed">Total normally employed in the rows' occupations.</param>
/// <param name="Fte">Total FTE.</param>
public sealed record OccupationTable(IReadOnlyList<OccupationRow> Rows, PeopleCell Affected, PeopleCell NormallyEmployed, double Fte);

/// <summary>One stored forecast in the report: its source and its own occupation table (suppressed with the rest).</summary>
/// <param name="Forecast">The stored forecast.</param>
/// <param name="Occupations">Affected occupations according to this forecast alone.</param>
public sealed record ForecastSection(SimulationForecast Forecast, OccupationTable Occupations);

/// <summary>A skill that consenting people in affected occupations lack toward their targets.</summary>
/// <param name="Skill">Skill.</param>
/// <param name="People">How many lack it.</param>
public sealed record QualificationNeed(string Skill, PeopleCell People);

/// <summary>Qualification needs: the people compared and, per skill, how many lack it.</summary>
/// <param name="People">Consenting people in affected occupations with target occupations.</param>
/// <param name="Rows">Per skill.</param>
public sealed record NeedsTable(PeopleCell People, IReadOnlyList<QualificationNeed> Rows);

/// <summary>An offer in the reskilling plan for one §82 group.</summary>
/// <param name="Title">Title.</param>
/// <param name="Provider">Provider.</param>
/// <param name="Eligibility82">§82 eligibility in German.</param>
/// <param name="CostEur">Course cost per person.</param>
/// <param name="Group">§82 group: everyone, or staff with / without the waiver (aged 45 or over or severely disabled).</param>
/// <param name="EmployerSharePercent">Employer's share of the cost under §82 for the group.</param>
/// <param name="EmployerCostEur">Employer's cost per person (cost × share), when the cost is known.</param>
/// <param name="Proposed">People proposed for it (any outcome).</param>
/// <param name="Open">Proposed, no answer yet.</param>
/// <param name="Accepted">Accepted (including completed).</param>
/// <param name="Completed">Completed.</param>
/// <param name="Declined">Declined.</param>
public sealed record PlanRow(string Title, string Provider, string Eligibility82, double? CostEur, string Group, double EmployerSharePercent, double? EmployerCostEur,
    PeopleCell Proposed, PeopleCell Open, PeopleCell Accepted, PeopleCell Completed, PeopleCell Declined);

/// <summary>Distinct people per outcome status across all offers (the job-centre portal's progress table).</summary>
/// <param name="Status">Status.</param>
/// <param name="StatusText">German.</param>
/// <param name="People">People with an offer in that status.</param>
public sealed record ProgressRow(MatchStatus Status, string StatusText, PeopleCell People);

/// <summary>A vacancy, apprenticeship or staffing need as printed (positions, not people).</summary>
/// <param name="Id">Number.</param>
/// <param name="Kind">Kind.</param>
/// <param name="KindText">Kind in German.</param>
/// <param name="Occupation">5-digit KldB code.</param>
/// <param name="Title">Occupation title.</param>
/// <param name="Level">Requirement level.</param>
/// <param name="Role">Role, if given.</param>
/// <param name="Positions">Positions.</param>
/// <param name="From">From when.</param>
/// <param name="Reason">Reason.</param>
/// <param name="FromAutomation">Whether automation creates the work.</param>
/// <param name="Requirements">Qualification requirements (Nr. 3).</param>
public sealed record StaffingRow(string Id, StaffingKind Kind, string KindText, string Occupation, string Title, RequirementLevel? Level, string? Role,
    int Positions, DateOnly? From, string Reason, bool FromAutomation, IReadOnlyList<string> Requirements);

/// <summary>§2 Abs. 3 Satz 2 Nr. 1–3 SGB III: vacancies, new staffing needs, and the qualification requirements of both.</summary>
/// <param name="Vacancies">Nr. 1: vacancies and apprenticeships.</param>
/// <param name="VacanciesStatement">"keine …" when the employer stated there are none; null otherwise.</param>
/// <param name="Needs">Nr. 2: new staffing needs, including tasks automation creates.</param>
/// <param name="NeedsStatement">"keine …" when the employer stated there are none; null otherwise.</param>
public sealed record StaffingSection(IReadOnlyList<StaffingRow> Vacancies, string? VacanciesStatement, IReadOnlyList<StaffingRow> Needs, string? NeedsStatement)
{
    /// <summary>Nr. 3: the entries of Nr. 1 and 2 whose qualification requirements are stated.</summary>
    public IReadOnlyList<StaffingRow> Requirements => Vacancies.Concat(Needs).Where(r => r.Requirements.Count > 0).ToList();
}

/// <summary>
/// The early notification to the employment office (§2 Abs. 3 SGB III), aggregated throughout. One model; the page,
/// the JSON, the workbook and the e-mailed workbook render it, so they cannot disagree. People counts pass
/// <see cref="PeopleGroups"/> (no group of 1–4 printed or derivable); ledger figures pass the privacy gate.
/// </summary>
/// <param name="Employer">Employer data.</param>
/// <param name="PeriodFrom">Start of the period (cases that ended from this day).</param>
/// <param name="PeriodTo">End of the period (inclusive).</param>
/// <param name="GeneratedAt">When it was produced.</param>
/// <param name="Missing">What the report needs and does not have ("fehlt: …"), asked for at its head.</param>
/// <param name="Processes">Every process with ended cases in the period, a called process as its own row.</param>
/// <param name="Staffing">Nr. 1–3.</param>
/// <param name="Occupations">Nr. 4: affected occupations, measured.</param>
/// <param name="Forecasts">Stored simulation forecasts, each its own section.</param>
/// <param name="Needs">Nr. 5: qualification needs.</param>
/// <param name="Plan">Nr. 5: reskilling plan.</param>
/// <param name="Progress">Nr. 5: people per outcome status.</param>
/// <param name="KschgNote">Where §17 KSchG stands for this employer.</param>
/// <param name="Sources">Method and sources.</param>
public sealed record EmploymentReport(EmployerInfo Employer, DateOnly PeriodFrom, DateOnly PeriodTo, DateTimeOffset GeneratedAt, IReadOnlyList<string> Missing,
    IReadOnlyList<ProcessSection> Processes, StaffingSection Staffing, OccupationTable Occupations, IReadOnlyList<ForecastSection> Forecasts,
    NeedsTable Needs, IReadOnlyList<PlanRow> Plan, IReadOnlyList<ProgressRow> Progress, string KschgNote, IReadOnlyList<string> Sources)
{
    /// <summary>Every people count the report prints, in one list (for the footnote and for checks).</summary>
    public IEnumerable<PeopleCell> PeopleCells =>
        Tables(Occupations).Concat(Forecasts.SelectMany(f => Tables(f.Occupations)))
            .Concat(Needs.Rows.Select(n => n.People).Prepend(Needs.People))
            .Concat(Plan.SelectMany(p => new[] { p.Proposed, p.Open, p.Accepted, p.Completed, p.Declined }))
            .Concat(Progress.Select(p => p.People));

    /// <summary>Whether any cell is suppressed (the footnote is printed then).</summary>
    public bool AnySuppressed => PeopleCells.Any(c => c.Suppressed);

    /// <summary>The footnote for suppressed cells.</summary>
    public static string SuppressionNote => Texte.BerichtGesperrt;

    /// <summary>Printed where a table has no rows.</summary>
    public static string NoData => Texte.KeineDaten;

    private static IEnumerable<PeopleCell> Tables(OccupationTable t) =>
        t.Rows.SelectMany(r => new[] { r.Affected, r.NormallyEmployed }).Append(t.Affected).Append(t.NormallyEmployed);
}

/// <summary>One occupational group of a §17 KSchG notice: exact numbers, as the law requires.</summary>
/// <param name="Occupation">5-digit KldB code.</param>
/// <param name="Title">Title.</param>
/// <param name="Dismissals">Planned dismissals.</param>
/// <param name="NormallyEmployed">Normally employed in the group (positions).</param>
public sealed record KschgGroup(string Occupation, string Title, int Dismissals, int NormallyEmployed);

/// <summary>
/// The mass-dismissal notice of §17 KSchG, for municipal enterprises with economic purposes only. Its numbers are
/// exact: that is its legal purpose (§17 Abs. 3 Satz 4 KSchG). It is therefore never part of the aggregated
/// <see cref="EmploymentReport"/>, whose people counts are suppressed, nor of its e-mail; administrators download it
/// separately and hand it to the Agentur für Arbeit.
/// </summary>
/// <param name="Employer">Employer.</param>
/// <param name="EstablishmentType">Location and type of the establishment.</param>
/// <param name="Reasons">Reasons for the dismissals.</param>
/// <param name="DismissalsFrom">Start of the period in which the dismissals are to take place.</param>
/// <param name="DismissalsTo">End of that period.</param>
/// <param name="Groups">Dismissals and normally employed per occupational group.</param>
/// <param name="NormallyEmployedTotal">Normally employed in the establishment.</param>
/// <param name="SelectionCriteria">Criteria for selecting those to be dismissed.</param>
/// <param name="WorksCouncilStatement">Statement of the works council.</param>
/// <param name="Missing">Required fields not configured.</param>
/// <param name="GeneratedAt">When it was produced.</param>
public sealed record KschgNotice(EmployerInfo Employer, string EstablishmentType, string Reasons, DateOnly? DismissalsFrom, DateOnly? DismissalsTo,
    IReadOnlyList<KschgGroup> Groups, int NormallyEmployedTotal, string SelectionCriteria, string WorksCouncilStatement, IReadOnlyList<string> Missing,
    DateTimeOffset GeneratedAt)
{
    /// <summary>The label every rendering carries.</summary>
    public static string Label => Texte.KschgTitel;

    /// <summary>Total planned dismissals.</summary>
    public int Dismissals => Groups.Sum(g => g.Dismissals);
}

/// <summary>The §17 KSchG data as configured.</summary>
/// <param name="EstablishmentType">Location and type of the establishment.</param>
/// <param name="Reasons">Reasons for the dismissals.</param>
/// <param name="DismissalsFrom">Start of the dismissal period.</param>
/// <param name="DismissalsTo">End of the dismissal period.</param>
/// <param name="Dismissals">Planned dismissals per 5-digit KldB code.</param>
/// <param name="SelectionCriteria">Selection criteria.</param>
/// <param name="WorksCouncilStatement">Works council statement.</param>
public sealed record KschgInput(string EstablishmentType, string Reasons, DateOnly? DismissalsFrom, DateOnly? DismissalsTo,
    IReadOnlyDictionary<string, int> Dismissals, string SelectionCriteria, string WorksCouncilStatement);
