using Automation.Data;
using Automation.Data.Reports;
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

internal sealed record ImportFile(ImportKind Kind, byte[] Content, string FileName, bool ImportValid, string User = "") : IRequest<ImportReportDto>;
internal sealed record SearchOccupations(string? Query, int Limit) : IRequest<IReadOnlyList<OccupationDto>>;
internal sealed record SetSubstitutability(string Occupation, SubstitutabilityBody? Body, string User) : IRequest<OccupationDto>;
internal sealed record GetImpact(string? ProcessId, int? From, int? To, double? CasesPerYear) : IRequest<ImpactResponse>;
internal sealed record ForecastImpact(IReadOnlyList<StepImpactInput> Steps) : IRequest<IReadOnlyList<OccupationImpact>>;
internal sealed record GetPersonMatches(int Top) : IRequest<IReadOnlyList<ProfileMatches>>;
internal sealed record GetRoleMatches(string Occupation, IReadOnlyList<string> Targets, int Top) : IRequest<RoleMatches>;
internal sealed record RecordOutcome(OutcomeBody Body, string User) : IRequest<MatchOutcome>;
internal sealed record GetProgress : IRequest<IReadOnlyList<ProgressDto>>;
internal sealed record BuildEmploymentReport(DateOnly? From, DateOnly? To) : IRequest<EmploymentReport>;
internal sealed record BuildKschgNotice(DateOnly? From, DateOnly? To) : IRequest<KschgNotice?>;
internal sealed record GetRoleSteps : IRequest<IReadOnlyDictionary<string, IReadOnlyList<RoleStep>>>;

