using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>A process whose monthly aggregates an administrator has released as open data.</summary>
public sealed class PublicProcessRecord
{
    /// <summary>Process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Who released it (user name of the administrator).</summary>
    public string ReleasedBy { get; set; } = "";

    /// <summary>When.</summary>
    public long ReleasedAt { get; set; }
}

/// <summary>
/// A generated report workbook, kept unchanged: the row is only ever inserted, and the content's SHA-256 is stored
/// beside it so a changed file would show.
/// </summary>
public sealed class ArchivedReportRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Name of the report schedule that produced it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Process, or null for all processes.</summary>
    public string? ProcessId { get; set; }

    /// <summary>First day of the period (yyyy-MM-dd).</summary>
    public string PeriodFrom { get; set; } = "";

    /// <summary>Last day of the period (yyyy-MM-dd).</summary>
    public string PeriodTo { get; set; } = "";

    /// <summary>When it was generated.</summary>
    public long GeneratedAt { get; set; }

    /// <summary>Factor versions used by the ledger rows it covers, as key@version separated by commas.</summary>
    public string Factors { get; set; } = "";

    /// <summary>File name for download.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The workbook.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>SHA-256 of the content, hex.</summary>
    public string ContentHash { get; set; } = "";
}

/// <summary>Mapping of <see cref="PublicProcessRecord"/>.</summary>
internal sealed class PublicProcessConfiguration : IEntityTypeConfiguration<PublicProcessRecord>
{
    public void Configure(EntityTypeBuilder<PublicProcessRecord> e)
    {
        e.ToTable("public_processes");
        e.HasKey(x => x.ProcessId);
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.ReleasedBy).HasColumnName("released_by").HasMaxLength(200);
        e.Property(x => x.ReleasedAt).HasColumnName("released_at");
    }
}

/// <summary>Mapping of <see cref="ArchivedReportRecord"/>.</summary>
internal sealed class ArchivedReportConfiguration : IEntityTypeConfiguration<ArchivedReportRecord>
{
    public void Configure(EntityTypeBuilder<ArchivedReportRecord> e)
    {
        e.ToTable("archived_reports");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.PeriodFrom).HasColumnName("period_from").HasMaxLength(10);
        e.Property(x => x.PeriodTo).HasColumnName("period_to").HasMaxLength(10);
        e.Property(x => x.GeneratedAt).HasColumnName("generated_at");
        e.Property(x => x.Factors).HasColumnName("factors");
        e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(300);
        e.Property(x => x.Content).HasColumnName("content");
        e.Property(x => x.ContentHash).HasColumnName("content_hash").HasMaxLength(64);
        e.HasIndex(x => new { x.Name, x.PeriodFrom, x.PeriodTo }).IsUnique();
    }
}
