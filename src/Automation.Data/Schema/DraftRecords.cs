using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// A modeler draft: the BPMN XML a process owner is working on, saved by the modeler while they edit. A draft belongs to
/// one user (every query filters by <see cref="Owner"/>); it is deleted when published or discarded.
/// </summary>
public sealed class ModelerDraftRecord
{
    /// <summary>Key.</summary>
    public long Id { get; set; }

    /// <summary>The user name of the author; nobody else reads or writes the draft.</summary>
    public string Owner { get; set; } = "";

    /// <summary>The process the modeler was opened for; null for a new diagram.</summary>
    public string? ProcessId { get; set; }

    /// <summary>The process name in the XML when last saved (shown in the list of drafts).</summary>
    public string Name { get; set; } = "";

    /// <summary>The BPMN XML as the modeler saved it.</summary>
    public string Xml { get; set; } = "";

    /// <summary>First saved, Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Last saved, Unix milliseconds.</summary>
    public long UpdatedAt { get; set; }
}

/// <summary>Mapping of <see cref="ModelerDraftRecord"/>.</summary>
internal sealed class ModelerDraftConfiguration : IEntityTypeConfiguration<ModelerDraftRecord>
{
    public void Configure(EntityTypeBuilder<ModelerDraftRecord> e)
    {
        e.ToTable("modeler_drafts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.Owner).HasColumnName("owner").HasMaxLength(200);
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(x => x.Xml).HasColumnName("xml");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.HasIndex(x => new { x.Owner, x.UpdatedAt }).HasDatabaseName("ix_modeler_drafts_owner_updated_at");
    }
}
