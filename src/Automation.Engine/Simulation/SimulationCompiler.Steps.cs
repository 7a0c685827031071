using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;

namespace Automation.Engine.Simulation;

// Steps: the price of each step and its duration sampler.
public static partial class SimulationCompiler
{
    private static StepPlan Plan(Context c, FlowNode node, string? primaryRole, StepChange change, Dictionary<string, (DurationSpec Spec, string Path)> reviews,
        ScenarioFile file, Dictionary<string, int> roleIndex, bool isBaseline)
    {
        var priced = LedgerCalculator.IsPricedStep(node.Kind, node.ActorKind);
        var human = priced && LedgerCalculator.HasHumanWork(node.ActorKind, node.Kind, node.Effort is not null);
        var fixedCost = new double[CostVector.Length];
        var perMinute = new double[CostVector.Length];
        var standard = 0.0;
        if (priced)
        {
            try
            {
                var step = new StepEvent(Guid.Empty, "simulation", 1, node.Id, node.Name, node.Kind, node.ActorKind, c.PricedAt, c.PricedAt, StepOutcome.Completed, null);
                var standardEntry = LedgerCalculator.Price(step, node, "simulation", null, c.Factors, c.Authority);
                standard = (double)standardEntry.StandardMinutes;
                var zero = LedgerCalculator.Price(step, node, "simulation", new StepMeasurement(WorkingMinutes: 0m), c.Factors, c.Authority);
                Fill(fixedCost, zero, 1);
                if (human)
                {
                    // The ledger is linear in staff minutes: price one hour and take the difference per minute.
                    var hour = LedgerCalculator.Price(step, node, "simulation", new StepMeasurement(WorkingMinutes: 60m), c.Factors, c.Authority);
                    Fill(perMinute, hour, 1.0 / 60);
                    for (var i = 0; i < perMinute.Length; i++) perMinute[i] -= fixedCost[i] / 60;
                    foreach (var note in standardEntry.Notes) c.Assumptions.Add(Texte.Format(Texte.AnnahmeSchrittHinweis, node.Id, note));
                }
            }
            catch (AccountingException e)
            {
                c.Error("definition", node.Id, "step-not-priced", e.Message);
            }
        }
        var takesTime = human || node.Kind is NodeKind.ReceiveTask
            || (node.Kind == NodeKind.IntermediateCatchEvent && node.Trigger is EventTrigger.Message or EventTrigger.Signal);
        var stepSpecs = file.Durations?.Steps;
        DurationSampler? duration = null;
        if (change == StepChange.AiAssisted && reviews.TryGetValue(node.Id, out var review))
        {
            duration = Sampler(c, review.Spec, review.Path, node, standard, isBaseline);
        }
        else if (stepSpecs is not null && stepSpecs.TryGetValue(node.Id, out var own) && change == StepChange.None)
        {
            duration = takesTime ? Sampler(c, own, $"$.durations.steps.{node.Id}", node, standard, isBaseline) : null;
        }
        else if (human)
        {
            duration = Sampler(c, file.Durations?.Default, "$.durations.default", node, standard, isBaseline);
        }
        else if (takesTime && isBaseline)
        {
            c.Assumptions.Add(Texte.Format(Texte.AnnahmeWarten, node.Id));
        }
        if (isBaseline && node.Timer?.Evaluated is not null) c.Assumptions.Add(Texte.Format(Texte.AnnahmeTimerAusdruck, node.Id, node.Timer.Expression));
        var role = primaryRole is not null && roleIndex.TryGetValue(primaryRole, out var r) ? r : -1;
        if (isBaseline && human && node.Kind == NodeKind.UserTask && role < 0)
            c.Assumptions.Add(Texte.Format(Texte.AnnahmeOhneRolle, node.Id));
        if (isBaseline && human && node.Kind is NodeKind.Task or NodeKind.ManualTask)
            c.Assumptions.Add(Texte.Format(node.Kind == NodeKind.ManualTask ? Texte.AnnahmeManuelleAufgabe : Texte.AnnahmeEinfacheAufgabe, node.Id));
        return new StepPlan
        {
            NodeId = node.Id,
            Label = node.Label,
            Kind = node.Kind,
            Actor = node.ActorKind,
            HumanWork = human,
            Priced = priced,
            RoleIndex = human ? role : -1,
            Duration = duration,
            Occupation = node.Effort?.Occupation,
            Roles = node.Roles,
            Change = change,
            FixedCost = fixedCost,
            PerMinuteCost = perMinute,
        };
    }

    private static void Fill(double[] into, LedgerEntry e, double scale)
    {
        into[CostVector.LabourEur] = (double)e.LabourCostEur * scale;
        foreach (var c in CarbonComponents.All) into[CostVector.Carbon(c)] = (double)e.Carbon[c].CarbonG * scale;
    }

