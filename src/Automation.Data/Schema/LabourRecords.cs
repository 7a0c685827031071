using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>An IAB substitutability potential entered for one occupation, with its source.</summary>
public sealed class SubstitutabilityRecord
{
    /// <summary>5-digit KldB code.</summary>
    public string Occupation { get; set; } = "";

    /// <summary>Share of core tasks, percent.</summary>
    public double SharePercent { get; set; }

    /// <summary>Source.</summary>
    public string Source { get; set; } = "";

    /// <summary>Data year.</summary>
    public int Year { get; set; }

    /// <summary>Who entered it.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>When (Unix ms).</summary>
    public long UpdatedAt { get; set; }
}

/// <summary>A position of the establishment plan.</summary>
public sealed class PositionRecord
{
    /// <summary>Position number.</summary>
    public string Id { get; set; } = "";

    /// <summary>Role key.</summary>
    public string Role { get; set; } = "";

    /// <summary>5-digit KldB code.</summary>
    public string Occupation { get; set; } = "";

    /// <summary>Pay level.</summary>
    public string PayLevel { get; set; } = "";

    /// <summary>Weekly hours.</summary>
    public double WeeklyHours { get; set; }
}

/// <summary>A pseudonymous staff profile (no name).</summary>
public sealed class StaffProfileRecord
{
    /// <summary>Pseudonymous id.</summary>
    public string Id { get; set; } = "";

    /// <summary>5-digit KldB code.</summary>
    public string Occupation { get; set; } = "";

    /// <summary>Skills separated by '|'.</summary>
    public string Skills { get; set; } = "";

    /// <summary>Weekly hours.</summary>
    public double WeeklyHours { get; set; }

    /// <summary>Consent to be matched.</summary>
    public bool Consent { get; set; }

    /// <summary>Aged 45 or over or severely disabled (§82 SGB III waiver); one flag, never which of the two.</summary>
    public bool EmployerShareWaived { get; set; }

    /// <summary>Target occupations separated by '|'.</summary>
    public string TargetOccupations { get; set; } = "";
}

/// <summary>Skills an occupation requires.</summary>
public sealed class OccupationSkillsRecord
{
    /// <summary>5-digit KldB code.</summary>
    public string Occupation { get; set; } = "";

    /// <summary>Skills separated by '|'.</summary>
    public string Skills { get; set; } = "";
}

/// <summary>A training offer of the catalogue.</summary>
public sealed class TrainingOfferRecord
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Title.</summary>
    public string Title { get; set; } = "";

    /// <summary>Provider.</summary>
    public string Provider { get; set; } = "";

    /// <summary>Skills taught, separated by '|'.</summary>
    public string Skills { get; set; } = "";

    /// <summary>Hours, when known.</summary>
    public double? Hours { get; set; }

    /// <summary>Format.</summary>
    public string Format { get; set; } = "";

    /// <summary>Location.</summary>
    public string Location { get; set; } = "";

    /// <summary>Latitude.</summary>
    public double? Latitude { get; set; }

    /// <summary>Longitude.</summary>
    public double? Longitude { get; set; }

    /// <summary>Start dates (yyyy-MM-dd) separated by '|'.</summary>
    public string StartDates { get; set; } = "";

    /// <summary>Cost in euros.</summary>
    public double? CostEur { get; set; }

    /// <summary>Accreditation.</summary>
    public string Accreditation { get; set; } = "";

    /// <summary>Unknown, Eligible or NotEligible.</summary>
    public string Eligibility82 { get; set; } = "";

    /// <summary>Source of the entry.</summary>
    public string Source { get; set; } = "";
}

/// <summary>The recorded outcome of a proposed match (person-level; job-centre staff only).</summary>
public sealed class MatchOutcomeRecord
{
    /// <summary>Pseudonymous profile id.</summary>
    public string ProfileId { get; set; } = "";

    /// <summary>Offer id.</summary>
    public string OfferId { get; set; } = "";

    /// <summary>Proposed, Accepted, Declined or Completed.</summary>
    public string Status { get; set; } = "";

    /// <summary>Who recorded it.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>When (Unix ms).</summary>
    public long UpdatedAt { get; set; }
}

