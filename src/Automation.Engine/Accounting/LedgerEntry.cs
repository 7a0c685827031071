using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Engine.Accounting;

/// <summary>Where a quantity of a ledger entry comes from.</summary>
public enum QuantityBasis
{
    /// <summary>Measured by the host for this execution.</summary>
    Measured,
    /// <summary>A standard value: the Zeitwerttabelle or an <c>am:</c> annotation of the step.</summary>
    Standard,
    /// <summary>Neither: the quantity is zero because nothing was measured or annotated.</summary>
    None,
}

/// <summary>
/// What a step delivered digitally, as its connector measured it. The avoided letters' post carbon is an avoided
/// emission: reported beside the footprint, never subtracted from it (GHG Protocol: no netting of avoided emissions).
/// </summary>
/// <param name="EmailsSent">E-mails sent.</param>
/// <param name="LettersAvoided">Posted letters the e-mails replaced.</param>
/// <param name="PdfPages">PDF pages generated and not printed.</param>
/// <param name="AvoidedPostG">Post carbon the avoided letters would have caused, gCO2e (letters × <c>post.letter</c>).</param>
public sealed record DeliveryFigure(decimal EmailsSent, decimal LettersAvoided, decimal PdfPages, decimal AvoidedPostG)
{
    /// <summary>Nothing delivered.</summary>
    public static DeliveryFigure None { get; } = new(0, 0, 0, 0);

    /// <summary>The sum of two figures.</summary>
    public DeliveryFigure Plus(DeliveryFigure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(EmailsSent + other.EmailsSent, LettersAvoided + other.LettersAvoided, PdfPages + other.PdfPages, AvoidedPostG + other.AvoidedPostG);
    }
}

/// <summary>Citizens' trips to the authority caused by a step: a societal figure outside the authority's own inventory.</summary>
/// <param name="Trips">Number of trips.</param>
/// <param name="Kilometres">Passenger-kilometres travelled.</param>
/// <param name="CarbonG">Emissions of those kilometres by the assumed mode split, gCO2e.</param>
/// <param name="CitizenMinutes">Citizens' time spent on the trips.</param>
public sealed record CitizenTripFigure(decimal Trips, decimal Kilometres, decimal CarbonG, decimal CitizenMinutes)
{
    /// <summary>No trips.</summary>
    public static CitizenTripFigure None { get; } = new(0, 0, 0, 0);

    /// <summary>Sum with another figure.</summary>
    public CitizenTripFigure Plus(CitizenTripFigure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Trips + other.Trips, Kilometres + other.Kilometres, CarbonG + other.CarbonG, CitizenMinutes + other.CitizenMinutes);
    }
}

/// <summary>
/// One row of the ledger: what one executed step of a case cost in staff time, euros, energy and carbon, and the
/// factor versions that priced it. Immutable; the inputs (annotations and measurement) are kept with the figures
/// so the entry can be re-priced under other factors (<see cref="LedgerRecomputation"/>) without the definition.
/// Money and grams keep full decimal precision; round only for presentation (<see cref="LedgerRounding"/>).
/// The entry names the role's pay level and occupation, never a person.
/// </summary>
public sealed record LedgerEntry
{
    /// <summary>Case the step belongs to.</summary>
    public required Guid CaseId { get; init; }

    /// <summary>Process whose node ran (for call activities: the called process).</summary>
    public required string ProcessId { get; init; }

    /// <summary>Version of the definition the case ran on, as the host names it.</summary>
    public required string DefinitionVersion { get; init; }

    /// <summary>Position of the step in the case's history.</summary>
    public required int Sequence { get; init; }

    /// <summary>Node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Node name, if any.</summary>
    public string? NodeName { get; init; }

    /// <summary>Node kind.</summary>
    public required NodeKind Kind { get; init; }

    /// <summary>Who performed the step.</summary>
    public required ActorKind Actor { get; init; }

