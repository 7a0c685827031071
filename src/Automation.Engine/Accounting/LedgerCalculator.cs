using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Engine.Accounting;

/// <summary>
/// Prices executed steps: staff minutes, labour cost, energy and carbon per component, citizens' trips, and the
/// factor versions used. Deterministic and free of I/O: the same step, annotations, measurement and factor set
/// always give the same entry.
/// </summary>
/// <remarks>
/// <para>
/// What counts as a step: an executed <em>task</em> (task, user, manual, service, script, business-rule, send and
/// receive task). Events and gateways are routing done by the engine and get no entry. Sub-processes and call
/// activities get none either: the tasks inside them carry the work and have entries of their own, and pricing the
/// container as well would count that work twice.
/// </para>
/// <para>
/// Steps that did not complete (interrupted by a boundary event, cancelled, failed) count only what was
/// measured: no standard time, no annotated CPU seconds or inferences, no paper, post or trips, because the
/// standard describes a completed step and the letter of an interrupted step was not sent.
/// </para>
/// <para>
/// Arithmetic is decimal throughout. Factors are published as decimal figures; decimal reproduces them and the hand
/// computations of the golden tests digit for digit, and sums do not depend on the order of addition (they do in
/// binary floating point), so totals over many entries are repeatable. Products are formed before divisions to
/// keep exact results exact (5 min × 25.50 €/h / 60 = 2.125 €).
/// </para>
/// </remarks>
public static class LedgerCalculator
{
    /// <summary>Hours in a year for the server's embodied share: 365 × 24, as in the SCI specification's example.</summary>
    public const decimal HoursPerYear = 8760m;

    /// <summary>
    /// Whether an executed node gets a ledger entry: tasks do; events, gateways, containers and the engine's bookkeeping
    /// (actor <see cref="ActorKind.System"/>, see <see cref="FlowNode.IsBookkeeping"/>) do not: like events and gateways, they are
    /// the engine's steering without effort of their own (docs/methodology.md §1).
    /// </summary>
    public static bool IsPricedStep(NodeKind kind, ActorKind actor) => actor != ActorKind.System && kind is NodeKind.Task or NodeKind.UserTask or NodeKind.ManualTask
        or NodeKind.ServiceTask or NodeKind.ScriptTask or NodeKind.BusinessRuleTask or NodeKind.SendTask or NodeKind.ReceiveTask;

    /// <summary>
    /// Whether staff work in the step: human steps, and AI-assisted steps where a person still reviews within
    /// the step (the step is a user or manual task, or carries <c>am:effort</c>).
    /// </summary>
    public static bool HasHumanWork(ActorKind actor, NodeKind kind, bool hasEffort) =>
        actor == ActorKind.Human || (actor == ActorKind.AiAssisted && (hasEffort || kind is NodeKind.UserTask or NodeKind.ManualTask));

