namespace Automation.Data.Reports;

/// <summary>
/// Logarithmic histogram of durations in milliseconds: bucket 0 holds values below 1 ms, bucket b ≥ 1 the values from
/// 1.02^(b−1) up to 1.02^b. A quantile is read as the geometric middle of its bucket, within 1 % of the exact value
/// (and exact sums and counts beside it). Histograms of cells add up, so quantiles over any set of cells need no step rows.
/// </summary>
public static class DurationHistogram
{
    private const double Growth = 1.02;
    private static readonly double LogGrowth = Math.Log(Growth);

    /// <summary>The bucket of a value.</summary>
    public static int Bucket(double ms) => ms < 1 ? 0 : 1 + (int)Math.Floor(Math.Log(ms) / LogGrowth);

    /// <summary>The value a bucket stands for.</summary>
    public static double Value(int bucket) => bucket <= 0 ? 0 : Math.Pow(Growth, bucket - 0.5);

    /// <summary>Nearest-rank quantiles of a merged histogram (bucket → count) with the exact sum of its values; null when empty.</summary>
    public static Quantiles? Quantiles(IReadOnlyDictionary<int, long> buckets, double sum)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var ordered = buckets.Where(b => b.Value > 0).OrderBy(b => b.Key).ToList();
        var n = ordered.Sum(b => b.Value);
        if (n == 0) return null;
        double Rank(int percent)
        {
            var rank = Math.Max(1, (n * percent + 99) / 100);
            long seen = 0;
            foreach (var (bucket, count) in ordered)
            {
                seen += count;
                if (seen >= rank) return Value(bucket);
            }
            return Value(ordered[^1].Key);
        }
        return new Quantiles(n, Value(ordered[0].Key), Rank(25), Rank(50), Rank(75), Rank(95), Value(ordered[^1].Key), sum);
    }
}
