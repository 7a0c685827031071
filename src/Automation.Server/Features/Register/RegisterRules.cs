using Automation.Data.Schema;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Register;

/// <summary>
/// What the transparency register needs: which steps get an entry, the allowed values of the enumerations, which
/// fields an entry must have to count as complete, and the validation of a submitted entry.
/// </summary>
internal static class RegisterRules
{
    /// <summary>Automation levels (value → German label). §35a VwVfG concerns only the automated decision.</summary>
    public static readonly IReadOnlyDictionary<string, string> AutomationLevels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["assistive"] = Texte.Get("Registerstufe_assistive"),
        ["decision-preparing"] = Texte.Get("Registerstufe_decision-preparing"),
        ["automated-processing"] = Texte.Get("Registerstufe_automated-processing"),
        ["automated-decision"] = Texte.Get("Registerstufe_automated-decision"),
    };

    /// <summary>EU AI Act risk classes (value → German label). Prohibited practices (Art. 5) cannot be registered.</summary>
    public static readonly IReadOnlyDictionary<string, string> RiskClasses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["none"] = Texte.Get("Risikoklasse_none"),
        ["minimal"] = Texte.Get("Risikoklasse_minimal"),
        ["limited"] = Texte.Get("Risikoklasse_limited"),
        ["high"] = Texte.Get("Risikoklasse_high"),
    };

    /// <summary>Field name → German label, in form order. Names are the JSON names of the API.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> Fields =
    [
        ("purpose", Texte.Get("Registerfeld_purpose")),
        ("legalBasis", Texte.Get("Registerfeld_legalBasis")),
        ("automationLevel", Texte.Get("Registerfeld_automationLevel")),
        ("fullAutomationPermitted", Texte.Get("Registerfeld_fullAutomationPermitted")),
        ("humanOversight", Texte.Get("Registerfeld_humanOversight")),
        ("affectedGroups", Texte.Get("Registerfeld_affectedGroups")),
        ("dataUsed", Texte.Get("Registerfeld_dataUsed")),
        ("systemName", Texte.Get("Registerfeld_systemName")),
        ("provider", Texte.Get("Registerfeld_provider")),
        ("riskClass", Texte.Get("Registerfeld_riskClass")),
        ("friaProcesses", Texte.Get("Registerfeld_friaProcesses")),
        ("friaPeriodFrequency", Texte.Get("Registerfeld_friaPeriodFrequency")),
        ("friaAffectedCategories", Texte.Get("Registerfeld_friaAffectedCategories")),
        ("friaSpecificRisks", Texte.Get("Registerfeld_friaSpecificRisks")),
        ("friaOversight", Texte.Get("Registerfeld_friaOversight")),
        ("friaMeasures", Texte.Get("Registerfeld_friaMeasures")),
        ("friaComplaintChannel", Texte.Get("Registerfeld_friaComplaintChannel")),
        ("responsibleUnit", Texte.Get("Registerfeld_responsibleUnit")),
        ("contact", Texte.Get("Registerfeld_contact")),
    ];

    /// <summary>The German label of a field name.</summary>
    public static string Label(string field) => Fields.FirstOrDefault(f => f.Field == field).Label ?? field;

    /// <summary>
    /// Whether a node needs a register entry: a priced task (as in the ledger) done by software — actor kind
    /// automated or AI-assisted — or a human task whose <c>am:automation</c> says software assists or prepares the
    /// decision. A receive task without <c>am:automation</c> only waits for a message and needs none.
    /// </summary>
    public static bool RequiresEntry(FlowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!LedgerCalculator.IsPricedStep(node.Kind)) return false;
        if (node.Kind == NodeKind.ReceiveTask && node.Automation is null) return false;
        return node.ActorKind is ActorKind.Automated or ActorKind.AiAssisted
            || node.Automation?.Level is AutomationLevel.Assistive or AutomationLevel.DecisionPreparing;
    }

    /// <summary>Steps of a process that need an entry, in source order.</summary>
    public static IReadOnlyList<FlowNode> StepsOf(ProcessDefinition process) => process.Nodes.Where(RequiresEntry).ToList();

    /// <summary>German label of the actor kind shown in the register.</summary>
    public static string ActorLabel(FlowNode node) => node.ActorKind switch
    {
        ActorKind.AiAssisted => "KI-gestützt",
        ActorKind.Automated => "automatisiert",
        _ => "softwareunterstützt",
    };

    /// <summary>Fields an entry still lacks (API names); all fields when there is no entry.</summary>
    public static IReadOnlyList<string> Missing(RegisterEntryRecord? e, FlowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var missing = new List<string>();
        void Need(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) missing.Add(field);
        }
        Need("purpose", e?.Purpose);
        Need("legalBasis", e?.LegalBasis);
        Need("automationLevel", e?.AutomationLevel);
        if (e?.AutomationLevel == "automated-decision" && !e.FullAutomationPermitted) missing.Add("fullAutomationPermitted");
        Need("humanOversight", e?.HumanOversight);
        Need("affectedGroups", e?.AffectedGroups);
        Need("dataUsed", e?.DataUsed);
        Need("systemName", e?.SystemName);
        Need("provider", e?.Provider);
        Need("riskClass", e?.RiskClass);
        // An AI step must be classified under the AI Act; "kein KI-System" contradicts its am:automation ai="true".
        if (node.ActorKind == ActorKind.AiAssisted && e?.RiskClass == "none") missing.Add("riskClass");
        if (e?.RiskClass == "high")
        {
            Need("friaProcesses", e.FriaProcesses);
            Need("friaPeriodFrequency", e.FriaPeriodFrequency);
            Need("friaAffectedCategories", e.FriaAffectedCategories);
            Need("friaSpecificRisks", e.FriaSpecificRisks);
            Need("friaOversight", e.FriaOversight);
            Need("friaMeasures", e.FriaMeasures);
            Need("friaComplaintChannel", e.FriaComplaintChannel);
        }
        Need("responsibleUnit", e?.ResponsibleUnit);
        Need("contact", e?.Contact);
        return missing;
    }

    /// <summary>
    /// Checks a submitted entry: known enumeration values, the §35a rule, lengths. Throws naming the field;
    /// incomplete entries are allowed (they block publishing, not saving).
    /// </summary>
    /// <exception cref="BadInputException">A value is not allowed.</exception>
    public static void Validate(RegisterEntryBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!string.IsNullOrWhiteSpace(body.AutomationLevel) && !AutomationLevels.ContainsKey(body.AutomationLevel.Trim()))
        {
            throw new BadInputException("automationLevel",
                Texte.Format(Texte.RegisterStufeUnbekannt, body.AutomationLevel, string.Join(", ", AutomationLevels.Keys)));
        }
        if (!string.IsNullOrWhiteSpace(body.RiskClass) && !RiskClasses.ContainsKey(body.RiskClass.Trim()))
        {
            throw new BadInputException("riskClass",
                Texte.Format(Texte.RegisterRisikoklasseUnbekannt, body.RiskClass, string.Join(", ", RiskClasses.Keys)));
        }
        if (body.AutomationLevel?.Trim() == "automated-decision" && !body.FullAutomationPermitted)
        {
            throw new BadInputException("fullAutomationPermitted",
                Texte.RegisterVollautomatisierung);
        }
        foreach (var (field, value) in body.Texts())
        {
            if (value is { Length: > MaxText }) throw new BadInputException(field, Texte.Format(Texte.RegisterTextZuLang, field, MaxText));
        }
    }

    /// <summary>Longest text per field (the column size).</summary>
    public const int MaxText = 1000;
}

