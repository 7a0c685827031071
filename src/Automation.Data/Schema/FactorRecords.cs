using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// One version of one ledger factor (table <c>factor_versions</c>), seeded from the engine's reference set and
/// extended by administrators. Rows are never deleted and their value never changes; the only update is closing an
/// open-ended period when a newer version takes over.
/// </summary>
public sealed class FactorVersionRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Factor key, e.g. <c>grid.intensity</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>Version number, unique per key.</summary>
    public int Version { get; set; }

    /// <summary>Value as invariant decimal text, so published figures survive digit for digit on every provider.</summary>
    public string Value { get; set; } = "";

    /// <summary>Unit.</summary>
    public string Unit { get; set; } = "";

    /// <summary>Full citation of the source or statement of the assumption.</summary>
    public string Source { get; set; } = "";

    /// <summary>Reference year.</summary>
    public int Year { get; set; }

    /// <summary>checked, secondary or assumption.</summary>
    public string Status { get; set; } = "";

    /// <summary>First day of validity (yyyy-MM-dd).</summary>
    public string ValidFrom { get; set; } = "";

    /// <summary>Last day of validity, inclusive (yyyy-MM-dd); null while open-ended.</summary>
    public string? ValidTo { get; set; }

    /// <summary>German label.</summary>
    public string? Label { get; set; }

    /// <summary>Why this value was chosen.</summary>
    public string? Note { get; set; }

    /// <summary>Who added the version (user name, or <c>seed</c> for the reference set).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When it was added (Unix milliseconds).</summary>
    public long CreatedAt { get; set; }
}

/// <summary>Mapping of <see cref="FactorVersionRecord"/>.</summary>
internal sealed class FactorVersionConfiguration : IEntityTypeConfiguration<FactorVersionRecord>
{
    public void Configure(EntityTypeBuilder<FactorVersionRecord> e)
    {
        e.ToTable("factor_versions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Key).HasColumnName("key").HasMaxLength(100);
        e.Property(x => x.Version).HasColumnName("version");
        e.Property(x => x.Value).HasColumnName("value").HasMaxLength(40);
        e.Property(x => x.Unit).HasColumnName("unit").HasMaxLength(40);
        e.Property(x => x.Source).HasColumnName("source").HasMaxLength(4000);
        e.Property(x => x.Year).HasColumnName("year");
        e.Property(x => x.Status).HasColumnName("status").HasMaxLength(20);
        e.Property(x => x.ValidFrom).HasColumnName("valid_from").HasMaxLength(10);
        e.Property(x => x.ValidTo).HasColumnName("valid_to").HasMaxLength(10);
        e.Property(x => x.Label).HasColumnName("label").HasMaxLength(200);
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(4000);
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
    }
}
