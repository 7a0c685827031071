using Automation.Data;
using Automation.Data.Reports;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Automation.Workforce.Importing;
using Automation.Workforce.Impact;
using Automation.Workforce.Matching;
using Automation.Workforce.Occupations;
using Automation.Workforce.Reporting;
using Automation.Workforce.Staff;
using Mediator;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.LabourMarket;

/// <summary>What an import file holds.</summary>
internal enum ImportKind
{
    /// <summary>Positions.</summary>
    Positions,
    /// <summary>Pseudonymous staff profiles.</summary>
    Profiles,
    /// <summary>Skills per occupation.</summary>
    OccupationSkills,
    /// <summary>Training offers (CSV, xlsx or saved course-search JSON).</summary>
    Offers,
    /// <summary>Vacancies, apprenticeships and new staffing needs (§2 Abs. 3 SGB III Nr. 1–3).</summary>
    Staffing,
}

/// <summary>The outcome of an import.</summary>
/// <param name="Kind">What was imported.</param>
/// <param name="FileName">File.</param>
/// <param name="TotalRows">Data rows in the file.</param>
/// <param name="Imported">Rows stored (0 when the file has errors and the valid rows were not chosen).</param>
/// <param name="Errors">Each bad row's problem.</param>
internal sealed record ImportReportDto(string Kind, string FileName, int TotalRows, int Imported, IReadOnlyList<RowError> Errors);

/// <summary>An occupation as listed.</summary>
internal sealed record OccupationDto(string Code, string Title, string RequirementLevel, double? SubstitutabilityPercent, string? SubstitutabilitySource,
    int? SubstitutabilityYear, double? LevelAveragePercent, string LevelAverageSource);

/// <summary>Body to set a substitutability potential.</summary>
internal sealed record SubstitutabilityBody(double SharePercent, string? Source, int Year);

/// <summary>Measured comparison of processes, and – apart, never summed with it – each stored simulation forecast.</summary>
/// <param name="Processes">Each process with its versions over the last 12 months and before/after where two versions allow it.</param>
/// <param name="Occupations">Measured hours and FTE by occupation.</param>
/// <param name="Method">FTE method and source.</param>
/// <param name="Forecasts">Stored forecasts, each with its own figures by occupation.</param>
internal sealed record ImpactResponse(IReadOnlyList<ProcessSection> Processes, IReadOnlyList<OccupationImpact> Occupations, string Method,
    IReadOnlyList<ForecastImpactDto> Forecasts);

/// <summary>One stored forecast with its figures by occupation.</summary>
/// <param name="Label">Always "Prognose (Simulation)".</param>
/// <param name="Description">What it rests on (scenario, version, seed, cases, when, who).</param>
/// <param name="Forecast">The stored forecast.</param>
/// <param name="Occupations">Hours and FTE by occupation according to this forecast alone.</param>
internal sealed record ForecastImpactDto(string Label, string Description, SimulationForecast Forecast, IReadOnlyList<OccupationImpact> Occupations);

/// <summary>Body to record an outcome.</summary>
internal sealed record OutcomeBody(string ProfileId, string OfferId, string Status);

/// <summary>Aggregated progress: people per status, small groups suppressed.</summary>
internal sealed record ProgressDto(string Status, string StatusText, PeopleCell People);

/// <summary>
/// What the labour-market requests share: the matcher over the stored offers, the measured process sections and the
/// report's input, so the API, the pages and the scheduled delivery compute them one way.
/// </summary>
internal sealed class LabourFigures(LabourStore store, IOptions<LabourOptions> options, TimeProvider clock)
{
    /// <summary>The KldB catalogue every labour figure uses.</summary>
    public static KldbCatalog Catalog => KldbCatalog.Default;


    /// <summary>Everything the report is built from, for the period asked (default: the 12 months up to today).</summary>
    /// <exception cref="BadInputException">The period is reversed or longer than <see cref="ReportPeriodRule.MaxMonths"/> months.</exception>
    public async Task<ReportInput> ReportInputAsync(DateOnly? requestFrom, DateOnly? requestTo, CancellationToken ct)
    {
        var settings = options.Value;
        var to = requestTo ?? Dashboards.PeriodInput.Today(clock);
        var from = requestFrom ?? to.AddYears(-1).AddDays(1);
        if (ReportPeriodRule.Check(from, to) is { } problem) throw new BadInputException(problem.Field, problem.Message, problem.Code);
        var sections = await SectionsAsync(null, null, null, null, from, to, ct);
        var (matcher, required) = await MatcherAsync(ct);
        var profiles = await store.ProfilesAsync(ct);
        var matches = ProfileMatching.ForProfiles(matcher, profiles.Where(p => p.Consent), required, 5);
        var employer = new EmployerInfo(settings.Employer, settings.Office, settings.StaffSize, settings.Contact, settings.Reason, settings.Establishment);
        var consenting = profiles.Where(p => p.Consent).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var kschg = settings.Kschg is { Enabled: true } k
            ? new KschgInput(k.EstablishmentType, k.Reasons, k.DismissalsFrom, k.DismissalsTo, k.Dismissals, k.SelectionCriteria, k.WorksCouncilStatement)
            : null;
        return new ReportInput(employer, from, to, sections, await store.ForecastsAsync(ct), await store.PositionsAsync(ct), profiles, matches,
            (await store.OutcomesAsync(ct)).Where(o => consenting.Contains(o.ProfileId)).ToList(), matcher.Offers.ToList(),
            await store.StaffingAsync(ct), await store.DeclarationsAsync(ct), kschg);
    }

