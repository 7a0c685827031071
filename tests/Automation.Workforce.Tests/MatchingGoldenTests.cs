using Automation.Workforce.Matching;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;

namespace Automation.Workforce.Tests;

/// <summary>Golden rankings: small catalogues whose expected order and scores are worked out by hand in the comments.</summary>
public sealed class MatchingGoldenTests
{
    private static readonly DateOnly Today = new(2026, 1, 1);
    private const double KoelnLat = 50.9384, KoelnLon = 6.9599;

    private static TrainingOffer Offer(string id, string[] skills, double? hours, FundingEligibility e, int? startInDays, string location, double? lat = null, double? lon = null) =>
        new(id, "Kurs " + id, "Anbieter", skills, hours, location == "online" ? "online" : "Präsenz", location, lat, lon,
            startInDays is { } d ? [Today.AddDays(d)] : [], 1000, "AZAV", e, "test");

    private static readonly TrainingOffer[] Catalogue =
    [
        // A: closes e-akte + prozessmanagement (2/3): 0.4 + §82 0.15 + start 30 d 0.0918 + 160 h 0.084 + online 0.05 = 0.7758
        Offer("A", ["e-akte", "prozessmanagement", "datenschutz"], 160, FundingEligibility.Eligible, 30, "online"),
        // B: closes the same two: 0.4 + 0 + start 10 d 0.0973 + 80 h 0.092 + 0 km 0.05 = 0.6393
        Offer("B", ["e-akte", "prozessmanagement"], 80, FundingEligibility.NotEligible, 10, "50667 Köln", KoelnLat, KoelnLon),
        // C: closes e-akte + datenanalyse: 0.4 + 0.15 + start 200 d 0.0452 + 400 h 0.06 + distance unknown 0 = 0.6552
        Offer("C", ["python", "datenanalyse", "e-akte"], 400, FundingEligibility.Eligible, 200, "Irgendwo"),
        // D: closes nothing, never listed.
        Offer("D", ["buchhaltung"], 40, FundingEligibility.Eligible, 1, "online"),
    ];

    private static readonly Dictionary<string, OccupationSkills> Required = new(StringComparer.Ordinal)
    {
        ["73203"] = new("73203", ["e-akte", "prozessmanagement", "datenschutz", "datenanalyse"]),
        ["73202"] = new("73202", ["datenschutz"]),
    };

    private static OfferMatcher Matcher(params TrainingOffer[] offers) =>
        new(offers.Length == 0 ? Catalogue : offers, new MatchOptions(Today, KoelnLat, KoelnLon, new MatchWeights()));

    [Fact]
    public void Offers_rank_by_gap_closed_then_funding_start_hours_and_distance()
    {
        var profile = new StaffProfile("p1", "73202", ["datenschutz"], 39, true, ["73203"]);
        var result = Assert.Single(ProfileMatching.ForProfiles(Matcher(), [profile], Required, 5));
        Assert.Equal(["e-akte", "prozessmanagement", "datenanalyse"], result.Gap);
        Assert.Equal(["A", "C", "B"], result.Offers.Select(o => o.Offer.Id));
        Assert.Equal([0.7758, 0.6552, 0.6393], result.Offers.Select(o => Math.Round(o.Score, 4)));
        var best = result.Offers[0];
        Assert.Equal(["e-akte", "prozessmanagement"], best.SkillsMatched);
        Assert.Equal(["datenanalyse"], best.GapRemaining);
        Assert.Equal(2.0 / 3, best.Parts.GapClosed, 6);
        Assert.Contains("Schließt 2 von 3 fehlenden Kompetenzen (e-akte, prozessmanagement); offen bleiben: datenanalyse", best.Explanation, StringComparison.Ordinal);
        Assert.Contains("§82 SGB III: förderfähig", best.Explanation, StringComparison.Ordinal);
        Assert.Contains("Entfernung unbekannt", result.Offers[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_limits_the_list_and_people_without_consent_or_targets_are_never_matched()
    {
        Dictionary<string, OccupationSkills> required = Required;
        var profiles = new[]
        {
            new StaffProfile("ja", "73202", ["datenschutz"], 39, true, ["73203"]),
            new StaffProfile("nein", "73202", ["datenschutz"], 39, false, ["73203"]),
            new StaffProfile("ohne-ziel", "73202", ["datenschutz"], 39, true, []),
        };
        var result = ProfileMatching.ForProfiles(Matcher(), profiles, required, 2);
        var only = Assert.Single(result);
        Assert.Equal("ja", only.ProfileId);
        Assert.Equal(["A", "C"], only.Offers.Select(o => o.Offer.Id));
    }

    [Fact]
    public void An_offer_that_closes_the_whole_gap_says_so_and_ties_go_to_catalogue_order()
    {
        var twin1 = Offer("T1", ["e-akte"], 200, FundingEligibility.Eligible, 0, "online");
        var twin2 = Offer("T2", ["e-akte"], 200, FundingEligibility.Eligible, 0, "online");
        var matcher = Matcher(twin2, twin1);
        var required = new Dictionary<string, OccupationSkills>(StringComparer.Ordinal) { ["73203"] = new("73203", ["e-akte"]) };
        var result = Assert.Single(ProfileMatching.ForProfiles(matcher, [new StaffProfile("p", "73202", [], 39, true, ["73203"])], required, 5));
        Assert.Equal(["T2", "T1"], result.Offers.Select(o => o.Offer.Id));
        Assert.Empty(result.Offers[0].GapRemaining);
        Assert.Contains("keine Lücke bleibt", result.Offers[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_occupation_is_matched_toward_targets_without_any_person()
    {
        var result = ProfileMatching.ForOccupation(Matcher(), "73202", ["73203"], Required, 1);
        Assert.Equal(["e-akte", "prozessmanagement", "datenanalyse"], result.Gap);
        Assert.Equal("A", Assert.Single(result.Offers).Offer.Id);
    }

    [Fact]
    public void Distance_is_measured_from_the_employer()
    {
        // Köln – Düsseldorf ≈ 34 km.
        Assert.InRange(OfferMatcher.Haversine(KoelnLat, KoelnLon, 51.2277, 6.7735), 33, 36);
    }
}
