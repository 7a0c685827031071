using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// An automated step waiting for a worker: a connector of the server or an external worker fetches it by topic and
/// locks it; the row goes in the transaction that completes the step (or when the step is withdrawn).
/// </summary>
public sealed class ExternalTaskRecord
{
    /// <summary>Case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Wait id of the task within the case.</summary>
    public long WaitId { get; set; }

    /// <summary>The topic workers fetch it by.</summary>
    public string Topic { get; set; } = "";

    /// <summary>Process of the step.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The service task.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>The case's business key.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>The step's inputs (JSON object): literal parameters and evaluated input parameters.</summary>
    public string Inputs { get; set; } = "{}";

    /// <summary>The variables the step sees (JSON object), as they were when it started.</summary>
    public string Variables { get; set; } = "{}";

    /// <summary>Retries left as the worker last set them; null until a worker reports a failure.</summary>
    public int? Retries { get; set; }

    /// <summary>The last failure's message.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>The last failure's details (a stack trace from an external worker; shown to admins only).</summary>
    public string? ErrorDetails { get; set; }

    /// <summary>Who holds the lock.</summary>
    public string? WorkerId { get; set; }

    /// <summary>When the lock ends (Unix ms); after it the task returns to the pool.</summary>
    public long? LockExpiresAt { get; set; }

    /// <summary>Not fetched before (Unix ms): a failure's retry timeout.</summary>
    public long DueAt { get; set; }

    /// <summary>How often it was fetched.</summary>
    public int Attempts { get; set; }

    /// <summary>Created (Unix ms).</summary>
    public long CreatedAt { get; set; }
}

/// <summary>Mapping of <see cref="ExternalTaskRecord"/>.</summary>
internal sealed class ExternalTaskConfiguration : IEntityTypeConfiguration<ExternalTaskRecord>
{
    public void Configure(EntityTypeBuilder<ExternalTaskRecord> e)
    {
        e.ToTable("external_tasks");
        e.HasKey(x => new { x.CaseId, x.WaitId });
        e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
        e.Property(x => x.WaitId).HasColumnName("wait_id");
        e.Property(x => x.Topic).HasColumnName("topic").HasMaxLength(200);
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.NodeId).HasColumnName("node_id").HasMaxLength(200);
        e.Property(x => x.BusinessKey).HasColumnName("business_key").HasMaxLength(200);
        e.Property(x => x.Inputs).HasColumnName("inputs");
        e.Property(x => x.Variables).HasColumnName("variables");
        e.Property(x => x.Retries).HasColumnName("retries");
        e.Property(x => x.ErrorMessage).HasColumnName("error_message").HasMaxLength(4000);
        e.Property(x => x.ErrorDetails).HasColumnName("error_details");
        e.Property(x => x.WorkerId).HasColumnName("worker_id").HasMaxLength(200);
        e.Property(x => x.LockExpiresAt).HasColumnName("lock_expires_at");
        e.Property(x => x.DueAt).HasColumnName("due_at");
        e.Property(x => x.Attempts).HasColumnName("attempts");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        // Fetching scans by topic in creation order among the due, unlocked ones.
        e.HasIndex(x => new { x.Topic, x.CreatedAt }).HasDatabaseName("ix_external_tasks_topic");
    }
}
