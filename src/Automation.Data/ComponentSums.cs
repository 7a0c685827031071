using Automation.Data.Schema;
using Automation.Engine.Accounting;

namespace Automation.Data;

/// <summary>
/// gCO2e and Wh per carbon component (<see cref="CarbonComponents.All"/>), summed from stored figures, with the sums the
/// SCI boundary makes of them. Read-only.
/// </summary>
public sealed class ComponentSums
{
    private readonly double[] grams;
    private readonly double[] wattHours;

    private ComponentSums(double[] grams, double[] wattHours)
    {
        this.grams = grams;
        this.wattHours = wattHours;
    }

    /// <summary>Nothing.</summary>
    public static ComponentSums Zero { get; } = new(new double[CarbonComponents.All.Count], new double[CarbonComponents.All.Count]);

    /// <summary>gCO2e of one component.</summary>
    public double this[CarbonComponent component]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(component);
            return grams[component.Index];
        }
    }

    /// <summary>Inside the SCI boundary, gCO2e.</summary>
    public double SciG => Grams(SciPlacement.Inside);

    /// <summary>Beside the SCI score (paper, post), gCO2e.</summary>
    public double BesideG => Grams(SciPlacement.Beside);

    /// <summary>The authority's own inventory: inside and beside the score, without citizens' trips, gCO2e.</summary>
    public double InventoryG => Grams(CarbonComponents.Inventory);

    /// <summary>Wh of one component (0 for components without energy).</summary>
    public double EnergyWh(CarbonComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return wattHours[component.Index];
    }

    /// <summary>gCO2e of the components at one position to the boundary.</summary>
    public double Grams(SciPlacement placement) => Grams(CarbonComponents.In(placement));

    /// <summary>gCO2e of the components named.</summary>
    public double Grams(IEnumerable<CarbonComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        return components.Sum(c => grams[c.Index]);
    }

    /// <summary>
    /// The figures as JSON fields named after their columns (<c>workplaceWh</c>, <c>workplaceG</c>, …; on the standard
    /// basis <c>workplaceStandardG</c> for the components that follow the staff minutes), each value passed through
    /// <paramref name="round"/>.
    /// </summary>
    public Dictionary<string, object> Fields(bool standardBasis, Func<double, double>? round = null)
    {
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var c in CarbonComponents.All)
        {
            if (ComponentColumns.EnergyField(c, standardBasis) is { } energy) fields[energy] = round is null ? wattHours[c.Index] : round(wattHours[c.Index]);
            fields[ComponentColumns.CarbonField(c, standardBasis)] = round is null ? grams[c.Index] : round(grams[c.Index]);
        }
        return fields;
    }

    /// <summary>Sums per component.</summary>
    public static ComponentSums Sum(IEnumerable<ComponentSums> sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var g = new double[CarbonComponents.All.Count];
        var wh = new double[g.Length];
        foreach (var s in sums)
        {
            for (var i = 0; i < g.Length; i++)
            {
                g[i] += s.grams[i];
                wh[i] += s.wattHours[i];
            }
        }
        return new(g, wh);
    }

    /// <summary>Reads each of the <see cref="ComponentColumns.Step"/> columns through <paramref name="value"/>, which gets its position there.</summary>
    internal static ComponentSums Read(Func<int, double> value)
    {
        var g = new double[CarbonComponents.All.Count];
        var wh = new double[g.Length];
        for (var i = 0; i < ComponentColumns.Step.Count; i++)
        {
            var column = ComponentColumns.Step[i];
            (column.Energy ? wh : g)[column.Component.Index] = value(i);
        }
        return new(g, wh);
    }
}
