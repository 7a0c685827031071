using Automation.Data.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// One cell of the ledger (see <see cref="Engine.Accounting.PrivacyGate"/>): the steps of one node of one definition
/// version, of the cases that ended in one calendar month (Europe/Berlin) with one status. Kept by
/// <see cref="Reports.LedgerRollup"/> when cases end; every dashboard, export and report adds up whole cells, valued at
/// measured or at standard time as the gate decides. Holds both valuations; nothing outside the data project reads it.
/// Its sums (<see cref="CellSums.Columns"/>) are shadow properties: the fold writes and reads them with SQL.
/// </summary>
public sealed class LedgerCellRecord
{
    /// <summary>Definition version whose node ran (the called definition for steps of a call activity).</summary>
    public long DefinitionId { get; set; }

    /// <summary>Start of the month in which the case ended, Europe/Berlin, Unix ms.</summary>
    public long MonthStart { get; set; }

    /// <summary>Node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>How the case ended: Completed, Terminated or Cancelled.</summary>
    public string CaseStatus { get; set; } = "";

    /// <summary>Process of the definition version.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Definition version label, e.g. <c>wohngeld@2</c> (null for a node without ledger figures).</summary>
    public string? DefinitionVersion { get; set; }

    /// <summary>Node name.</summary>
    public string? NodeName { get; set; }

    /// <summary>Node kind.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Actor kind: Human, Automated, AiAssisted or System.</summary>
    public string Actor { get; set; } = "";

    /// <summary>KldB occupation code of the role, if annotated.</summary>
    public string? Occupation { get; set; }

    /// <summary>Steps of the cell.</summary>
    public long Executions { get; set; }

    /// <summary>Steps that carry ledger figures (tasks).</summary>
    public long Priced { get; set; }

    /// <summary>Distinct cases (each case is folded once, when it ends, so this adds up across refreshes).</summary>
    public long Cases { get; set; }

    /// <summary>Steps with measured working time.</summary>
    public long MeasuredSteps { get; set; }

    /// <summary>Distinct people (keyed pseudonyms in <see cref="LedgerCellPersonRecord"/>), kept when those rows are purged.</summary>
    public long People { get; set; }

    /// <summary>1 when people worked on the steps (human actor, standard or measured staff minutes).</summary>
    public int HumanWork { get; set; }
}

/// <summary>A case folded into the cells: each case is folded exactly once, whichever fold finds it first.</summary>
public sealed class LedgerFoldedCaseRecord
{
    /// <summary>Case.</summary>
    public string CaseId { get; set; } = "";
}

/// <summary>How many ended cases ran a definition version, per month in which they ended and how they ended.</summary>
public sealed class LedgerCaseMonthRecord
{
    /// <summary>Definition version.</summary>
    public long DefinitionId { get; set; }

    /// <summary>Start of the month in which the cases ended, Europe/Berlin, Unix ms.</summary>
    public long MonthStart { get; set; }

    /// <summary>Completed, Terminated or Cancelled.</summary>
    public string CaseStatus { get; set; } = "";

    /// <summary>Process of the definition version.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>Cases.</summary>
    public long Cases { get; set; }
}

/// <summary>A person (keyed pseudonym) who worked on a cell's steps; counted into <see cref="LedgerCellRecord.People"/>.</summary>
public sealed class LedgerCellPersonRecord
{
    /// <summary>Cell: definition.</summary>
    public long DefinitionId { get; set; }

    /// <summary>Cell: month.</summary>
    public long MonthStart { get; set; }

    /// <summary>Cell: node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Cell: case status.</summary>
    public string CaseStatus { get; set; } = "";

    /// <summary>Keyed pseudonym.</summary>
    public string WorkerKey { get; set; } = "";
}

/// <summary>
/// A bucket of a cell's duration or waiting-time histogram: logarithmic buckets 2 % wide, so a quantile read from them
/// is within 1 % of the exact one (<see cref="Reports.DurationHistogram"/>).
/// </summary>
public sealed class LedgerCellDurationRecord
{
    /// <summary>Cell: definition.</summary>
    public long DefinitionId { get; set; }

