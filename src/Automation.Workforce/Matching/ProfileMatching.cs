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
        // Interning mutates the matcher's vocabulary, so it runs on one thread; each occupation is encoded once.
        var encodedTargets = required.ToDictionary(r => r.Key, r => matcher.Encode(r.Value.Skills), StringComparer.Ordinal);
        var prepared = profiles.Where(p => p.Consent && p.TargetOccupations.Count > 0)
            .Select(p => (Profile: p, Have: matcher.Encode(p.Skills))).ToList();
        var result = new ProfileMatches[prepared.Count];
        Parallel.For(0, prepared.Count, i =>
        {
            var (profile, have) = prepared[i];
            var gap = OfferMatcher.Gap(have, profile.TargetOccupations.Select(t => encodedTargets.TryGetValue(t, out var r) ? r : []));
            var ranked = matcher.Rank(gap, top);
            var offers = new OfferMatch[ranked.Length];
            for (var j = 0; j < ranked.Length; j++) offers[j] = matcher.Explain(gap, ranked[j]);
            result[i] = new ProfileMatches(profile.Id, profile.Occupation, profile.TargetOccupations, matcher.Names(gap), offers);
        });
        return result;
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
