using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>The decision versions that were current when a process version was published (binding <c>deployment</c>).</summary>
    public DbSet<DecisionBindingRecord> DecisionBindings => Set<DecisionBindingRecord>();
}
