using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Engine.Texts;

namespace Automation.Engine.Simulation;

/// <summary>
/// A simulation scenario file (JSON, camelCase): the baseline settings for one process and the what-if scenarios to
/// compare with it. Every part is optional; what is missing takes the documented default and is listed among the
/// result's assumptions. Format and defaults: docs/simulation.md.
/// </summary>
public sealed class ScenarioFile
{
    /// <summary>Name of the study.</summary>
    public string? Name { get; set; }

    /// <summary>Process to simulate when the definition file holds several; default the first.</summary>
    public string? ProcessId { get; set; }

    /// <summary>First simulated day (ISO date); default 2026-01-05, a Monday.</summary>
    public DateOnly? Start { get; set; }

    /// <summary>Independent replications per scenario (1–100); default 5. Intervals need at least 2.</summary>
    public int? Replications { get; set; }

    /// <summary>Authority type for labour cost (Kommune, Land, Bund, Sozialversicherung); default Kommune.</summary>
    public string? Authority { get; set; }

    /// <summary>Working days and hours.</summary>
    public CalendarSpec? Calendar { get; set; }

    /// <summary>How cases arrive.</summary>
    public ArrivalSpec? Arrivals { get; set; }

    /// <summary>Step durations.</summary>
    public DurationSettings? Durations { get; set; }

    /// <summary>Branch probabilities: gateway id → outgoing flow id → probability.</summary>
    public Dictionary<string, Dictionary<string, double>>? Branches { get; set; }

    /// <summary>Staff capacity per role (the role names of the tasks: lane, candidate group).</summary>
    public Dictionary<string, RoleSpec>? Roles { get; set; }

    /// <summary>What-if scenarios, each compared with the baseline.</summary>
    public List<ScenarioSpec>? Scenarios { get; set; }

    /// <summary>Options for reading scenario files: camelCase, unknown properties refused, comments allowed.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a scenario file.</summary>
    /// <exception cref="SimulationValidationException">The text is not JSON of this format; the error names the JSON path.</exception>
    public static ScenarioFile Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<ScenarioFile>(json, JsonOptions)
                ?? throw new SimulationValidationException([new SimulationError("$", null, Texte.Szenario("empty"), "scenario-empty")]);
        }
        catch (JsonException e)
        {
            // System.Text.Json's message is English; the path says where, the German text what.
            throw new SimulationValidationException([new SimulationError(e.Path ?? "$", null, Texte.Szenario("json", (e.LineNumber ?? 0) + 1), "scenario-json")]);
        }
    }
}

/// <summary>Working calendar. Staff work and cases arrive on working days in a window starting at <see cref="DayStart"/>.</summary>
public sealed class CalendarSpec
{
    /// <summary>IANA time zone; default Europe/Berlin.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Working days as mon…sun; default mon–fri. Public holidays and closing days are skipped.</summary>
    public List<string>? WorkingDays { get; set; }

    /// <summary>Local start of the working day, HH:mm; default 08:00.</summary>
    public string? DayStart { get; set; }

    /// <summary>Hours per working day in which cases arrive; default 8.</summary>
    public double? OpeningHours { get; set; }

    /// <summary>Work and arrivals around the clock on every day (for queueing checks); default false.</summary>
    public bool? AlwaysOpen { get; set; }

    /// <summary>Land whose public holidays apply besides the nationwide ones (BB, BE, BW, BY, HB, HE, HH, MV, NI, NW,
    /// RP, SH, SL, SN, ST, TH); default none (nationwide holidays only).</summary>
    public string? State { get; set; }

    /// <summary>Whether public holidays are days off; default true.</summary>
    public bool? PublicHolidays { get; set; }

    /// <summary>Further days the authority is closed (ISO dates), e.g. 24 and 31 December or a local holiday.</summary>
    public List<DateOnly>? ClosingDays { get; set; }
}

/// <summary>Arrivals: a Poisson process within each working day's opening hours.</summary>
public sealed class ArrivalSpec
{
    /// <summary>Mean new cases per working day; default 10.</summary>
    public double? CasesPerWorkingDay { get; set; }

    /// <summary>Optional factors for January…December (12 values) multiplying the daily rate.</summary>
    public List<double>? Seasonal { get; set; }
}

