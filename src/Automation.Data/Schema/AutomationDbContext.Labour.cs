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

    /// <summary>Recorded match outcomes.</summary>
    public DbSet<MatchOutcomeRecord> MatchOutcomes => Set<MatchOutcomeRecord>();
}
