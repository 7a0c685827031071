using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Secrets the connectors use (values encrypted by the server, never in plain text).</summary>
    public DbSet<SecretRecord> Secrets => Set<SecretRecord>();

    /// <summary>The server's Data Protection key ring, shared by every node.</summary>
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    /// <summary>Hosts the connectors may call (the outbound allow-list).</summary>
    public DbSet<OutboundHostRecord> OutboundHosts => Set<OutboundHostRecord>();
}
