using Automation.Workforce.Training;
using Automation.Engine.Texts;

namespace Automation.Workforce.Matching;

/// <summary>Weights of the ranking; they sum to 1 so a score reads as a share of the best possible offer.</summary>
/// <param name="Gap">Share of the skills gap the offer closes.</param>
/// <param name="Funding">§82 SGB III eligibility (1 when eligible).</param>
/// <param name="Start">Next start date (1 = today, 0 = a year or more away or none).</param>
/// <param name="Hours">Shortness (1 − hours/1,000; 0 when unknown).</param>
/// <param name="Distance">Nearness (online 1; 1 − km/100 from the employer; 0 when unknown).</param>
public sealed record MatchWeights(double Gap = 0.6, double Funding = 0.15, double Start = 0.1, double Hours = 0.1, double Distance = 0.05);

/// <summary>Where and when matching happens.</summary>
/// <param name="Today">Reference date for start dates.</param>
/// <param name="OriginLatitude">Employer's latitude (distances are measured from there; profiles carry no address).</param>
/// <param name="OriginLongitude">Employer's longitude.</param>
/// <param name="Weights">Ranking weights.</param>
public sealed record MatchOptions(DateOnly Today, double? OriginLatitude, double? OriginLongitude, MatchWeights Weights);

/// <summary>An offer's rank for one gap: index into the matcher's offers, skills it closes, total score.</summary>
/// <param name="Offer">Offer index.</param>
/// <param name="Matched">Number of gap skills the offer teaches.</param>
/// <param name="Score">Score 0–1.</param>
public readonly record struct RankedOffer(int Offer, int Matched, double Score);

/// <summary>The parts of a score, each 0–1 before weighting.</summary>
/// <param name="GapClosed">Matched gap skills / gap size.</param>
/// <param name="Funding">1 when §82-eligible.</param>
/// <param name="Start">Start-date nearness.</param>
/// <param name="Hours">Shortness.</param>
/// <param name="Distance">Nearness.</param>
/// <param name="DaysToStart">Days to the next start, if any.</param>
/// <param name="DistanceKm">Distance in km, if known (0 for online).</param>
public sealed record ScoreParts(double GapClosed, double Funding, double Start, double Hours, double Distance, int? DaysToStart, double? DistanceKm);

/// <summary>A ranked offer with its explanation: the skills matched, the gap remaining and the score's parts.</summary>
/// <param name="Offer">The offer.</param>
/// <param name="Score">Score 0–1.</param>
/// <param name="SkillsMatched">Gap skills the offer teaches.</param>
/// <param name="GapRemaining">Gap skills still open after the offer.</param>
/// <param name="Parts">Score parts.</param>
/// <param name="Weights">Weights the parts were combined with.</param>
public sealed record OfferMatch(TrainingOffer Offer, double Score, IReadOnlyList<string> SkillsMatched, IReadOnlyList<string> GapRemaining,
    ScoreParts Parts, MatchWeights Weights)
{
    /// <summary>The reasons in German, rendered from the parts when asked for (thousands of matches need no text until shown).</summary>
    public string Explanation
    {
        get
        {
            var gapSize = SkillsMatched.Count + GapRemaining.Count;
            var p = Parts;
            var w = Weights;
            return Texte.Format(Texte.AbgleichLuecke, SkillsMatched.Count, gapSize, string.Join(", ", SkillsMatched))
                + (GapRemaining.Count == 0 ? Texte.AbgleichKeineLuecke : Texte.Format(Texte.AbgleichOffen, string.Join(", ", GapRemaining)))
                + Texte.Format(Texte.AbgleichFoerderung, TrainingOffer.Display(Offer.Eligibility82))
                + (p.DaysToStart is { } d ? Texte.Format(Texte.AbgleichBeginn, d) : Texte.AbgleichOhneBeginn)
                + (Offer.Hours is { } h ? Texte.Format(Texte.AbgleichStunden, h) : Texte.AbgleichOhneStunden)
                + (p.DistanceKm is { } km ? Offer.IsOnline ? Texte.AbgleichOnline : Texte.Format(Texte.AbgleichEntfernung, km) : Texte.AbgleichOhneEntfernung)
                + Texte.Format(Texte.AbgleichPunkte, w.Gap * p.GapClosed, w.Funding * p.Funding, w.Start * p.Start, w.Hours * p.Hours, w.Distance * p.Distance, Score);
        }
    }
}

