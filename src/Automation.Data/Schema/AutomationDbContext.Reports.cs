using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Archived scheduled reports (insert only).</summary>
    public DbSet<ArchivedReportRecord> ArchivedReports => Set<ArchivedReportRecord>();
}
