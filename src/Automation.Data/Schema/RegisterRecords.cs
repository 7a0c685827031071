using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// A transparency-register entry: what an automated or AI-assisted step of one definition version does, on which
/// legal basis, under which oversight, and (for high-risk AI) the AI Act Art. 27 impact assessment. Text values are
/// stored as entered; the server validates the enumerations and encodes every text on output.
/// </summary>
public sealed class RegisterEntryRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Definition version row the entry belongs to.</summary>
    public long DefinitionId { get; set; }

    /// <summary>Process id (redundant with the definition row, kept for the public queries).</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>BPMN element id of the step.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Whether the entry was carried over from an earlier version and still awaits review.</summary>
    public bool Draft { get; set; }

    /// <summary>Version number the entry was carried over from, if any.</summary>
    public int? CarriedFromVersion { get; set; }

    /// <summary>Purpose of the step.</summary>
    public string? Purpose { get; set; }

    /// <summary>Legal basis (statute and section).</summary>
    public string? LegalBasis { get; set; }

    /// <summary>assistive, decision-preparing or automated-decision.</summary>
    public string? AutomationLevel { get; set; }

    /// <summary>Whether a statute permits full automation here (§35a VwVfG); required for automated decisions.</summary>
    public bool FullAutomationPermitted { get; set; }

    /// <summary>How staff oversee the step.</summary>
    public string? HumanOversight { get; set; }

    /// <summary>Groups of persons affected.</summary>
    public string? AffectedGroups { get; set; }

    /// <summary>Data the step uses.</summary>
    public string? DataUsed { get; set; }

    /// <summary>System or model.</summary>
    public string? SystemName { get; set; }

    /// <summary>Provider of the system or model.</summary>
    public string? Provider { get; set; }

    /// <summary>AI Act risk class: none, minimal, limited or high.</summary>
    public string? RiskClass { get; set; }

    /// <summary>Art. 27(1)(a): the processes in which the system is used.</summary>
    public string? FriaProcesses { get; set; }

    /// <summary>Art. 27(1)(b): period and frequency of use.</summary>
    public string? FriaPeriodFrequency { get; set; }

    /// <summary>Art. 27(1)(c): categories of persons affected.</summary>
    public string? FriaAffectedCategories { get; set; }

    /// <summary>Art. 27(1)(d): specific risks of harm.</summary>
    public string? FriaSpecificRisks { get; set; }

    /// <summary>Art. 27(1)(e): human-oversight measures.</summary>
    public string? FriaOversight { get; set; }

    /// <summary>Art. 27(1)(f): measures if risks materialise, including governance.</summary>
    public string? FriaMeasures { get; set; }

    /// <summary>Art. 27(1)(f): complaint channel.</summary>
    public string? FriaComplaintChannel { get; set; }

    /// <summary>Responsible organisational unit.</summary>
    public string? ResponsibleUnit { get; set; }

    /// <summary>Contact: a function mailbox or phone of the unit, never a person's name.</summary>
    public string? Contact { get; set; }

    /// <summary>Art. 27: date of the fundamental-rights impact assessment.</summary>
    public DateOnly? FriaDate { get; set; }

    /// <summary>Art. 27: version of the impact assessment.</summary>
    public string? FriaVersion { get; set; }

    /// <summary>Art. 27(2): when the impact assessment is reviewed next.</summary>
    public DateOnly? FriaReviewDate { get; set; }

    /// <summary>Art. 27(3): when the market-surveillance authority was notified of the results (internal).</summary>
    public DateOnly? AuthorityNotifiedOn { get; set; }

    /// <summary>Art. 27(4), Annex VIII C.5: link to the data-protection impact assessment (internal).</summary>
    public string? DpiaLink { get; set; }

    /// <summary>Annex VIII C.3: the provider's registration of the system in the EU database.</summary>
    public string? ProviderEuDbNumber { get; set; }

    /// <summary>Annex VIII C.1: the deployer's legal name.</summary>
    public string? DeployerName { get; set; }

    /// <summary>Annex VIII C.1: the deployer's address.</summary>
    public string? DeployerAddress { get; set; }

    /// <summary>Art. 6(2): the point of Annex III that makes the system high-risk, e.g. 5a.</summary>
    public string? AnnexIiiPoint { get; set; }

    /// <summary>Art. 26(11), Art. 50, Art. 86: how affected persons are informed and get an explanation.</summary>
    public string? AffectedInformation { get; set; }

    /// <summary>Art. 26(6): months the system's logs are kept.</summary>
    public int? LogRetentionMonths { get; set; }

    /// <summary>Statute permitting a fully automated administrative act: vwvfg-35a, sgb-x-31a or ao-155-4.</summary>
    public string? FullAutomationBasis { get; set; }

    /// <summary>Confirmation that neither discretion nor a margin of appreciation applies.</summary>
    public bool NoDiscretionConfirmed { get; set; }

    /// <summary>The norm that permits the fully automated act (the "Rechtsvorschrift" of §35a VwVfG).</summary>
    public string? PermittingNorm { get; set; }

    /// <summary>How an affected person reaches a human case worker.</summary>
    public string? HumanRoute { get; set; }

    /// <summary>When the entry last changed (Unix ms).</summary>
    public long UpdatedAt { get; set; }
}

