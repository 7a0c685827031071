using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

/// <summary>
/// The EF Core model: schema, migrations and the queries that are not on the hot path. The per-case write path
/// uses lean SQL in CaseStore against the same tables.
/// </summary>
public abstract partial class AutomationDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Definitions.</summary>
    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();

    /// <summary>Cases.</summary>
    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    /// <summary>Open wait states.</summary>
    public DbSet<WaitRecord> Waits => Set<WaitRecord>();

    /// <summary>Human tasks.</summary>
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();

    /// <summary>Step history.</summary>
    public DbSet<StepRecord> Steps => Set<StepRecord>();

    /// <summary>Open incidents.</summary>
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    /// <summary>Buffered messages.</summary>
    public DbSet<BufferedMessageRecord> BufferedMessages => Set<BufferedMessageRecord>();

    /// <summary>Asynchronous continuations.</summary>
    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    /// <summary>The effort and carbon ledger.</summary>
    public DbSet<LedgerEntryRecord> LedgerEntries => Set<LedgerEntryRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        // Feature tables (factors, register, reports, labour market) configure themselves in their own
        // IEntityTypeConfiguration classes and DbSets in partial files beside this one.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AutomationDbContext).Assembly);
        modelBuilder.Entity<DefinitionRecord>(e =>
        {
            e.ToTable("definitions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(500);
            e.Property(x => x.Format).HasColumnName("format").HasMaxLength(20);
            e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(500);
            e.Property(x => x.SourceText).HasColumnName("source_text");
            e.Property(x => x.SourceHash).HasColumnName("source_hash").HasMaxLength(64);
            e.Property(x => x.Published).HasColumnName("published");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.PublishedAt).HasColumnName("published_at");
            e.HasIndex(x => new { x.ProcessId, x.Version }).IsUnique();
        });
        modelBuilder.Entity<CaseRecord>(e =>
        {
            e.ToTable("cases");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").HasMaxLength(36);
            e.Property(x => x.DefinitionId).HasColumnName("definition_id");
            e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
            e.Property(x => x.BusinessKey).HasColumnName("business_key").HasMaxLength(200);
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(20);
            e.Property(x => x.State).HasColumnName("state");
            e.Property(x => x.Revision).HasColumnName("revision").IsConcurrencyToken();
            e.Property(x => x.StartedAt).HasColumnName("started_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.Property(x => x.EndedAt).HasColumnName("ended_at");
            e.Property(x => x.PurgedAt).HasColumnName("purged_at");
            e.HasIndex(x => new { x.ProcessId, x.Status });
            e.HasIndex(x => x.BusinessKey);
            e.HasIndex(x => x.StartedAt);
            // Lead times and completions per period without reading the case state JSON.
            e.HasIndex(x => new { x.Status, x.EndedAt, x.ProcessId, x.StartedAt }).HasDatabaseName("ix_cases_dashboard");
        });
        modelBuilder.Entity<WaitRecord>(e =>
        {
            e.ToTable("waits");
            e.HasKey(x => new { x.CaseId, x.WaitId });
            e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
            e.Property(x => x.WaitId).HasColumnName("wait_id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20);
            e.Property(x => x.NodeId).HasColumnName("node_id").HasMaxLength(200);
            e.Property(x => x.MessageName).HasColumnName("message_name").HasMaxLength(200);
            e.Property(x => x.CorrelationKey).HasColumnName("correlation_key").HasMaxLength(200);
            e.Property(x => x.SignalName).HasColumnName("signal_name").HasMaxLength(200);
            e.Property(x => x.DueAt).HasColumnName("due_at");
            e.Property(x => x.Scheduled).HasColumnName("scheduled");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.HasIndex(x => new { x.Kind, x.MessageName, x.CorrelationKey });
            e.HasIndex(x => new { x.Kind, x.SignalName });
            e.HasIndex(x => new { x.Kind, x.Scheduled, x.DueAt });
        });
        modelBuilder.Entity<TaskRecord>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(x => new { x.CaseId, x.WaitId });
            e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
            e.Property(x => x.WaitId).HasColumnName("wait_id");
            e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
            e.Property(x => x.NodeId).HasColumnName("node_id").HasMaxLength(200);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(500);
            e.Property(x => x.Roles).HasColumnName("roles").HasMaxLength(2000);
            e.Property(x => x.Assignee).HasColumnName("assignee").HasMaxLength(200);
            e.Property(x => x.CandidateUsers).HasColumnName("candidate_users").HasMaxLength(2000);
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(20);
            e.Property(x => x.DueAt).HasColumnName("due_at");
            e.Property(x => x.EscalatedAt).HasColumnName("escalated_at");
            e.Property(x => x.FormData).HasColumnName("form_data");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.ClaimedAt).HasColumnName("claimed_at");
            e.Property(x => x.ClaimedMillis).HasColumnName("claimed_millis");
            e.Property(x => x.EndedAt).HasColumnName("ended_at");
            e.HasIndex(x => new { x.Status, x.CreatedAt });
            e.HasIndex(x => x.Assignee);
            e.HasIndex(x => new { x.EscalatedAt, x.DueAt });
        });
        modelBuilder.Entity<StepRecord>(e =>
        {
            e.ToTable("steps");
            e.HasKey(x => new { x.CaseId, x.Sequence });
            e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
            e.Property(x => x.Sequence).HasColumnName("sequence");
            e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
            e.Property(x => x.NodeId).HasColumnName("node_id").HasMaxLength(200);
            e.Property(x => x.NodeName).HasColumnName("node_name").HasMaxLength(500);
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(40);
            e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(20);
            e.Property(x => x.StartedAt).HasColumnName("started_at");
            e.Property(x => x.EndedAt).HasColumnName("ended_at");
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(20);
            e.Property(x => x.Detail).HasColumnName("detail").HasMaxLength(2000);
            LedgerColumns.MapOnSteps(e);
            // No time index on SQLite: a b-tree entry per priced step cost the writer more than the rest of the ledger.
            // Time ranges are found by entry id through ledger_days (Reports/LedgerRollup.EndedWithin).
            if (this is PostgresAutomationDbContext) MapPostgresLedger(e);
        });
        modelBuilder.Entity<IncidentRecord>(e =>
        {
            e.ToTable("incidents");
            e.HasKey(x => new { x.CaseId, x.IncidentId });
            e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.NodeId).HasColumnName("node_id").HasMaxLength(200);
            e.Property(x => x.Message).HasColumnName("message").HasMaxLength(4000);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<BufferedMessageRecord>(e =>
        {
            e.ToTable("buffered_messages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.CorrelationKey).HasColumnName("correlation_key").HasMaxLength(200);
            e.Property(x => x.Payload).HasColumnName("payload");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.HasIndex(x => new { x.Name, x.CorrelationKey });
        });
        modelBuilder.Entity<JobRecord>(e =>
        {
            e.ToTable("jobs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(20);
            e.Property(x => x.Target).HasColumnName("target").HasMaxLength(200);
            e.Property(x => x.Payload).HasColumnName("payload");
            e.Property(x => x.DueAt).HasColumnName("due_at");
            e.Property(x => x.LockedBy).HasColumnName("locked_by").HasMaxLength(100);
            e.Property(x => x.LockedUntil).HasColumnName("locked_until");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(4000);
            e.HasIndex(x => x.DueAt);
        });
        modelBuilder.Entity<LedgerEntryRecord>(e =>
        {
            // A view over the priced step rows (created by the migration LedgerOnSteps).
            e.ToView("ledger_entries");
            e.HasKey(x => new { x.CaseId, x.Sequence });
            e.Property(x => x.CaseId).HasColumnName("case_id");
            e.Property(x => x.Sequence).HasColumnName("sequence");
            e.Property(x => x.ProcessId).HasColumnName("process_id");
            e.Property(x => x.NodeId).HasColumnName("node_id");
            e.Property(x => x.NodeName).HasColumnName("node_name");
            e.Property(x => x.Actor).HasColumnName("actor");
            e.Property(x => x.Outcome).HasColumnName("outcome");
            e.Property(x => x.StartedAt).HasColumnName("started_at");
            e.Property(x => x.EndedAt).HasColumnName("ended_at");
            LedgerColumns.Map(e);
        });
    }

    // Apart, and asked by the context's type rather than Npgsql's IsNpgsql(), so building the SQLite model never loads
    // Npgsql's EF Core provider (precompiled code loads the types a method names when it is entered).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void MapPostgresLedger(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<StepRecord> e)
    {
        // The rollup's watermark; SQLite uses the rowid instead. Always generated, so ids only grow.
        e.Property<long>("EntryId").HasColumnName("entry_id").UseIdentityAlwaysColumn();
        // BRIN: rows arrive in entry-id order and nearly in time order, so block-range summaries find a range at
        // a fraction of a b-tree's cost per insert. The rollup reads the highest id from the sequence instead.
        e.HasIndex(x => x.EndedAt).HasMethod("brin").HasFilter("factor_set IS NOT NULL").HasDatabaseName("ix_steps_ledger_ended_at");
        e.HasIndex("EntryId").HasMethod("brin").HasFilter("factor_set IS NOT NULL").HasDatabaseName("ix_steps_ledger_entry_id");
    }
}

/// <summary>The model on SQLite (the embedded default).</summary>
public sealed class SqliteAutomationDbContext(DbContextOptions<SqliteAutomationDbContext> options) : AutomationDbContext(options);

/// <summary>The model on PostgreSQL (scale-out).</summary>
public sealed class PostgresAutomationDbContext(DbContextOptions<PostgresAutomationDbContext> options) : AutomationDbContext(options);
