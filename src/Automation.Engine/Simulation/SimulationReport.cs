namespace Automation.Engine.Simulation;

/// <summary>A figure estimated over replications: mean and 90 % confidence interval (Student t over the replication means).</summary>
/// <param name="Mean">Mean over replications.</param>
/// <param name="Low">Lower end of the 90 % interval (equal to the mean with one replication).</param>
/// <param name="High">Upper end of the 90 % interval.</param>
public sealed record Estimate(double Mean, double Low, double High);

/// <summary>Staff hours of one occupation.</summary>
/// <param name="Occupation">KldB 2010 code, or "(ohne Angabe)" where steps carry none.</param>
/// <param name="HoursPerCase">Staff hours per completed case.</param>
/// <param name="Hours">Staff hours over the simulated period.</param>
/// <param name="Fte">Full-time equivalents at 1,600 h per year, for the simulated arrival rate over a year.</param>
public sealed record OccupationHours(string Occupation, Estimate HoursPerCase, Estimate Hours, Estimate Fte);

/// <summary>Carbon per completed case of one component.</summary>
/// <param name="Component">Key of the component (<see cref="Accounting.CarbonComponent.Key"/>).</param>
/// <param name="Placement">inside (SCI), beside (paper, post) or outside (citizens' trips).</param>
/// <param name="GramsPerCase">gCO2e per completed case.</param>
public sealed record ComponentCarbon(string Component, string Placement, Estimate GramsPerCase);

/// <summary>
/// Carbon balance of one step a scenario automated or made AI-assisted, per completed case, against the baseline
/// (paired replications: the same random streams). Negative net means the change saves carbon.
/// </summary>
/// <param name="StepId">Step id.</param>
/// <param name="Label">Step name.</param>
/// <param name="Change">automated or aiAssisted.</param>
/// <param name="AddedG">Carbon of the software components the change adds (<see cref="Accounting.CarbonComponents.AddedBySoftware"/>), gCO2e per case.</param>
/// <param name="SavedG">Carbon of staff time, paper and post it saves (<see cref="Accounting.CarbonComponents.SavedByAutomation"/>), gCO2e per case.</param>
/// <param name="NetG">Added minus saved (inside the authority's inventory), gCO2e per case.</param>
/// <param name="CitizenTripsSavedG">Citizens' trip carbon saved, reported apart (outside the inventory).</param>
public sealed record StepCarbonBalance(string StepId, string Label, string Change, Estimate AddedG, Estimate SavedG, Estimate NetG, Estimate CitizenTripsSavedG);

/// <summary>
/// Staff time a scenario frees in one step it automated, made AI-assisted or removed, against the baseline (paired
/// replications). The input to a labour-impact forecast.
/// </summary>
/// <param name="StepId">Step id.</param>
/// <param name="Label">Step name.</param>
/// <param name="Change">automated, aiAssisted or removed.</param>
/// <param name="Occupation">KldB code of the staff who did the step in the baseline (am:occupation), if annotated.</param>
/// <param name="Roles">Roles that did the step in the baseline.</param>
/// <param name="MinutesSavedPerCase">Staff minutes per completed case, baseline minus scenario.</param>
/// <param name="HoursPerYear">Staff hours freed per year: minutes saved × <see cref="SimulationReport.CasesPerYear"/> ÷ 60.</param>
public sealed record StepSaving(string StepId, string Label, string Change, string? Occupation, IReadOnlyList<string> Roles,
    Estimate MinutesSavedPerCase, Estimate HoursPerYear);

/// <summary>How often a priced step ran and the staff time it took.</summary>
/// <param name="StepId">Step id.</param>
/// <param name="Label">Step name.</param>
/// <param name="Actor">Who performs it in this variant.</param>
/// <param name="ExecutionsPerCase">Completed executions per completed case.</param>
/// <param name="StaffMinutesPerCase">Staff minutes per completed case.</param>
public sealed record StepResult(string StepId, string Label, string Actor, Estimate ExecutionsPerCase, Estimate StaffMinutesPerCase);

