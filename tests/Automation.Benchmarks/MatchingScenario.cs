using System.Diagnostics;
using System.Globalization;
using Automation.Workforce.Matching;
using Automation.Workforce.Staff;
using Automation.Workforce.Training;

namespace Automation.Benchmarks;

/// <summary>
/// Reskilling matching at scale: 10,000 profiles × 2,000 offers over 3,000 skills, top-5 offers for everyone.
/// Target (issue "Labour-market impact"): at most 2 s on the reference machine. Data are generated with a fixed seed.
/// </summary>
internal static class MatchingScenario
{
    public static int Run(int profiles, int offers, int skills)
    {
        var random = new Random(20261125);
        string Skill(int i) => "skill-" + i.ToString(CultureInfo.InvariantCulture);
        var today = new DateOnly(2026, 1, 1);
        var catalogue = Enumerable.Range(0, offers).Select(i => new TrainingOffer("o" + i, "Kurs " + i, "Anbieter",
            Enumerable.Range(0, random.Next(5, 16)).Select(_ => Skill(random.Next(skills))).Distinct().ToList(), random.Next(20, 900),
            "Präsenz", "Ort", 50 + random.NextDouble(), 6 + random.NextDouble(), [today.AddDays(random.Next(0, 400))], 1000,
            "AZAV", random.Next(3) == 0 ? FundingEligibility.Eligible : FundingEligibility.NotEligible, "bench")).ToList();
        var required = Enumerable.Range(0, 200).ToDictionary(i => (10000 + i).ToString(CultureInfo.InvariantCulture),
            i => new OccupationSkills((10000 + i).ToString(CultureInfo.InvariantCulture), Enumerable.Range(0, 25).Select(_ => Skill(random.Next(skills))).Distinct().ToList()));
        var targets = required.Keys.ToArray();
        var people = Enumerable.Range(0, profiles).Select(i => new StaffProfile("p" + i, "73202",
            Enumerable.Range(0, 12).Select(_ => Skill(random.Next(skills))).Distinct().ToList(), 39, true,
            [targets[random.Next(targets.Length)], targets[random.Next(targets.Length)]])).ToList();

        Console.WriteLine($"Matching benchmark: {profiles:N0} profiles × {offers:N0} offers over {skills:N0} skills, top 5, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        for (var round = 1; round <= 3; round++)
        {
            var total = Stopwatch.StartNew();
            var matcher = new OfferMatcher(catalogue, new MatchOptions(today, 50.5, 6.5, new MatchWeights()));
            var built = total.Elapsed;
            var results = ProfileMatching.ForProfiles(matcher, people, required, 5);
            total.Stop();
            var listed = results.Sum(r => r.Offers.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: {total.Elapsed.TotalMilliseconds,8:N0} ms total (index {built.TotalMilliseconds:N0} ms; gaps, ranking and explanations (skills matched, gap remaining, score parts; text rendered when shown) for {results.Count:N0} people, {listed:N0} offers listed)  target ≤ 2,000 ms"));
        }
        // The same work without the explanation texts, to show what the strings cost.
        var bare = new OfferMatcher(catalogue, new MatchOptions(today, 50.5, 6.5, new MatchWeights()));
        var encodedTargets = required.ToDictionary(r => r.Key, r => bare.Encode(r.Value.Skills));
        var have = people.Select(p => bare.Encode(p.Skills)).ToArray();
        var rankOnly = Stopwatch.StartNew();
        Parallel.For(0, people.Count, i => bare.Rank(OfferMatcher.Gap(have[i], people[i].TargetOccupations.Select(t => encodedTargets[t])), 5));
        rankOnly.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gaps and top-5 ranking only (no explanation texts): {rankOnly.Elapsed.TotalMilliseconds:N0} ms"));
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
        return 0;
    }
}