    /// <summary>German text of a status.</summary>
    public static string StatusText(MatchStatus s) => s switch
    {
        MatchStatus.Proposed => "vorgeschlagen",
        MatchStatus.Accepted => "angenommen",
        MatchStatus.Declined => "abgelehnt",
        _ => "abgeschlossen",
    };

    public async Task<(OfferMatcher Matcher, IReadOnlyDictionary<string, OccupationSkills> Required)> MatcherAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var offers = await store.OffersAsync(ct);
        var matcher = new OfferMatcher(offers, new MatchOptions(Dashboards.PeriodInput.Today(clock), settings.Latitude, settings.Longitude,
            new MatchWeights()));
        return (matcher, await store.OccupationSkillsAsync(ct));
    }

    /// <summary>
    /// Each process (or the one asked for) with its versions that have cases ending in the period, each version booked
    /// with its own steps (a called process is its own section, naming its callers). Before/after: the versions asked
    /// for, else the oldest and newest with enough completed cases. Cases per year: as given, else the completed cases
    /// of the period scaled to a year.
    /// </summary>
    public async Task<IReadOnlyList<ProcessSection>> SectionsAsync(string? processId, int? fromVersion, int? toVersion, double? casesPerYear,
        DateOnly from, DateOnly to, CancellationToken ct)
    {
        var period = new ReportPeriod(from, to);
        var processes = processId is null ? await store.MeasuredProcessesAsync(ct) : [processId];
        // Called process id → caller id → caller's name (its newest version's, as versions come oldest first).
        var callers = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var found = new List<(string ProcessId, string? Name, List<VersionTotals> Versions)>();
        foreach (var p in processes)
        {
            var versions = await store.MeasuredVersionsAsync(p, ct);
            foreach (var asked in new[] { fromVersion, toVersion }.OfType<int>().Where(v => versions.All(x => x.Version != v)))
            {
                throw new NotFoundException(Texte.Format(Texte.WirkungVersionFehlt, p, asked));
            }
            if (fromVersion is not null || toVersion is not null)
            {
                versions = versions.Where(v => v.Version == fromVersion || v.Version == toVersion).ToList();
            }
            var totals = new List<VersionTotals>();
            string? name = null;
            foreach (var (id, version) in versions)
            {
                var definition = await store.DefinitionAsync(id, ct);
                foreach (var called in definition?.Nodes.Select(n => n.CalledProcessId).OfType<string>() ?? [])
                {
                    if (!callers.TryGetValue(called, out var byId)) callers[called] = byId = new Dictionary<string, string>(StringComparer.Ordinal);
                    byId[p] = definition!.Label;
                }
                var t = await store.VersionTotalsAsync(id, p, version, period, definition, ct);
                if (t.CompletedCases + t.OtherEndedCases == 0) continue;
                totals.Add(t);
                name = definition?.Label ?? name;
            }
            if (totals.Count > 0) found.Add((p, name, totals));
        }
        return found.Select(x =>
        {
            var calledBy = callers.GetValueOrDefault(x.ProcessId)?.OrderBy(c => c.Key, StringComparer.Ordinal).ToList() ?? [];
            return LedgerComparison.Section(x.ProcessId, x.Name, [.. calledBy.Select(c => c.Key)], x.Versions,
                casesPerYear ?? LedgerComparison.CasesPerYear(x.Versions, from, to), [.. calledBy.Select(c => c.Value)]);
        }).ToList();
    }

    /// <summary>An occupation as listed, with its substitutability where one is recorded.</summary>
    public static OccupationDto ToDto(KldbOccupation o, SubstitutabilityPotential? p) =>
        new(o.Code, o.Title, KldbCatalog.Display(o.RequirementLevel), p?.SharePercent, p?.Source, p?.Year,
            SubstitutabilityPotential.LevelAverage(o.RequirementLevel), SubstitutabilityPotential.LevelAverageSource);
}