    /// <summary>How the step ended.</summary>
    public required StepOutcome Outcome { get; init; }

    /// <summary>When the step began (for tasks: when the task was created).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the step ended; factors are looked up for this instant.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Authority type whose Lohnkostentabelle row priced the labour.</summary>
    public required AuthorityType Authority { get; init; }

    /// <summary>Name of the factor set that priced the entry.</summary>
    public required string FactorSetName { get; init; }

    /// <summary>The step's <c>am:effort</c> when priced.</summary>
    public EffortAnnotation? Effort { get; init; }

    /// <summary>The step's <c>am:footprint</c> when priced.</summary>
    internal FootprintAnnotation? Footprint { get; init; }

    /// <summary>The step's <c>am:automation</c> when priced.</summary>
    public AutomationAnnotation? Automation { get; init; }

    /// <summary>What the host measured, if anything.</summary>
    public StepMeasurement? Measured { get; init; }

    /// <summary>Standard minutes of the step (Zeitwerttabelle or <c>am:effort minutes</c>); 0 when there is none.</summary>
    public required decimal StandardMinutes { get; init; }

    /// <summary>Where <see cref="StandardMinutes"/> come from: a factor version id (<c>zeitwert.5.medium@1</c>), <c>am:effort minutes</c>, or null.</summary>
    public string? StandardSource { get; init; }

    /// <summary>Effective staff minutes: measured where present, else standard.</summary>
    public required decimal StaffMinutes { get; init; }

    /// <summary>Which basis <see cref="StaffMinutes"/> use.</summary>
    public required QuantityBasis StaffMinutesBasis { get; init; }

    /// <summary>KldB 2010 occupation code of the role, if annotated.</summary>
    public string? Occupation { get; init; }

    /// <summary>Pay level of the role, if annotated; null prices with the average column.</summary>
    public PayLevel? PayLevel { get; init; }

    /// <summary>Labour cost in €, full precision.</summary>
    public required decimal LabourCostEur { get; init; }

    /// <summary>CPU seconds priced as compute and reserved server time.</summary>
    public required decimal CpuSeconds { get; init; }

    /// <summary>Which basis <see cref="CpuSeconds"/> use.</summary>
    public required QuantityBasis CpuSecondsBasis { get; init; }

    /// <summary>AI inferences priced.</summary>
    public required decimal Inferences { get; init; }

    /// <summary>Which basis <see cref="Inferences"/> use.</summary>
    public required QuantityBasis InferencesBasis { get; init; }

    /// <summary>
    /// Energy and carbon of each component (<see cref="CarbonComponents"/>), with the SCI boundary's sums: E, O and M
    /// inside the score, paper and post beside it, citizens' trips outside.
    /// </summary>
    public required ComponentFigures Carbon { get; init; }

    /// <summary>Citizens' trips (outside the authority's inventory): their number, kilometres and time; the gCO2e is also <see cref="Carbon"/>'s.</summary>
    public required CitizenTripFigure CitizenTrips { get; init; }

    /// <summary>What a connector delivered instead of paper: e-mails, letters avoided and PDF pages, measured.</summary>
    public DeliveryFigure Deliveries { get; init; } = DeliveryFigure.None;

    /// <summary>Data the step sent and received, GB, measured (priced in <see cref="Carbon"/>'s compute component).</summary>
    public decimal TransferGigabytes { get; init; }

    /// <summary>Tokens a language model processed for the step, measured (priced in the AI component by size class).</summary>
    public decimal AiTokens { get; init; }

    /// <summary>The model's size class when tokens were measured, else null.</summary>
    public string? AiSizeClass { get; init; }

    /// <summary>Every factor version the entry used, in the order first used.</summary>
    public required IReadOnlyList<FactorVersion> Factors { get; init; }

    /// <summary>Why a figure is zero or how a rule applied (e.g. "no am:effort on a human step: standard time 0").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
