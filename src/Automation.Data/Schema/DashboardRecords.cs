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
