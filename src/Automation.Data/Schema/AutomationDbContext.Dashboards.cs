using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Processes released as open data.</summary>
    public DbSet<PublicProcessRecord> PublicProcesses => Set<PublicProcessRecord>();
}