internal sealed class LabourHandlers(LabourStore store, IOptions<LabourOptions> options, TimeProvider clock) :
    IRequestHandler<ImportFile, ImportReportDto>,
    IRequestHandler<SearchOccupations, IReadOnlyList<OccupationDto>>,
    IRequestHandler<SetSubstitutability, OccupationDto>,
    IRequestHandler<GetImpact, ImpactResponse>,
    IRequestHandler<ForecastImpact, IReadOnlyList<OccupationImpact>>,
    IRequestHandler<GetPersonMatches, IReadOnlyList<ProfileMatches>>,
    IRequestHandler<GetRoleMatches, RoleMatches>,
    IRequestHandler<RecordOutcome, MatchOutcome>,
    IRequestHandler<GetProgress, IReadOnlyList<ProgressDto>>,
    IRequestHandler<BuildEmploymentReport, EmploymentReport>,
    IRequestHandler<BuildKschgNotice, KschgNotice?>,
    IRequestHandler<GetRoleSteps, IReadOnlyDictionary<string, IReadOnlyList<RoleStep>>>
{
    private static KldbCatalog Catalog => KldbCatalog.Default;

    public async ValueTask<ImportReportDto> Handle(ImportFile request, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(request.FileName);
        ImportReportDto Report<T>(ImportResult<T> r, int imported) => new(request.Kind.ToString(), name, r.TotalRows, imported, r.Errors);
        try
        {
            if (request.Kind == ImportKind.Offers && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                var json = CourseSearchImporter.Read(new MemoryStream(request.Content));
                return await StoreAsync(json, request.ImportValid, v => store.UpsertOffersAsync(v, cancellationToken), Report);
            }
            var table = TabularFile.Read(new MemoryStream(request.Content), name);
            return request.Kind switch
            {
                ImportKind.Positions => await StoreAsync(Importers.Positions(table, Catalog), request.ImportValid, v => store.ReplacePositionsAsync(v, cancellationToken), Report),
                ImportKind.Profiles => await StoreAsync(Importers.Profiles(table, Catalog), request.ImportValid, v => store.ReplaceProfilesAsync(v, cancellationToken), Report),
                ImportKind.OccupationSkills => await StoreAsync(Importers.OccupationSkills(table, Catalog), request.ImportValid,
                    v => store.ReplaceOccupationSkillsAsync(v, cancellationToken), Report),
                ImportKind.Staffing => await StoreAsync(Importers.Staffing(table, Catalog), request.ImportValid,
                    v => store.UpsertStaffingAsync(v, request.User, cancellationToken), Report),
                _ => await StoreAsync(Importers.Offers(table, name), request.ImportValid, v => store.UpsertOffersAsync(v, cancellationToken), Report),
            };
        }
        catch (ImportFormatException e)
        {
            return new ImportReportDto(request.Kind.ToString(), name, 0, 0, [new RowError(0, null, e.Message)]);
        }
    }

    /// <summary>Nothing is stored from a file with errors unless the user chose to import the valid rows; a file-level error stores nothing.</summary>
    private static async Task<ImportReportDto> StoreAsync<T>(ImportResult<T> result, bool importValid, Func<IReadOnlyList<T>, Task> save,
        Func<ImportResult<T>, int, ImportReportDto> report)
    {
        if (result.HasFileError || (result.HasErrors && !importValid) || result.Valid.Count == 0) return report(result, 0);
        await save(result.Valid);
        return report(result, result.Valid.Count);
    }

    public async ValueTask<IReadOnlyList<OccupationDto>> Handle(SearchOccupations request, CancellationToken cancellationToken)
    {
        var potentials = await store.SubstitutabilityAsync(cancellationToken);
        var q = request.Query?.Trim();
        return Catalog.Occupations
            .Where(o => string.IsNullOrEmpty(q) || o.Code.StartsWith(q, StringComparison.Ordinal) || o.Title.Contains(q, StringComparison.OrdinalIgnoreCase))
            .Take(Math.Clamp(request.Limit, 1, 2000))
            .Select(o => ToDto(o, potentials.GetValueOrDefault(o.Code))).ToList();
    }

    public async ValueTask<OccupationDto> Handle(SetSubstitutability request, CancellationToken cancellationToken)
    {
        var occupation = Catalog.Find(request.Occupation);
        if (occupation is not { Level: 5 }) throw new NotFoundException($"'{request.Occupation}' ist kein fünfstelliger KldB-2010-Code.");
        if (request.Body is null)
        {
            await store.DeleteSubstitutabilityAsync(occupation.Code, cancellationToken);
            return ToDto(occupation, null);
        }
        var body = request.Body;
        if (SubstitutabilityPotential.Validate(occupation.Code, body.SharePercent, body.Source, body.Year, Catalog) is { } problem)
        {
            throw new BadInputException(body.Source is null ? "source" : "sharePercent", problem);
        }
        var value = new SubstitutabilityPotential(occupation.Code, body.SharePercent, body.Source!.Trim(), body.Year);
        await store.SaveSubstitutabilityAsync(value, request.User, cancellationToken);
        return ToDto(occupation, value);
    }

    public async ValueTask<ImpactResponse> Handle(GetImpact request, CancellationToken cancellationToken)
    {
        var to = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var comparisons = await SectionsAsync(request.ProcessId, request.From, request.To, request.CasesPerYear, to.AddYears(-1).AddDays(1), to, cancellationToken);
        var forecasts = (await store.ForecastsAsync(cancellationToken)).Where(f => request.ProcessId is null || f.ProcessId == request.ProcessId)
            .Select(f => new ForecastImpactDto(SimulationForecast.Label, f.Description, f, f.ByOccupation(Catalog))).ToList();
        return new ImpactResponse(comparisons, ImpactCalculator.ByOccupation(comparisons.SelectMany(c => c.Comparison?.Automated.Select(s => s.Impact) ?? []), Catalog),
            ImpactCalculator.FteSource, forecasts);
    }

    public ValueTask<IReadOnlyList<OccupationImpact>> Handle(ForecastImpact request, CancellationToken cancellationToken)
    {
        foreach (var (s, i) in request.Steps.Select((s, i) => (s, i)))
        {
            if (s.Occupation is not null && !Catalog.IsOccupation(s.Occupation)) throw new BadInputException($"steps[{i}].occupation", $"'{s.Occupation}' ist kein fünfstelliger KldB-2010-Code.");
            if (s.CasesPerYear < 0 || !double.IsFinite(s.CasesPerYear)) throw new BadInputException($"steps[{i}].casesPerYear", "Die Fallzahl darf nicht negativ sein.");
            if (!double.IsFinite(s.MinutesSavedPerCase)) throw new BadInputException($"steps[{i}].minutesSavedPerCase", "Die Minuten fehlen.");
        }
        // Whatever the caller sends, figures from a scenario are forecasts.
        var steps = request.Steps.Select(s => s with { Basis = ImpactBasis.Forecast, Roles = s.Roles ?? [] });
        return ValueTask.FromResult(ImpactCalculator.ByOccupation(steps, Catalog));
    }

    public async ValueTask<IReadOnlyList<ProfileMatches>> Handle(GetPersonMatches request, CancellationToken cancellationToken)
    {
        var (matcher, required) = await MatcherAsync(cancellationToken);
        var profiles = await store.ProfilesAsync(cancellationToken);
        return ProfileMatching.ForProfiles(matcher, profiles.Where(p => p.Consent), required, Math.Clamp(request.Top, 1, 20));
    }

    public async ValueTask<RoleMatches> Handle(GetRoleMatches request, CancellationToken cancellationToken)
    {
        foreach (var code in request.Targets.Prepend(request.Occupation).Where(c => !Catalog.IsOccupation(c)))
        {
            throw new BadInputException("occupation", $"'{code}' ist kein fünfstelliger KldB-2010-Code.");
        }
        if (request.Targets.Count == 0) throw new BadInputException("targets", "Mindestens ein Zielberuf ist nötig.");
        var (matcher, required) = await MatcherAsync(cancellationToken);
        return ProfileMatching.ForOccupation(matcher, request.Occupation, request.Targets, required, Math.Clamp(request.Top, 1, 20));
    }

    public async ValueTask<MatchOutcome> Handle(RecordOutcome request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        if (!Enum.TryParse<MatchStatus>(body.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
        {
            throw new BadInputException("status", $"Unbekannter Status '{body.Status}'. Erlaubt: proposed, accepted, declined, completed.");
        }
        var profile = (await store.ProfilesAsync(cancellationToken)).FirstOrDefault(p => p.Id == body.ProfileId && p.Consent)
            ?? throw new NotFoundException($"Kein Profil '{body.ProfileId}' mit Einwilligung.");
        if ((await store.OffersAsync(cancellationToken)).All(o => o.Id != body.OfferId))
        {
            throw new NotFoundException($"Angebot '{body.OfferId}' ist unbekannt.");
        }
        await store.SaveOutcomeAsync(profile.Id, body.OfferId, status, request.User, cancellationToken);
        return new MatchOutcome(profile.Id, body.OfferId, status);
    }

    public async ValueTask<IReadOnlyList<ProgressDto>> Handle(GetProgress request, CancellationToken cancellationToken)
    {
        var consenting = (await store.ProfilesAsync(cancellationToken)).Where(p => p.Consent).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var outcomes = (await store.OutcomesAsync(cancellationToken)).Where(o => consenting.Contains(o.ProfileId)).ToList();
        // The same suppression as the report's progress table, so the two cannot be played against each other.
        var groups = new PeopleGroups();
        var ids = Enum.GetValues<MatchStatus>().Select(s => (Status: s, Id: groups.Add(outcomes.Where(o => o.Status == s).Select(o => o.ProfileId)))).ToList();
        var solved = groups.Solve();
        return ids.Select(x => new ProgressDto(x.Status.ToString(), StatusText(x.Status), solved[x.Id])).ToList();
    }

    public async ValueTask<EmploymentReport> Handle(BuildEmploymentReport request, CancellationToken cancellationToken) =>
        ReportBuilder.Build(await ReportInputAsync(request.From, request.To, cancellationToken), Catalog, clock.GetUtcNow());

    public async ValueTask<KschgNotice?> Handle(BuildKschgNotice request, CancellationToken cancellationToken) =>
        KschgNotices.Build(await ReportInputAsync(request.From, request.To, cancellationToken), Catalog, clock.GetUtcNow());

    /// <summary>Everything the report is built from, for the period asked (default: the 12 months up to today).</summary>
    /// <exception cref="BadInputException">The period is reversed or longer than <see cref="ReportPeriodRule.MaxMonths"/> months.</exception>
    private async Task<ReportInput> ReportInputAsync(DateOnly? requestFrom, DateOnly? requestTo, CancellationToken ct)
    {
        var settings = options.Value;
        var to = requestTo ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
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

    public async ValueTask<IReadOnlyDictionary<string, IReadOnlyList<RoleStep>>> Handle(GetRoleSteps request, CancellationToken cancellationToken) =>
        RoleSteps.ByRole((await store.LatestPublishedAsync(cancellationToken)).OrderBy(p => p.Id, StringComparer.Ordinal));

    /// <summary>German text of a status.</summary>
    public static string StatusText(MatchStatus s) => s switch
    {
        MatchStatus.Proposed => "vorgeschlagen",
        MatchStatus.Accepted => "angenommen",
        MatchStatus.Declined => "abgelehnt",
        _ => "abgeschlossen",
    };

    private async Task<(OfferMatcher Matcher, IReadOnlyDictionary<string, OccupationSkills> Required)> MatcherAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var offers = await store.OffersAsync(ct);
        var matcher = new OfferMatcher(offers, new MatchOptions(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), settings.Latitude, settings.Longitude,
            new MatchWeights()));
        return (matcher, await store.OccupationSkillsAsync(ct));
    }

    /// <summary>
    /// Each process (or the one asked for) with its versions that have cases ending in the period, each version booked
    /// with its own steps (a called process is its own section, naming its callers). Before/after: the versions asked
    /// for, else the oldest and newest with enough completed cases. Cases per year: as given, else the completed cases
    /// of the period scaled to a year.
    /// </summary>
    private async Task<IReadOnlyList<ProcessSection>> SectionsAsync(string? processId, int? fromVersion, int? toVersion, double? casesPerYear,
        DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (casesPerYear is < 0) throw new BadInputException("casesPerYear", "Die Fallzahl darf nicht negativ sein.");
        var period = new ReportPeriod(from, to);
        var processes = processId is null ? await store.MeasuredProcessesAsync(ct) : [processId];
        var callers = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var found = new List<(string ProcessId, string? Name, List<VersionTotals> Versions)>();
        foreach (var p in processes)
        {
            var versions = await store.MeasuredVersionsAsync(p, ct);
            foreach (var asked in new[] { fromVersion, toVersion }.OfType<int>().Where(v => versions.All(x => x.Version != v)))
            {
                throw new NotFoundException($"Für '{p}' fehlen Ledger-Einträge der Version {asked}.");
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
                    if (!callers.TryGetValue(called, out var set)) callers[called] = set = new SortedSet<string>(StringComparer.Ordinal);
                    set.Add(p);
                }
                var t = await store.VersionTotalsAsync(id, p, version, period, definition, ct);
                if (t.CompletedCases + t.OtherEndedCases == 0) continue;
                totals.Add(t);
                name = definition?.Name ?? name;
            }
            if (totals.Count > 0) found.Add((p, name, totals));
        }
        return found.Select(x => LedgerComparison.Section(x.ProcessId, x.Name, callers.GetValueOrDefault(x.ProcessId)?.ToList() ?? [], x.Versions,
            casesPerYear ?? LedgerComparison.CasesPerYear(x.Versions, from, to))).ToList();
    }

    private static OccupationDto ToDto(KldbOccupation o, SubstitutabilityPotential? p) =>
        new(o.Code, o.Title, KldbCatalog.Display(o.RequirementLevel), p?.SharePercent, p?.Source, p?.Year,
            SubstitutabilityPotential.LevelAverage(o.RequirementLevel), SubstitutabilityPotential.LevelAverageSource);
}
