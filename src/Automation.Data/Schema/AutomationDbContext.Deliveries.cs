using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Scheduled deliveries of the employment-office report.</summary>
    public DbSet<ReportDeliveryRecord> ReportDeliveries => Set<ReportDeliveryRecord>();
}
