using System.Globalization;
using Automation.Engine.Model;

namespace Automation.Engine.Accounting;

/// <summary>
/// Checks, before cases run, that the ledger can price every step of a definition with a factor set: errors for
/// what would make pricing fail (an undefined Zeitwerttabelle cell, incomplete <c>am:effort</c>, a missing factor),
/// warnings where a figure would be zero for want of an annotation. Meant for publishing and for
/// <c>automation run --ledger</c>; the reader already refuses unknown activities, complexities and pay levels.
/// </summary>
public static class PricingCheck
{
    /// <summary>Error: the Zeitwerttabelle has no value ("–") for the step's activity and complexity.</summary>
    public const string ZeitwertUndefined = "ledger-zeitwert-undefined";

    /// <summary>Error: <c>am:effort</c> has neither activity and complexity nor minutes.</summary>
    public const string EffortIncomplete = "ledger-effort-incomplete";

    /// <summary>Error: a factor the ledger needs has no version valid at the checked instant.</summary>
    public const string FactorMissing = "ledger-factor-missing";

    /// <summary>Warning: a human step without <c>am:effort</c> gets standard time 0 (basis none).</summary>
    public const string EffortMissing = "ledger-effort-missing";

    /// <summary>Warning: a human step without pay level is priced with the average column.</summary>
    public const string PayLevelMissing = "ledger-pay-level-missing";

    /// <summary>Warning: an automated step without <c>cpuSeconds</c> gets compute 0 unless the host measures it.</summary>
    public const string CpuSecondsMissing = "ledger-cpu-seconds-missing";

    /// <summary>Warning: an AI-assisted step without <c>inferences</c> gets AI inference 0 unless the host measures it.</summary>
    public const string InferencesMissing = "ledger-inferences-missing";

    /// <summary>Warning: effort or footprint on an event, gateway or container, which get no ledger entry.</summary>
    public const string NotPriced = "ledger-not-priced";

    private static readonly string[] RequiredKeys =
    [
        FactorKeys.GridIntensity, FactorKeys.WorkplaceEnergy, FactorKeys.VcpuMinWatts, FactorKeys.VcpuMaxWatts, FactorKeys.Utilisation,
        FactorKeys.Pue, FactorKeys.MemoryEnergy, FactorKeys.TransferEnergy, FactorKeys.AiInference, .. FactorKeys.AiSizeClasses.Select(FactorKeys.AiTokens),
        FactorKeys.EmbodiedTotal,
        FactorKeys.EmbodiedLifetime, FactorKeys.EmbodiedShare, FactorKeys.PaperPage, FactorKeys.PostLetter, FactorKeys.TripCar,
        FactorKeys.TripPublicTransport, FactorKeys.TripDistance, FactorKeys.TripShareCar, FactorKeys.TripSharePublicTransport, FactorKeys.TripMinutes,
        .. FactorKeys.DeviceTypes.SelectMany(d => new[] { FactorKeys.DeviceEmbodied(d), FactorKeys.DeviceLifetime(d), FactorKeys.DeviceHours(d), FactorKeys.DeviceCount(d) }),
    ];

    /// <summary>Checks the nodes of <paramref name="processes"/> against <paramref name="factors"/> as valid at <paramref name="at"/>.</summary>
    public static IReadOnlyList<Diagnostic> Check(IEnumerable<ProcessDefinition> processes, FactorSet factors, AuthorityType authority, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(factors);
        var diagnostics = new List<Diagnostic>();
        foreach (var key in RequiredKeys.Where(k => factors.Find(k, at) is null))
            diagnostics.Add(Diagnostic.Error(FactorMissing, $"factor set {factors.Name} has no version of {key} valid on {Day(at)}") with { Arguments = [factors.Name, key, GermanDay(at)] });
        foreach (var node in processes.SelectMany(p => p.Nodes)) CheckNode(node, factors, authority, at, diagnostics);
        return diagnostics;
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The German text (Texte.Diagnose) names the day as people write it; the technical message keeps ISO.
    private static string GermanDay(DateTimeOffset at) => at.UtcDateTime.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private static void CheckNode(FlowNode node, FactorSet factors, AuthorityType authority, DateTimeOffset at, List<Diagnostic> diagnostics)
    {
        // The arguments fill the German text of the code (Texte.resx Diagnose_ledger-…); without any, the step's name.
        void Add(DiagnosticSeverity severity, string code, string message, params string[] arguments) =>
            diagnostics.Add(new Diagnostic(severity, code, message, node.Id, node.Position) { Arguments = arguments.Length > 0 ? arguments : [node.Label] });

        if (!LedgerCalculator.IsPricedStep(node.Kind, node.ActorKind))
        {
            if (node.Effort is not null || node.Footprint is not null)
                Add(DiagnosticSeverity.Warning, NotPriced, $"am:effort or am:footprint on {node.Kind} {node.Label} is not priced: only tasks get ledger entries");
            return;
        }
        var actor = node.ActorKind;
        if (LedgerCalculator.HasHumanWork(actor, node.Kind, node.Effort is not null))
        {
            if (node.Effort is not { } effort)
                Add(DiagnosticSeverity.Warning, EffortMissing, $"human step {node.Label} has no am:effort: the ledger records standard time 0 (basis none)");
            else
            {
                if (effort.Minutes is null)
                {
                    if (effort is { Activity: { } activity, Complexity: { } complexity })
                    {
                        if (factors.Find(FactorKeys.Zeitwert(activity, complexity), at) is null)
                        {
                            var known = factors.NotDefined.FirstOrDefault(u => u.Key == FactorKeys.Zeitwert(activity, complexity));
                            if (known is null)
                                Add(DiagnosticSeverity.Error, FactorMissing, $"factor set {factors.Name} has no Zeitwert for activity {activity}, {complexity.ToString().ToLowerInvariant()}",
                                    factors.Name, FactorKeys.Zeitwert(activity, complexity), GermanDay(at));
                            else
                                Add(DiagnosticSeverity.Error, ZeitwertUndefined, $"the Zeitwerttabelle has no value ('–') for {known.Label}: choose another complexity or give am:effort minutes", known.Label ?? known.Key, node.Label);
                        }
                    }
                    else Add(DiagnosticSeverity.Error, EffortIncomplete, $"am:effort of {node.Label} needs activity and complexity, or minutes");
                }
                if (effort.PayLevel is null)
                    Add(DiagnosticSeverity.Warning, PayLevelMissing, $"am:effort of {node.Label} has no payLevel: labour cost uses the average column");
                if (factors.Find(FactorKeys.Lohnkosten(authority, effort.PayLevel), at) is null)
                    Add(DiagnosticSeverity.Error, FactorMissing, $"factor set {factors.Name} has no {FactorKeys.Lohnkosten(authority, effort.PayLevel)} valid on {Day(at)}",
                        factors.Name, FactorKeys.Lohnkosten(authority, effort.PayLevel), GermanDay(at));
            }
        }
        // Receive tasks wait for a message; the work is the sender's, so a missing cpuSeconds is expected there.
        if (actor is ActorKind.Automated or ActorKind.AiAssisted && node.Kind != NodeKind.ReceiveTask && node.Automation?.CpuSeconds is null)
            Add(DiagnosticSeverity.Warning, CpuSecondsMissing, $"automated step {node.Label} has no am:automation cpuSeconds: compute 0 unless measured");
        if (actor == ActorKind.AiAssisted && node.Automation?.Inferences is null)
            Add(DiagnosticSeverity.Warning, InferencesMissing, $"AI-assisted step {node.Label} has no am:automation inferences: AI inference 0 unless measured");
    }
}