/// <summary>
/// Ranks training offers by how much of a skills gap they close, then §82 eligibility, start date, hours and distance.
/// Skills are interned to integers and offers indexed per skill (an inverted index), so ranking one gap touches only
/// the offers that teach one of its skills: sparse counting, no string comparison on the hot path.
/// Thread-safe for <see cref="Rank"/> once built; <see cref="Encode"/> is for preparation on one thread.
/// </summary>
public sealed class OfferMatcher
{
    private readonly TrainingOffer[] offers;
    private readonly Dictionary<string, int> skillIds = new(StringComparer.Ordinal);
    private readonly List<string> skillNames = [];
    private readonly int[][] postings;
    private readonly int[][] offerSkills;
    private readonly double[] fixedScore;
    private readonly ScoreParts[] fixedParts;
    private readonly MatchWeights weights;
    [ThreadStatic]
    private static int[]? scratch;

    /// <summary>Builds the index.</summary>
    public OfferMatcher(IReadOnlyList<TrainingOffer> offers, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(options);
        this.offers = [.. offers];
        weights = options.Weights;
        var lists = new List<List<int>>();
        fixedScore = new double[this.offers.Length];
        fixedParts = new ScoreParts[this.offers.Length];
        for (var i = 0; i < this.offers.Length; i++)
        {
            var offer = this.offers[i];
            foreach (var skill in offer.Skills)
            {
                var id = Intern(skill);
                while (lists.Count <= id) lists.Add([]);
                if (lists[id].Count == 0 || lists[id][^1] != i) lists[id].Add(i);
            }
            fixedParts[i] = FixedParts(offer, options);
            fixedScore[i] = weights.Funding * fixedParts[i].Funding + weights.Start * fixedParts[i].Start
                + weights.Hours * fixedParts[i].Hours + weights.Distance * fixedParts[i].Distance;
        }
        postings = lists.Select(l => l.ToArray()).ToArray();
        offerSkills = this.offers.Select(o => Encode(o.Skills)).ToArray();
    }

    /// <summary>The offers, in index order.</summary>
    public IReadOnlyList<TrainingOffer> Offers => offers;

    /// <summary>Skill ids for names (new names get new ids); sorted and distinct.</summary>
    public int[] Encode(IEnumerable<string> skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        var ids = new List<int>();
        foreach (var s in skills) ids.Add(Intern(s));
        return SortedDistinct(ids);
    }

    /// <summary>The gap: skills required by any target (sorted id arrays) that the person lacks (sorted ids).</summary>
    public static int[] Gap(int[] have, IEnumerable<int[]> required)
    {
        ArgumentNullException.ThrowIfNull(have);
        ArgumentNullException.ThrowIfNull(required);
        var gap = new List<int>();
        foreach (var r in required)
        {
            foreach (var s in r)
            {
                if (Array.BinarySearch(have, s) < 0) gap.Add(s);
            }
        }
        return SortedDistinct(gap);
    }

