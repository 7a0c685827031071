namespace Automation.Engine.Simulation;

/// <summary>How a duration is drawn.</summary>
internal enum DurationKind
{
    /// <summary>Always the same.</summary>
    Fixed,
    /// <summary>Triangular between min and max with a mode.</summary>
    Triangular,
    /// <summary>Lognormal with a mean and coefficient of variation.</summary>
    Lognormal,
    /// <summary>Exponential with a mean.</summary>
    Exponential,
    /// <summary>Resampled from measured values.</summary>
    Empirical,
}

/// <summary>A compiled duration distribution in minutes. Immutable; sampling takes the replication's generator.</summary>
internal sealed class DurationSampler
{
    private readonly double a, b, c;
    private readonly double[] values;

    private DurationSampler(DurationKind kind, double a, double b, double c, double[]? values, string description)
    {
        Kind = kind;
        this.a = a;
        this.b = b;
        this.c = c;
        this.values = values ?? [];
        Description = description;
    }

    /// <summary>The kind.</summary>
    public DurationKind Kind { get; }

    /// <summary>Readable form, e.g. <c>triangular(16, 20, 30) min, standard time</c>.</summary>
    public string Description { get; }

    /// <summary>The distribution's mean, minutes.</summary>
    public double Mean => Kind switch
    {
        DurationKind.Fixed or DurationKind.Exponential => a,
        DurationKind.Triangular => (a + b + c) / 3,
        DurationKind.Lognormal => Math.Exp(a + b * b / 2),
        _ => values.Average(),
    };

    /// <summary>Always <paramref name="minutes"/>.</summary>
    public static DurationSampler Fixed(double minutes, string basis) => new(DurationKind.Fixed, minutes, 0, 0, null, $"fixed {F(minutes)} min, {basis}");

    /// <summary>Triangular.</summary>
    public static DurationSampler Triangular(double min, double mode, double max, string basis) =>
        new(DurationKind.Triangular, min, mode, max, null, $"triangular({F(min)}, {F(mode)}, {F(max)}) min, {basis}");

    /// <summary>Lognormal with the given mean and coefficient of variation.</summary>
    public static DurationSampler Lognormal(double mean, double cv, string basis)
    {
        var sigma2 = Math.Log(1 + cv * cv);
        return new(DurationKind.Lognormal, Math.Log(mean) - sigma2 / 2, Math.Sqrt(sigma2), 0, null, $"lognormal(mean {F(mean)} min, cv {F(cv)}), {basis}");
    }

    /// <summary>Exponential.</summary>
    public static DurationSampler Exponential(double mean, string basis) => new(DurationKind.Exponential, mean, 0, 0, null, $"exponential(mean {F(mean)} min), {basis}");

    /// <summary>Empirical: each draw is one of the measured values.</summary>
    public static DurationSampler Empirical(IReadOnlyCollection<double> measured, string basis) =>
        new(DurationKind.Empirical, 0, 0, 0, [.. measured], $"empirical ({measured.Count} measurements, mean {F(measured.Average())} min), {basis}");

    /// <summary>Draws minutes (never negative).</summary>
    public double Sample(SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Kind switch
        {
            DurationKind.Fixed => a,
            DurationKind.Triangular => random.Triangular(a, b, c),
            DurationKind.Lognormal => Math.Exp(a + b * random.StandardNormal()),
            DurationKind.Exponential => random.Exponential(a),
            _ => values[random.NextInt(values.Length)],
        };
    }

    private static string F(double v) => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
