using Automation.Engine.Accounting;
using Automation.Engine.Model;

namespace Automation.Engine.Simulation;

/// <summary>
/// The figures a simulated step adds up, per execution (fixed) and per staff minute: labour cost, then the gCO2e of
/// each carbon component in <see cref="CarbonComponents.All"/> order.
/// </summary>
internal static class CostVector
{
    /// <summary>Position of the labour cost, EUR.</summary>
    public const int LabourEur = 0;

    /// <summary>Length of a vector.</summary>
    public static int Length { get; } = 1 + CarbonComponents.All.Count;

    /// <summary>Position of a component's gCO2e.</summary>
    public static int Carbon(CarbonComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return 1 + component.Index;
    }
}

/// <summary>What a scenario did to a step.</summary>
internal enum StepChange
{
    /// <summary>Unchanged.</summary>
    None,
    /// <summary>Runs as software.</summary>
    Automated,
    /// <summary>AI prepares, a person reviews.</summary>
    AiAssisted,
    /// <summary>Dropped; the flow passes through.</summary>
    Removed,
}

/// <summary>Staff of one role in a variant.</summary>
/// <param name="Name">Role name as the tasks carry it.</param>
/// <param name="People">People working on the process.</param>
/// <param name="HoursPerDay">Hours each works on it per working day.</param>
public sealed record RoleCapacity(string Name, int People, double HoursPerDay);

/// <summary>How the simulation treats one step of a variant, prepared once before the cases run.</summary>
public sealed class StepPlan
{
    /// <summary>Node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Display label.</summary>
    public required string Label { get; init; }

    /// <summary>Node kind in this variant.</summary>
    public required NodeKind Kind { get; init; }

    /// <summary>Who performs it in this variant.</summary>
    public required ActorKind Actor { get; init; }

    /// <summary>Whether staff work in it (their minutes are priced).</summary>
    public required bool HumanWork { get; init; }

    /// <summary>Whether the ledger prices it.</summary>
    public required bool Priced { get; init; }

    /// <summary>Index into the variant's roles, or -1 when no role does it (the work is a delay without queue).</summary>
    public int RoleIndex { get; init; } = -1;

    /// <summary>Duration (working minutes for human steps, elapsed minutes for message and signal waits), or null for none.</summary>
    internal DurationSampler? Duration { get; init; }

    /// <summary>KldB occupation code of the staff doing it, if annotated.</summary>
    public string? Occupation { get; init; }

    /// <summary>Roles that perform it (lane, potential owner, candidate groups, am:role).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>What the scenario changed.</summary>
    internal StepChange Change { get; init; }

    /// <summary>Figures per completed execution regardless of minutes (compute, AI, paper, post, trips), indexed by <see cref="CostVector"/>.</summary>
    public required double[] FixedCost { get; init; }

    /// <summary>Figures per staff minute (labour cost, workplace and its devices), indexed by <see cref="CostVector"/>.</summary>
    public required double[] PerMinuteCost { get; init; }
}

/// <summary>Branch probabilities of one gateway.</summary>
/// <param name="GatewayId">Gateway id.</param>
/// <param name="Kind">Exclusive, inclusive or event-based.</param>
/// <param name="FlowIds">Outgoing flow ids.</param>
/// <param name="Probabilities">Per flow: exclusive and event-based sum to 1; inclusive are independent.</param>
/// <param name="Source">Where they came from: set by hand, history, or the equal-split default.</param>
public sealed record BranchPlan(string GatewayId, NodeKind Kind, IReadOnlyList<string> FlowIds, IReadOnlyList<double> Probabilities, string Source);

