using Automation.Engine.Accounting;
using Automation.Workforce.Impact;
using Automation.Workforce.Occupations;

namespace Automation.Workforce.Reporting;

/// <summary>A count of people that may be suppressed: groups of 1–4 people are never shown.</summary>
/// <param name="Value">The count, or null when suppressed.</param>
/// <param name="Suppressed">Whether the cell is suppressed (too few people, or to protect another suppressed cell).</param>
public readonly record struct PeopleCell(int? Value, bool Suppressed)
{
    /// <summary>Smallest group shown (<see cref="PrivacyGate.MinPeople"/>).</summary>
    public const int Threshold = PrivacyGate.MinPeople;

    /// <summary>A cell for a count: suppressed when 1–4.</summary>
    public static PeopleCell Of(int count) => PrivacyGate.ReleasesPeopleCount(count) ? new PeopleCell(count, false) : new PeopleCell(null, true);

    /// <inheritdoc />
    public override string ToString() => Suppressed ? "< 5 •" : Value!.Value.ToString(System.Globalization.CultureInfo.GetCultureInfo("de-DE"));
}

/// <summary>Employer data printed at the head of the report.</summary>
/// <param name="Employer">Employer (Kommune or municipal enterprise).</param>
/// <param name="Office">Dienststelle.</param>
/// <param name="StaffSize">Staff employed (decides the §82 employer share).</param>
/// <param name="Contact">Contact for the employment office.</param>
/// <param name="Reason">Reason for the changes.</param>
/// <param name="Kschg">The §17 KSchG section, for municipal enterprises with economic purposes only.</param>
public sealed record EmployerInfo(string Employer, string Office, int StaffSize, string Contact, string Reason, KschgSection? Kschg);

/// <summary>§17 KSchG fields (not for the core administration, §23(2) KSchG).</summary>
/// <param name="EstablishmentType">Location and type of the establishment.</param>
/// <param name="SelectionCriteria">Criteria for selecting those affected.</param>
/// <param name="WorksCouncilStatement">Statement of the works council (Personalrat/Betriebsrat).</param>
public sealed record KschgSection(string EstablishmentType, string SelectionCriteria, string WorksCouncilStatement);

/// <summary>One row of the affected-occupations table.</summary>
/// <param name="Occupation">5-digit KldB code.</param>
/// <param name="Title">Title.</param>
/// <param name="Level">Requirement level.</param>
/// <param name="Basis">Measured or forecast.</param>
/// <param name="Fte">FTE freed per year, null when suppressed.</param>
/// <param name="Headcount">Staff in the occupation whose work changes.</param>
/// <param name="NormallyEmployed">Positions normally held in the occupation (§17 KSchG).</param>
/// <param name="Roles">Roles affected.</param>
/// <param name="Steps">Steps behind the figure.</param>
public sealed record OccupationRow(string Occupation, string Title, RequirementLevel? Level, ImpactBasis Basis, double? Fte, PeopleCell Headcount,
    PeopleCell NormallyEmployed, IReadOnlyList<string> Roles, IReadOnlyList<string> Steps);

/// <summary>A skill that people affected lack toward their targets.</summary>
/// <param name="Skill">Skill.</param>
/// <param name="People">How many consenting people lack it.</param>
public sealed record QualificationNeed(string Skill, PeopleCell People);

/// <summary>An offer in the reskilling plan.</summary>
/// <param name="Title">Title.</param>
/// <param name="Provider">Provider.</param>
/// <param name="Eligibility82">§82 eligibility in German.</param>
/// <param name="CostEur">Course cost.</param>
/// <param name="EmployerSharePercent">Employer's share of the cost under §82 (by staff size).</param>
/// <param name="Proposed">People proposed for it.</param>
/// <param name="Accepted">People who accepted.</param>
/// <param name="Completed">People who completed it.</param>
public sealed record PlanRow(string Title, string Provider, string Eligibility82, double? CostEur, double EmployerSharePercent,
    PeopleCell Proposed, PeopleCell Accepted, PeopleCell Completed);

/// <summary>Before/after figures of one process.</summary>
/// <param name="ProcessId">Process.</param>
/// <param name="Before">Version before.</param>
/// <param name="After">Version after.</param>
/// <param name="Steps">Automated steps with their carbon balance.</param>
public sealed record ProcessComparison(string ProcessId, VersionTotals Before, VersionTotals After, IReadOnlyList<AutomatedStep> Steps);

/// <summary>One stored forecast in the report: its source and its own occupation rows (suppressed like the measured ones).</summary>
/// <param name="Forecast">The stored forecast.</param>
/// <param name="Occupations">Affected occupations according to this forecast alone.</param>
public sealed record ForecastSection(SimulationForecast Forecast, IReadOnlyList<OccupationRow> Occupations);

/// <summary>The early notification to the employment office (§2(3) SGB III), aggregated throughout.</summary>
/// <param name="Employer">Employer data.</param>
/// <param name="PeriodFrom">Start of the period.</param>
/// <param name="PeriodTo">End of the period.</param>
/// <param name="GeneratedAt">When it was produced.</param>
/// <param name="Processes">Processes compared, with steps and sustainability figures.</param>
/// <param name="Occupations">Affected occupations.</param>
/// <param name="Needs">Qualification needs.</param>
/// <param name="Plan">Reskilling plan.</param>
/// <param name="Sources">Method and sources.</param>
public sealed record EmploymentReport(EmployerInfo Employer, DateOnly PeriodFrom, DateOnly PeriodTo, DateTimeOffset GeneratedAt,
    IReadOnlyList<ProcessComparison> Processes, IReadOnlyList<OccupationRow> Occupations, IReadOnlyList<QualificationNeed> Needs,
    IReadOnlyList<PlanRow> Plan, IReadOnlyList<string> Sources)
{
    /// <summary>Stored simulation forecasts, each a separate section labelled <see cref="SimulationForecast.Label"/>.</summary>
    public IReadOnlyList<ForecastSection> Forecasts { get; init; } = [];

    /// <summary>Whether any cell is suppressed (the footnote is printed then).</summary>
    public bool AnySuppressed => Occupations.Concat(Forecasts.SelectMany(f => f.Occupations)).Any(o => o.Headcount.Suppressed || o.NormallyEmployed.Suppressed)
        || Needs.Any(n => n.People.Suppressed) || Plan.Any(p => p.Proposed.Suppressed || p.Accepted.Suppressed || p.Completed.Suppressed);

    /// <summary>The footnote for suppressed cells.</summary>
    public const string SuppressionNote = "• Gesperrt: Die Zelle beschriebe weniger als 5 Personen (oder ließe eine gesperrte Zelle errechnen).";
}

/// <summary>Suppression rules shared by report builders.</summary>
public static class Suppression
{
    /// <summary>
    /// Occupation rows: a row whose headcount is 1–4 shows neither headcount nor FTE. When exactly one row of a
    /// column is suppressed, the next smallest row is suppressed too, so the total cannot reveal it.
    /// </summary>
    public static IReadOnlyList<OccupationRow> Apply(IReadOnlyList<OccupationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = rows.Select(r => r.Headcount.Suppressed ? r with { Fte = null } : r).ToList();
        if (result.Count(r => r.Headcount.Suppressed) == 1)
        {
            var next = result.Select((r, i) => (r, i)).Where(x => !x.r.Headcount.Suppressed && x.r.Headcount.Value > 0)
                .OrderBy(x => x.r.Headcount.Value).FirstOrDefault();
            if (next.r is not null) result[next.i] = next.r with { Headcount = new PeopleCell(null, true), Fte = null };
        }
        return result;
    }
}
