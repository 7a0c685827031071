using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// Which version of a decision was current when a process version was published: what a business rule task with
/// <c>camunda:decisionRefBinding="deployment"</c> evaluates for the whole life of that process version. Written in the
/// transaction that publishes the process version.
/// </summary>
public sealed class DecisionBindingRecord
{
    /// <summary>Key.</summary>
    public long Id { get; set; }

    /// <summary>The process version (<c>definitions.id</c>).</summary>
    public long DefinitionId { get; set; }

    /// <summary>The decision key.</summary>
    public string DecisionKey { get; set; } = "";

    /// <summary>Its version that was the latest at the publication.</summary>
    public int DecisionVersion { get; set; }
}

/// <summary>Mapping of <see cref="DecisionBindingRecord"/>.</summary>
internal sealed class DecisionBindingConfiguration : IEntityTypeConfiguration<DecisionBindingRecord>
{
    public void Configure(EntityTypeBuilder<DecisionBindingRecord> e)
    {
        e.ToTable("decision_bindings");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.DefinitionId).HasColumnName("definition_id");
        e.Property(x => x.DecisionKey).HasColumnName("decision_key").HasMaxLength(200);
        e.Property(x => x.DecisionVersion).HasColumnName("decision_version");
        e.HasIndex(x => new { x.DefinitionId, x.DecisionKey }).IsUnique().HasDatabaseName("ix_decision_bindings_definition_key");
        e.HasOne<DefinitionRecord>().WithMany().HasForeignKey(x => x.DefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