/// <summary>The baseline or one scenario, compiled: the definition the interpreter runs, steps, roles and branches.</summary>
public sealed class SimulationVariant
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether this is the baseline.</summary>
    public required bool IsBaseline { get; init; }

    /// <summary>The process as this variant runs it (changed steps rewritten).</summary>
    public required ProcessDefinition Definition { get; init; }

    /// <summary>Called processes of this variant by id.</summary>
    public required IReadOnlyDictionary<string, ProcessDefinition> CalledProcesses { get; init; }

    /// <summary>Roles with their capacity.</summary>
    public required IReadOnlyList<RoleCapacity> Roles { get; init; }

    /// <summary>Steps by node id (every node of the process and the processes it calls).</summary>
    public required IReadOnlyDictionary<string, StepPlan> Steps { get; init; }

    /// <summary>Branch probabilities by gateway id.</summary>
    public required IReadOnlyDictionary<string, BranchPlan> Branches { get; init; }

    /// <summary>Readable list of the changes, in order.</summary>
    public required IReadOnlyList<string> Changes { get; init; }
}

/// <summary>Baseline settings that every variant shares.</summary>
public sealed class SimulationSettings
{
    /// <summary>Name of the study.</summary>
    public required string Name { get; init; }

    /// <summary>First simulated day.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Replications per variant.</summary>
    public required int Replications { get; init; }

    /// <summary>Authority type for labour cost.</summary>
    public required AuthorityType Authority { get; init; }

    /// <summary>Time zone.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>Worked days of the week.</summary>
    public required IReadOnlyList<DayOfWeek> WorkingDays { get; init; }

    /// <summary>Local start of the working day.</summary>
    public required TimeOnly DayStart { get; init; }

    /// <summary>Hours per working day in which cases arrive.</summary>
    public required double OpeningHours { get; init; }

    /// <summary>Around the clock, every day.</summary>
    public required bool AlwaysOpen { get; init; }

    /// <summary>Mean new cases per working day.</summary>
    public required double CasesPerWorkingDay { get; init; }

    /// <summary>Factors for January…December.</summary>
    public required IReadOnlyList<double> Seasonal { get; init; }

    /// <summary>Whether public holidays are days off.</summary>
    public bool PublicHolidays { get; init; } = true;

    /// <summary>Land code whose holidays apply besides the nationwide ones, or null.</summary>
    public string? State { get; init; }

    /// <summary>Further closing days.</summary>
    public IReadOnlyList<DateOnly> ClosingDays { get; init; } = [];

    /// <summary>Creates the calendar for one replication (its windows are extended lazily and not shared).</summary>
    internal WorkCalendar NewCalendar() =>
        new(TimeZone, WorkingDays, DayStart, AlwaysOpen, Start, PublicHolidays ? new PublicHolidays(State) : null, ClosingDays);

    /// <summary>Working days in the year from <see cref="Start"/> (365 days).</summary>
    public int WorkingDaysPerYear()
    {
        var calendar = NewCalendar();
        return Enumerable.Range(0, 365).Count(i => calendar.IsWorkingDay(Start.AddDays(i)));
    }

    /// <summary>Expected new cases in the year from <see cref="Start"/>: the daily rate × the month's seasonal factor,
    /// summed over the working days of the calendar.</summary>
    public double CasesPerYear()
    {
        var calendar = NewCalendar();
        return Enumerable.Range(0, 365).Select(i => Start.AddDays(i)).Where(calendar.IsWorkingDay)
            .Sum(d => CasesPerWorkingDay * Seasonal[d.Month - 1]);
    }
}

/// <summary>A validated, compiled simulation study: settings, baseline, scenarios and the assumptions made.</summary>
public sealed class SimulationStudy
{
    /// <summary>Shared settings.</summary>
    public required SimulationSettings Settings { get; init; }

    /// <summary>The baseline.</summary>
    public required SimulationVariant Baseline { get; init; }

    /// <summary>The scenarios, in file order.</summary>
    public required IReadOnlyList<SimulationVariant> Scenarios { get; init; }

    /// <summary>Defaults and fallbacks used, in words (shown with every result).</summary>
    public required IReadOnlyList<string> Assumptions { get; init; }

    /// <summary>The factor set that priced the steps.</summary>
    public required FactorSet Factors { get; init; }

    /// <summary>Baseline first, then the scenarios.</summary>
    public IEnumerable<SimulationVariant> Variants => Scenarios.Prepend(Baseline);
}
