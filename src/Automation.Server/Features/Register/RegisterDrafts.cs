using Automation.Data.Schema;
using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Server.Connectors.Ai;

namespace Automation.Server.Features.Register;

/// <summary>
/// The draft a first publication gives an AI step or a business rule task: what the server knows, so the process
/// owner only adds what it cannot know (legal basis, risk class, contact …). A draft is incomplete and blocks publishing
/// through the same gate as any other entry (<see cref="RegisterRules.Missing"/>).
/// </summary>
internal static class RegisterDrafts
{
    /// <summary>Whether a step gets a prefilled draft: an AI step or a business rule task.</summary>
    public static bool Prefilled(FlowNode node) => RegisterRules.IsAiStep(node) || node.Kind == NodeKind.BusinessRuleTask;

    /// <summary>
    /// The prefilled values: the purpose from the step's name; for an AI step the configured model with its size class,
    /// the endpoint's host as provider, "decision-preparing" and the oversight of the review task that follows; for a
    /// business rule task the decision key it calls.
    /// </summary>
    public static RegisterEntryBody Of(ProcessDefinition process, FlowNode node, AiSettings ai)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(ai);
        var body = new RegisterEntryBody { Purpose = node.Name };
        if (node.Kind == NodeKind.BusinessRuleTask)
        {
            return body with { SystemName = node.Decision?.Key is { } key ? Texte.Format(Texte.Get("RegisterEntscheidungSystem"), key) : null };
        }
        var review = Review(process, node);
        return body with
        {
            SystemName = string.IsNullOrWhiteSpace(ai.Model) ? null : Texte.Format(Texte.Get("RegisterKiSystem"), ai.Model, ai.SizeClass),
            Provider = Uri.TryCreate(ai.Endpoint, UriKind.Absolute, out var endpoint) ? Texte.Format(Texte.Get("RegisterKiAnbieter"), endpoint.Host) : null,
            AutomationLevel = review is null ? null : "decision-preparing",
            HumanOversight = review switch
            {
                null => null,
                { Roles.Count: > 0 } task => Texte.Format(Texte.Get("RegisterKiAufsicht"), task.Label, string.Join(", ", task.Roles)),
                var task => Texte.Format(Texte.Get("RegisterKiAufsichtOhneGruppe"), task.Label),
            },
        };
    }

    /// <summary>The user task right after the step (the review the publish check asks for), if every path leads to one.</summary>
    private static FlowNode? Review(ProcessDefinition process, FlowNode node)
    {
        var targets = node.Outgoing.Select(id => process.FindFlow(id) is { } flow ? process.FindNode(flow.TargetId) : null).ToList();
        return targets.Count > 0 && targets.All(t => t is { Kind: NodeKind.UserTask }) ? targets[0] : null;
    }
}