internal sealed class SubstitutabilityConfiguration : IEntityTypeConfiguration<SubstitutabilityRecord>
{
    public void Configure(EntityTypeBuilder<SubstitutabilityRecord> e)
    {
        e.ToTable("labour_substitutability");
        e.HasKey(x => x.Occupation);
        e.Property(x => x.Occupation).HasColumnName("occupation").HasMaxLength(5);
        e.Property(x => x.SharePercent).HasColumnName("share_percent");
        e.Property(x => x.Source).HasColumnName("source").HasMaxLength(1000);
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
    }
}

internal sealed class PositionConfiguration : IEntityTypeConfiguration<PositionRecord>
{
    public void Configure(EntityTypeBuilder<PositionRecord> e)
    {
        e.ToTable("labour_positions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").HasMaxLength(100);
        e.Property(x => x.Role).HasColumnName("role").HasMaxLength(200);
        e.Property(x => x.Occupation).HasColumnName("occupation").HasMaxLength(5);
        e.Property(x => x.PayLevel).HasColumnName("pay_level").HasMaxLength(40);
        e.Property(x => x.WeeklyHours).HasColumnName("weekly_hours");
        e.HasIndex(x => x.Occupation);
    }
}

internal sealed class StaffProfileConfiguration : IEntityTypeConfiguration<StaffProfileRecord>
{
    public void Configure(EntityTypeBuilder<StaffProfileRecord> e)
    {
        e.ToTable("labour_staff_profiles");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").HasMaxLength(100);
        e.Property(x => x.Occupation).HasColumnName("occupation").HasMaxLength(5);
        e.Property(x => x.Skills).HasColumnName("skills");
        e.Property(x => x.WeeklyHours).HasColumnName("weekly_hours");
        e.Property(x => x.Consent).HasColumnName("consent");
        e.Property(x => x.EmployerShareWaived).HasColumnName("employer_share_waived");
        e.Property(x => x.TargetOccupations).HasColumnName("target_occupations").HasMaxLength(200);
    }
}

internal sealed class OccupationSkillsConfiguration : IEntityTypeConfiguration<OccupationSkillsRecord>
{
    public void Configure(EntityTypeBuilder<OccupationSkillsRecord> e)
    {
        e.ToTable("labour_occupation_skills");
        e.HasKey(x => x.Occupation);
        e.Property(x => x.Occupation).HasColumnName("occupation").HasMaxLength(5);
        e.Property(x => x.Skills).HasColumnName("skills");
    }
}

internal sealed class TrainingOfferConfiguration : IEntityTypeConfiguration<TrainingOfferRecord>
{
    public void Configure(EntityTypeBuilder<TrainingOfferRecord> e)
    {
        e.ToTable("labour_training_offers");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").HasMaxLength(100);
        e.Property(x => x.Title).HasColumnName("title").HasMaxLength(500);
        e.Property(x => x.Provider).HasColumnName("provider").HasMaxLength(500);
        e.Property(x => x.Skills).HasColumnName("skills");
        e.Property(x => x.Hours).HasColumnName("hours");
        e.Property(x => x.Format).HasColumnName("format").HasMaxLength(200);
        e.Property(x => x.Location).HasColumnName("location").HasMaxLength(200);
        e.Property(x => x.Latitude).HasColumnName("latitude");
        e.Property(x => x.Longitude).HasColumnName("longitude");
        e.Property(x => x.StartDates).HasColumnName("start_dates").HasMaxLength(2000);
        e.Property(x => x.CostEur).HasColumnName("cost_eur");
        e.Property(x => x.Accreditation).HasColumnName("accreditation").HasMaxLength(1000);
        e.Property(x => x.Eligibility82).HasColumnName("eligibility_82").HasMaxLength(20);
        e.Property(x => x.Source).HasColumnName("source").HasMaxLength(200);
    }
}

internal sealed class MatchOutcomeConfiguration : IEntityTypeConfiguration<MatchOutcomeRecord>
{
    public void Configure(EntityTypeBuilder<MatchOutcomeRecord> e)
    {
        e.ToTable("labour_match_outcomes");
        e.HasKey(x => new { x.ProfileId, x.OfferId });
        e.Property(x => x.ProfileId).HasColumnName("profile_id").HasMaxLength(100);
        e.Property(x => x.OfferId).HasColumnName("offer_id").HasMaxLength(100);
        e.Property(x => x.Status).HasColumnName("status").HasMaxLength(20);
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
    }
}
