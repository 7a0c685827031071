using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

public abstract partial class AutomationDbContext
{
    /// <summary>Ledger cells: per definition version, node, month and status of the ended case.</summary>
    public DbSet<LedgerCellRecord> LedgerCells => Set<LedgerCellRecord>();

    /// <summary>Ended cases per definition version, month and status.</summary>
    public DbSet<LedgerCaseMonthRecord> LedgerCaseMonths => Set<LedgerCaseMonthRecord>();

    /// <summary>Cases folded into the cells.</summary>
    public DbSet<LedgerFoldedCaseRecord> LedgerFoldedCases => Set<LedgerFoldedCaseRecord>();

    /// <summary>People behind each ledger cell (keyed pseudonyms).</summary>
    public DbSet<LedgerCellPersonRecord> LedgerCellPeople => Set<LedgerCellPersonRecord>();

    /// <summary>Duration histograms of the ledger cells.</summary>
    public DbSet<LedgerCellDurationRecord> LedgerCellDurations => Set<LedgerCellDurationRecord>();

    /// <summary>The entry-id range of each day's folded ledger entries.</summary>
    public DbSet<LedgerDayRecord> LedgerDays => Set<LedgerDayRecord>();

    /// <summary>The rollup's watermarks (one row).</summary>
    public DbSet<LedgerRollupStateRecord> LedgerRollupState => Set<LedgerRollupStateRecord>();
}
