using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Workforce.Impact;

/// <summary>Ledger sums of one step of one definition version over the version's completed cases (after the privacy gate).</summary>
/// <param name="NodeId">Step id.</param>
/// <param name="NodeName">Step name.</param>
/// <param name="Actor">Human, Automated or AiAssisted (the most frequent actor of the step's rows).</param>
/// <param name="Occupation">KldB code recorded on the rows, if any.</param>
/// <param name="Roles">Roles that perform the step according to the definition (lanes, potentialOwner, candidateGroups, am:role).</param>
/// <param name="Cases">Completed cases with the step.</param>
/// <param name="StaffMinutes">Staff minutes (measured where the gate released them, else standard).</param>
/// <param name="LabourCostEur">Labour cost.</param>
/// <param name="SciG">gCO2e inside the SCI boundary (the inside components of CarbonComponents, devices included).</param>
/// <param name="PaperG">gCO2e of paper, reported beside the SCI.</param>
/// <param name="PostG">gCO2e of post, reported beside the SCI.</param>
/// <param name="CitizenG">gCO2e of citizens' trips, outside the authority's inventory.</param>
public sealed record StepTotals(string NodeId, string? NodeName, string Actor, string? Occupation, IReadOnlyList<string> Roles, int Cases,
    double StaffMinutes, double LabourCostEur, double SciG, double PaperG, double PostG, double CitizenG)
{
    /// <summary>Whether people did the step.</summary>
    public bool Staffed => Actor == "Human" || StaffMinutes > 0;
}

/// <summary>Per-case means of a version: sums over its completed cases ÷ their number.</summary>
/// <param name="StaffHours">Staff hours per case.</param>
/// <param name="LabourCostEur">Labour cost per case.</param>
/// <param name="SciG">SCI per case (R = one completed case), gCO2e.</param>
/// <param name="PaperG">Paper per case, gCO2e (beside the SCI).</param>
/// <param name="PostG">Post per case, gCO2e (beside the SCI).</param>
/// <param name="CitizenG">Citizens' trips per case, gCO2e (outside the inventory).</param>
public sealed record PerCaseFigures(double StaffHours, double LabourCostEur, double SciG, double PaperG, double PostG, double CitizenG);

/// <summary>
/// One definition version in the report period: its completed cases (the basis of every per-case figure) and, counted
/// apart, its cases that ended otherwise (terminated, cancelled), with the step sums over the completed cases.
/// </summary>
/// <param name="DefinitionId">Definition row id.</param>
/// <param name="ProcessId">Process the version belongs to.</param>
/// <param name="Version">Version number.</param>
/// <param name="CompletedCases">Completed cases that ended in the period.</param>
/// <param name="OtherEndedCases">Cases that ended otherwise in the period (not in any per-case figure).</param>
/// <param name="Steps">Per step, over the completed cases.</param>
/// <param name="Notes">Why standard time stands in for measured time, where it does (privacy gate).</param>
/// <param name="ProcessName">The version's process name (its BPMN name); the id stands in when it has none.</param>
public sealed record VersionTotals(long DefinitionId, string ProcessId, int Version, int CompletedCases, int OtherEndedCases,
    IReadOnlyList<StepTotals> Steps, IReadOnlyList<string> Notes, string? ProcessName = null)
{
    /// <summary>"Anwohnerparkausweis Version 2": readers know processes by name, not by id.</summary>
    public string Label => Texte.Format(Texte.VergleichVersion, ProcessDefinition.LabelOf(ProcessId, ProcessName), Version);

    /// <summary>Per-case means, or null when the version has too few completed cases for a mean (<see cref="Withheld"/> says why).</summary>
    public PerCaseFigures? PerCase => !PrivacyGate.ReleasesCaseGroup(CompletedCases) ? null : new PerCaseFigures(
        Steps.Sum(s => s.StaffMinutes) / 60.0 / CompletedCases, Steps.Sum(s => s.LabourCostEur) / CompletedCases, Steps.Sum(s => s.SciG) / CompletedCases,
        Steps.Sum(s => s.PaperG) / CompletedCases, Steps.Sum(s => s.PostG) / CompletedCases, Steps.Sum(s => s.CitizenG) / CompletedCases);

    /// <summary>Why the version shows no per-case figure; null when it does.</summary>
    public string? Withheld => PrivacyGate.ReleasesCaseGroup(CompletedCases) ? null
        : Texte.Format(Texte.VergleichZuWenige, PrivacyGate.MinCases);
}

