using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// A scheduled report archived for one month. Immutable: written once, never updated or deleted; the unique key
/// (name, period) makes a second node's attempt for the same report and month fail, so exactly one archive exists.
/// </summary>
public sealed class ArchivedReportRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>Report name from the configuration.</summary>
    public string Name { get; set; } = "";

    /// <summary>Process the report covers; null: all processes.</summary>
    public string? ProcessId { get; set; }

    /// <summary>Calendar month in Europe/Berlin, "yyyy-MM".</summary>
    public string Period { get; set; } = "";

    /// <summary>When the workbook was generated, Unix milliseconds.</summary>
    public long GeneratedAt { get; set; }

    /// <summary>Factor versions used by the ledger rows it covers, one id per line.</summary>
    public string FactorIds { get; set; } = "";

    /// <summary>Suggested file name of the download.</summary>
    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The .xlsx bytes (kept in the database so every node serves the same file).</summary>
    public byte[] Content { get; set; } = [];
}

/// <summary>Mapping of <see cref="ArchivedReportRecord"/>.</summary>
internal sealed class ArchivedReportConfiguration : IEntityTypeConfiguration<ArchivedReportRecord>
{
    public void Configure(EntityTypeBuilder<ArchivedReportRecord> e)
    {
        e.ToTable("archived_reports");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.Period).HasColumnName("period").HasMaxLength(7);
        e.Property(x => x.GeneratedAt).HasColumnName("generated_at");
        e.Property(x => x.FactorIds).HasColumnName("factor_ids");
        e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(300);
        e.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
        e.Property(x => x.Content).HasColumnName("content");
        e.HasIndex(x => new { x.Name, x.Period }).IsUnique().HasDatabaseName("ux_archived_reports_name_period");
    }
}