/// <summary>A register entry as submitted by the API or the form. Texts are plain text; markup is shown as text.</summary>
internal sealed record RegisterEntryBody
{
    public string? Purpose { get; init; }
    public string? LegalBasis { get; init; }
    public string? AutomationLevel { get; init; }
    public bool FullAutomationPermitted { get; init; }
    public string? HumanOversight { get; init; }
    public string? AffectedGroups { get; init; }
    public string? DataUsed { get; init; }
    public string? SystemName { get; init; }
    public string? Provider { get; init; }
    public string? RiskClass { get; init; }
    public string? FriaProcesses { get; init; }
    public string? FriaPeriodFrequency { get; init; }
    public string? FriaAffectedCategories { get; init; }
    public string? FriaSpecificRisks { get; init; }
    public string? FriaOversight { get; init; }
    public string? FriaMeasures { get; init; }
    public string? FriaComplaintChannel { get; init; }
    public string? ResponsibleUnit { get; init; }
    public string? Contact { get; init; }

    /// <summary>The text fields with their API names.</summary>
    public IEnumerable<(string Field, string? Value)> Texts() =>
    [
        ("purpose", Purpose), ("legalBasis", LegalBasis), ("automationLevel", AutomationLevel), ("humanOversight", HumanOversight),
        ("affectedGroups", AffectedGroups), ("dataUsed", DataUsed), ("systemName", SystemName), ("provider", Provider),
        ("riskClass", RiskClass), ("friaProcesses", FriaProcesses), ("friaPeriodFrequency", FriaPeriodFrequency),
        ("friaAffectedCategories", FriaAffectedCategories), ("friaSpecificRisks", FriaSpecificRisks), ("friaOversight", FriaOversight),
        ("friaMeasures", FriaMeasures), ("friaComplaintChannel", FriaComplaintChannel), ("responsibleUnit", ResponsibleUnit), ("contact", Contact),
    ];