    /// <summary>Cell: month.</summary>
    public long MonthStart { get; set; }

    /// <summary>Cell: node.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Cell: case status.</summary>
    public string CaseStatus { get; set; } = "";

    /// <summary>0 duration, 1 waiting on effective minutes, 2 waiting on standard minutes.</summary>
    public int Series { get; set; }

    /// <summary>Bucket number.</summary>
    public int Bucket { get; set; }

    /// <summary>Values in the bucket.</summary>
    public long Count { get; set; }
}

/// <summary>Mappings of the cell tables.</summary>
internal sealed class LedgerCellConfiguration :
    IEntityTypeConfiguration<LedgerCellRecord>, IEntityTypeConfiguration<LedgerCellPersonRecord>, IEntityTypeConfiguration<LedgerCellDurationRecord>,
    IEntityTypeConfiguration<LedgerCaseMonthRecord>, IEntityTypeConfiguration<LedgerFoldedCaseRecord>
{
    public void Configure(EntityTypeBuilder<LedgerFoldedCaseRecord> e)
    {
        e.ToTable("ledger_folded_cases");
        e.HasKey(x => x.CaseId);
        e.Property(x => x.CaseId).HasColumnName("case_id").HasMaxLength(36);
    }

    public void Configure(EntityTypeBuilder<LedgerCaseMonthRecord> e)
    {
        e.ToTable("ledger_case_months");
        e.HasKey(x => new { x.DefinitionId, x.MonthStart, x.CaseStatus });
        e.Property(x => x.DefinitionId).HasColumnName("definition_id").ValueGeneratedNever();
        e.Property(x => x.MonthStart).HasColumnName("month_start");
        e.Property(x => x.CaseStatus).HasColumnName("case_status").HasMaxLength(20);
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.Cases).HasColumnName("cases");
    }

    public void Configure(EntityTypeBuilder<LedgerCellRecord> e)
    {
        e.ToTable("ledger_cells");
        e.HasKey(x => new { x.DefinitionId, x.MonthStart, x.NodeId, x.CaseStatus });
        Key(e.Property(x => x.DefinitionId), e.Property(x => x.MonthStart), e.Property(x => x.NodeId), e.Property(x => x.CaseStatus));
        e.Property(x => x.ProcessId).HasColumnName("process_id").HasMaxLength(200);
        e.Property(x => x.DefinitionVersion).HasColumnName("definition_version").HasMaxLength(220);
        e.Property(x => x.NodeName).HasColumnName("node_name").HasMaxLength(500);
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(40);
        e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(20);
        e.Property(x => x.Occupation).HasColumnName("occupation").HasMaxLength(5);
        e.Property(x => x.Executions).HasColumnName("executions");
        e.Property(x => x.Priced).HasColumnName("priced");
        e.Property(x => x.Cases).HasColumnName("cases");
        e.Property(x => x.MeasuredSteps).HasColumnName("measured_steps");
        e.Property(x => x.People).HasColumnName("people");
        e.Property(x => x.HumanWork).HasColumnName("human_work");
        foreach (var column in CellSums.Columns) e.Property<double>(ComponentColumns.Pascal(column)).HasColumnName(column);
        e.HasIndex(x => new { x.ProcessId, x.MonthStart }).HasDatabaseName("ix_ledger_cells_process");
    }

    public void Configure(EntityTypeBuilder<LedgerCellPersonRecord> e)
    {
        e.ToTable("ledger_cell_people");
        e.HasKey(x => new { x.DefinitionId, x.MonthStart, x.NodeId, x.CaseStatus, x.WorkerKey });
        Key(e.Property(x => x.DefinitionId), e.Property(x => x.MonthStart), e.Property(x => x.NodeId), e.Property(x => x.CaseStatus));
        e.Property(x => x.WorkerKey).HasColumnName("worker_key").HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<LedgerCellDurationRecord> e)
    {
        e.ToTable("ledger_cell_durations");
        e.HasKey(x => new { x.DefinitionId, x.MonthStart, x.NodeId, x.CaseStatus, x.Series, x.Bucket });
        Key(e.Property(x => x.DefinitionId), e.Property(x => x.MonthStart), e.Property(x => x.NodeId), e.Property(x => x.CaseStatus));
        e.Property(x => x.Series).HasColumnName("series");
        e.Property(x => x.Bucket).HasColumnName("bucket");
        e.Property(x => x.Count).HasColumnName("count");
    }

    private static void Key(PropertyBuilder<long> definition, PropertyBuilder<long> month, PropertyBuilder<string> node, PropertyBuilder<string> status)
    {
        definition.HasColumnName("definition_id").ValueGeneratedNever();
        month.HasColumnName("month_start");
        node.HasColumnName("node_id").HasMaxLength(200);
        status.HasColumnName("case_status").HasMaxLength(20);
    }
}

