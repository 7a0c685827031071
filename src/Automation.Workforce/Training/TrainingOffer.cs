using Automation.Engine.Texts;

namespace Automation.Workforce.Training;

/// <summary>Whether a course can be funded for employed staff under §82 SGB III.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FundingEligibility>))]
public enum FundingEligibility
{
    /// <summary>Not enough is known (e.g. hours missing).</summary>
    Unknown,
    /// <summary>More than 120 hours and an accredited course and provider.</summary>
    Eligible,
    /// <summary>120 hours or fewer, or not accredited.</summary>
    NotEligible,
}

/// <summary>A continuing-education offer.</summary>
/// <param name="Id">Id (the course search's Termin id prefixed "ba-", or the catalogue's own).</param>
/// <param name="Title">Title.</param>
/// <param name="Provider">Provider.</param>
/// <param name="Skills">Skills taught, normalised.</param>
/// <param name="Hours">Teaching hours, when known.</param>
/// <param name="Format">Format (Präsenz, online, Blended Learning, Vollzeit/Teilzeit …).</param>
/// <param name="Location">Postcode and place, or "online".</param>
/// <param name="Latitude">Latitude of the venue, when known.</param>
/// <param name="Longitude">Longitude of the venue, when known.</param>
/// <param name="StartDates">Start dates.</param>
/// <param name="CostEur">Course cost in euros, when known.</param>
/// <param name="Accreditation">Accreditation (AZAV certifier), empty when none is stated.</param>
/// <param name="Eligibility82">§82 SGB III eligibility.</param>
/// <param name="Source">Where the entry comes from (file name, "BA Weiterbildungssuche").</param>
public sealed record TrainingOffer(string Id, string Title, string Provider, IReadOnlyList<string> Skills, double? Hours, string Format,
    string Location, double? Latitude, double? Longitude, IReadOnlyList<DateOnly> StartDates, double? CostEur, string Accreditation,
    FundingEligibility Eligibility82, string Source)
{
    /// <summary>Whether the course needs no travel.</summary>
    public bool IsOnline => Location.Equals("online", StringComparison.OrdinalIgnoreCase)
        || Format.Contains("online", StringComparison.OrdinalIgnoreCase) || Format.Contains("fernunterricht", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The §82 rule as far as the course decides it: more than 120 hours and accredited. The person's conditions
    /// (qualification at least 2 years old, no §82 funding in the last 2 years) are checked by the employment office.
    /// </summary>
    public static FundingEligibility Derive(double? hours, bool? accredited) => (hours, accredited) switch
    {
        (<= 120, _) or (_, false) => FundingEligibility.NotEligible,
        ( > 120, true) => FundingEligibility.Eligible,
        _ => FundingEligibility.Unknown,
    };

    /// <summary>
    /// The employer's share of course costs under §82 SGB III by staff size: under 50 staff none, 50–499 staff 50 %
    /// (none for staff aged 45 or over or severely disabled: <paramref name="waived"/>), from 500 staff 75 %.
    /// </summary>
    public static double EmployerSharePercent(int staffSize, bool waived) => staffSize switch
    {
        < 50 => 0,
        < 500 => waived ? 0 : 50,
        _ => 75,
    };

    /// <summary>Whether the waiver for staff aged 45 or over or severely disabled changes the share at this staff size.</summary>
    public static bool WaiverApplies(int staffSize) => EmployerSharePercent(staffSize, true) != EmployerSharePercent(staffSize, false);

    /// <summary>The rule in one German sentence (report sources).</summary>
    public static string EmployerShareRule => Texte.QuelleArbeitgeberanteil;

    /// <summary>German text of an eligibility.</summary>
    public static string Display(FundingEligibility e) => e switch
    {
        FundingEligibility.Eligible => Texte.Foerderfaehig,
        FundingEligibility.NotEligible => Texte.NichtFoerderfaehig,
        _ => Texte.ArbeitsmarktUnbekannt,
    };
}
