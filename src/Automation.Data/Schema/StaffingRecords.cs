using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>A vacancy, apprenticeship or new staffing need with its qualification requirements (positions, not people).</summary>
public sealed class StaffingEntryRecord
{
    /// <summary>Number given by the employer.</summary>
    public string Id { get; set; } = "";

    /// <summary>Vacancy, Apprenticeship or Need.</summary>
    public string Kind { get; set; } = "";

    /// <summary>5-digit KldB code.</summary>
    public string Occupation { get; set; } = "";

    /// <summary>Role key, if known.</summary>
    public string? Role { get; set; }

    /// <summary>Number of positions.</summary>
    public int Positions { get; set; }

    /// <summary>From when (yyyy-MM-dd), if given.</summary>
    public string? From { get; set; }

    /// <summary>Why.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Whether automation creates the work.</summary>
    public bool FromAutomation { get; set; }

    /// <summary>Qualification requirements separated by '|'.</summary>
    public string Requirements { get; set; } = "";

    /// <summary>Who entered it.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>When (Unix ms).</summary>
    public long UpdatedAt { get; set; }
}

/// <summary>The employer's statement that there is nothing to report on a topic (Vacancies or Needs).</summary>
public sealed class StaffingDeclarationRecord
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = "";

    /// <summary>Who stated it.</summary>
    public string DeclaredBy { get; set; } = "";

    /// <summary>When (Unix ms).</summary>
    public long DeclaredAt { get; set; }
}

internal sealed class StaffingEntryConfiguration : IEntityTypeConfiguration<StaffingEntryRecord>
{
    public void Configure(EntityTypeBuilder<StaffingEntryRecord> e)
    {
        e.ToTable("labour_staffing_entries");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").HasMaxLength(100);
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20);
        e.Property(x => x.Occupation).HasColumnName("occupation").HasMaxLength(5);
        e.Property(x => x.Role).HasColumnName("role").HasMaxLength(200);
        e.Property(x => x.Positions).HasColumnName("positions");
        e.Property(x => x.From).HasColumnName("from_date").HasMaxLength(10);
        e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(2000);
        e.Property(x => x.FromAutomation).HasColumnName("from_automation");
        e.Property(x => x.Requirements).HasColumnName("requirements").HasMaxLength(4000);
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
    }
}

internal sealed class StaffingDeclarationConfiguration : IEntityTypeConfiguration<StaffingDeclarationRecord>
{
    public void Configure(EntityTypeBuilder<StaffingDeclarationRecord> e)
    {
        e.ToTable("labour_staffing_declarations");
        e.HasKey(x => x.Topic);
        e.Property(x => x.Topic).HasColumnName("topic").HasMaxLength(20);
        e.Property(x => x.DeclaredBy).HasColumnName("declared_by").HasMaxLength(200);
        e.Property(x => x.DeclaredAt).HasColumnName("declared_at");
    }
}