/// <summary>An administrator's decision to publish a definition version although register entries were incomplete.</summary>
public sealed class RegisterOverrideRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Definition version published.</summary>
    public long DefinitionId { get; set; }

    /// <summary>Administrator's user name.</summary>
    public string Actor { get; set; } = "";

    /// <summary>Reason given.</summary>
    public string Reason { get; set; } = "";

    /// <summary>What was missing, as JSON (element id → missing fields).</summary>
    public string MissingJson { get; set; } = "";

    /// <summary>When (Unix ms).</summary>
    public long At { get; set; }
}

/// <summary>One row of the append-only audit log.</summary>
public sealed class AuditEntryRecord
{
    /// <summary>Sequence.</summary>
    public long Id { get; set; }

    /// <summary>When (Unix ms).</summary>
    public long At { get; set; }

    /// <summary>User name of who made the change ("system" for the seeder and background work).</summary>
    public string Actor { get; set; } = "";

    /// <summary>Kind of entity: definition, register-entry, user, api-token, factor-version, ...</summary>
    public string EntityKind { get; set; } = "";

    /// <summary>Id of the entity within its kind.</summary>
    public string EntityId { get; set; } = "";

    /// <summary>What happened: deploy, publish, publish-override, create, update, ...</summary>
    public string Action { get; set; } = "";

    /// <summary>State before, as JSON, or null.</summary>
    public string? BeforeJson { get; set; }

    /// <summary>State after, as JSON, or null.</summary>
    public string? AfterJson { get; set; }

    /// <summary>Reason given (overrides), or null.</summary>
    public string? Reason { get; set; }
}

