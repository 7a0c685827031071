using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Server.Connectors;

/// <summary>
/// Publishing's check of steps bound to a registered connector: the version must exist and every required input must
/// be given, as a literal parameter of the binding or as an input parameter; a literal of the wrong type is refused.
/// The findings are worded here (element, label and field in the sentence), so <see cref="Features.Definitions.PublishFindings"/>
/// keeps their message.
/// </summary>
internal sealed class ConnectorPublishCheck(ConnectorRegistry registry, Vorlagen.TemplateLibrary templates)
{
    /// <summary>A required input is given neither as a parameter nor as an input parameter.</summary>
    public const string InputMissing = "connector-input-missing";

    /// <summary>A literal input does not have the field's type.</summary>
    public const string InputInvalid = "connector-input-invalid";

    /// <summary>The topic asks for a version the connector does not have.</summary>
    public const string UnknownVersion = "connector-unknown-version";

    /// <summary>An AI step is not followed by a person's task that checks its proposal.</summary>
    public const string AiWithoutReview = "ai-without-review";

    /// <summary>Whether a code is one of this check's (their message is already the German sentence).</summary>
    public static bool IsOwnCode(string code) =>
        code is InputMissing or InputInvalid or UnknownVersion or AiWithoutReview or Vorlagen.TemplateCheck.UnknownTemplate;

    /// <summary>The findings for every process of a file.</summary>
    public IReadOnlyList<Diagnostic> Check(DefinitionSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var findings = new List<Diagnostic>();
        foreach (var (process, node) in set.Processes.SelectMany(p => p.Nodes.Select(n => (p, n))))
        {
            if (node.Service is not { } binding) continue;
            var lookup = registry.Lookup(binding.ActionName);
            if (!lookup.KnownName) continue;
            var label = node.Name ?? node.Id;
            if (lookup.Name == Ai.AiConnector.ConnectorName && ReviewGap(process, node) is { } next)
            {
                findings.Add(Diagnostic.Error(AiWithoutReview, Texte.Format(Texte.KiOhnePruefung, label, node.Id, next), node.Id, node.Position));
            }
            if (lookup.Connector is not { } connector)
            {
                findings.Add(Diagnostic.Error(UnknownVersion, Texte.Format(Texte.KonnektorVersionUnbekannt, label, node.Id, lookup.Name,
                    lookup.Version, registry.VersionsOf(lookup.Name)), node.Id, node.Position));
                continue;
            }
            foreach (var field in connector.Inputs)
            {
                var parameter = node.InputParameters.FirstOrDefault(p => p.Name == field.Name);
                binding.Parameters.TryGetValue(field.Name, out var literal);
                // An input parameter wins over the binding's literal, as at run time; an expression is checked when it runs.
                var given = parameter is not null ? parameter.Expression is not null ? null : parameter.Literal : literal;
                if (parameter is null && string.IsNullOrEmpty(literal))
                {
                    if (field.Required)
                    {
                        findings.Add(Diagnostic.Error(InputMissing, Texte.Format(Texte.KonnektorSchrittEingabeFehlt, label, node.Id, connector.Label,
                            field.Name, field.Label), node.Id, node.Position));
                    }
                    continue;
                }
                if (string.IsNullOrEmpty(given)) continue;
                if (!ConnectorInputs.TryConvert(field.Type, given, out var value))
                {
                    findings.Add(Diagnostic.Error(InputInvalid, Texte.Format(Texte.KonnektorSchrittEingabeTyp, label, node.Id, field.Name, field.Label,
                        connector.Label, Texte.KonnektorTyp(field.Type.ToString())), node.Id, node.Position));
                }
                else if (field.Rule?.Invoke(value) is { } reason)
                {
                    findings.Add(Diagnostic.Error(InputInvalid, Texte.Format(Texte.KonnektorSchrittEingabeRegel, label, node.Id, field.Name, field.Label,
                        connector.Label, reason), node.Id, node.Position));
                }
            }
        }
        findings.AddRange(Vorlagen.TemplateCheck.Check(set, templates));
        return findings;
    }

    /// <summary>
    /// Names what follows an AI step when that is not a person's task: every outgoing flow must lead straight to a user
    /// task, so the proposal is always checked before it takes effect. § 35a VwVfG allows a fully automated decision
    /// only where a law permits it: that exception is declared in the step's register entry and judged by
    /// <see cref="Features.Register.RegisterRules.ReviewFindings"/>, which publishing applies to this finding. Null when the rule holds.
    /// </summary>
    private static string? ReviewGap(ProcessDefinition process, FlowNode node)
    {
        if (node.Outgoing.Count == 0) return "–";
        foreach (var flowId in node.Outgoing)
        {
            var target = process.FindFlow(flowId) is { } flow ? process.FindNode(flow.TargetId) : null;
            if (target is not { Kind: NodeKind.UserTask }) return target is null ? flowId : $"„{target.Name ?? target.Id}“ ({target.Id})";
        }
        return null;
    }
}
