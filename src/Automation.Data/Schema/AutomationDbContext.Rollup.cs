using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Monthly ledger rollup per case and step group.</summary>
    public DbSet<LedgerMonthlyRecord> LedgerMonthly => Set<LedgerMonthlyRecord>();

    /// <summary>Monthly ledger rollup per case and process.</summary>
    public DbSet<LedgerMonthlyCaseRecord> LedgerMonthlyCases => Set<LedgerMonthlyCaseRecord>();

    /// <summary>The entry-id range of each day's folded ledger entries.</summary>
    public DbSet<LedgerDayRecord> LedgerDays => Set<LedgerDayRecord>();

    /// <summary>The rollup's watermark (one row).</summary>
    public DbSet<LedgerRollupStateRecord> LedgerRollupState => Set<LedgerRollupStateRecord>();
}
