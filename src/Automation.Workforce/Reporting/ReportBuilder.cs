using Automation.Workforce.Impact;
using Automation.Workforce.Matching;
using Automation.Workforce.Occupations;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;

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
public sealed record MatchOutcome(string ProfileId, string OfferId, MatchStatus Status);

/// <summary>Everything the report is built from.</summary>
/// <param name="Employer">Employer data.</param>
/// <param name="PeriodFrom">Period start.</param>
/// <param name="PeriodTo">Period end.</param>
/// <param name="Processes">Measured comparisons.</param>
/// <param name="Forecasts">Stored simulation forecasts; each becomes its own section, never summed with measured figures.</param>
/// <param name="Positions">Positions.</param>
/// <param name="Profiles">Staff profiles (only counts and consenting gaps are used).</param>
/// <param name="Matches">Matches of consenting profiles.</param>
/// <param name="Outcomes">Recorded outcomes.</param>
/// <param name="Offers">Offer catalogue.</param>
public sealed record ReportInput(EmployerInfo Employer, DateOnly PeriodFrom, DateOnly PeriodTo, IReadOnlyList<ProcessComparison> Processes,
    IReadOnlyList<SimulationForecast> Forecasts, IReadOnlyList<Position> Positions, IReadOnlyList<StaffProfile> Profiles,
    IReadOnlyList<ProfileMatches> Matches, IReadOnlyList<MatchOutcome> Outcomes, IReadOnlyList<TrainingOffer> Offers);

/// <summary>Builds the aggregated report; no pseudonymous id reaches it.</summary>
public static class ReportBuilder
{
    /// <summary>Builds the report.</summary>
    public static EmploymentReport Build(ReportInput input, KldbCatalog catalog, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        // Measured rows only: forecasts are sections of their own, so no total mixes the two.
        var impacts = ImpactCalculator.ByOccupation(input.Processes.SelectMany(p => p.Steps.Select(s => s.Impact)), catalog);
        var rows = Rows(impacts, input.Positions);
        var forecasts = input.Forecasts.Select(f => new ForecastSection(f, Suppression.Apply(Rows(f.ByOccupation(catalog), input.Positions)))).ToList();
        var affectedOccupations = impacts.Select(i => i.Occupation).ToHashSet(StringComparer.Ordinal);
        var needs = input.Matches.Where(m => affectedOccupations.Contains(m.Occupation))
            .SelectMany(m => m.Gap).GroupBy(s => s, StringComparer.Ordinal)
            .Select(g => new QualificationNeed(g.Key, PeopleCell.Of(g.Count())))
            .OrderByDescending(n => n.People.Value ?? 0).ThenBy(n => n.Skill, StringComparer.Ordinal).ToList();
        var share = TrainingOffer.EmployerSharePercent(input.Employer.StaffSize);
        var offers = input.Offers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var plan = input.Outcomes.Where(o => offers.ContainsKey(o.OfferId)).GroupBy(o => o.OfferId, StringComparer.Ordinal).Select(g =>
        {
            var offer = offers[g.Key];
            return new PlanRow(offer.Title, offer.Provider, TrainingOffer.Display(offer.Eligibility82), offer.CostEur, share,
                PeopleCell.Of(g.Count()), PeopleCell.Of(g.Count(o => o.Status is MatchStatus.Accepted or MatchStatus.Completed)),
                PeopleCell.Of(g.Count(o => o.Status == MatchStatus.Completed)));
        }).OrderBy(p => p.Title, StringComparer.Ordinal).ToList();
        var sources = new List<string>
        {
            KldbCatalog.Source,
            ImpactCalculator.FteSource,
            "Eingesparte Minuten je Fall = Personalminuten je Fall vorher − nachher (Ledger, je Version über alle Fälle mit Ledger-Einträgen); Stunden/Jahr = Minuten × Fälle/Jahr ÷ 60.",
            "gCO2e je Fall: SCI nach ISO/IEC 21031:2024 mit R = ein abgeschlossener Vorgang; Arbeitsplatz, Rechenleistung, KI, Papier, Post, graue Emissionen; Wege der Bürgerinnen und Bürger nicht enthalten.",
            "§82 SGB III: Arbeitgeberanteil an den Lehrgangskosten < 50 Beschäftigte 0 %, 50–499: 50 %, ab 500: 75 %.",
            $"Datenschutz: Zellen mit weniger als {PeopleCell.Threshold} Personen sind gesperrt; keine Pseudonyme im Bericht.",
        };
        if (input.Forecasts.Count > 0)
        {
            sources.Add($"{SimulationForecast.Label}: Ergebnisse einer Was-wäre-wenn-Simulation, keine gemessenen Fälle; je Szenario ein eigener Abschnitt, nie mit gemessenen Werten oder anderen Szenarien summiert. "
                + "Eingesparte Minuten je Fall = simulierte Personalminuten des Schritts in der Ausgangslage − im Szenario (Mittel über die Wiederholungen); Fälle/Jahr = Fälle je Arbeitstag × Saisonfaktor über die Arbeitstage des Kalenders (ohne Feiertage).");
        }
        return new EmploymentReport(input.Employer, input.PeriodFrom, input.PeriodTo, now, input.Processes, Suppression.Apply(rows), needs, plan, sources)
        {
            Forecasts = forecasts,
        };
    }

    private static List<OccupationRow> Rows(IReadOnlyList<OccupationImpact> impacts, IReadOnlyList<Position> positions) => impacts.Select(i =>
    {
        var inOccupation = positions.Where(p => p.Occupation == i.Occupation).ToList();
        var affected = inOccupation.Where(p => i.Roles.Contains(p.Role, StringComparer.OrdinalIgnoreCase)).ToList();
        var headcount = (affected.Count > 0 ? affected : inOccupation).Count;
        return new OccupationRow(i.Occupation, i.Title, i.Level, i.Basis, i.Fte, PeopleCell.Of(headcount), PeopleCell.Of(inOccupation.Count), i.Roles, i.Steps);
    }).ToList();
}
