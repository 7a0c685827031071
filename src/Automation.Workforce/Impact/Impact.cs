using Automation.Engine.Model;
using Automation.Workforce.Occupations;
using Automation.Engine.Texts;

namespace Automation.Workforce.Impact;

/// <summary>Whether an impact figure was measured in the ledger or forecast by a simulation.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ImpactBasis>))]
public enum ImpactBasis
{
    /// <summary>Measured: ledger rows of two definition versions.</summary>
    Measured,
    /// <summary>Forecast: a simulation scenario; always labelled as such.</summary>
    Forecast,
}

/// <summary>
/// One automated step as input to the impact figures. Measured inputs come from <see cref="LedgerComparison"/>; a
/// simulation scenario supplies the same type with <see cref="ImpactBasis.Forecast"/>.
/// </summary>
/// <param name="ProcessId">Process.</param>
/// <param name="NodeId">Step id.</param>
/// <param name="NodeName">Step name.</param>
/// <param name="Occupation">5-digit KldB code of the staff who did the step before, if annotated.</param>
/// <param name="Roles">Roles that performed the step (lanes, potentialOwner, candidateGroups, am:role).</param>
/// <param name="MinutesSavedPerCase">Staff minutes per case before minus after.</param>
/// <param name="CasesPerYear">Cases per year the saving applies to.</param>
/// <param name="Basis">Measured or forecast.</param>
/// <param name="Source">What the figures rest on (versions compared, scenario name).</param>
/// <param name="ProcessName">The process's name; the id stands in when it has none (forecasts stored before names were kept).</param>
public sealed record StepImpactInput(string ProcessId, string NodeId, string? NodeName, string? Occupation, IReadOnlyList<string> Roles,
    double MinutesSavedPerCase, double CasesPerYear, ImpactBasis Basis, string Source, string? ProcessName = null)
{
    /// <summary>"Anwohnerparkausweis/Gebühr prüfen": process and step as readers know them.</summary>
    public string Label => $"{ProcessDefinition.LabelOf(ProcessId, ProcessName)}/{NodeName ?? NodeId}";

    /// <summary>Staff hours freed per year.</summary>
    public double HoursPerYear => MinutesSavedPerCase * CasesPerYear / 60.0;
}

/// <summary>Hours freed for one occupation and basis.</summary>
/// <param name="Occupation">5-digit KldB code, or "unbekannt" where steps carry no occupation.</param>
/// <param name="Title">KldB title.</param>
/// <param name="Level">Requirement level.</param>
/// <param name="Basis">Measured or forecast (never summed together).</param>
/// <param name="HoursPerYear">Staff hours freed per year.</param>
/// <param name="Fte">Full-time equivalents (1,600 h per year).</param>
/// <param name="Roles">Roles affected.</param>
/// <param name="Steps">Steps (process/step) behind the figure.</param>
public sealed record OccupationImpact(string Occupation, string Title, RequirementLevel? Level, ImpactBasis Basis, double HoursPerYear, double Fte,
    IReadOnlyList<string> Roles, IReadOnlyList<string> Steps);

/// <summary>Aggregates step savings into hours and FTE by occupation and requirement level.</summary>
public static class ImpactCalculator
{
    /// <summary>One full-time equivalent: 200 working days × 8 h (Leitfaden Erfüllungsaufwand, Destatis).</summary>
    public const double HoursPerFte = 1600;

    /// <summary>Source of <see cref="HoursPerFte"/>.</summary>
    public static string FteSource => Texte.QuelleVzae;

    /// <summary>Key used for steps without an occupation annotation.</summary>
    public const string UnknownOccupation = "unbekannt";

    /// <summary>Sums steps by occupation and basis; measured and forecast figures stay apart.</summary>
    public static IReadOnlyList<OccupationImpact> ByOccupation(IEnumerable<StepImpactInput> steps, KldbCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(catalog);
        return steps.Where(s => s.MinutesSavedPerCase != 0 && s.CasesPerYear > 0)
            .GroupBy(s => (Occupation: s.Occupation ?? UnknownOccupation, s.Basis))
            .Select(g =>
            {
                var hours = g.Sum(s => s.HoursPerYear);
                return new OccupationImpact(g.Key.Occupation, g.Key.Occupation == UnknownOccupation ? Texte.OhneBerufsangabe : catalog.TitleOf(g.Key.Occupation),
                    KldbCatalog.RequirementLevelOf(g.Key.Occupation), g.Key.Basis, hours, hours / HoursPerFte,
                    g.SelectMany(s => s.Roles).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                    g.Select(s => s.Label).Distinct(StringComparer.Ordinal).ToList());
            })
            .OrderBy(o => o.Basis).ThenBy(o => o.Occupation, StringComparer.Ordinal).ToList();
    }
}
