using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>The rollup's watermark: ledger entries with a higher entry id (SQLite rowid, PostgreSQL entry_id) are not folded in yet.</summary>
public sealed class LedgerRollupStateRecord
{
    /// <summary>Always 1: one row.</summary>
    public int Id { get; set; }

    /// <summary>Highest ledger entry id folded into the rollup tables.</summary>
    public long Watermark { get; set; }

    /// <summary>When the last refresh committed, Unix ms (0: never).</summary>
    public long RefreshedAt { get; set; }

    /// <summary>Every case that ended at or before this instant (Unix ms) is folded into <c>ledger_cells</c>.</summary>
    public long CasesThrough { get; set; }
}

/// <summary>
/// Where one day's ledger entries lie among the entry ids: the lowest and highest id of the folded entries that ended
/// on that UTC day (day = Unix ms / 86,400,000). Time-range queries read entries by id through it instead of a time
/// index on every priced step row, which cost the writer more than the rest of the ledger together.
/// </summary>
public sealed class LedgerDayRecord
{
    /// <summary>UTC day number: Unix ms of the step's end / 86,400,000.</summary>
    public long Day { get; set; }

    /// <summary>Lowest entry id of a folded entry that ended on this day.</summary>
    public long FirstEntryId { get; set; }

    /// <summary>Highest entry id of a folded entry that ended on this day.</summary>
    public long LastEntryId { get; set; }
}

/// <summary>Mapping of <see cref="LedgerDayRecord"/>.</summary>
internal sealed class LedgerDayConfiguration : IEntityTypeConfiguration<LedgerDayRecord>
{
    public void Configure(EntityTypeBuilder<LedgerDayRecord> e)
    {
        e.ToTable("ledger_days");
        e.HasKey(x => x.Day);
        e.Property(x => x.Day).HasColumnName("day").ValueGeneratedNever();
        e.Property(x => x.FirstEntryId).HasColumnName("first_entry_id");
        e.Property(x => x.LastEntryId).HasColumnName("last_entry_id");
    }
}

/// <summary>Mapping of <see cref="LedgerRollupStateRecord"/>; the migration seeds its single row with watermark 0.</summary>
internal sealed class LedgerRollupStateConfiguration : IEntityTypeConfiguration<LedgerRollupStateRecord>
{
    public void Configure(EntityTypeBuilder<LedgerRollupStateRecord> e)
    {
        e.ToTable("ledger_rollup_state");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(x => x.Watermark).HasColumnName("watermark");
        e.Property(x => x.RefreshedAt).HasColumnName("refreshed_at");
        e.Property(x => x.CasesThrough).HasColumnName("cases_through");
        e.HasData(new LedgerRollupStateRecord { Id = 1, Watermark = 0, RefreshedAt = 0, CasesThrough = 0 });
    }
}
