namespace Automation.Workforce.Staff;

/// <summary>A position (Stelle) of the establishment plan.</summary>
/// <param name="Id">Position number.</param>
/// <param name="Role">Role key as used in the definitions (lane, potentialOwner, candidateGroups, am:role).</param>
/// <param name="Occupation">5-digit KldB 2010 code.</param>
/// <param name="PayLevel">Pay level (e.g. gehoben, E9b).</param>
/// <param name="WeeklyHours">Weekly hours of the position.</param>
public sealed record Position(string Id, string Role, string Occupation, string PayLevel, double WeeklyHours);

/// <summary>
/// A pseudonymous staff profile: no name, only an id the employer can resolve. Matched only with consent.
/// </summary>
/// <param name="Id">Pseudonymous id.</param>
/// <param name="Occupation">Current 5-digit KldB 2010 code.</param>
/// <param name="Skills">Skills held, normalised (see <see cref="Skills.Normalize"/>).</param>
/// <param name="WeeklyHours">Weekly hours.</param>
/// <param name="Consent">Whether the person agreed to be matched to training offers.</param>
/// <param name="TargetOccupations">5-digit codes the person could move to; empty means none chosen yet.</param>
public sealed record StaffProfile(string Id, string Occupation, IReadOnlyList<string> Skills, double WeeklyHours, bool Consent,
    IReadOnlyList<string> TargetOccupations)
{
    /// <summary>
    /// Whether the employer's share of course costs under §82 SGB III may be waived for the person (aged 45 or over, or
    /// severely disabled). One flag for both, so the profile does not say which applies.
    /// </summary>
    public bool EmployerShareWaived { get; init; }
}

/// <summary>The skills an occupation requires (entered by the employer or taken from ESCO, with its source).</summary>
/// <param name="Occupation">5-digit KldB 2010 code.</param>
/// <param name="Skills">Required skills, normalised.</param>
public sealed record OccupationSkills(string Occupation, IReadOnlyList<string> Skills);

/// <summary>Skill names: one normal form so "Excel " and "excel" are the same skill.</summary>
public static class Skills
{
    /// <summary>Lower case (invariant), trimmed, inner whitespace collapsed.</summary>
    public static string Normalize(string skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return string.Join(' ', skill.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Splits a cell into distinct normalised skills; separators are '|' and whichever of ',' ';' is not the file's delimiter.</summary>
    public static IReadOnlyList<string> Split(string? cell, char delimiter)
    {
        if (string.IsNullOrWhiteSpace(cell)) return [];
        char[] separators = delimiter == ';' ? ['|', ','] : ['|', ';'];
        return cell.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Normalize).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }
}
