using Automation.Engine.Texts;

namespace Automation.Engine.Accounting;

/// <summary>Where a carbon component stands relative to the SCI score (docs/methodology.md §5).</summary>
public enum SciPlacement
{
    /// <summary>Summed into the SCI score.</summary>
    Inside,
    /// <summary>Reported next to the score; part of the authority's own inventory.</summary>
    Beside,
    /// <summary>Outside the authority's inventory; reported separately.</summary>
    Outside,
}

/// <summary>What a component's quantity follows.</summary>
internal enum CarbonDriver
{
    /// <summary>
    /// The staff minutes of the step. Its measured value would reveal the minutes through the factor, so the privacy
    /// gate withholds it with them, and on the standard basis it scales by standard ÷ effective minutes.
    /// </summary>
    StaffTime,
    /// <summary>The resources software uses (CPU seconds, inferences): what automating a step adds.</summary>
    Software,
    /// <summary>The step's footprint annotations (printed pages, letters, citizens' trips).</summary>
    Footprint,
}

/// <summary>
/// One carbon component of the ledger. Its key, German label, position to the SCI boundary and columns are stated
/// here and nowhere else; sums, boundary sums, column lists and labels are derived from <see cref="CarbonComponents.All"/>.
/// </summary>
public sealed class CarbonComponent
{
    private readonly string column;

    internal CarbonComponent(int index, string key, SciPlacement placement, CarbonDriver driver, bool hasEnergy, string column)
    {
        Index = index;
        Key = key;
        Label = Texte.Get("Co2Anteil_" + key);
        Placement = placement;
        Driver = driver;
        HasEnergy = hasEnergy;
        this.column = column;
        Ghg = Texte.Get("Co2Ghg_" + key);
    }

    /// <summary>Position in <see cref="CarbonComponents.All"/>.</summary>
    public int Index { get; }

    /// <summary>Name in JSON and the CLI, e.g. <c>workplace</c>.</summary>
    public string Key { get; }

    /// <summary>German label for pages, charts and workbooks, e.g. „Arbeitsplatz“.</summary>
    public string Label { get; }

    /// <summary>Inside, beside or outside the SCI score.</summary>
    public SciPlacement Placement { get; }

    /// <summary>What the quantity follows.</summary>
    internal CarbonDriver Driver { get; }

    /// <summary>Whether the component is electricity (Wh × I); false for figures priced directly in gCO2e (manufacturing, paper, post, trips).</summary>
    public bool HasEnergy { get; }

    /// <summary>GHG Protocol scope and category in German (an assumption of domain-figures.md §1).</summary>
    public string Ghg { get; }

    /// <summary>Column of its gCO2e on the step rows and in the ledger cells, e.g. <c>workplace_g</c>.</summary>
    public string CarbonColumn => column + "_g";

    /// <summary>Column of its Wh, e.g. <c>workplace_wh</c>; null without energy.</summary>
    public string? EnergyColumn => HasEnergy ? column + "_wh" : null;

    /// <summary>Whether its measured value is withheld with the staff minutes (<see cref="CarbonDriver.StaffTime"/>).</summary>
    public bool FollowsStaffTime => Driver == CarbonDriver.StaffTime;

    /// <summary><see cref="Placement"/> in lower case, as the JSON of the SCI boundary and the simulation name it.</summary>
    public string PlacementName => Placement switch
    {
        SciPlacement.Inside => "inside",
        SciPlacement.Beside => "beside",
        _ => "outside",
    };

    /// <inheritdoc />
    public override string ToString() => Key;
}

/// <summary>The carbon components of the ledger, in the order reports show them.</summary>
public static class CarbonComponents
{
    /// <summary>Office electricity of the staff minutes.</summary>
    public static CarbonComponent Workplace { get; } = new(0, "workplace", SciPlacement.Inside, CarbonDriver.StaffTime, true, "workplace");

    /// <summary>Manufacturing of the workplace devices (PC, monitors), allocated to the staff minutes.</summary>
    public static CarbonComponent Devices { get; } = new(1, "devices", SciPlacement.Inside, CarbonDriver.StaffTime, false, "device");

    /// <summary>Server electricity of the CPU seconds, memory and data transfer.</summary>
    public static CarbonComponent Compute { get; } = new(2, "compute", SciPlacement.Inside, CarbonDriver.Software, true, "compute");

    /// <summary>Electricity of AI inferences.</summary>
    public static CarbonComponent AiInference { get; } = new(3, "aiInference", SciPlacement.Inside, CarbonDriver.Software, true, "ai");

    /// <summary>Manufacturing share of the server reserved by the CPU seconds.</summary>
    public static CarbonComponent Embodied { get; } = new(4, "embodied", SciPlacement.Inside, CarbonDriver.Software, false, "embodied");

    /// <summary>Printed pages.</summary>
    public static CarbonComponent Paper { get; } = new(5, "paper", SciPlacement.Beside, CarbonDriver.Footprint, false, "paper");

    /// <summary>Posted letters.</summary>
    public static CarbonComponent Post { get; } = new(6, "post", SciPlacement.Beside, CarbonDriver.Footprint, false, "post");

    /// <summary>Citizens' trips to the authority.</summary>
    public static CarbonComponent CitizenTrips { get; } = new(7, "citizenTrips", SciPlacement.Outside, CarbonDriver.Footprint, false, "citizen");

    /// <summary>Every component; <see cref="CarbonComponent.Index"/> is the position here.</summary>
    public static IReadOnlyList<CarbonComponent> All { get; } = [Workplace, Devices, Compute, AiInference, Embodied, Paper, Post, CitizenTrips];

    /// <summary>The authority's own inventory: the components inside and beside the SCI score.</summary>
    public static IReadOnlyList<CarbonComponent> Inventory { get; } = [.. All.Where(c => c.Placement != SciPlacement.Outside)];

    /// <summary>What automating a step adds: the software's components.</summary>
    public static IReadOnlyList<CarbonComponent> AddedBySoftware { get; } = [.. All.Where(c => c.Driver == CarbonDriver.Software)];

    /// <summary>What a step done by staff causes in the inventory and automation can save: staff time, paper and post.</summary>
    public static IReadOnlyList<CarbonComponent> SavedByAutomation { get; } = [.. Inventory.Where(c => c.Driver != CarbonDriver.Software)];

    /// <summary>The components at one position to the boundary.</summary>
    public static IEnumerable<CarbonComponent> In(SciPlacement placement) => All.Where(c => c.Placement == placement);

    /// <summary>The component with <paramref name="key"/>, or null.</summary>
    public static CarbonComponent? Find(string key) => All.FirstOrDefault(c => c.Key == key);

    /// <summary>German labels joined for a heading, e.g. „Rechenzentrum, KI-Inferenz, Herstellung Server“.</summary>
    public static string Labels(IEnumerable<CarbonComponent> components) => string.Join(", ", components.Select(c => c.Label));
}
