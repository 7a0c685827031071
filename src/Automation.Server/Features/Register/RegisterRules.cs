using System.Globalization;
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
        ("friaDate", Texte.Get("Registerfeld_friaDate")),
        ("friaVersion", Texte.Get("Registerfeld_friaVersion")),
        ("friaReviewDate", Texte.Get("Registerfeld_friaReviewDate")),
        ("authorityNotifiedOn", Texte.Get("Registerfeld_authorityNotifiedOn")),
        ("dpiaLink", Texte.Get("Registerfeld_dpiaLink")),
        ("annexIiiPoint", Texte.Get("Registerfeld_annexIiiPoint")),
        ("providerEuDbNumber", Texte.Get("Registerfeld_providerEuDbNumber")),
        ("deployerName", Texte.Get("Registerfeld_deployerName")),
        ("deployerAddress", Texte.Get("Registerfeld_deployerAddress")),
        ("affectedInformation", Texte.Get("Registerfeld_affectedInformation")),
        ("logRetentionMonths", Texte.Get("Registerfeld_logRetentionMonths")),
        ("fullAutomationBasis", Texte.Get("Registerfeld_fullAutomationBasis")),
        ("noDiscretionConfirmed", Texte.Get("Registerfeld_noDiscretionConfirmed")),
        ("permittingNorm", Texte.Get("Registerfeld_permittingNorm")),
        ("humanRoute", Texte.Get("Registerfeld_humanRoute")),
        ("responsibleUnit", Texte.Get("Registerfeld_responsibleUnit")),
        ("contact", Texte.Get("Registerfeld_contact")),
    ];

    /// <summary>
    /// Statutes that permit a fully automated administrative act (value → German label): § 35a VwVfG, § 31a SGB X
    /// (social administration), § 155 Abs. 4 AO (tax assessments).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FullAutomationBases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["vwvfg-35a"] = Texte.Get("Vollautomatisierung_vwvfg-35a"),
        ["sgb-x-31a"] = Texte.Get("Vollautomatisierung_sgb-x-31a"),
        ["ao-155-4"] = Texte.Get("Vollautomatisierung_ao-155-4"),
    };

    /// <summary>The points of Annex III of the AI Act (value → German label): the areas in which a system is high-risk (Art. 6(2)).</summary>
    public static readonly IReadOnlyDictionary<string, string> AnnexIiiPoints = AnnexIii();

    private static Dictionary<string, string> AnnexIii()
    {
        // Annex III points 1 to 8 with their lettered sub-points; point 2 has none.
        (int Point, string Letters)[] points = [(1, "abc"), (2, ""), (3, "abcd"), (4, "ab"), (5, "abcd"), (6, "abcde"), (7, "abcd"), (8, "ab")];
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (point, letters) in points)
        {
            var area = Texte.Get("AnhangIII_" + point.ToString(CultureInfo.InvariantCulture));
            if (letters.Length == 0) result[point.ToString(CultureInfo.InvariantCulture)] = Texte.Format(Texte.Get("AnhangIII_Nummer"), point, area);
            foreach (var letter in letters)
            {
                result[string.Create(CultureInfo.InvariantCulture, $"{point}{letter}")] = Texte.Format(Texte.Get("AnhangIII_Buchstabe"), point, letter, area);
            }
        }
        return result;
    }

    /// <summary>Fields with a help text (Texte.resx <c>Registerhilfe_{field}</c>).</summary>
    public static readonly IReadOnlySet<string> HintFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "purpose", "legalBasis", "fullAutomationPermitted", "humanOversight", "affectedGroups", "dataUsed", "riskClass", "responsibleUnit", "contact",
        "friaDate", "friaVersion", "friaReviewDate", "authorityNotifiedOn", "dpiaLink", "annexIiiPoint", "providerEuDbNumber", "deployerName",
        "deployerAddress", "affectedInformation", "logRetentionMonths", "fullAutomationBasis", "noDiscretionConfirmed", "permittingNorm", "humanRoute",
    };

    /// <summary>The allowed values of a choice field, or null for other fields.</summary>
    public static IReadOnlyDictionary<string, string>? Choices(string field) => field switch
    {
        "automationLevel" => AutomationLevels,
        "riskClass" => RiskClasses,
        "fullAutomationBasis" => FullAutomationBases,
        "annexIiiPoint" => AnnexIiiPoints,
        _ => null,
    };

    /// <summary>Fewest months a high-risk system's logs are kept (Art. 26(6) AI Act).</summary>
    public const int MinLogRetentionMonthsHighRisk = 6;

    /// <summary>Fields that stay off the public register: compliance records between the authority and its supervisors.</summary>
    public static readonly IReadOnlySet<string> InternalFields = new HashSet<string>(StringComparer.Ordinal) { "authorityNotifiedOn", "dpiaLink" };

    /// <summary>
    /// The review rule after AI steps (issue 20, item 6): of the connector check's <c>ai-without-review</c> findings,
    /// those whose step's entry (<paramref name="entryOf"/>: process and element id → entry) declares a complete fully
    /// automated act (<see cref="FullAutomationGaps"/> empty) are dropped; an incomplete declaration keeps the finding
    /// and names what is missing. Other findings are not returned.
    /// </summary>
    public static IReadOnlyList<Diagnostic> ReviewFindings(IEnumerable<Diagnostic> findings, IReadOnlyList<ProcessDefinition> processes,
        Func<ProcessDefinition, string, RegisterEntryRecord?> entryOf)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(entryOf);
        var result = new List<Diagnostic>();
        foreach (var d in findings.Where(d => d.Code == Automation.Server.Connectors.ConnectorPublishCheck.AiWithoutReview))
        {
            var process = d.ElementId is { } id ? processes.FirstOrDefault(p => p.FindNode(id) is not null) : null;
            var gaps = process is null ? null : FullAutomationGaps(entryOf(process, d.ElementId!));
            if (gaps is { Count: 0 }) continue;
            result.Add(gaps is null ? d : d with
            {
                Message = d.Message + " " + Texte.Format(Texte.Get("RegisterKiVollautomatisierungLuecken"), string.Join(", ", gaps.Select(Label))),
            });
        }
        return result;
    }

    /// <summary>
    /// Whether a step is an AI step for the register: bound to the <c>ai</c> connector or annotated as AI-assisted. Only
    /// AI steps must give the AI Act fields; for other steps they are optional, so existing entries stay complete.
    /// </summary>
    public static bool IsAiStep(FlowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ActorKind == ActorKind.AiAssisted || Automation.Server.Connectors.Ai.AiConnector.Calls(node);
    }

    /// <summary>
    /// What a declaration of a fully automated administrative act still lacks (API names): null when the entry declares
    /// none (no automated decision, no statute chosen, nothing confirmed), empty when it is complete — level
    /// "automated-decision", permitted by a statute chosen from <see cref="FullAutomationBases"/>, no discretion or margin
    /// of appreciation confirmed, the permitting norm and the route to a human case worker named. The one rule behind
    /// the register's completeness of AI steps and the exception to the review task after an AI step.
    /// </summary>
    public static IReadOnlyList<string>? FullAutomationGaps(RegisterEntryRecord? e)
    {
        if (e is null || (e.AutomationLevel != "automated-decision" && e.FullAutomationBasis is null && !e.NoDiscretionConfirmed)) return null;
        var missing = new List<string>();
        if (e.AutomationLevel != "automated-decision") missing.Add("automationLevel");
        if (!e.FullAutomationPermitted) missing.Add("fullAutomationPermitted");
        if (e.FullAutomationBasis is null) missing.Add("fullAutomationBasis");
        if (!e.NoDiscretionConfirmed) missing.Add("noDiscretionConfirmed");
        if (string.IsNullOrWhiteSpace(e.PermittingNorm)) missing.Add("permittingNorm");
        if (string.IsNullOrWhiteSpace(e.HumanRoute)) missing.Add("humanRoute");
        return missing;
    }

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
        if (!LedgerCalculator.IsPricedStep(node.Kind, node.ActorKind)) return false;
        if (node.Kind == NodeKind.ReceiveTask && node.Automation is null) return false;
        return node.ActorKind is ActorKind.Automated or ActorKind.AiAssisted
            || node.Automation?.Level is AutomationLevel.Assistive or AutomationLevel.DecisionPreparing;
    }

    /// <summary>Steps of a process that need an entry, in source order.</summary>
    public static IReadOnlyList<FlowNode> StepsOf(ProcessDefinition process) => process.Nodes.Where(RequiresEntry).ToList();

    /// <summary>German label of the actor kind shown in the register.</summary>
    public static string ActorLabel(FlowNode node) => node.ActorKind switch
    {
        ActorKind.AiAssisted or ActorKind.Automated => Texte.Akteur(node.ActorKind),
        _ => Texte.RegisterArtSoftwareunterstuetzt,
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
        if (IsAiStep(node)) MissingAiAct(e, missing);
        Need("responsibleUnit", e?.ResponsibleUnit);
        Need("contact", e?.Contact);
        return missing;
    }

    /// <summary>
    /// The AI Act fields an AI step's entry lacks (docs/register.md, "KI-Verordnung"): every AI step says how affected
    /// persons are informed and get an explanation (Art. 26(11), 50, 86) and how long logs are kept (Art. 26(6)); a
    /// high-risk one (Annex III) adds the impact assessment's date, version and review date and the notification of the
    /// market-surveillance authority (Art. 27(1)–(3)) and the EU-database data of Annex VIII section C (Art. 49(3)); the
    /// link to the data-protection impact assessment is needed only where one exists (Art. 27(4)), so it stays optional.
    /// A declared fully automated act must be complete.
    /// </summary>
    private static void MissingAiAct(RegisterEntryRecord? e, List<string> missing)
    {
        void Need(string field, object? value)
        {
            if (value is null || (value is string text && string.IsNullOrWhiteSpace(text))) missing.Add(field);
        }
        Need("affectedInformation", e?.AffectedInformation);
        Need("logRetentionMonths", e?.LogRetentionMonths);
        if (e?.RiskClass == "high")
        {
            Need("annexIiiPoint", e.AnnexIiiPoint);
            Need("friaDate", e.FriaDate);
            Need("friaVersion", e.FriaVersion);
            Need("friaReviewDate", e.FriaReviewDate);
            Need("authorityNotifiedOn", e.AuthorityNotifiedOn);
            Need("providerEuDbNumber", e.ProviderEuDbNumber);
            Need("deployerName", e.DeployerName);
            Need("deployerAddress", e.DeployerAddress);
        }
        if (FullAutomationGaps(e) is { } gaps) missing.AddRange(gaps.Where(g => !missing.Contains(g)));
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
        ValidateAiAct(body);
    }

    private static void ValidateAiAct(RegisterEntryBody body)
    {
        Choice("fullAutomationBasis", body.FullAutomationBasis, FullAutomationBases);
        Choice("annexIiiPoint", body.AnnexIiiPoint, AnnexIiiPoints);
        var assessed = Date("friaDate", body.FriaDate);
        var review = Date("friaReviewDate", body.FriaReviewDate);
        Date("authorityNotifiedOn", body.AuthorityNotifiedOn);
        if (assessed is { } a && review is { } r && r < a)
        {
            throw new BadInputException("friaReviewDate", Texte.Format(Texte.Get("RegisterPruefdatumVorFolgenabschaetzung"), r, a));
        }
        if (!string.IsNullOrWhiteSpace(body.DpiaLink)
            && (!Uri.TryCreate(body.DpiaLink.Trim(), UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http")))
        {
            throw new BadInputException("dpiaLink", Texte.Format(Texte.Get("RegisterLinkUngueltig"), body.DpiaLink));
        }
        if (body.LogRetentionMonths is { } months)
        {
            if (months is < 1 or > MaxLogRetentionMonths)
            {
                throw new BadInputException("logRetentionMonths", Texte.Format(Texte.Get("RegisterProtokollMonateBereich"), months, MaxLogRetentionMonths));
            }
            if (body.RiskClass?.Trim() == "high" && months < MinLogRetentionMonthsHighRisk)
            {
                throw new BadInputException("logRetentionMonths", Texte.Format(Texte.Get("RegisterProtokollMonateHochrisiko"), months, MinLogRetentionMonthsHighRisk));
            }
        }
    }

    private static void Choice(string field, string? value, IReadOnlyDictionary<string, string> allowed)
    {
        if (!string.IsNullOrWhiteSpace(value) && !allowed.ContainsKey(value.Trim()))
        {
            throw new BadInputException(field, Texte.Format(Texte.Get("RegisterAuswahlUnbekannt"), Label(field), value, string.Join(", ", allowed.Keys)));
        }
    }

    private static DateOnly? Date(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw new BadInputException(field, Texte.Format(Texte.Get("RegisterDatumUngueltig"), Label(field), value));
    }

    /// <summary>Parses a date the validation accepted (yyyy-MM-dd).</summary>
    internal static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>A date as the API and the form carry it.</summary>
    internal static string? FormatDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Most months of log retention accepted (100 years).</summary>
    public const int MaxLogRetentionMonths = 1200;

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
    public string? FriaDate { get; init; }
    public string? FriaVersion { get; init; }
    public string? FriaReviewDate { get; init; }
    public string? AuthorityNotifiedOn { get; init; }
    public string? DpiaLink { get; init; }
    public string? AnnexIiiPoint { get; init; }
    public string? ProviderEuDbNumber { get; init; }
    public string? DeployerName { get; init; }
    public string? DeployerAddress { get; init; }
    public string? AffectedInformation { get; init; }
    public int? LogRetentionMonths { get; init; }
    public string? FullAutomationBasis { get; init; }
    public bool NoDiscretionConfirmed { get; init; }
    public string? PermittingNorm { get; init; }
    public string? HumanRoute { get; init; }
    public string? ResponsibleUnit { get; init; }
    public string? Contact { get; init; }

    /// <summary>The text fields with their API names.</summary>
    public IEnumerable<(string Field, string? Value)> Texts() =>
    [
        ("purpose", Purpose), ("legalBasis", LegalBasis), ("automationLevel", AutomationLevel), ("humanOversight", HumanOversight),
        ("affectedGroups", AffectedGroups), ("dataUsed", DataUsed), ("systemName", SystemName), ("provider", Provider),
        ("riskClass", RiskClass), ("friaProcesses", FriaProcesses), ("friaPeriodFrequency", FriaPeriodFrequency),
        ("friaAffectedCategories", FriaAffectedCategories), ("friaSpecificRisks", FriaSpecificRisks), ("friaOversight", FriaOversight),
        ("friaMeasures", FriaMeasures), ("friaComplaintChannel", FriaComplaintChannel), ("friaDate", FriaDate), ("friaVersion", FriaVersion),
        ("friaReviewDate", FriaReviewDate), ("authorityNotifiedOn", AuthorityNotifiedOn), ("dpiaLink", DpiaLink), ("annexIiiPoint", AnnexIiiPoint),
        ("providerEuDbNumber", ProviderEuDbNumber), ("deployerName", DeployerName), ("deployerAddress", DeployerAddress),
        ("affectedInformation", AffectedInformation), ("fullAutomationBasis", FullAutomationBasis), ("permittingNorm", PermittingNorm),
        ("humanRoute", HumanRoute), ("responsibleUnit", ResponsibleUnit), ("contact", Contact),
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
        r.FriaDate = RegisterRules.ParseDate(FriaDate);
        r.FriaVersion = T(FriaVersion);
        r.FriaReviewDate = RegisterRules.ParseDate(FriaReviewDate);
        r.AuthorityNotifiedOn = RegisterRules.ParseDate(AuthorityNotifiedOn);
        r.DpiaLink = T(DpiaLink);
        r.AnnexIiiPoint = T(AnnexIiiPoint);
        r.ProviderEuDbNumber = T(ProviderEuDbNumber);
        r.DeployerName = T(DeployerName);
        r.DeployerAddress = T(DeployerAddress);
        r.AffectedInformation = T(AffectedInformation);
        r.LogRetentionMonths = LogRetentionMonths;
        r.FullAutomationBasis = T(FullAutomationBasis);
        r.NoDiscretionConfirmed = NoDiscretionConfirmed;
        r.PermittingNorm = T(PermittingNorm);
        r.HumanRoute = T(HumanRoute);
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
        FriaMeasures = r.FriaMeasures, FriaComplaintChannel = r.FriaComplaintChannel, FriaDate = RegisterRules.FormatDate(r.FriaDate),
        FriaVersion = r.FriaVersion, FriaReviewDate = RegisterRules.FormatDate(r.FriaReviewDate),
        AuthorityNotifiedOn = RegisterRules.FormatDate(r.AuthorityNotifiedOn), DpiaLink = r.DpiaLink, AnnexIiiPoint = r.AnnexIiiPoint,
        ProviderEuDbNumber = r.ProviderEuDbNumber, DeployerName = r.DeployerName, DeployerAddress = r.DeployerAddress,
        AffectedInformation = r.AffectedInformation, LogRetentionMonths = r.LogRetentionMonths, FullAutomationBasis = r.FullAutomationBasis,
        NoDiscretionConfirmed = r.NoDiscretionConfirmed, PermittingNorm = r.PermittingNorm, HumanRoute = r.HumanRoute,
        ResponsibleUnit = r.ResponsibleUnit, Contact = r.Contact,
    };
}