/// <summary>How a step changed between two versions.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StepChangeKind>))]
public enum StepChangeKind
{
    /// <summary>Done by staff before, by software (automated or AI-assisted) after.</summary>
    Automated,
    /// <summary>In the version before only.</summary>
    Removed,
    /// <summary>In the version after only.</summary>
    Added,
    /// <summary>Fewer staff minutes per case.</summary>
    Less,
    /// <summary>More staff minutes per case.</summary>
    More,
}

/// <summary>A step whose staff time per case changed between two versions of a process.</summary>
/// <param name="NodeId">Step id.</param>
/// <param name="NodeName">Step name.</param>
/// <param name="Kind">What changed.</param>
/// <param name="ActorBefore">Actor before (null when new).</param>
/// <param name="ActorAfter">Actor after (null when removed).</param>
/// <param name="MinutesBefore">Staff minutes per completed case before.</param>
/// <param name="MinutesAfter">Staff minutes per completed case after.</param>
/// <param name="Occupation">KldB code of the step.</param>
/// <param name="Roles">Roles of the step (after, or before when removed).</param>
public sealed record StepChange(string NodeId, string? NodeName, StepChangeKind Kind, string? ActorBefore, string? ActorAfter, double MinutesBefore,
    double MinutesAfter, string? Occupation, IReadOnlyList<string> Roles)
{
    /// <summary>Whether the change creates work for staff (a new step people do): a staffing need automation creates.</summary>
    public bool NewWorkForStaff => Kind == StepChangeKind.Added && (ActorAfter == "Human" || MinutesAfter > 0);

    /// <summary>The change in German.</summary>
    public string Describe()
    {
        var name = NodeName ?? NodeId;
        return Kind switch
        {
            StepChangeKind.Automated => Texte.Format(Texte.AenderungAutomatisiert, name, Texte.Akteur(ActorAfter ?? "Automated"), MinutesBefore, MinutesAfter),
            StepChangeKind.Removed => Texte.Format(Texte.AenderungEntfaellt, name, MinutesBefore),
            StepChangeKind.Added => Texte.Format(NewWorkForStaff ? Texte.AenderungNeuBeschaeftigte : Texte.AenderungNeu, name, MinutesAfter),
            _ => Texte.Format(ActorAfter == "Human" ? Texte.AenderungWeiterhinBeschaeftigte : Texte.AenderungWeiterhinMaschinell, name, MinutesBefore, MinutesAfter),
        };
    }
}

/// <summary>A step that moved from staff to software between two versions, with its carbon figures.</summary>
/// <param name="Impact">The labour figures.</param>
/// <param name="ActorAfter">Automated or AiAssisted.</param>
/// <param name="SciPerCaseBefore">SCI of the step per case before, gCO2e.</param>
/// <param name="SciPerCaseAfter">SCI of the step per case after, gCO2e.</param>
/// <param name="PaperPostPerCaseBefore">Paper and post of the step per case before, gCO2e (beside the SCI).</param>
/// <param name="PaperPostPerCaseAfter">Paper and post of the step per case after, gCO2e.</param>
public sealed record AutomatedStep(StepImpactInput Impact, string ActorAfter, double SciPerCaseBefore, double SciPerCaseAfter,
    double PaperPostPerCaseBefore, double PaperPostPerCaseAfter)
{
    /// <summary>Net SCI balance per year in kg (negative = saving).</summary>
    public double NetSciKgPerYear => (SciPerCaseAfter - SciPerCaseBefore) * Impact.CasesPerYear / 1000.0;

    /// <summary>Net paper and post per year in kg (negative = saving), beside the SCI.</summary>
    public double NetPaperPostKgPerYear => (PaperPostPerCaseAfter - PaperPostPerCaseBefore) * Impact.CasesPerYear / 1000.0;
}

