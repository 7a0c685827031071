using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Automated steps waiting for a connector or an external worker.</summary>
    public DbSet<ExternalTaskRecord> ExternalTasks => Set<ExternalTaskRecord>();
}
