using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>IAB substitutability potentials entered per occupation.</summary>
    public DbSet<SubstitutabilityRecord> Substitutability => Set<SubstitutabilityRecord>();

    /// <summary>Positions.</summary>
    public DbSet<PositionRecord> Positions => Set<PositionRecord>();

    /// <summary>Pseudonymous staff profiles.</summary>
    public DbSet<StaffProfileRecord> StaffProfiles => Set<StaffProfileRecord>();

    /// <summary>Skills required per occupation.</summary>
    public DbSet<OccupationSkillsRecord> OccupationSkills => Set<OccupationSkillsRecord>();

    /// <summary>Training offers.</summary>
    public DbSet<TrainingOfferRecord> TrainingOffers => Set<TrainingOfferRecord>();

    /// <summary>Vacancies, apprenticeships and new staffing needs (§2 Abs. 3 SGB III Nr. 1–3).</summary>
    public DbSet<StaffingEntryRecord> StaffingEntries => Set<StaffingEntryRecord>();

    /// <summary>Statements that there is nothing to report on a staffing topic.</summary>
    public DbSet<StaffingDeclarationRecord> StaffingDeclarations => Set<StaffingDeclarationRecord>();

    /// <summary>Recorded match outcomes.</summary>
    public DbSet<MatchOutcomeRecord> MatchOutcomes => Set<MatchOutcomeRecord>();
}