/// <summary>Before and after: two versions of one process, each with enough completed cases.</summary>
/// <param name="Before">Version before.</param>
/// <param name="After">Version after.</param>
/// <param name="Automated">Steps automated, with their labour and carbon figures.</param>
/// <param name="Changes">Every step whose staff time per case changed.</param>
public sealed record ProcessComparison(VersionTotals Before, VersionTotals After, IReadOnlyList<AutomatedStep> Automated, IReadOnlyList<StepChange> Changes)
{
    /// <summary>
    /// What changed, in one German sentence. "Kein Schritt automatisiert" is said only when staff time per case did
    /// not fall; a reduction is always explained by the steps that changed.
    /// </summary>
    public string Summary
    {
        get
        {
            var before = Before.PerCase!.StaffHours * 60;
            var after = After.PerCase!.StaffHours * 60;
            var delta = Texte.Format(Texte.VergleichPersonalzeit, before, after);
            var others = Changes.Where(c => c.Kind != StepChangeKind.Automated).Select(c => c.Describe()).ToList();
            if (Automated.Count > 0)
            {
                var automated = string.Join(", ", Changes.Where(c => c.Kind == StepChangeKind.Automated).Select(c => c.Describe()));
                return Texte.Format(others.Count > 0 ? Texte.VergleichAutomatisiertAusserdem : Texte.VergleichAutomatisiert, delta, automated, string.Join(", ", others));
            }
            if (others.Count > 0)
            {
                return Texte.Format(after < before ? Texte.VergleichWenigerOhneAutomatisierung : Texte.VergleichNichtAutomatisiert, delta, string.Join(", ", others));
            }
            return after < before
                ? Texte.Format(Texte.VergleichKleineAenderung, delta, MinimumChangeMinutes)
                : Texte.Format(Texte.VergleichKeinSchritt, delta);
        }
    }

    /// <summary>Smallest change of staff minutes per case listed as a change.</summary>
    public const double MinimumChangeMinutes = 0.05;
}

/// <summary>A process in the report: its versions in the period, who calls it, and before/after when two versions allow it.</summary>
/// <param name="ProcessId">Process.</param>
/// <param name="Name">Name of the newest version.</param>
/// <param name="CalledBy">Ids of the processes that call it (call activities): its steps are its own, not the callers'.</param>
/// <param name="Versions">Its versions with ended cases in the period, oldest first.</param>
/// <param name="CasesPerYear">Completed cases per year the savings apply to.</param>
/// <param name="Comparison">Before/after, or null (<see cref="NoComparison"/> says why).</param>
/// <param name="NoComparison">Why there is no before/after.</param>
/// <param name="CalledByNames">Names of the calling processes, as readers know them; the ids stand in when not given.</param>
public sealed record ProcessSection(string ProcessId, string? Name, IReadOnlyList<string> CalledBy, IReadOnlyList<VersionTotals> Versions, double CasesPerYear,
    ProcessComparison? Comparison, string? NoComparison, IReadOnlyList<string>? CalledByNames = null)
{
    /// <summary>The process as readers know it: its name, else its id.</summary>
    public string Label => ProcessDefinition.LabelOf(ProcessId, Name);

    /// <summary>"aufgerufen von Anwohnerparkausweis, …" or null.</summary>
    public string? CalledByText => CalledBy.Count == 0 ? null : Texte.Format(Texte.AufgerufenVon, string.Join(", ", CalledByNames ?? CalledBy));
}

