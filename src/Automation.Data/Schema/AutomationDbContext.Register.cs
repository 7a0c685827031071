using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

/// <summary>Tables of the transparency register and the audit log.</summary>
public abstract partial class AutomationDbContext
{
    /// <summary>Transparency-register entries per definition version and step.</summary>
    public DbSet<RegisterEntryRecord> RegisterEntries => Set<RegisterEntryRecord>();

    /// <summary>Publications of incomplete register entries allowed by an administrator.</summary>
    public DbSet<RegisterOverrideRecord> RegisterOverrides => Set<RegisterOverrideRecord>();

    /// <summary>The append-only audit log.</summary>
    public DbSet<AuditEntryRecord> AuditLog => Set<AuditEntryRecord>();
}
