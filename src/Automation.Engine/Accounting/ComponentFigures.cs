namespace Automation.Engine.Accounting;

/// <summary>Energy and carbon of one component of a ledger entry.</summary>
/// <param name="EnergyWh">Energy in Wh; null for components priced directly in gCO2e (<see cref="CarbonComponent.HasEnergy"/> false).</param>
/// <param name="CarbonG">Emissions in gCO2e.</param>
public sealed record ComponentFigure(decimal? EnergyWh, decimal CarbonG)
{
    /// <summary>Zero energy and zero carbon.</summary>
    public static ComponentFigure ZeroEnergy { get; } = new(0m, 0m);

    /// <summary>Zero carbon of a carbon-only component.</summary>
    public static ComponentFigure ZeroCarbon { get; } = new(null, 0m);

    /// <summary>Zero for <paramref name="component"/>: with energy 0 where it has energy, without where it has none.</summary>
    public static ComponentFigure Zero(CarbonComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.HasEnergy ? ZeroEnergy : ZeroCarbon;
    }

    /// <summary>Sum with another figure of the same component.</summary>
    public ComponentFigure Plus(ComponentFigure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(EnergyWh is null && other.EnergyWh is null ? null : (EnergyWh ?? 0) + (other.EnergyWh ?? 0), CarbonG + other.CarbonG);
    }
}

/// <summary>
/// The figure of every carbon component (<see cref="CarbonComponents.All"/>) of an entry or a sum of entries, and the
/// sums the SCI boundary makes of them: E, O and M inside the score, paper and post beside it, trips outside.
/// </summary>
public sealed class ComponentFigures : IEquatable<ComponentFigures>
{
    private readonly ComponentFigure[] figures;

    private ComponentFigures(ComponentFigure[] figures) => this.figures = figures;

    /// <summary>Zero for every component.</summary>
    public static ComponentFigures Zero { get; } = new([.. CarbonComponents.All.Select(ComponentFigure.Zero)]);

    /// <summary>Figures for the components named; zero for the others.</summary>
    internal static ComponentFigures Of(params ReadOnlySpan<(CarbonComponent Component, ComponentFigure Figure)> figures)
    {
        ComponentFigure[] all = [.. Zero.figures];
        foreach (var (component, figure) in figures) all[component.Index] = figure;
        return new(all);
    }

    /// <summary>The figure of one component.</summary>
    public ComponentFigure this[CarbonComponent component]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(component);
            return figures[component.Index];
        }
    }

    /// <summary>E: energy inside the SCI boundary, Wh.</summary>
    public decimal EnergyWh => Sum(c => c.Placement == SciPlacement.Inside, f => f.EnergyWh ?? 0);

    /// <summary>O = E × I: the electricity inside the boundary, gCO2e (summed per entry, as I can differ between entries' dates).</summary>
    public decimal OperationalG => Sum(c => c.Placement == SciPlacement.Inside && c.HasEnergy, f => f.CarbonG);

    /// <summary>M: the manufacturing shares inside the boundary (workplace devices and server), gCO2e.</summary>
    public decimal EmbodiedG => Sum(c => c.Placement == SciPlacement.Inside && !c.HasEnergy, f => f.CarbonG);

    /// <summary>O + M: the contribution to the SCI score, gCO2e.</summary>
    public decimal SciG => CarbonG(SciPlacement.Inside);

    /// <summary>Paper and post, gCO2e: reported beside the SCI score.</summary>
    public decimal BesideG => CarbonG(SciPlacement.Beside);

    /// <summary>Citizens' trips, gCO2e: outside the authority's inventory.</summary>
    public decimal OutsideG => CarbonG(SciPlacement.Outside);

    /// <summary>gCO2e of the components at one position to the boundary.</summary>
    public decimal CarbonG(SciPlacement placement) => Sum(c => c.Placement == placement, f => f.CarbonG);

    /// <summary>Component by component sum with <paramref name="other"/>.</summary>
    public ComponentFigures Plus(ComponentFigures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var sum = new ComponentFigure[figures.Length];
        for (var i = 0; i < sum.Length; i++) sum[i] = figures[i].Plus(other.figures[i]);
        return new(sum);
    }

    /// <inheritdoc />
    public bool Equals(ComponentFigures? other) => other is not null && figures.AsSpan().SequenceEqual(other.figures);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ComponentFigures);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var f in figures) hash.Add(f);
        return hash.ToHashCode();
    }

    private decimal Sum(Func<CarbonComponent, bool> where, Func<ComponentFigure, decimal> value)
    {
        var sum = 0m;
        foreach (var c in CarbonComponents.All)
        {
            if (where(c)) sum += value(figures[c.Index]);
        }
        return sum;
    }
}
