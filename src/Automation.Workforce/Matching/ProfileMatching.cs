using Automation.Workforce.Staff;

namespace Automation.Workforce.Matching;

/// <summary>Ranked offers for one consenting person.</summary>
/// <param name="ProfileId">Pseudonymous id.</param>
/// <param name="Occupation">Current occupation.</param>
/// <param name="TargetOccupations">Targets the gap is measured toward.</param>
/// <param name="Gap">Skills the targets require that the person lacks.</param>
/// <param name="Offers">Best offers, best first.</param>
public sealed record ProfileMatches(string ProfileId, string Occupation, IReadOnlyList<string> TargetOccupations, IReadOnlyList<string> Gap,
    IReadOnlyList<OfferMatch> Offers);

/// <summary>Ranked offers for an occupation moving to targets (no person involved).</summary>
/// <param name="Occupation">Current occupation.</param>
/// <param name="TargetOccupations">Targets.</param>
/// <param name="Gap">Skills the targets require beyond the current occupation's.</param>
/// <param name="Offers">Best offers, best first.</param>
public sealed record RoleMatches(string Occupation, IReadOnlyList<string> TargetOccupations, IReadOnlyList<string> Gap, IReadOnlyList<OfferMatch> Offers);

/// <summary>Matching of profiles and occupations to offers; only consenting profiles are ever matched.</summary>
public static class ProfileMatching
{
    /// <summary>
    /// Top offers for each consenting profile with targets. Profiles without consent are skipped entirely
    /// (not even their gap is computed). Ranking runs in parallel.
    /// </summary>
    public static IReadOnlyList<ProfileMatches> ForProfiles(OfferMatcher matcher, IEnumerable<StaffProfile> profiles,
        IReadOnlyDictionary<string, OccupationSkills> required, int top)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(required);
        var prepared = profiles.Where(p => p.Consent && p.TargetOccupations.Count > 0)
            .Select(p => (Profile: p, Gap: OfferMatcher.Gap(matcher.Encode(p.Skills),
                p.TargetOccupations.Select(t => required.TryGetValue(t, out var r) ? matcher.Encode(r.Skills) : []))))
            .ToList();
        var ranked = new RankedOffer[prepared.Count][];
        Parallel.For(0, prepared.Count, i => ranked[i] = matcher.Rank(prepared[i].Gap, top));
        return prepared.Select((p, i) => new ProfileMatches(p.Profile.Id, p.Profile.Occupation, p.Profile.TargetOccupations,
            matcher.Names(p.Gap), ranked[i].Select(r => matcher.Explain(p.Gap, r)).ToList())).ToList();
    }

    /// <summary>Top offers for an occupation toward targets: the gap is the targets' skills beyond the occupation's own.</summary>
    public static RoleMatches ForOccupation(OfferMatcher matcher, string occupation, IReadOnlyList<string> targets,
        IReadOnlyDictionary<string, OccupationSkills> required, int top)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(required);
        var have = required.TryGetValue(occupation, out var own) ? matcher.Encode(own.Skills) : [];
        var gap = OfferMatcher.Gap(have, targets.Select(t => required.TryGetValue(t, out var r) ? matcher.Encode(r.Skills) : []));
        return new RoleMatches(occupation, targets, matcher.Names(gap), matcher.Rank(gap, top).Select(r => matcher.Explain(gap, r)).ToList());
    }
}
