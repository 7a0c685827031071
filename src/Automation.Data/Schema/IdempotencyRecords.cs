using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// A client's <c>Idempotency-Key</c> for starting a case. The primary key makes the database the arbiter: of two
/// requests with one key, on one node or two, only one inserts the row, and both start the same case id.
/// </summary>
public sealed class IdempotencyKeyRecord
{
    /// <summary>Whose key it is (the user name): keys of different callers never meet.</summary>
    public string Scope { get; set; } = "";

    /// <summary>The key as the client sent it.</summary>
    public string Key { get; set; } = "";

    /// <summary>SHA-256 (hex) of the request the key was first used with.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>The case id chosen for the key before the case was started.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>When the key was first used, Unix milliseconds; keys are forgotten after the configured time.</summary>
    public long CreatedAt { get; set; }
}

/// <summary>Mapping of <see cref="IdempotencyKeyRecord"/>.</summary>
internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKeyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyKeyRecord> e)
    {
        e.ToTable("idempotency_keys");
        e.HasKey(x => new { x.Scope, x.Key });
        e.Property(x => x.Scope).HasColumnName("scope").HasMaxLength(200);
        e.Property(x => x.Key).HasColumnName("idempotency_key").HasMaxLength(255);
        e.Property(x => x.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
        e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.HasIndex(x => x.CreatedAt).HasDatabaseName("ix_idempotency_keys_created_at");
    }
}