    private static DurationSampler? Sampler(Context c, DurationSpec? spec, string path, FlowNode node, double standard, bool isBaseline)
    {
        var basis = spec?.Basis?.Trim();
        var hasNumbers = spec is not null && (spec.Min ?? spec.Mode ?? spec.Max ?? spec.Mean) is not null;
        var measured = c.History.StepMinutes.TryGetValue(node.Id, out var values) && values.Length >= SimulationHistory.MinimumSamples ? values : null;
        if (basis is null)
        {
            basis = hasNumbers ? "explicit" : spec is null && measured is not null ? "history" : "standard";
        }
        var distribution = spec?.Distribution?.Trim() ?? (basis == "history" ? "empirical" : "triangular");
        switch (basis)
        {
            case "history":
                if (measured is null)
                {
                    if (spec is not null && spec.Basis is not null)
                    {
                        c.Error(path + ".basis", node.Id, "history-too-few", SimulationHistory.MinimumSamples);
                        return null;
                    }
                    goto case "standard";
                }
                if (distribution != "empirical")
                {
                    c.Error(path + ".distribution", node.Id, "history-empirical");
                    return null;
                }
                if (values!.Any(v => v < 0 || double.IsNaN(v)))
                {
                    c.Error("history", node.Id, "history-negative");
                    return null;
                }
                if (isBaseline) c.Assumptions.Add(Texte.Format(Texte.AnnahmeHistorie, node.Id, values!.Length) + (c.History.Description is null ? "" : " (" + c.History.Description + ")"));
                return DurationSampler.Empirical(values!, "history");
            case "standard":
                if (standard <= 0)
                {
                    if (isBaseline) c.Assumptions.Add(Texte.Format(Texte.AnnahmeKeineStandardzeit, node.Id));
                    return DurationSampler.Fixed(0, "no standard time");
                }
                var low = spec?.Low ?? 0.8;
                var high = spec?.High ?? 1.5;
                var cv = spec?.Cv ?? 0.5;
                switch (distribution)
                {
                    case "triangular":
                        if (low < 0) c.Error(path + ".low", node.Id, "negative", low);
                        if (low > 1) c.Error(path + ".low", node.Id, "low-above-one", low);
                        if (high < 1) c.Error(path + ".high", node.Id, "high-below-one", high);
                        return low < 0 || low > 1 || high < 1 ? null : DurationSampler.Triangular(standard * low, standard, standard * high, "standard time");
                    case "lognormal":
                        if (cv < 0) c.Error(path + ".cv", node.Id, "negative", cv);
                        return cv < 0 ? null : DurationSampler.Lognormal(standard, cv, "standard time");
                    case "exponential":
                        return DurationSampler.Exponential(standard, "standard time");
                    case "fixed":
                        return DurationSampler.Fixed(standard, "standard time");
                    default:
                        c.Error(path + ".distribution", node.Id, "distribution-not-for-standard", distribution);
                        return null;
                }
            case "explicit":
                return Explicit(c, spec, distribution, path, node.Id);
            default:
                c.Error(path + ".basis", node.Id, "basis-unknown", basis);
                return null;
        }
    }

    private static DurationSampler? Explicit(Context c, DurationSpec? spec, string distribution, string path, string id)
    {
        bool NonNegative(double? v, string field, bool positive = false)
        {
            if (v is null)
            {
                c.Error($"{path}.{field}", id, "distribution-field-missing", field, distribution);
                return false;
            }
            if (v < 0 || (positive && v == 0) || double.IsNaN(v.Value))
            {
                c.Error($"{path}.{field}", id, positive ? "not-positive" : "duration-negative", v.Value);
                return false;
            }
            return true;
        }
        switch (distribution)
        {
            case "fixed":
                return NonNegative(spec?.Mean, "mean") ? DurationSampler.Fixed(spec!.Mean!.Value, "set by hand") : null;
            case "exponential":
                return NonNegative(spec?.Mean, "mean", positive: true) ? DurationSampler.Exponential(spec!.Mean!.Value, "set by hand") : null;
            case "lognormal":
                var okMean = NonNegative(spec?.Mean, "mean", positive: true);
                var cv = spec?.Cv ?? 0.5;
                if (cv < 0) c.Error(path + ".cv", id, "negative", cv);
                return okMean && cv >= 0 ? DurationSampler.Lognormal(spec!.Mean!.Value, cv, "set by hand") : null;
            case "triangular":
                var ok = NonNegative(spec?.Min, "min") & NonNegative(spec?.Mode, "mode") & NonNegative(spec?.Max, "max");
                if (!ok) return null;
                if (!(spec!.Min <= spec.Mode && spec.Mode <= spec.Max))
                {
                    c.Error(path, id, "triangular-order", spec.Min!.Value, spec.Mode!.Value, spec.Max!.Value);
                    return null;
                }
                return DurationSampler.Triangular(spec.Min!.Value, spec.Mode!.Value, spec.Max!.Value, "set by hand");
            default:
                c.Error(path + ".distribution", id, "distribution-unknown", distribution);
                return null;
        }
    }
}
