using System.Globalization;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Reading.Bpmn;
using Automation.Engine.Texts;

namespace Automation.Server.Features.Definitions;

/// <summary>The three answers to "who does this step?" as the upload page offers them (form value → German label).</summary>
internal static class StepKinds
{
    public const string Human = "mensch";
    public const string Automated = "automatisiert";
    public const string AiAssisted = "ki";

    public static readonly IReadOnlyList<(string Value, string Label, ActorKind Actor)> All =
    [
        (Human, Texte.Akteur(ActorKind.Human), ActorKind.Human),
        (Automated, Texte.Akteur(ActorKind.Automated), ActorKind.Automated),
        (AiAssisted, Texte.Akteur(ActorKind.AiAssisted), ActorKind.AiAssisted),
    ];

    public static string Label(string value) => All.First(k => k.Value == value).Label;
}

/// <summary>A standard effort proposed from a step's name: a cell of the Zeitwerttabelle and its minutes.</summary>
/// <param name="Activity">Standard activity (1–17).</param>
/// <param name="Complexity">Assumed complexity.</param>
/// <param name="Label">The cell's label in the factor table (German).</param>
/// <param name="Minutes">Minutes per case from the factor table.</param>
/// <param name="Keyword">The word of the name the proposal rests on.</param>
internal sealed record EffortProposal(int Activity, Complexity Complexity, string Label, decimal Minutes, string Keyword);

/// <summary>A task of a model from another tool that does not say who does it (no <c>am:automation</c>).</summary>
/// <param name="ElementId">Element id.</param>
/// <param name="Name">Name as drawn, if any.</param>
/// <param name="Type">The BPMN element type in German.</param>
/// <param name="Lane">Name of the lane the task is drawn in, if any.</param>
/// <param name="Roles">Roles the engine already reads for it (lanes, candidate groups).</param>
/// <param name="Suggested">Suggested kind (<see cref="StepKinds"/> value).</param>
/// <param name="SuggestedRole">Suggested role: the lane's name, else a role the file gives.</param>
/// <param name="Effort">Proposed standard effort, if the name gives one and the task has none.</param>
internal sealed record UnclearStep(string ElementId, string? Name, string Type, string? Lane, IReadOnlyList<string> Roles, string Suggested,
    string? SuggestedRole, EffortProposal? Effort)
{
    public string Label => string.IsNullOrWhiteSpace(Name) ? ElementId : Name;
}

/// <summary>
/// Finds the steps of an uploaded model whose kind is unclear and proposes kind, role and standard effort. Models from
/// Camunda, Signavio, bpmn.io or Elsa carry no <c>am:</c> annotations; the reader would take their plain and service tasks
/// as software and demand a register entry for each, so the process owner says who does each step before publishing.
/// </summary>
internal static class StepClarification
{
    /// <summary>
    /// Name stem → standard activity of the Zeitwerttabelle, checked in this order (the first match wins, so narrower
    /// words come first). A proposal only; the process owner confirms it per step.
    /// </summary>
    private static readonly IReadOnlyList<(string Stem, int Activity)> Keywords =
    [
        ("rückfrage", 13), ("klären", 13), ("klärung", 13),
        ("korrigier", 7), ("korrektur", 7), ("correct", 7),
        ("inhaltlich", 5), ("erfass", 5), ("scan", 5), ("enter", 5),
        ("prüf", 3), ("sicht", 3), ("kontroll", 3), ("check", 3), ("review", 3),
        ("berechn", 6), ("kalkul", 6), ("calculat", 6),
        ("bescheid", 11), ("genehmig", 11), ("bewillig", 11), ("entscheid", 11), ("approve", 11), ("decide", 11),
        ("zahlung", 12), ("auszahl", 12), ("überweis", 12), ("buchen", 12), ("payment", 12), ("transfer", 12),
        ("eingang", 4), ("nachforder", 4), ("anforder", 4), ("einhol", 4), ("request", 4),
        ("berat", 2), ("gespräch", 2), ("anruf", 2), ("telefon", 2), ("call", 2),
        ("sitzung", 8), ("besprech", 8), ("meeting", 8),
        ("übermittel", 10), ("versend", 10), ("weiterleit", 10), ("veröffentlich", 10), ("send", 10),
        ("archiv", 14), ("ablegen", 14), ("kopier", 14), ("verteil", 14), ("stempel", 14),
        ("überwach", 16), ("aufsicht", 16), ("monitor", 16),
    ];

    /// <summary>Complexity assumed for a proposal: the middle column, neither the quickest nor the rare hard case.</summary>
    public const Complexity AssumedComplexity = Complexity.Medium;

    /// <summary>How the page states where the proposals come from.</summary>
    public static string ProposalSource => Texte.ServerVorschlagQuelle;

    private static readonly Dictionary<NodeKind, string> Types = new()
    {
        [NodeKind.Task] = "Aufgabe (ohne Typ)",
        [NodeKind.UserTask] = "Benutzeraufgabe",
        [NodeKind.ManualTask] = "Manuelle Aufgabe",
        [NodeKind.ServiceTask] = "Serviceaufgabe",
        [NodeKind.ScriptTask] = "Skriptaufgabe",
        [NodeKind.SendTask] = "Sendeaufgabe",
        [NodeKind.BusinessRuleTask] = "Geschäftsregelaufgabe",
    };

