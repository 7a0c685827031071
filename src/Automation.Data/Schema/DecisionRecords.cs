using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// A published version of a DMN decision. A file with several decisions publishes each of its decision ids as a row of
/// its own, every row keeping the whole file (required decisions evaluate from it). Identical content is no new version.
/// </summary>
public sealed class DecisionDefinitionRecord
{
    /// <summary>Key.</summary>
    public long Id { get; set; }

    /// <summary>The decision's id in the DMN file, the key business rule tasks call.</summary>
    public string DecisionKey { get; set; } = "";

    /// <summary>Version of the key, from 1.</summary>
    public int Version { get; set; }

    /// <summary>The decision's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>File name as uploaded.</summary>
    public string? FileName { get; set; }

    /// <summary>The DMN XML.</summary>
    public string Xml { get; set; } = "";

    /// <summary>SHA-256 of the XML, lower-case hex.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Who published it.</summary>
    public string PublishedBy { get; set; } = "";

    /// <summary>When (Unix ms); the <c>deployment</c> binding takes the latest version published up to a process version's publication.</summary>
    public long PublishedAt { get; set; }
}

/// <summary>
/// One evaluation of a decision by a business rule task, written in the transaction of its step: the basis of the case
/// page's "Warum?" (§39 VwVfG). Deleted with the case's data.
/// </summary>
public sealed class DecisionEvaluationRecord
{
    /// <summary>Key.</summary>
    public long Id { get; set; }

    /// <summary>The case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>The step's sequence in the case.</summary>
    public int StepSequence { get; set; }

    /// <summary>The business rule task.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Its label.</summary>
    public string? NodeName { get; set; }

    /// <summary>The decision key.</summary>
    public string DecisionKey { get; set; } = "";

    /// <summary>The version evaluated.</summary>
    public int DecisionVersion { get; set; }

    /// <summary>The decision's name.</summary>
    public string DecisionName { get; set; } = "";

    /// <summary>The inputs as evaluated (JSON: label, expression, value), per decision of the graph.</summary>
    public string Inputs { get; set; } = "";

    /// <summary>The matched rules (JSON: index, id, annotation, outputs), per decision of the graph.</summary>
    public string MatchedRules { get; set; } = "";

    /// <summary>The decision's value (JSON).</summary>
    public string Outputs { get; set; } = "";

    /// <summary>When (Unix ms).</summary>
    public long EvaluatedAt { get; set; }
}

/// <summary>Mapping of <see cref="DecisionDefinitionRecord"/>.</summary>
internal sealed class DecisionDefinitionConfiguration : IEntityTypeConfiguration<DecisionDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<DecisionDefinitionRecord> e)
    {
        e.ToTable("decision_definitions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.DecisionKey).HasColumnName("decision_key").HasMaxLength(200);
        e.Property(x => x.Version).HasColumnName("version");
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(500);
        e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(500);
        e.Property(x => x.Xml).HasColumnName("xml");
        e.Property(x => x.Hash).HasColumnName("hash").HasMaxLength(64);
        e.Property(x => x.PublishedBy).HasColumnName("published_by").HasMaxLength(200);
        e.Property(x => x.PublishedAt).HasColumnName("published_at");
        e.HasIndex(x => new { x.DecisionKey, x.Version }).IsUnique().HasDatabaseName("ix_decision_definitions_key_version");
    }
}

/// <summary>Mapping of <see cref="DecisionEvaluationRecord"/>.</summary>
internal sealed class DecisionEvaluationConfiguration : IEntityTypeConfiguration<DecisionEvaluationRecord>
{
    public void Configure(EntityTypeBuilder<DecisionEvaluationRecord> e)
    {
        e.ToTable("decision_evaluations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
        e.Property(x => x.StepSequence).HasColumnName("step_sequence");
        e.Property(x => x.NodeId).HasColumnName("node_id").HasMaxLength(200);
        e.Property(x => x.NodeName).HasColumnName("node_name").HasMaxLength(500);
        e.Property(x => x.DecisionKey).HasColumnName("decision_key").HasMaxLength(200);
        e.Property(x => x.DecisionVersion).HasColumnName("decision_version");
        e.Property(x => x.DecisionName).HasColumnName("decision_name").HasMaxLength(500);
        e.Property(x => x.Inputs).HasColumnName("inputs");
        e.Property(x => x.MatchedRules).HasColumnName("matched_rules");
        e.Property(x => x.Outputs).HasColumnName("outputs");
        e.Property(x => x.EvaluatedAt).HasColumnName("evaluated_at");
        e.HasIndex(x => new { x.CaseId, x.StepSequence }).HasDatabaseName("ix_decision_evaluations_case");
    }
}