/// <summary>Result of the baseline or one scenario.</summary>
public sealed class VariantResult
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether this is the baseline.</summary>
    public required bool IsBaseline { get; init; }

    /// <summary>The changes against the baseline.</summary>
    public required IReadOnlyList<string> Changes { get; init; }

    /// <summary>Cases started per replication.</summary>
    public required int CasesStarted { get; init; }

    /// <summary>Cases that reached an end.</summary>
    public required Estimate CasesCompleted { get; init; }

    /// <summary>Cases that could not end (an incident, or a wait nothing could complete).</summary>
    public required Estimate CasesStuck { get; init; }

    /// <summary>Mean lead time, calendar days from arrival to end.</summary>
    public required Estimate LeadTimeMeanDays { get; init; }

    /// <summary>Median lead time, days.</summary>
    public required Estimate LeadTimeP50Days { get; init; }

    /// <summary>90th percentile of lead time, days.</summary>
    public required Estimate LeadTimeP90Days { get; init; }

    /// <summary>Lead-time histogram over all replications: share of completed cases per bin of <see cref="SimulationReport.LeadTimeBinDays"/>.</summary>
    public required IReadOnlyList<double> LeadTimeHistogram { get; init; }

    /// <summary>Mean time a human task waits in its role's queue before work starts, hours.</summary>
    public required Estimate QueueWaitHours { get; init; }

    /// <summary>Staff hours and FTE by occupation.</summary>
    public required IReadOnlyList<OccupationHours> StaffByOccupation { get; init; }

    /// <summary>Total staff hours per completed case.</summary>
    public required Estimate StaffHoursPerCase { get; init; }

    /// <summary>Total FTE (1,600 h per year).</summary>
    public required Estimate Fte { get; init; }

    /// <summary>Labour cost per completed case, EUR.</summary>
    public required Estimate EurPerCase { get; init; }

    /// <summary>Labour cost over the simulated period, EUR.</summary>
    public required Estimate EurTotal { get; init; }

    /// <summary>SCI score per completed case (the components inside the boundary), gCO2e.</summary>
    public required Estimate SciPerCase { get; init; }

    /// <summary>Carbon per completed case by component.</summary>
    public required IReadOnlyList<ComponentCarbon> Carbon { get; init; }

    /// <summary>Executions and staff minutes per priced step, in process order.</summary>
    public required IReadOnlyList<StepResult> Steps { get; init; }

    /// <summary>Net carbon balance of each automated or AI-assisted step (empty for the baseline).</summary>
    public required IReadOnlyList<StepCarbonBalance> StepBalances { get; init; }

    /// <summary>Staff time freed in each changed step that had human work in the baseline (empty for the baseline).</summary>
    public IReadOnlyList<StepSaving> StepSavings { get; init; } = [];
}

/// <summary>
/// The result of a simulation study. Always a forecast: <see cref="Label"/> says so and every rendering shows it.
/// </summary>
public sealed class SimulationReport
{
    /// <summary>The label every rendering shows.</summary>
    public const string ForecastLabel = "Simulation (Prognose) – keine Messwerte";

    /// <summary><see cref="ForecastLabel"/>.</summary>
    public string Label { get; init; } = ForecastLabel;

    /// <summary>"simulated", for machines reading the JSON.</summary>
    public string Kind { get; init; } = "simulated";

    /// <summary>Name of the study.</summary>
    public required string Name { get; init; }

    /// <summary>Process simulated.</summary>
    public required string ProcessId { get; init; }

    /// <summary>Cases per replication.</summary>
    public required int Cases { get; init; }

    /// <summary>Seed.</summary>
    public required long Seed { get; init; }

    /// <summary>Replications per variant.</summary>
    public required int Replications { get; init; }

    /// <summary>First simulated day.</summary>
    public required DateOnly Start { get; init; }

    /// <summary>Factor set that priced the steps.</summary>
    public required string FactorSet { get; init; }

    /// <summary>Authority type of the labour cost.</summary>
    public required string Authority { get; init; }

    /// <summary>Working days in the year from <see cref="Start"/> (weekdays of the calendar minus holidays and closing days).</summary>
    public required int WorkingDaysPerYear { get; init; }

    /// <summary>Expected cases per year: the arrival rate (with its seasonal factors) over the working days of that year.</summary>
    public required double CasesPerYear { get; init; }

    /// <summary>Width of a lead-time histogram bin, days.</summary>
    public required double LeadTimeBinDays { get; init; }

    /// <summary>Defaults and fallbacks used.</summary>
    public required IReadOnlyList<string> Assumptions { get; init; }

    /// <summary>Branch probabilities of the baseline per gateway.</summary>
    public required IReadOnlyList<BranchPlan> Branches { get; init; }

    /// <summary>Duration distributions of the baseline per step.</summary>
    public required IReadOnlyDictionary<string, string> Durations { get; init; }

    /// <summary>Baseline first, then the scenarios.</summary>
    public required IReadOnlyList<VariantResult> Variants { get; init; }
}