/// <summary>
/// The summed columns of <c>ledger_cells</c>, in the order the fold writes and reads them, and the position of each: the
/// standard-basis figures that stand in for withheld measured time, the effective figures, the carbon components
/// (<see cref="ComponentColumns"/>), citizens' trips and durations.
/// </summary>
internal static class CellSums
{
    /// <summary>Column names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "standard_minutes", "labour_cost_standard_eur", .. ComponentColumns.Standard.Select(c => c.Name),
        "staff_minutes", "measured_minutes", "labour_cost_eur", .. ComponentColumns.Step.Select(c => c.Name),
        "citizen_trips", "citizen_km", "duration_ms", "waiting_ms", "waiting_standard_ms", .. DeliverySums.Columns,
    ];

    /// <summary>Standard minutes.</summary>
    public static int StandardMinutes { get; } = Index("standard_minutes");

    /// <summary>Labour cost on standard minutes, €.</summary>
    public static int LabourCostStandardEur { get; } = Index("labour_cost_standard_eur");

    /// <summary>Effective staff minutes (measured where measured).</summary>
    public static int StaffMinutes { get; } = Index("staff_minutes");

    /// <summary>Measured working minutes.</summary>
    public static int MeasuredMinutes { get; } = Index("measured_minutes");

    /// <summary>Labour cost on effective minutes, €.</summary>
    public static int LabourCostEur { get; } = Index("labour_cost_eur");

    /// <summary>Citizens' trips.</summary>
    public static int CitizenTrips { get; } = Index("citizen_trips");

    /// <summary>Citizens' kilometres.</summary>
    public static int CitizenKm { get; } = Index("citizen_km");

    /// <summary>Position of the first of <see cref="DeliverySums.Columns"/>.</summary>
    public static int Deliveries { get; } = Index(DeliverySums.Columns[0]);

    /// <summary>Sum of step durations, ms.</summary>
    public static int DurationMs { get; } = Index("duration_ms");

    /// <summary>Sum of waiting times on effective minutes (duration − staff minutes), ms.</summary>
    public static int WaitingMs { get; } = Index("waiting_ms");

    /// <summary>Sum of waiting times on standard minutes, ms.</summary>
    public static int WaitingStandardMs { get; } = Index("waiting_standard_ms");

    /// <summary>Per <see cref="ComponentColumns.Step"/> column: its position, and the position of its standard-basis column or -1.</summary>
    public static IReadOnlyList<(int Effective, int Standard)> Components { get; } = [.. ComponentColumns.Step.Select(c => (Index(c.Name),
        ComponentColumns.Standard.FirstOrDefault(s => s.Component == c.Component && s.Energy == c.Energy) is { } standard ? Index(standard.Name) : -1))];

    /// <summary>The component sums of a cell: measured ones where <paramref name="measured"/>, else the standard-basis ones where there are any.</summary>
    public static ComponentSums Carbon(IReadOnlyList<double> sums, bool measured) => ComponentSums.Read(i =>
    {
        var (effective, standard) = Components[i];
        return sums[measured || standard < 0 ? effective : standard];
    });

    private static int Index(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column) return i;
        }
        throw new InvalidOperationException($"ledger_cells has no summed column {column}");
    }
}
