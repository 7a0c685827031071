using Automation.Engine.Texts;

namespace Automation.Workforce.Occupations;

/// <summary>
/// The IAB substitutability potential (Dengler &amp; Matthes): the share of an occupation's core tasks that computers
/// could already perform. Technical feasibility only, never a forecast of job loss. Stored per occupation only
/// where someone entered a value with its source; an occupation without one stays unknown.
/// </summary>
/// <param name="Occupation">5-digit KldB code.</param>
/// <param name="SharePercent">Share of core tasks, 0–100.</param>
/// <param name="Source">Where the value comes from (publication, Job-Futuromat query, …).</param>
/// <param name="Year">Data year of the value.</param>
public sealed record SubstitutabilityPotential(string Occupation, double SharePercent, string Source, int Year)
{
    /// <summary>Values above 70 % count as high.</summary>
    public bool IsHigh => SharePercent > 70;

    /// <summary>
    /// Published averages by requirement level (IAB, 2013 data): for orientation beside an occupation, never
    /// used as the occupation's own value.
    /// </summary>
    public static double? LevelAverage(RequirementLevel? level) => level switch
    {
        RequirementLevel.Helper => 46.0,
        RequirementLevel.Professional => 45.4,
        RequirementLevel.Specialist => 33.4,
        RequirementLevel.Expert => 18.8,
        _ => null,
    };

    /// <summary>Source of <see cref="LevelAverage"/>.</summary>
    public static string LevelAverageSource => Texte.QuelleNiveauMittel;

    /// <summary>Checks an entered value; returns the problem or null.</summary>
    public static string? Validate(string occupation, double share, string? source, int year, KldbCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!catalog.IsOccupation(occupation)) return Texte.Format(Texte.KeinKldbCode, occupation);
        if (double.IsNaN(share) || share is < 0 or > 100) return Texte.SubstituierbarkeitAnteil;
        if (string.IsNullOrWhiteSpace(source)) return Texte.SubstituierbarkeitOhneQuelle;
        if (year is < 2000 or > 2100) return Texte.SubstituierbarkeitJahr;
        return null;
    }
}
