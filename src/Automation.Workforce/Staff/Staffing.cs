using Automation.Engine.Texts;

namespace Automation.Workforce.Staff;

/// <summary>What a staffing entry reports under §2 Abs. 3 SGB III.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StaffingKind>))]
public enum StaffingKind
{
    /// <summary>Nr. 1: a vacancy to be filled (Arbeitsstelle).</summary>
    Vacancy,
    /// <summary>Nr. 1: an apprenticeship to be filled (Ausbildungsstelle).</summary>
    Apprenticeship,
    /// <summary>Nr. 2: new staffing needs (planned expansion, new tasks – also those automation creates).</summary>
    Need,
}

/// <summary>
/// A vacancy, an apprenticeship or a new staffing need, with the qualification requirements for the people to be
/// hired (§2 Abs. 3 Satz 2 Nr. 1–3 SGB III). Positions, not people: no person is described, so counts are printed as
/// they are.
/// </summary>
/// <param name="Id">Number given by the employer.</param>
/// <param name="Kind">Vacancy, apprenticeship or need.</param>
/// <param name="Occupation">5-digit KldB 2010 code.</param>
/// <param name="Role">Role key as in the definitions, if known.</param>
/// <param name="Positions">Number of positions.</param>
/// <param name="From">From when (to be filled from, needed from).</param>
/// <param name="Reason">Why (for needs: the expansion or the new task).</param>
/// <param name="FromAutomation">Whether automation creates the work (new tasks such as process support, checking automated decisions).</param>
/// <param name="Requirements">Qualification requirements for those to be hired (Nr. 3); empty when not stated yet.</param>
public sealed record StaffingEntry(string Id, StaffingKind Kind, string Occupation, string? Role, int Positions, DateOnly? From, string Reason,
    bool FromAutomation, IReadOnlyList<string> Requirements)
{
    /// <summary>Largest number of positions one entry may hold.</summary>
    public const int MaxPositions = 10_000;

    /// <summary>German name of a kind.</summary>
    public static string Display(StaffingKind kind) => kind switch
    {
        StaffingKind.Vacancy => Texte.StellenartArbeitsstelle,
        StaffingKind.Apprenticeship => Texte.StellenartAusbildungsstelle,
        _ => Texte.StellenartBedarf,
    };

    /// <summary>Reads a kind as written in imports and forms (German or English).</summary>
    public static StaffingKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "vacancy" or "stelle" or "arbeitsstelle" or "offene stelle" or "offene_stelle" => StaffingKind.Vacancy,
        "apprenticeship" or "ausbildung" or "ausbildungsstelle" => StaffingKind.Apprenticeship,
        "need" or "bedarf" or "personalbedarf" => StaffingKind.Need,
        _ => null,
    };
}

/// <summary>Which part of §2 Abs. 3 SGB III a "none" statement covers.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<StaffingTopic>))]
public enum StaffingTopic
{
    /// <summary>Nr. 1: vacancies and apprenticeships.</summary>
    Vacancies,
    /// <summary>Nr. 2: new staffing needs.</summary>
    Needs,
}

/// <summary>The employer's statement that there is nothing to report on a topic (so the report does not ask for it).</summary>
/// <param name="Topic">Topic.</param>
/// <param name="DeclaredAt">When it was stated.</param>
public sealed record StaffingDeclaration(StaffingTopic Topic, DateTimeOffset DeclaredAt);