    /// <summary>Copies the values into a record (trimmed; blank becomes null).</summary>
    public void ApplyTo(RegisterEntryRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        static string? T(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        r.Purpose = T(Purpose);
        r.LegalBasis = T(LegalBasis);
        r.AutomationLevel = T(AutomationLevel);
        r.FullAutomationPermitted = FullAutomationPermitted;
        r.HumanOversight = T(HumanOversight);
        r.AffectedGroups = T(AffectedGroups);
        r.DataUsed = T(DataUsed);
        r.SystemName = T(SystemName);
        r.Provider = T(Provider);
        r.RiskClass = T(RiskClass);
        r.FriaProcesses = T(FriaProcesses);
        r.FriaPeriodFrequency = T(FriaPeriodFrequency);
        r.FriaAffectedCategories = T(FriaAffectedCategories);
        r.FriaSpecificRisks = T(FriaSpecificRisks);
        r.FriaOversight = T(FriaOversight);
        r.FriaMeasures = T(FriaMeasures);
        r.FriaComplaintChannel = T(FriaComplaintChannel);
        r.ResponsibleUnit = T(ResponsibleUnit);
        r.Contact = T(Contact);
    }

    /// <summary>The values of a stored record.</summary>
    public static RegisterEntryBody From(RegisterEntryRecord? r) => r is null ? new RegisterEntryBody() : new RegisterEntryBody
    {
        Purpose = r.Purpose, LegalBasis = r.LegalBasis, AutomationLevel = r.AutomationLevel, FullAutomationPermitted = r.FullAutomationPermitted,
        HumanOversight = r.HumanOversight, AffectedGroups = r.AffectedGroups, DataUsed = r.DataUsed, SystemName = r.SystemName,
        Provider = r.Provider, RiskClass = r.RiskClass, FriaProcesses = r.FriaProcesses, FriaPeriodFrequency = r.FriaPeriodFrequency,
        FriaAffectedCategories = r.FriaAffectedCategories, FriaSpecificRisks = r.FriaSpecificRisks, FriaOversight = r.FriaOversight,
        FriaMeasures = r.FriaMeasures, FriaComplaintChannel = r.FriaComplaintChannel, ResponsibleUnit = r.ResponsibleUnit, Contact = r.Contact,
    };
}