/// <summary>Compares the versions of one process.</summary>
public static class LedgerComparison
{
    /// <summary>
    /// Before = the oldest, after = the newest version of the process with at least <see cref="PrivacyGate.MinCases"/>
    /// completed cases in the period; never two different processes (each call is given one process's versions).
    /// Minutes saved per case = staff minutes of the step per completed case before − after. Steps with fewer cases
    /// than a mean needs give no figure.
    /// </summary>
    /// <param name="processId">The process.</param>
    /// <param name="name">Its name (newest version's).</param>
    /// <param name="calledBy">Ids of the processes that call it.</param>
    /// <param name="versions">Its versions in the period.</param>
    /// <param name="casesPerYear">Completed cases per year the savings apply to.</param>
    /// <param name="calledByNames">Names of those callers, in the same order; the ids stand in when not given.</param>
    public static ProcessSection Section(string processId, string? name, IReadOnlyList<string> calledBy, IReadOnlyList<VersionTotals> versions, double casesPerYear,
        IReadOnlyList<string>? calledByNames = null)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Any(v => v.ProcessId != processId)) throw new ArgumentException("Versions of another process.", nameof(versions));
        var ordered = versions.OrderBy(v => v.Version).ToList();
        var eligible = ordered.Where(v => v.PerCase is not null).ToList();
        string? reason = null;
        if (ordered.Count < 2)
        {
            reason = ordered.Count == 0 ? Texte.VergleichKeineVorgaenge
                : Texte.Format(Texte.VergleichNurEineVersion, ordered[0].Label);
        }
        else if (eligible.Count < 2)
        {
            reason = Texte.Format(Texte.VergleichZuWenigeVersionen, PrivacyGate.MinCases, string.Join(", ", ordered.Where(v => v.PerCase is null).Select(v => v.Label)));
        }
        var comparison = reason is null ? Compare(eligible[0], eligible[^1], casesPerYear) : null;
        return new ProcessSection(processId, name, calledBy, ordered, casesPerYear, comparison, reason, calledByNames);
    }

    /// <summary>Before/after of two versions of the same process, each with enough completed cases.</summary>
    /// <exception cref="ArgumentException">Different processes, or a version without enough completed cases.</exception>
    public static ProcessComparison Compare(VersionTotals before, VersionTotals after, double casesPerYear)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.ProcessId != after.ProcessId) throw new ArgumentException("Before and after belong to different processes.", nameof(after));
        if (before.PerCase is null || after.PerCase is null) throw new ArgumentException("A version has too few completed cases.", nameof(before));
        var b = before.Steps.ToDictionary(s => s.NodeId, StringComparer.Ordinal);
        var a = after.Steps.ToDictionary(s => s.NodeId, StringComparer.Ordinal);
        var automated = new List<AutomatedStep>();
        var changes = new List<StepChange>();
        foreach (var node in b.Keys.Union(a.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var x = b.GetValueOrDefault(node);
            var y = a.GetValueOrDefault(node);
            // A step's mean needs enough cases on each side it occurs on.
            if ((x is not null && !PrivacyGate.ReleasesCaseGroup(x.Cases)) || (y is not null && !PrivacyGate.ReleasesCaseGroup(y.Cases))) continue;
            var mb = x is null ? 0 : x.StaffMinutes / before.CompletedCases;
            var ma = y is null ? 0 : y.StaffMinutes / after.CompletedCases;
            StepChangeKind? kind = null;
            if (x is null) kind = StepChangeKind.Added;
            else if (y is null) kind = StepChangeKind.Removed;
            else if (x.Actor == "Human" && y.Actor != "Human") kind = StepChangeKind.Automated;
            else if (ma < mb - ProcessComparison.MinimumChangeMinutes) kind = StepChangeKind.Less;
            else if (ma > mb + ProcessComparison.MinimumChangeMinutes) kind = StepChangeKind.More;
            if (kind is not { } k) continue;
            var step = (y ?? x)!;
            // A machine step that comes or goes without staff time changes no one's work.
            if (k is StepChangeKind.Added or StepChangeKind.Removed && Math.Abs(ma - mb) < ProcessComparison.MinimumChangeMinutes && !step.Staffed) continue;
            changes.Add(new StepChange(node, x?.NodeName ?? y?.NodeName, k, x?.Actor, y?.Actor, mb, ma, x?.Occupation ?? y?.Occupation, step.Roles));
            if (k != StepChangeKind.Automated) continue;
            var impact = new StepImpactInput(before.ProcessId, node, x!.NodeName ?? y!.NodeName, x.Occupation, x.Roles, mb - ma, casesPerYear, ImpactBasis.Measured,
                Texte.Format(Texte.VergleichGrundlage, before.Label, before.CompletedCases, after.Label, after.CompletedCases), after.ProcessName);
            automated.Add(new AutomatedStep(impact, y!.Actor, x.SciG / before.CompletedCases, y.SciG / after.CompletedCases,
                (x.PaperG + x.PostG) / before.CompletedCases, (y.PaperG + y.PostG) / after.CompletedCases));
        }
        return new ProcessComparison(before, after, automated, changes);
    }

    /// <summary>Completed cases per year: the completed cases of all versions in the period, scaled from its days to a year.</summary>
    public static double CasesPerYear(IEnumerable<VersionTotals> versions, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var days = to.DayNumber - from.DayNumber + 1;
        return days <= 0 ? 0 : versions.Sum(v => v.CompletedCases) * 365.2425 / days;
    }
}