/// <summary>Durations: a default rule for every human step and rules per step id.</summary>
public sealed class DurationSettings
{
    /// <summary>Rule for steps without their own; default: history where there are at least 5 measurements, else
    /// the standard time with a triangular distribution from 0.8 × to 1.5 × the Zeitwert.</summary>
    public DurationSpec? Default { get; set; }

    /// <summary>Rules per step id (user and manual tasks, message and signal waits).</summary>
    public Dictionary<string, DurationSpec>? Steps { get; set; }
}

/// <summary>
/// A duration distribution in minutes. <see cref="Basis"/> says where its centre comes from: <c>explicit</c> (the
/// numbers given here), <c>standard</c> (the step's standard time, Zeitwert or am:effort minutes, as the ledger
/// prices it) or <c>history</c> (the measured working minutes of the step; empirical distribution).
/// </summary>
public sealed class DurationSpec
{
    /// <summary>explicit, standard or history; default explicit when numbers are given, else standard.</summary>
    public string? Basis { get; set; }

    /// <summary>fixed, triangular, lognormal, exponential or empirical (history only); default triangular.</summary>
    public string? Distribution { get; set; }

    /// <summary>Triangular minimum, minutes (explicit).</summary>
    public double? Min { get; set; }

    /// <summary>Triangular mode, minutes (explicit).</summary>
    public double? Mode { get; set; }

    /// <summary>Triangular maximum, minutes (explicit).</summary>
    public double? Max { get; set; }

    /// <summary>Mean minutes (explicit fixed, lognormal, exponential).</summary>
    public double? Mean { get; set; }

    /// <summary>Coefficient of variation of a lognormal (standard deviation / mean); default 0.5.</summary>
    public double? Cv { get; set; }

    /// <summary>With basis standard and a triangular distribution: minimum as a multiple of the standard time; default 0.8.</summary>
    public double? Low { get; set; }

    /// <summary>With basis standard and a triangular distribution: maximum as a multiple of the standard time; default 1.5.</summary>
    public double? High { get; set; }
}

/// <summary>Staff of a role.</summary>
public sealed class RoleSpec
{
    /// <summary>People working on the process in this role (whole number ≥ 0).</summary>
    public int? People { get; set; }

    /// <summary>Hours each of them works on the process per working day; default 7.8 (39-hour week).</summary>
    public double? HoursPerDay { get; set; }
}

/// <summary>A what-if scenario: changes applied to the baseline.</summary>
public sealed class ScenarioSpec
{
    /// <summary>Name shown in the result.</summary>
    public string? Name { get; set; }

    /// <summary>The changes, applied in order.</summary>
    public List<ChangeSpec>? Changes { get; set; }
}

/// <summary>
/// One change. <see cref="Type"/>: <c>automate</c> (the step runs as software), <c>aiAssist</c> (an AI model prepares,
/// a person reviews for <see cref="Review"/> minutes), <c>remove</c> (the step is dropped; the flow passes through)
/// or <c>capacity</c> (a role's people and hours).
/// </summary>
public sealed class ChangeSpec
{
    /// <summary>automate, aiAssist, remove or capacity.</summary>
    public string? Type { get; set; }

    /// <summary>Step id (automate, aiAssist, remove).</summary>
    public string? Step { get; set; }

    /// <summary>CPU seconds per execution of the automated part (automate, aiAssist); default 1.</summary>
    public double? CpuSeconds { get; set; }

    /// <summary>AI inferences per execution (aiAssist; required, &gt; 0).</summary>
    public double? Inferences { get; set; }

    /// <summary>Remaining human review time (aiAssist; required).</summary>
    public DurationSpec? Review { get; set; }

    /// <summary>Footprint after the change (automate, aiAssist), e.g. no printed pages; default unchanged.</summary>
    public FootprintSpec? Footprint { get; set; }

    /// <summary>Role name (capacity).</summary>
    public string? Role { get; set; }

    /// <summary>New number of people (capacity).</summary>
    public int? People { get; set; }

    /// <summary>New hours per day (capacity); default unchanged.</summary>
    public double? HoursPerDay { get; set; }
}

/// <summary>Material footprint per execution after a change.</summary>
public sealed class FootprintSpec
{
    /// <summary>Printed A4 pages.</summary>
    public double? PrintedPages { get; set; }

    /// <summary>Posted letters.</summary>
    public double? Letters { get; set; }

    /// <summary>Citizens' trips to the authority.</summary>
    public double? CitizenTrips { get; set; }
}