/// <summary>Mapping of <see cref="RegisterEntryRecord"/>.</summary>
public sealed class RegisterEntryConfiguration : IEntityTypeConfiguration<RegisterEntryRecord>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<RegisterEntryRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("register_entries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id");
        builder.Property(x => x.DefinitionId).HasColumnName("definition_id");
        builder.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        builder.Property(x => x.NodeId).HasColumnName("node_id").HasMaxLength(200);
        builder.Property(x => x.Draft).HasColumnName("draft");
        builder.Property(x => x.CarriedFromVersion).HasColumnName("carried_from_version");
        builder.Property(x => x.Purpose).HasColumnName("purpose").HasMaxLength(4000);
        builder.Property(x => x.LegalBasis).HasColumnName("legal_basis").HasMaxLength(4000);
        builder.Property(x => x.AutomationLevel).HasColumnName("automation_level").HasMaxLength(40);
        builder.Property(x => x.FullAutomationPermitted).HasColumnName("full_automation_permitted");
        builder.Property(x => x.HumanOversight).HasColumnName("human_oversight").HasMaxLength(4000);
        builder.Property(x => x.AffectedGroups).HasColumnName("affected_groups").HasMaxLength(4000);
        builder.Property(x => x.DataUsed).HasColumnName("data_used").HasMaxLength(4000);
        builder.Property(x => x.SystemName).HasColumnName("system_name").HasMaxLength(1000);
        builder.Property(x => x.Provider).HasColumnName("provider").HasMaxLength(1000);
        builder.Property(x => x.RiskClass).HasColumnName("risk_class").HasMaxLength(40);
        builder.Property(x => x.FriaProcesses).HasColumnName("fria_processes").HasMaxLength(4000);
        builder.Property(x => x.FriaPeriodFrequency).HasColumnName("fria_period_frequency").HasMaxLength(4000);
        builder.Property(x => x.FriaAffectedCategories).HasColumnName("fria_affected_categories").HasMaxLength(4000);
        builder.Property(x => x.FriaSpecificRisks).HasColumnName("fria_specific_risks").HasMaxLength(4000);
        builder.Property(x => x.FriaOversight).HasColumnName("fria_oversight").HasMaxLength(4000);
        builder.Property(x => x.FriaMeasures).HasColumnName("fria_measures").HasMaxLength(4000);
        builder.Property(x => x.FriaComplaintChannel).HasColumnName("fria_complaint_channel").HasMaxLength(4000);
        builder.Property(x => x.ResponsibleUnit).HasColumnName("responsible_unit").HasMaxLength(1000);
        builder.Property(x => x.Contact).HasColumnName("contact").HasMaxLength(1000);
        builder.Property(x => x.FriaDate).HasColumnName("fria_date");
        builder.Property(x => x.FriaVersion).HasColumnName("fria_version").HasMaxLength(1000);
        builder.Property(x => x.FriaReviewDate).HasColumnName("fria_review_date");
        builder.Property(x => x.AuthorityNotifiedOn).HasColumnName("authority_notified_on");
        builder.Property(x => x.DpiaLink).HasColumnName("dpia_link").HasMaxLength(1000);
        builder.Property(x => x.ProviderEuDbNumber).HasColumnName("provider_eu_db_number").HasMaxLength(1000);
        builder.Property(x => x.DeployerName).HasColumnName("deployer_name").HasMaxLength(1000);
        builder.Property(x => x.DeployerAddress).HasColumnName("deployer_address").HasMaxLength(1000);
        builder.Property(x => x.AnnexIiiPoint).HasColumnName("annex_iii_point").HasMaxLength(10);
        builder.Property(x => x.AffectedInformation).HasColumnName("affected_information").HasMaxLength(4000);
        builder.Property(x => x.LogRetentionMonths).HasColumnName("log_retention_months");
        builder.Property(x => x.FullAutomationBasis).HasColumnName("full_automation_basis").HasMaxLength(40);
        builder.Property(x => x.NoDiscretionConfirmed).HasColumnName("no_discretion_confirmed");
        builder.Property(x => x.PermittingNorm).HasColumnName("permitting_norm").HasMaxLength(1000);
        builder.Property(x => x.HumanRoute).HasColumnName("human_route").HasMaxLength(4000);
        builder.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        builder.HasIndex(x => new { x.DefinitionId, x.NodeId }).IsUnique();
        builder.HasOne<DefinitionRecord>().WithMany().HasForeignKey(x => x.DefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Mapping of <see cref="RegisterOverrideRecord"/>.</summary>
public sealed class RegisterOverrideConfiguration : IEntityTypeConfiguration<RegisterOverrideRecord>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<RegisterOverrideRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("register_overrides");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id");
        builder.Property(x => x.DefinitionId).HasColumnName("definition_id");
        builder.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(200);
        builder.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(4000);
        builder.Property(x => x.MissingJson).HasColumnName("missing_json");
        builder.Property(x => x.At).HasColumnName("at");
        builder.HasIndex(x => x.DefinitionId);
        builder.HasOne<DefinitionRecord>().WithMany().HasForeignKey(x => x.DefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Mapping of <see cref="AuditEntryRecord"/>. Append-only: the migrations add triggers refusing UPDATE and DELETE.</summary>
public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRecord>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<AuditEntryRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("audit_log");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id");
        builder.Property(x => x.At).HasColumnName("at");
        builder.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(200);
        builder.Property(x => x.EntityKind).HasColumnName("entity_kind").HasMaxLength(60);
        builder.Property(x => x.EntityId).HasColumnName("entity_id").HasMaxLength(300);
        builder.Property(x => x.Action).HasColumnName("action").HasMaxLength(60);
        builder.Property(x => x.BeforeJson).HasColumnName("before_json");
        builder.Property(x => x.AfterJson).HasColumnName("after_json");
        builder.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(4000);
        builder.HasIndex(x => x.At);
        builder.HasIndex(x => new { x.EntityKind, x.EntityId });
    }
}
