using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// Ledger sums of one case in one calendar month (Europe/Berlin) at one step group: process, node, actor kind,
/// outcome, occupation and whether staff time was booked. Kept by <see cref="Reports.LedgerRollup"/> from the
/// ledger entries up to its watermark; the dashboards count distinct cases over it across months.
/// </summary>
public sealed class LedgerMonthlyRecord
{
    /// <summary>Process whose node ran.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Start of the month in Europe/Berlin, Unix ms.</summary>
    public long MonthStart { get; set; }

    /// <summary>Case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Actor kind: Human, Automated, AiAssisted.</summary>
    public string Actor { get; set; } = "";

    /// <summary>Completed, Interrupted or Failed.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>KldB occupation code, empty when none.</summary>
    public string Occupation { get; set; } = "";

    /// <summary>1 when the entries booked staff minutes (staff_minutes &gt; 0), else 0.</summary>
    public int Staffed { get; set; }

    /// <summary>Largest node name seen (the queries show MAX(node_name)).</summary>
    public string? NodeName { get; set; }

    /// <summary>Entries folded in.</summary>
    public long Steps { get; set; }

    /// <summary>Entries with actor Automated.</summary>
    public long AutomatedSteps { get; set; }

    /// <summary>Entries with actor AiAssisted.</summary>
    public long AiSteps { get; set; }

    /// <summary>Effective staff minutes.</summary>
    public double StaffMinutes { get; set; }

    /// <summary>Labour cost, EUR.</summary>
    public double LabourCostEur { get; set; }

    /// <summary>Workplace gCO2e.</summary>
    public double WorkplaceG { get; set; }

    /// <summary>Compute gCO2e.</summary>
    public double ComputeG { get; set; }

    /// <summary>AI inference gCO2e.</summary>
    public double AiG { get; set; }

    /// <summary>Paper gCO2e.</summary>
    public double PaperG { get; set; }

    /// <summary>Post gCO2e.</summary>
    public double PostG { get; set; }

    /// <summary>Embodied server share gCO2e.</summary>
    public double EmbodiedG { get; set; }

    /// <summary>Citizens' travel gCO2e.</summary>
    public double CitizenG { get; set; }
}

/// <summary>Ledger sums of one case in one calendar month per process (the overview reads this narrower table).</summary>
public sealed class LedgerMonthlyCaseRecord
{
    /// <summary>Process whose node ran.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Start of the month in Europe/Berlin, Unix ms.</summary>
    public long MonthStart { get; set; }

    /// <summary>Case.</summary>
    public string CaseId { get; set; } = "";

    /// <summary>Entries folded in.</summary>
    public long Steps { get; set; }

    /// <summary>Entries with actor Automated.</summary>
    public long AutomatedSteps { get; set; }

    /// <summary>Entries with actor AiAssisted.</summary>
    public long AiSteps { get; set; }

    /// <summary>Effective staff minutes.</summary>
    public double StaffMinutes { get; set; }

    /// <summary>Labour cost, EUR.</summary>
    public double LabourCostEur { get; set; }

    /// <summary>Workplace gCO2e.</summary>
    public double WorkplaceG { get; set; }

    /// <summary>Compute gCO2e.</summary>
    public double ComputeG { get; set; }

    /// <summary>AI inference gCO2e.</summary>
    public double AiG { get; set; }

    /// <summary>Paper gCO2e.</summary>
    public double PaperG { get; set; }

    /// <summary>Post gCO2e.</summary>
    public double PostG { get; set; }

    /// <summary>Embodied server share gCO2e.</summary>
    public double EmbodiedG { get; set; }

    /// <summary>Citizens' travel gCO2e.</summary>
    public double CitizenG { get; set; }
}

/// <summary>The rollup's watermark: ledger entries with a higher entry id (SQLite rowid, PostgreSQL entry_id) are not folded in yet.</summary>
public sealed class LedgerRollupStateRecord
{
    /// <summary>Always 1: one row.</summary>
    public int Id { get; set; }

    /// <summary>Highest ledger entry id folded into the rollup tables.</summary>
    public long Watermark { get; set; }

    /// <summary>When the last refresh committed, Unix ms (0: never).</summary>
    public long RefreshedAt { get; set; }
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

/// <summary>Mapping of <see cref="LedgerMonthlyRecord"/>.</summary>
internal sealed class LedgerMonthlyConfiguration : IEntityTypeConfiguration<LedgerMonthlyRecord>
{
    public void Configure(EntityTypeBuilder<LedgerMonthlyRecord> e)
    {
        e.ToTable("ledger_monthly");
        e.HasKey(x => new { x.ProcessId, x.MonthStart, x.CaseId, x.NodeId, x.Actor, x.Outcome, x.Occupation, x.Staffed });
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.MonthStart).HasColumnName("month_start");
        e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
        e.Property(x => x.NodeId).HasColumnName("node_id").HasMaxLength(200);
        e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(20);
        e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(20);
        e.Property(x => x.Occupation).HasColumnName("occupation").HasMaxLength(5);
        e.Property(x => x.Staffed).HasColumnName("staffed");
        e.Property(x => x.NodeName).HasColumnName("node_name").HasMaxLength(500);
        e.Property(x => x.Steps).HasColumnName("steps");
        e.Property(x => x.AutomatedSteps).HasColumnName("automated_steps");
        e.Property(x => x.AiSteps).HasColumnName("ai_steps");
        e.Property(x => x.StaffMinutes).HasColumnName("staff_minutes");
        e.Property(x => x.LabourCostEur).HasColumnName("labour_cost_eur");
        e.Property(x => x.WorkplaceG).HasColumnName("workplace_g");
        e.Property(x => x.ComputeG).HasColumnName("compute_g");
        e.Property(x => x.AiG).HasColumnName("ai_g");
        e.Property(x => x.PaperG).HasColumnName("paper_g");
        e.Property(x => x.PostG).HasColumnName("post_g");
        e.Property(x => x.EmbodiedG).HasColumnName("embodied_g");
        e.Property(x => x.CitizenG).HasColumnName("citizen_g");
    }
}

/// <summary>Mapping of <see cref="LedgerMonthlyCaseRecord"/>.</summary>
internal sealed class LedgerMonthlyCaseConfiguration : IEntityTypeConfiguration<LedgerMonthlyCaseRecord>
{
    public void Configure(EntityTypeBuilder<LedgerMonthlyCaseRecord> e)
    {
        e.ToTable("ledger_monthly_cases");
        e.HasKey(x => new { x.ProcessId, x.MonthStart, x.CaseId });
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.MonthStart).HasColumnName("month_start");
        e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
        e.Property(x => x.Steps).HasColumnName("steps");
        e.Property(x => x.AutomatedSteps).HasColumnName("automated_steps");
        e.Property(x => x.AiSteps).HasColumnName("ai_steps");
        e.Property(x => x.StaffMinutes).HasColumnName("staff_minutes");
        e.Property(x => x.LabourCostEur).HasColumnName("labour_cost_eur");
        e.Property(x => x.WorkplaceG).HasColumnName("workplace_g");
        e.Property(x => x.ComputeG).HasColumnName("compute_g");
        e.Property(x => x.AiG).HasColumnName("ai_g");
        e.Property(x => x.PaperG).HasColumnName("paper_g");
        e.Property(x => x.PostG).HasColumnName("post_g");
        e.Property(x => x.EmbodiedG).HasColumnName("embodied_g");
        e.Property(x => x.CitizenG).HasColumnName("citizen_g");
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
        e.HasData(new LedgerRollupStateRecord { Id = 1, Watermark = 0, RefreshedAt = 0 });
    }
}
