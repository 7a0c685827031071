using Automation.Engine.Model;
using Automation.Workforce.Occupations;
using Automation.Engine.Texts;

namespace Automation.Workforce.Impact;

/// <summary>
/// A stored forecast: the steps one simulation scenario automated, made AI-assisted or removed, with the staff
/// minutes freed per case and the cases per year of the scenario's arrival rate. Always a forecast, never a
/// measurement: shown in its own section labelled <see cref="Label"/> and never summed with measured figures or
/// with another forecast (two scenarios are alternatives, not additions).
/// </summary>
/// <param name="Id">Row id.</param>
/// <param name="ProcessId">Process simulated.</param>
/// <param name="DefinitionId">Definition version simulated (row id).</param>
/// <param name="DefinitionVersion">Version number of that definition.</param>
/// <param name="Scenario">Name of the scenario in the scenario file.</param>
/// <param name="StudyName">Name of the scenario file (study).</param>
/// <param name="Seed">Seed of the simulation.</param>
/// <param name="Cases">Cases per replication.</param>
/// <param name="Replications">Replications.</param>
/// <param name="CasesPerYear">Cases per year: arrival rate × working days of the calendar.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="CreatedBy">Who stored it.</param>
/// <param name="Steps">The changed steps with <see cref="ImpactBasis.Forecast"/>.</param>
/// <param name="ProcessName">Name of the simulated version's process; the id stands in when it has none.</param>
public sealed record SimulationForecast(long Id, string ProcessId, long DefinitionId, int DefinitionVersion, string Scenario, string StudyName,
    long Seed, int Cases, int Replications, double CasesPerYear, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<StepImpactInput> Steps,
    string? ProcessName = null)
{
    /// <summary>The process as readers know it: its name, else its id.</summary>
    public string ProcessLabel => ProcessDefinition.LabelOf(ProcessId, ProcessName);

    /// <summary>The label every rendering of a stored forecast carries.</summary>
    public static string Label => Texte.PrognoseTitel;

    /// <summary>One line naming what the forecast rests on.</summary>
    public string Description => Texte.Format(Texte.PrognoseBeschreibung, Label, Scenario, StudyName, ProcessLabel, DefinitionVersion, Seed, Cases, Replications,
        CasesPerYear, CreatedAt, CreatedBy);

    /// <summary>Hours and FTE by occupation of this forecast alone.</summary>
    public IReadOnlyList<OccupationImpact> ByOccupation(KldbCatalog catalog) => ImpactCalculator.ByOccupation(Steps, catalog);
}