    /// <summary>
    /// The best <paramref name="top"/> offers for a gap, best first; only offers that close at least one gap skill.
    /// Ties go to the lower offer index, so rankings are reproducible.
    /// </summary>
    public RankedOffer[] Rank(int[] gap, int top)
    {
        ArgumentNullException.ThrowIfNull(gap);
        if (gap.Length == 0 || top <= 0) return [];
        // Per-thread counters, left all zero after each call, so parallel ranking allocates nothing per gap but the result.
        if (scratch is null || scratch.Length < offers.Length) scratch = new int[offers.Length];
        var count = scratch;
        var touched = new List<int>(64);
        foreach (var s in gap)
        {
            if (s >= postings.Length) continue;
            foreach (var o in postings[s])
            {
                if (count[o]++ == 0) touched.Add(o);
            }
        }
        var best = new RankedOffer[Math.Min(top, touched.Count)];
        var filled = 0;
        foreach (var o in touched)
        {
            var matched = count[o];
            count[o] = 0;
            var candidate = new RankedOffer(o, matched, weights.Gap * matched / gap.Length + fixedScore[o]);
            if (filled < best.Length)
            {
                best[filled++] = candidate;
                for (var j = filled - 1; j > 0 && Better(best[j], best[j - 1]); j--) (best[j], best[j - 1]) = (best[j - 1], best[j]);
            }
            else if (best.Length > 0 && Better(candidate, best[^1]))
            {
                best[^1] = candidate;
                for (var j = best.Length - 1; j > 0 && Better(best[j], best[j - 1]); j--) (best[j], best[j - 1]) = (best[j - 1], best[j]);
            }
        }
        return best;
    }

    /// <summary>The explanation of one ranked offer for a gap.</summary>
    public OfferMatch Explain(int[] gap, RankedOffer ranked)
    {
        ArgumentNullException.ThrowIfNull(gap);
        var offer = offers[ranked.Offer];
        var taught = offerSkills[ranked.Offer];
        var matched = new List<string>(ranked.Matched);
        var remaining = new List<string>(gap.Length - ranked.Matched);
        foreach (var s in gap)
        {
            (Array.BinarySearch(taught, s) >= 0 ? matched : remaining).Add(skillNames[s]);
        }
        var f = fixedParts[ranked.Offer];
        var parts = f with { GapClosed = gap.Length == 0 ? 0 : (double)ranked.Matched / gap.Length };
        return new OfferMatch(offer, ranked.Score, matched, remaining, parts, weights);
    }

    /// <summary>Names of skill ids.</summary>
    public IReadOnlyList<string> Names(IEnumerable<int> ids) => ids.Select(i => skillNames[i]).ToList();

    private static int[] SortedDistinct(List<int> ids)
    {
        ids.Sort();
        var n = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            if (n == 0 || ids[i] != ids[n - 1]) ids[n++] = ids[i];
        }
        return ids.GetRange(0, n).ToArray();
    }

    private static bool Better(RankedOffer a, RankedOffer b) => a.Score > b.Score || (a.Score == b.Score && a.Offer < b.Offer);

    private int Intern(string skill)
    {
        if (!skillIds.TryGetValue(skill, out var id))
        {
            id = skillNames.Count;
            skillIds[skill] = id;
            skillNames.Add(skill);
        }
        return id;
    }

    private static ScoreParts FixedParts(TrainingOffer offer, MatchOptions options)
    {
        var funding = offer.Eligibility82 == FundingEligibility.Eligible ? 1.0 : 0.0;
        int? days = null;
        foreach (var start in offer.StartDates)
        {
            if (start >= options.Today)
            {
                days = start.DayNumber - options.Today.DayNumber;
                break;
            }
        }
        var startScore = days is { } dd ? Math.Max(0, 1 - dd / 365.0) : 0;
        var hours = offer.Hours is { } h ? Math.Max(0, 1 - h / 1000.0) : 0;
        double? km = offer.IsOnline ? 0
            : offer.Latitude is { } lat && offer.Longitude is { } lon && options.OriginLatitude is { } olat && options.OriginLongitude is { } olon
                ? Haversine(olat, olon, lat, lon) : null;
        var distance = km is { } k ? Math.Max(0, 1 - k / 100.0) : 0;
        return new ScoreParts(0, funding, startScore, hours, distance, days, km);
    }

    /// <summary>Great-circle distance in km.</summary>
    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }
}