    /// <summary>The BPMN steps of a set without a kind annotation, in source order; none for Elsa JSON (it has no <c>am:</c>).</summary>
    public static IReadOnlyList<UnclearStep> Find(DefinitionSet set, FactorSet factors, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(factors);
        if (set.Format != SourceFormat.Bpmn) return [];
        var result = new List<UnclearStep>();
        foreach (var process in set.Processes)
        {
            // Receive tasks only wait for a message: the reader gives them no register duty, so there is nothing to clarify.
            foreach (var node in process.Nodes.Where(n => n.Automation is null && Types.ContainsKey(n.Kind)))
            {
                var lane = process.Lanes.FirstOrDefault(l => l.NodeIds.Contains(node.Id, StringComparer.Ordinal))?.Name;
                var suggested = node.Kind is NodeKind.ServiceTask or NodeKind.ScriptTask or NodeKind.SendTask or NodeKind.BusinessRuleTask
                    ? StepKinds.Automated : StepKinds.Human;
                result.Add(new UnclearStep(node.Id, node.Name, Types[node.Kind], lane, node.Roles, suggested, lane ?? (node.Roles.Count > 0 ? node.Roles[0] : null),
                    node.Effort is null ? Propose(node.Name, factors, at) : null));
            }
        }
        return result;
    }

    /// <summary>The standard effort the name suggests, if a keyword matches and the factor table has the cell.</summary>
    public static EffortProposal? Propose(string? name, FactorSet factors, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(factors);
        if (string.IsNullOrWhiteSpace(name)) return null;
        var text = name.ToLower(CultureInfo.GetCultureInfo("de-DE"));
        foreach (var (stem, activity) in Keywords)
        {
            if (!text.Contains(stem, StringComparison.Ordinal)) continue;
            var cell = factors.FindZeitwert(activity, AssumedComplexity, at);
            return cell is null ? null : new EffortProposal(activity, AssumedComplexity, cell.Label ?? cell.Key, cell.Value, stem);
        }
        return null;
    }
}

/// <summary>One step's answer as the upload form posts it.</summary>
public sealed class StepChoice
{
    /// <summary>Element id of the step.</summary>
    public string? Id { get; set; }

    /// <summary>Kind: a <see cref="StepKinds"/> value.</summary>
    public string? Art { get; set; }

    /// <summary>Role (candidate group); optional where the step already has one.</summary>
    public string? Rolle { get; set; }

    /// <summary>Whether the proposed standard effort is taken.</summary>
    public bool Aufwand { get; set; }
}

/// <summary>Turns posted answers into decisions, trusting nothing the form says beyond the choice itself.</summary>
internal static class StepDecisions
{
    /// <summary>Longest role name accepted.</summary>
    public const int MaxRoleLength = 100;

    /// <summary>
    /// The decisions for the posted answers, checked against the steps found in the kept file again: an id that is not an
    /// unclear step of it, an unknown kind, a duplicate, or a person's step nobody's inbox would receive is refused in German.
    /// The effort written is the server's own proposal for the step, never a figure from the form.
    /// </summary>
    public static (IReadOnlyList<StepDecision> Decisions, string? Problem) From(IReadOnlyList<UnclearStep> unclear, IReadOnlyList<StepChoice>? choices)
    {
        ArgumentNullException.ThrowIfNull(unclear);
        if (choices is not { Count: > 0 }) return ([], Texte.ServerWurdenAngabenSchrittenUebermittelt);
        var steps = unclear.ToDictionary(s => s.ElementId, StringComparer.Ordinal);
        var decisions = new List<StepDecision>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var choice in choices)
        {
            var id = choice.Id?.Trim() ?? "";
            if (!steps.TryGetValue(id, out var step))
                return ([], Texte.Format(Texte.ServerSchrittGibtHochgeladenenDateiSeine, id));
            if (!seen.Add(id)) return ([], Texte.Format(Texte.ServerFuerSchrittWurdeMehrAls, step.Label, id));
            var kind = StepKinds.All.FirstOrDefault(k => k.Value == choice.Art);
            if (kind.Value is null)
                return ([], Texte.Format(Texte.ServerSchrittArtUnbekannt, step.Label, id, choice.Art, string.Join(", ", StepKinds.All.Select(k => k.Label))));
            var role = string.IsNullOrWhiteSpace(choice.Rolle) ? null : choice.Rolle.Trim();
            if (role is { Length: > MaxRoleLength } || (role is not null && role.Any(char.IsControl)))
                return ([], Texte.Format(Texte.ServerRolleSchrittsUngueltigHoechstensZeichen, step.Label, id, MaxRoleLength));
            if (kind.Actor == ActorKind.Human && role is null && step.Roles.Count == 0)
                return ([], Texte.Format(Texte.ServerFuerSchrittFehltRollePerson, step.Label, id));
            var effort = choice.Aufwand && kind.Actor != ActorKind.Automated && step.Effort is { } e ? (e.Activity, e.Complexity) : ((int, Complexity)?)null;
            decisions.Add(new StepDecision(id, kind.Actor, role is not null && !step.Roles.Contains(role, StringComparer.Ordinal) ? role : null, effort));
        }
        return (decisions, null);
    }
}
