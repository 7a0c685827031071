using System.Globalization;
using Automation.Data;
using Automation.Engine.Accounting;
using Automation.Data.Reports;
using Automation.Data.Schema;
using Automation.Server.Infrastructure;
using Automation.Workforce.Impact;
using Automation.Workforce.Occupations;
using Automation.Workforce.Reporting;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.LabourMarket;

/// <summary>Reads and writes the labour-market tables and the ledger aggregates they need.</summary>
internal sealed class LabourStore(WorkflowHostAccessor accessor)
{
    private const char Sep = '|';

    private AutomationDbContext Context() => accessor.Host.Database.CreateContext();

    public async Task<IReadOnlyList<Position>> PositionsAsync(CancellationToken ct)
    {
        await using var db = Context();
        return (await db.Positions.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct))
            .Select(p => new Position(p.Id, p.Role, p.Occupation, p.PayLevel, p.WeeklyHours)).ToList();
    }

    public async Task<IReadOnlyList<StaffProfile>> ProfilesAsync(CancellationToken ct)
    {
        await using var db = Context();
        return (await db.StaffProfiles.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct))
            .Select(p => new StaffProfile(p.Id, p.Occupation, Split(p.Skills), p.WeeklyHours, p.Consent, Split(p.TargetOccupations))
            {
                EmployerShareWaived = p.EmployerShareWaived,
            }).ToList();
    }

    public async Task<IReadOnlyDictionary<string, OccupationSkills>> OccupationSkillsAsync(CancellationToken ct)
    {
        await using var db = Context();
        return (await db.OccupationSkills.AsNoTracking().ToListAsync(ct))
            .ToDictionary(o => o.Occupation, o => new OccupationSkills(o.Occupation, Split(o.Skills)), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<TrainingOffer>> OffersAsync(CancellationToken ct)
    {
        await using var db = Context();
        return (await db.TrainingOffers.AsNoTracking().OrderBy(o => o.Id).ToListAsync(ct)).Select(o => new TrainingOffer(o.Id, o.Title, o.Provider,
            Split(o.Skills), o.Hours, o.Format, o.Location, o.Latitude, o.Longitude,
            Split(o.StartDates).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(), o.CostEur,
            o.Accreditation, Enum.Parse<FundingEligibility>(o.Eligibility82), o.Source)).ToList();
    }

    public async Task<IReadOnlyList<MatchOutcome>> OutcomesAsync(CancellationToken ct)
    {
        await using var db = Context();
        return (await db.MatchOutcomes.AsNoTracking().ToListAsync(ct))
            .Select(o => new MatchOutcome(o.ProfileId, o.OfferId, Enum.Parse<MatchStatus>(o.Status))).ToList();
    }

    public async Task<IReadOnlyDictionary<string, SubstitutabilityPotential>> SubstitutabilityAsync(CancellationToken ct)
    {
        await using var db = Context();
        return (await db.Substitutability.AsNoTracking().ToListAsync(ct))
            .ToDictionary(s => s.Occupation, s => new SubstitutabilityPotential(s.Occupation, s.SharePercent, s.Source, s.Year), StringComparer.Ordinal);
    }

    public async Task SaveSubstitutabilityAsync(SubstitutabilityPotential value, string user, CancellationToken ct)
    {
        await using var db = Context();
        var row = await db.Substitutability.FirstOrDefaultAsync(s => s.Occupation == value.Occupation, ct);
        if (row is null)
        {
            row = new SubstitutabilityRecord { Occupation = value.Occupation };
            db.Substitutability.Add(row);
        }
        row.SharePercent = value.SharePercent;
        row.Source = value.Source;
        row.Year = value.Year;
        row.UpdatedBy = user;
        row.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteSubstitutabilityAsync(string occupation, CancellationToken ct)
    {
        await using var db = Context();
        await db.Substitutability.Where(s => s.Occupation == occupation).ExecuteDeleteAsync(ct);
    }

    /// <summary>Replaces all positions in one transaction.</summary>
    public Task ReplacePositionsAsync(IReadOnlyList<Position> rows, CancellationToken ct) => ReplaceAsync(db => db.Positions,
        rows.Select(p => new PositionRecord { Id = p.Id, Role = p.Role, Occupation = p.Occupation, PayLevel = p.PayLevel, WeeklyHours = p.WeeklyHours }), ct);

    /// <summary>Replaces all staff profiles in one transaction.</summary>
    public Task ReplaceProfilesAsync(IReadOnlyList<StaffProfile> rows, CancellationToken ct) => ReplaceAsync(db => db.StaffProfiles,
        rows.Select(p => new StaffProfileRecord
        {
            Id = p.Id, Occupation = p.Occupation, Skills = Join(p.Skills), WeeklyHours = p.WeeklyHours, Consent = p.Consent,
            TargetOccupations = Join(p.TargetOccupations), EmployerShareWaived = p.EmployerShareWaived,
        }), ct);

    /// <summary>Replaces all occupation skills in one transaction.</summary>
    public Task ReplaceOccupationSkillsAsync(IReadOnlyList<OccupationSkills> rows, CancellationToken ct) => ReplaceAsync(db => db.OccupationSkills,
        rows.Select(o => new OccupationSkillsRecord { Occupation = o.Occupation, Skills = Join(o.Skills) }), ct);

    /// <summary>Adds offers or replaces those with the same id, in one transaction.</summary>
    public async Task UpsertOffersAsync(IReadOnlyList<TrainingOffer> offers, CancellationToken ct)
    {
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = offers.Select(o => o.Id).ToList();
        await db.TrainingOffers.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync(ct);
        db.TrainingOffers.AddRange(offers.Select(o => new TrainingOfferRecord
        {
            Id = o.Id, Title = o.Title, Provider = o.Provider, Skills = Join(o.Skills), Hours = o.Hours, Format = o.Format, Location = o.Location,
            Latitude = o.Latitude, Longitude = o.Longitude,
            StartDates = Join(o.StartDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), CostEur = o.CostEur,
            Accreditation = o.Accreditation, Eligibility82 = o.Eligibility82.ToString(), Source = o.Source,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task SaveOutcomeAsync(string profileId, string offerId, MatchStatus status, string user, CancellationToken ct)
    {
        await using var db = Context();
        var row = await db.MatchOutcomes.FirstOrDefaultAsync(o => o.ProfileId == profileId && o.OfferId == offerId, ct);
        if (row is null)
        {
            row = new MatchOutcomeRecord { ProfileId = profileId, OfferId = offerId };
            db.MatchOutcomes.Add(row);
        }
        row.Status = status.ToString();
        row.UpdatedBy = user;
        row.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Definition ids and labels of a process that have ledger rows, oldest first.</summary>
    public async Task<IReadOnlyList<(long Id, int Version)>> MeasuredVersionsAsync(string processId, CancellationToken ct)
    {
        await using var db = Context();
        var ids = await db.LedgerEntries.AsNoTracking().Where(l => l.ProcessId == processId).Select(l => l.DefinitionId).Distinct().ToListAsync(ct);
        return (await db.Definitions.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Version }).ToListAsync(ct))
            .OrderBy(d => d.Version).Select(d => (d.Id, d.Version)).ToList();
    }

    /// <summary>Processes with ledger rows.</summary>
    public async Task<IReadOnlyList<string>> MeasuredProcessesAsync(CancellationToken ct)
    {
        await using var db = Context();
        return await db.LedgerEntries.AsNoTracking().Select(l => l.ProcessId).Distinct().OrderBy(p => p).ToListAsync(ct);
    }

    /// <summary>
    /// Ledger sums of one definition version over its cases that ended in <paramref name="period"/>, per step over the
    /// completed ones, through the privacy gate (measured time only where released, else standard). Roles come from
    /// the version's own definition.
    /// </summary>
    public async Task<VersionTotals> VersionTotalsAsync(long definitionId, string processId, int version, ReportPeriod period,
        Automation.Engine.Model.ProcessDefinition? definition, CancellationToken ct)
    {
        var figures = await new ImpactQueries(accessor.Host.Database).VersionStepsAsync(definitionId, period, ct);
        var steps = figures.Completed.Select(s => new StepTotals(s.NodeId, s.Name, s.Actor, s.Occupation, definition?.FindNode(s.NodeId)?.Roles ?? [],
            (int)s.Figures.Cases, s.Figures.StaffMinutes, s.Figures.LabourCostEur, s.Figures.SciG, s.Figures.Carbon[CarbonComponents.Paper], s.Figures.Carbon[CarbonComponents.Post], s.Figures.Carbon[CarbonComponents.CitizenTrips])).ToList();
        var notes = figures.Completed.SelectMany(s => s.Figures.Notes).Distinct(StringComparer.Ordinal).ToList();
        return new VersionTotals(definitionId, processId, version, (int)figures.CompletedCases, (int)figures.OtherEnded, steps, notes, definition?.Label);
    }

    /// <summary>Vacancies, apprenticeships and staffing needs.</summary>
    public async Task<IReadOnlyList<StaffingEntry>> StaffingAsync(CancellationToken ct)
    {
        await using var db = Context();
        return (await db.StaffingEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct)).Select(e => new StaffingEntry(e.Id, Enum.Parse<StaffingKind>(e.Kind),
            e.Occupation, e.Role, e.Positions, e.From is null ? null : DateOnly.ParseExact(e.From, "yyyy-MM-dd", CultureInfo.InvariantCulture), e.Reason,
            e.FromAutomation, Split(e.Requirements))).ToList();
    }

    /// <summary>Statements that there is nothing to report on a topic.</summary>
    public async Task<IReadOnlyList<StaffingDeclaration>> DeclarationsAsync(CancellationToken ct)
    {
        await using var db = Context();
        return (await db.StaffingDeclarations.AsNoTracking().ToListAsync(ct))
            .Select(d => new StaffingDeclaration(Enum.Parse<StaffingTopic>(d.Topic), DateTimeOffset.FromUnixTimeMilliseconds(d.DeclaredAt))).ToList();
    }

    /// <summary>Adds entries or replaces those with the same number, in one transaction.</summary>
    public async Task UpsertStaffingAsync(IReadOnlyList<StaffingEntry> entries, string user, CancellationToken ct)
    {
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = entries.Select(e => e.Id).ToList();
        await db.StaffingEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        db.StaffingEntries.AddRange(entries.Select(e => new StaffingEntryRecord
        {
            Id = e.Id, Kind = e.Kind.ToString(), Occupation = e.Occupation, Role = e.Role, Positions = e.Positions,
            From = e.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Reason = e.Reason, FromAutomation = e.FromAutomation,
            Requirements = Join(e.Requirements), UpdatedBy = user, UpdatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Removes an entry; false when there is none.</summary>
    public async Task<bool> DeleteStaffingAsync(string id, CancellationToken ct)
    {
        await using var db = Context();
        return await db.StaffingEntries.Where(e => e.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>States that there is nothing to report on a topic, or withdraws that statement.</summary>
    public async Task DeclareAsync(StaffingTopic topic, bool none, string user, CancellationToken ct)
    {
        await using var db = Context();
        var key = topic.ToString();
        await db.StaffingDeclarations.Where(d => d.Topic == key).ExecuteDeleteAsync(ct);
        if (!none) return;
        db.StaffingDeclarations.Add(new StaffingDeclarationRecord { Topic = key, DeclaredBy = user, DeclaredAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The process model of a definition version (for the roles of its steps), or null when it no longer reads.</summary>
    public async Task<Automation.Engine.Model.ProcessDefinition?> DefinitionAsync(long definitionId, CancellationToken ct)
    {
        try
        {
            return (await accessor.Host.Definitions.GetAsync(definitionId, ct)).Process;
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Stored simulation forecasts, newest first.</summary>
    public async Task<IReadOnlyList<SimulationForecast>> ForecastsAsync(CancellationToken ct)
    {
        await using var db = Context();
        return await Simulation.ForecastRows.ListAsync(db, accessor.Host.Definitions, ct);
    }

    /// <summary>The latest published version of every process.</summary>
    public async Task<IReadOnlyList<Automation.Engine.Model.ProcessDefinition>> LatestPublishedAsync(CancellationToken ct) =>
        (await accessor.Host.Definitions.GetAllLatestPublishedAsync(ct)).Select(d => d.Process).ToList();

    private async Task ReplaceAsync<T>(Func<AutomationDbContext, DbSet<T>> set, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await set(db).ExecuteDeleteAsync(ct);
        set(db).AddRange(rows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static List<string> Split(string text) => text.Split(Sep, StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Join(IEnumerable<string> values) => string.Join(Sep, values);
}
