using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Data;

/// <summary>Prices a write unit's executed tasks into ledger figures that are stored on the step rows they price.</summary>
/// <remarks>
/// A step without a measurement (most automated steps) is priced from its node's annotations and the factors valid on
/// its end day only, so every such step of a node gets the same figures while those factor versions stay valid: they
/// are priced once and reused on the days those versions are valid. A new factor set (an admin added a version) is a new
/// key, so no figure outlives the factors it came from.
/// </remarks>
internal sealed class LedgerWriter
{
    // Bounded: past this many (node, outcome, factor set …) combinations it starts again rather than grow.
    private const int MaxReused = 4096;

    private readonly ConcurrentDictionary<UnmeasuredPrice, (StepLedger Figures, DateOnly From, DateOnly To)> reused = new();

    /// <summary>
    /// Adds ledger figures for every priced step of the unit. A step that cannot be priced (no factor for its date) gets
    /// none and is returned (null when every step was priced), so the host reports it; the case itself goes on.
    /// </summary>
    /// <remarks>A called process's steps are booked to the called definition version (resolved through <paramref name="called"/>: the version the step ran on), not to the caller's.</remarks>
    public List<(StepEvent Step, string Reason)>? Price(CaseWrite unit, StoredDefinition caseDefinition, Func<StepEvent, StoredDefinition?> called,
        FactorSet factors, AuthorityType authority)
    {
        List<(StepEvent, string)>? failures = null;
        var authorityName = AuthorityName(authority);
        foreach (var step in unit.Steps)
        {
            if (!LedgerCalculator.IsPricedStep(step.Kind, step.Actor)) continue;
            var definition = step.ProcessId == caseDefinition.Process.Id ? caseDefinition : called(step);
            var node = definition?.Process.FindNode(step.NodeId);
            if (definition is null || node is null)
            {
                (failures ??= []).Add((step, $"node {step.NodeId} of process {step.ProcessId} not found"));
                continue;
            }
            // Only a human step's working time enters the figures; a software step's wall time is its step row's duration.
            StepMeasurement? measured = null;
            string? worker = null;
            if (unit.Measurements.Count > 0 && unit.Measurements.TryGetValue((step.NodeId, step.Start), out measured))
                unit.WorkerKeys.TryGetValue((step.NodeId, step.Start), out worker);
            var key = new UnmeasuredPrice(node, step.Kind, step.Actor, step.Outcome, factors, authority, definition.Id, definition.Version);
            var day = DateOnly.FromDateTime(step.End.UtcDateTime);
            if (measured is null && reused.TryGetValue(key, out var known) && day >= known.From && day <= known.To)
            {
                unit.Ledger[step.Sequence] = known.Figures;
                continue;
            }
            var version = definition.Key;
            LedgerEntry e;
            try
            {
                e = LedgerCalculator.Price(step, node, version, measured, factors, authority);
            }
            catch (AccountingException ex)
            {
                (failures ??= []).Add((step, ex.Message));
                continue;
            }
            var figures = new StepLedger
            {
                DefinitionId = definition.Id,
                DefinitionVersion = version,
                Authority = authorityName,
                FactorSet = e.FactorSetName,
                Factors = FactorIds(e.Factors),
                Occupation = e.Occupation,
                PayLevel = e.PayLevel?.ToString(),
                StandardMinutes = (double)e.StandardMinutes,
                StaffMinutes = (double)e.StaffMinutes,
                StaffMinutesBasis = BasisName(e.StaffMinutesBasis),
                LabourCostEur = (double)e.LabourCostEur,
                CpuSeconds = (double)e.CpuSeconds,
                Inferences = (double)e.Inferences,
                CitizenTrips = (double)e.CitizenTrips.Trips,
                CitizenKm = (double)e.CitizenTrips.Kilometres,
                CitizenMinutes = (double)e.CitizenTrips.CitizenMinutes,
                TransferGb = (double)e.TransferGigabytes,
                EmailsSent = (double)e.Deliveries.EmailsSent,
                LettersAvoided = (double)e.Deliveries.LettersAvoided,
                PdfPages = (double)e.Deliveries.PdfPages,
                AvoidedPostG = (double)e.Deliveries.AvoidedPostG,
                AiTokens = (double)e.AiTokens,
                AiSizeClass = e.AiSizeClass,
                WorkerKey = e.StaffMinutesBasis == QuantityBasis.Measured ? worker : null,
            };
            LedgerColumns.SetComponents(figures, e.Carbon);
            unit.Ledger[step.Sequence] = figures;
            if (measured is null) Reuse(key, figures, e.Factors);
        }
        return failures;
    }

    /// <summary>Keeps unmeasured figures for the days on which every factor version they used is valid.</summary>
    private void Reuse(UnmeasuredPrice key, StepLedger figures, IReadOnlyList<FactorVersion> used)
    {
        var from = DateOnly.MinValue;
        var to = DateOnly.MaxValue;
        foreach (var f in used)
        {
            if (f.ValidFrom > from) from = f.ValidFrom;
            if (f.ValidTo is { } end && end < to) to = end;
        }
        if (reused.Count >= MaxReused) reused.Clear();
        reused[key] = (figures, from, to);
    }

    /// <summary>
    /// What an unmeasured step's figures depend on besides its end day. Node and factor set by reference: a node
    /// belongs to one parsed definition, and a factor set never changes (adding a version makes a new one).
    /// </summary>
    private readonly struct UnmeasuredPrice(FlowNode node, NodeKind kind, ActorKind actor, StepOutcome outcome, FactorSet factors,
        AuthorityType authority, long definitionId, int definitionVersion) : IEquatable<UnmeasuredPrice>
    {
        private readonly FlowNode node = node;
        private readonly FactorSet factors = factors;
        private readonly long definitionId = definitionId;
        private readonly int definitionVersion = definitionVersion;
        private readonly NodeKind kind = kind;
        private readonly ActorKind actor = actor;
        private readonly StepOutcome outcome = outcome;
        private readonly AuthorityType authority = authority;

        public bool Equals(UnmeasuredPrice other) =>
            ReferenceEquals(node, other.node) && ReferenceEquals(factors, other.factors) && definitionId == other.definitionId
            && definitionVersion == other.definitionVersion && kind == other.kind && actor == other.actor && outcome == other.outcome
            && authority == other.authority;

        public override bool Equals(object? obj) => obj is UnmeasuredPrice other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(node), RuntimeHelpers.GetHashCode(factors), definitionId,
            definitionVersion, kind, actor, outcome, authority);
    }

    // Every priced step of every case passes here: names without Enum.ToString's lookup, no LINQ for the usual empty list.
    private static string AuthorityName(AuthorityType authority) => authority switch
    {
        AuthorityType.Bund => nameof(AuthorityType.Bund),
        AuthorityType.Land => nameof(AuthorityType.Land),
        AuthorityType.Kommune => nameof(AuthorityType.Kommune),
        AuthorityType.Sozialversicherung => nameof(AuthorityType.Sozialversicherung),
        _ => authority.ToString(),
    };

    private static string BasisName(QuantityBasis basis) => basis switch
    {
        QuantityBasis.Measured => nameof(QuantityBasis.Measured),
        QuantityBasis.Standard => nameof(QuantityBasis.Standard),
        QuantityBasis.None => nameof(QuantityBasis.None),
        _ => basis.ToString(),
    };

    private static string FactorIds(IReadOnlyList<FactorVersion> factors) => factors.Count switch
    {
        0 => "",
        1 => factors[0].Id,
        _ => string.Join(',', factors.Select(f => f.Id)),
    };
}
