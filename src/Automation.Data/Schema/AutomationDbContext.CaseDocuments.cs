using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Documents of cases (uploaded, generated, received).</summary>
    public DbSet<CaseDocumentRecord> CaseDocuments => Set<CaseDocumentRecord>();
}
