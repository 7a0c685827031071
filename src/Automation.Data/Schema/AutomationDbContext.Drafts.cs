using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>The modeler's drafts, per user.</summary>
    public DbSet<ModelerDraftRecord> ModelerDrafts => Set<ModelerDraftRecord>();
}
