using System.Globalization;
using Automation.Engine.Model;

namespace Automation.Engine.Accounting;

/// <summary>The factor keys the ledger prices with. A factor set must hold a version of each one valid at the step's end.</summary>
internal static class FactorKeys
{
    /// <summary>Location-based grid intensity, g per kWh (the UBA figure counts CO2 only; the ledger books it as gCO2e, see methodology.md §4).</summary>
    public const string GridIntensity = "grid.intensity";

    /// <summary>Office workplace (PC and monitor) energy, kWh per staff-hour.</summary>
    public const string WorkplaceEnergy = "workplace.energy";

    /// <summary>Power of one vCPU when idle, W.</summary>
    public const string VcpuMinWatts = "compute.vcpu.minWatts";

    /// <summary>Power of one vCPU at full load, W.</summary>
    public const string VcpuMaxWatts = "compute.vcpu.maxWatts";

    /// <summary>Average vCPU utilisation, share.</summary>
    public const string Utilisation = "compute.utilisation";

    /// <summary>Power usage effectiveness of the data centre.</summary>
    public const string Pue = "datacentre.pue";

    /// <summary>Memory energy, kWh per GB-hour.</summary>
    public const string MemoryEnergy = "compute.memory";

    /// <summary>Data transfer energy, kWh per GB.</summary>
    public const string TransferEnergy = "transfer.energy";

    /// <summary>Energy of one AI inference, Wh.</summary>
    public const string AiInference = "ai.inference";

    /// <summary>Size classes of language models, each with its own energy per 1,000 tokens.</summary>
    public static IReadOnlyList<string> AiSizeClasses { get; } = ["small", "medium", "large"];

    /// <summary>Energy of 1,000 tokens (input and output) of a model of a size class, Wh.</summary>
    public static string AiTokens(string sizeClass) => "ai.tokens." + sizeClass;

    /// <summary>Total embodied emissions of a server (SCI TE), kgCO2e.</summary>
    public const string EmbodiedTotal = "embodied.server.total";

    /// <summary>Expected server lifetime (SCI EL), years.</summary>
    public const string EmbodiedLifetime = "embodied.server.lifetime";

    /// <summary>Share of the server a step reserves (SCI RR / ToR).</summary>
    public const string EmbodiedShare = "embodied.server.share";

    /// <summary>Workplace device types whose manufacturing the staff minutes carry: desktop PC and monitor.</summary>
    public static IReadOnlyList<string> DeviceTypes { get; } = ["pc", "monitor"];

    /// <summary>Embodied emissions of one device (manufacturing, transport, end of life), kgCO2e, e.g. <c>device.pc.embodied</c>.</summary>
    public static string DeviceEmbodied(string deviceType) => Device(deviceType, "embodied");

    /// <summary>Years a device is used before it is replaced, e.g. <c>device.monitor.lifetime</c>.</summary>
    public static string DeviceLifetime(string deviceType) => Device(deviceType, "lifetime");

    /// <summary>Working hours per year the device serves, over which its share is spread, e.g. <c>device.pc.hours</c>.</summary>
    public static string DeviceHours(string deviceType) => Device(deviceType, "hours");

    /// <summary>Devices of the type at one workplace (an average, so it may be fractional), e.g. <c>device.monitor.count</c>.</summary>
    public static string DeviceCount(string deviceType) => Device(deviceType, "count");

    /// <summary>Printed A4 page incl. paper, gCO2e.</summary>
    public const string PaperPage = "paper.page";

    /// <summary>Posted standard letter, gCO2e.</summary>
    public const string PostLetter = "post.letter";

    /// <summary>Car, gCO2e per passenger-km.</summary>
    public const string TripCar = "trip.car";

    /// <summary>Public transport, gCO2e per passenger-km.</summary>
    public const string TripPublicTransport = "trip.publicTransport";

    /// <summary>Distance of one citizen trip (round trip), km.</summary>
    public const string TripDistance = "trip.distance";

    /// <summary>Share of citizen trips made by car.</summary>
    public const string TripShareCar = "trip.share.car";

    /// <summary>Share of citizen trips made by public transport (the rest walk or cycle, 0 g).</summary>
    public const string TripSharePublicTransport = "trip.share.publicTransport";

    /// <summary>Citizen's time per trip, minutes.</summary>
    public const string TripMinutes = "trip.minutes";

    private static string Device(string deviceType, string part) => "device." + deviceType + "." + part;

    /// <summary>Key of a Zeitwerttabelle cell, e.g. <c>zeitwert.5.medium</c>.</summary>
    public static string Zeitwert(int activity, Complexity complexity) =>
        "zeitwert." + activity.ToString(CultureInfo.InvariantCulture) + "." + complexity switch
        {
            Complexity.Simple => "simple",
            Complexity.Medium => "medium",
            _ => "complex",
        };

    /// <summary>Key of a Lohnkostentabelle cell, e.g. <c>lohnkosten.kommune.gehoben</c>; no pay level means the average column.</summary>
    public static string Lohnkosten(AuthorityType authority, PayLevel? payLevel) =>
        "lohnkosten." + authority switch
        {
            AuthorityType.Bund => "bund",
            AuthorityType.Land => "land",
            AuthorityType.Kommune => "kommune",
            _ => "sozialversicherung",
        } + "." + payLevel switch
        {
            PayLevel.EinfacherMittlerer => "einfachMittel",
            PayLevel.Gehoben => "gehoben",
            PayLevel.Hoeher => "hoeher",
            _ => "average",
        };
}
