using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Versioned ledger factors.</summary>
    public DbSet<FactorVersionRecord> FactorVersions => Set<FactorVersionRecord>();
}
