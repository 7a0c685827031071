namespace Automation.Engine.Simulation;

/// <summary>
/// A seeded pseudo-random generator (xoshiro256** seeded by SplitMix64). Our own, rather than <see cref="Random"/>,
/// so that a seed gives the same numbers on every .NET version and platform: same seed, same simulation result.
/// </summary>
internal sealed class SimulationRandom
{
    private ulong s0, s1, s2, s3;
    private double spareNormal;
    private bool hasSpare;

    /// <summary>Creates a generator from a seed and a stream number (one stream per replication).</summary>
    public SimulationRandom(long seed, int stream = 0)
    {
        var x = unchecked((ulong)seed ^ (0x9E3779B97F4A7C15UL * (ulong)(stream + 1)));
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>A uniform number in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count) => (int)((Next() >> 33) * (ulong)count >> 31);

    /// <summary>An exponential number with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>A standard normal number (Marsaglia's polar method; the second value is kept for the next call).</summary>
    public double StandardNormal()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spareNormal;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        spareNormal = v * f;
        hasSpare = true;
        return u * f;
    }

    /// <summary>A triangular number by inversion.</summary>
    public double Triangular(double min, double mode, double max)
    {
        var range = max - min;
        if (range <= 0) return min;
        var u = NextDouble();
        var cut = (mode - min) / range;
        return u < cut ? min + Math.Sqrt(u * range * (mode - min)) : max - Math.Sqrt((1 - u) * range * (max - mode));
    }

    private ulong Next()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