    /// <summary>Prices one executed step.</summary>
    /// <param name="step">The step event from the engine.</param>
    /// <param name="node">The node that ran (its annotations are the standard values).</param>
    /// <param name="definitionVersion">Version of the definition the case runs on, as the host names it.</param>
    /// <param name="measured">What the host measured, or null.</param>
    /// <param name="factors">The factor set; versions valid at the step's end are used.</param>
    /// <param name="authority">Authority type of the deployment (row of the Lohnkostentabelle).</param>
    /// <exception cref="ArgumentException">The node is not the step's node, or the step is not a priced kind (<see cref="IsPricedStep"/>).</exception>
    /// <exception cref="AccountingException">A factor is missing for the step's date, or the annotation points at an undefined cell.</exception>
    public static LedgerEntry Price(StepEvent step, FlowNode node, string definitionVersion, StepMeasurement? measured,
        FactorSet factors, AuthorityType authority)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentException.ThrowIfNullOrWhiteSpace(definitionVersion);
        ArgumentNullException.ThrowIfNull(factors);
        if (node.Id != step.NodeId) throw new ArgumentException($"node {node.Id} is not the node of step {step.Sequence} ({step.NodeId})", nameof(node));
        if (!IsPricedStep(step.Kind, step.Actor))
            throw new ArgumentException($"step {step.Sequence} ({step.NodeId}) is a {step.Kind} ({step.Actor}): events, gateways, containers and bookkeeping get no ledger entry", nameof(step));
        measured?.Check();
        var input = new PricingInput(step.CaseId, step.ProcessId, definitionVersion, step.Sequence, step.NodeId, step.NodeName, step.Kind,
            step.Actor, step.Outcome, step.Start, step.End, node.Effort, node.Footprint, node.Automation, measured);
        return Compute(input, factors, authority);
    }

    /// <summary>
    /// Prices the priced steps of a case in order and skips events, gateways and containers.
    /// </summary>
    /// <param name="steps">The case's step events.</param>
    /// <param name="nodeOf">Finds the node of a step (by process id and node id; call activities run other processes).</param>
    /// <param name="definitionVersion">Version of the definition the case runs on.</param>
    /// <param name="factors">The factor set.</param>
    /// <param name="authority">Authority type of the deployment.</param>
    /// <param name="measured">What the host measured per step, or null for none.</param>
    /// <exception cref="AccountingException">A step's node cannot be found, or a step cannot be priced.</exception>
    public static IReadOnlyList<LedgerEntry> PriceSteps(IEnumerable<StepEvent> steps, Func<StepEvent, FlowNode?> nodeOf,
        string definitionVersion, FactorSet factors, AuthorityType authority, Func<StepEvent, StepMeasurement?>? measured = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(nodeOf);
        var entries = new List<LedgerEntry>();
        foreach (var step in steps.Where(s => IsPricedStep(s.Kind, s.Actor)))
        {
            var node = nodeOf(step) ?? throw new AccountingException(Texte.Format(Texte.BuchungElementFehlt, step.Sequence, step.NodeId, step.ProcessId)) { Code = "step-node-missing" };
            entries.Add(Price(step, node, definitionVersion, measured?.Invoke(step), factors, authority));
        }
        return entries;
    }

    /// <summary>Prices an existing entry again from its recorded inputs, under other factors (and optionally another authority type).</summary>
    public static LedgerEntry Reprice(LedgerEntry entry, FactorSet factors, AuthorityType? authority = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(factors);
        var input = new PricingInput(entry.CaseId, entry.ProcessId, entry.DefinitionVersion, entry.Sequence, entry.NodeId, entry.NodeName,
            entry.Kind, entry.Actor, entry.Outcome, entry.Start, entry.End, entry.Effort, entry.Footprint, entry.Automation, entry.Measured);
        return Compute(input, factors, authority ?? entry.Authority);
    }

    private static LedgerEntry Compute(PricingInput s, FactorSet factors, AuthorityType authority)
    {
        // Created on first use: most automated steps use no factor, and every step of every case is priced.
        List<FactorVersion>? used = null;
        List<string>? notes = null;
        FactorVersion Track(FactorVersion f)
        {
            used ??= [];
            if (!used.Contains(f)) used.Add(f);
            return f;
        }
        void Note(string note) => (notes ??= []).Add(note);
        decimal Value(string key) => Track(factors.Get(key, s.End)).Value;

        var completed = s.Outcome == StepOutcome.Completed;
        var m = s.Measured;
        if (!completed) Note(s.Outcome == StepOutcome.Failed ? Texte.BuchungFehlgeschlagen : Texte.BuchungAbgebrochen);

        // Standard time: only for completed steps with human work, from am:effort.
        var humanWork = HasHumanWork(s.Actor, s.Kind, s.Effort is not null);
        var standard = 0m;
        string? standardSource = null;
        if (humanWork && completed)
        {
            if (s.Effort is null) Note(Texte.BuchungOhneAufwand);
            else if (s.Effort.Minutes is { } minutes)
            {
                standard = (decimal)minutes;
                standardSource = "am:effort minutes";
            }
            else if (s.Effort is { Activity: { } activity, Complexity: { } complexity })
            {
                var cell = Track(factors.Zeitwert(activity, complexity, s.End));
                standard = cell.Value;
                standardSource = cell.Id;
            }
            else throw new AccountingException(Texte.Format(Texte.BuchungAufwandUnvollstaendig, s.Sequence, s.NodeId)) { Code = "effort-incomplete" };
        }

        // Effective staff minutes: measured wins; else standard; else none.
        var (staff, staffBasis) = m?.WorkingMinutes is { } worked ? (worked, QuantityBasis.Measured)
            : standardSource is not null ? (standard, QuantityBasis.Standard)
            : (0m, QuantityBasis.None);

        var labour = 0m;
        var workplace = ComponentFigure.ZeroEnergy;
        var devices = ComponentFigure.ZeroCarbon;
        if (staff > 0)
        {
            if (s.Effort?.PayLevel is null) Note(Texte.BuchungOhneLaufbahn);
            labour = staff * Track(factors.HourlyRate(authority, s.Effort?.PayLevel, s.End)).Value / 60m;
            var kWh = staff * Value(FactorKeys.WorkplaceEnergy) / 60m;
            workplace = new ComponentFigure(kWh * 1000m, kWh * Value(FactorKeys.GridIntensity));
            // The staff minutes reserve the whole workplace: each device's manufacturing spread over its working hours.
            var grams = 0m;
            foreach (var device in FactorKeys.DeviceTypes)
            {
                grams += SciCalculator.EmbodiedGrams(Value(FactorKeys.DeviceEmbodied(device)) * Value(FactorKeys.DeviceCount(device)), staff * 60m,
                    Value(FactorKeys.DeviceLifetime(device)), 1m, Value(FactorKeys.DeviceHours(device)));
            }
            devices = new ComponentFigure(null, grams);
        }

        var software = s.Actor is ActorKind.Automated or ActorKind.AiAssisted;
        var (cpu, cpuBasis) = m?.CpuSeconds is { } measuredCpu ? (measuredCpu, QuantityBasis.Measured)
            : completed && software && s.Automation?.CpuSeconds is { } annotatedCpu ? ((decimal)annotatedCpu, QuantityBasis.Standard)
            : (0m, QuantityBasis.None);
        if (completed && software && cpuBasis == QuantityBasis.None) Note(Texte.BuchungOhneCpu);

        var computeWh = 0m;
        var embodiedG = 0m;
        if (cpu > 0)
        {
            var min = Value(FactorKeys.VcpuMinWatts);
            var watts = min + Value(FactorKeys.Utilisation) * (Value(FactorKeys.VcpuMaxWatts) - min);
            computeWh += cpu * watts * Value(FactorKeys.Pue) / 3600m;
            embodiedG = SciCalculator.EmbodiedGrams(Value(FactorKeys.EmbodiedTotal), cpu, Value(FactorKeys.EmbodiedLifetime), Value(FactorKeys.EmbodiedShare));
        }
        if (m?.MemoryGigabyteHours is > 0 and var gbh) computeWh += gbh * Value(FactorKeys.MemoryEnergy) * Value(FactorKeys.Pue) * 1000m;
        if (m?.TransferGigabytes is > 0 and var gb) computeWh += gb * Value(FactorKeys.TransferEnergy) * 1000m;
        var compute = computeWh > 0 ? new ComponentFigure(computeWh, computeWh * Value(FactorKeys.GridIntensity) / 1000m) : ComponentFigure.ZeroEnergy;
        var embodied = new ComponentFigure(null, embodiedG);

        var ai = s.Actor == ActorKind.AiAssisted;
        var (inferences, inferenceBasis) = m?.Inferences is { } measuredInferences ? (measuredInferences, QuantityBasis.Measured)
            : completed && ai && s.Automation?.Inferences is { } annotated ? ((decimal)annotated, QuantityBasis.Standard)
            : (0m, QuantityBasis.None);
        if (completed && ai && inferenceBasis == QuantityBasis.None) Note(Texte.BuchungOhneInferenzen);
        var aiFigure = ComponentFigure.ZeroEnergy;
        if (m?.AiTokens is > 0 and var tokens)
        {
            // Measured tokens are priced by the model's size class; they replace the flat energy per inference.
            var wh = tokens / 1000m * Value(FactorKeys.AiTokens(m.AiSizeClass!)) * Value(FactorKeys.Pue);
            aiFigure = new ComponentFigure(wh, wh * Value(FactorKeys.GridIntensity) / 1000m);
        }
        else if (inferences > 0)
        {
            var wh = inferences * Value(FactorKeys.AiInference) * Value(FactorKeys.Pue);
            aiFigure = new ComponentFigure(wh, wh * Value(FactorKeys.GridIntensity) / 1000m);
        }

        var paper = ComponentFigure.ZeroCarbon;
        var post = ComponentFigure.ZeroCarbon;
        var trips = CitizenTripFigure.None;
        if (completed && s.Footprint is { } footprint)
        {
            if (footprint.PrintedPages > 0) paper = new ComponentFigure(null, (decimal)footprint.PrintedPages * Value(FactorKeys.PaperPage));
            if (footprint.Letters > 0) post = new ComponentFigure(null, (decimal)footprint.Letters * Value(FactorKeys.PostLetter));
            if (footprint.CitizenTrips > 0)
            {
                var count = (decimal)footprint.CitizenTrips;
                var km = count * Value(FactorKeys.TripDistance);
                var gPerKm = Value(FactorKeys.TripShareCar) * Value(FactorKeys.TripCar)
                    + Value(FactorKeys.TripSharePublicTransport) * Value(FactorKeys.TripPublicTransport);
                trips = new CitizenTripFigure(count, km, km * gPerKm, count * Value(FactorKeys.TripMinutes));
            }
        }

        var deliveries = DeliveryFigure.None;
        if (m is not null && (m.EmailsSent > 0 || m.LettersAvoided > 0 || m.PdfPages > 0))
        {
            var letters = m.LettersAvoided ?? 0;
            deliveries = new DeliveryFigure(m.EmailsSent ?? 0, letters, m.PdfPages ?? 0, letters > 0 ? letters * Value(FactorKeys.PostLetter) : 0);
        }

        return new LedgerEntry
        {
            CaseId = s.CaseId,
            ProcessId = s.ProcessId,
            DefinitionVersion = s.DefinitionVersion,
            Sequence = s.Sequence,
            NodeId = s.NodeId,
            NodeName = s.NodeName,
            Kind = s.Kind,
            Actor = s.Actor,
            Outcome = s.Outcome,
            Start = s.Start,
            End = s.End,
            Authority = authority,
            FactorSetName = factors.Name,
            Effort = s.Effort,
            Footprint = s.Footprint,
            Automation = s.Automation,
            Measured = m,
            StandardMinutes = standard,
            StandardSource = standardSource,
            StaffMinutes = staff,
            StaffMinutesBasis = staffBasis,
            Occupation = s.Effort?.Occupation,
            PayLevel = s.Effort?.PayLevel,
            LabourCostEur = labour,
            CpuSeconds = cpu,
            CpuSecondsBasis = cpuBasis,
            Inferences = inferences,
            InferencesBasis = inferenceBasis,
            Carbon = ComponentFigures.Of((CarbonComponents.Workplace, workplace), (CarbonComponents.Devices, devices), (CarbonComponents.Compute, compute),
                (CarbonComponents.AiInference, aiFigure), (CarbonComponents.Embodied, embodied), (CarbonComponents.Paper, paper),
                (CarbonComponents.Post, post), (CarbonComponents.CitizenTrips, new ComponentFigure(null, trips.CarbonG))),
            CitizenTrips = trips,
            Deliveries = deliveries,
            TransferGigabytes = m?.TransferGigabytes ?? 0,
            AiTokens = m?.AiTokens ?? 0,
            AiSizeClass = m?.AiTokens > 0 ? m.AiSizeClass : null,
            Factors = used is null ? [] : used,
            Notes = notes is null ? [] : notes,
        };
    }

    /// <summary>The facts a price depends on: identity of the step, its annotations and its measurement.</summary>
    private readonly record struct PricingInput(Guid CaseId, string ProcessId, string DefinitionVersion, int Sequence, string NodeId, string? NodeName,
        NodeKind Kind, ActorKind Actor, StepOutcome Outcome, DateTimeOffset Start, DateTimeOffset End,
        EffortAnnotation? Effort, FootprintAnnotation? Footprint, AutomationAnnotation? Automation, StepMeasurement? Measured);
}
