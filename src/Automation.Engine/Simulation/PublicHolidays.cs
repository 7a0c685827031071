namespace Automation.Engine.Simulation;

/// <summary>A public holiday: date and German name.</summary>
/// <param name="Date">Date.</param>
/// <param name="Name">German name.</param>
internal sealed record PublicHoliday(DateOnly Date, string Name);

/// <summary>
/// Statutory public holidays in Germany: the nine nationwide ones and those of one Land, by the Länder's holiday
/// laws (Feiertagsgesetze) as in force in 2025; list and sources in docs/simulation.md. Holidays that apply only in
/// some municipalities (Fronleichnam in parts of Sachsen and Thüringen, Mariä Himmelfahrt in Catholic parts of
/// Bayern, the Augsburger Friedensfest) and one-off days are not included: list them as closing days.
/// </summary>
internal sealed class PublicHolidays
{
    /// <summary>The 16 Land codes (ISO 3166-2:DE without the prefix).</summary>
    public static readonly IReadOnlyList<string> States = ["BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL", "SN", "ST", "TH"];

    // Day rules of the Länder: name, states, first year in force (0 = long-standing), and the date in a year.
    private static readonly (string Name, string[] States, int FromYear, Func<int, DateOnly, DateOnly> Date)[] StateRules =
    [
        ("Heilige Drei Könige", ["BW", "BY", "ST"], 0, (y, _) => new DateOnly(y, 1, 6)),
        ("Internationaler Frauentag", ["BE"], 2019, (y, _) => new DateOnly(y, 3, 8)),
        ("Internationaler Frauentag", ["MV"], 2023, (y, _) => new DateOnly(y, 3, 8)),
        ("Ostersonntag", ["BB"], 0, (_, e) => e),
        ("Pfingstsonntag", ["BB"], 0, (_, e) => e.AddDays(49)),
        ("Fronleichnam", ["BW", "BY", "HE", "NW", "RP", "SL"], 0, (_, e) => e.AddDays(60)),
        ("Mariä Himmelfahrt", ["SL"], 0, (y, _) => new DateOnly(y, 8, 15)),
        ("Weltkindertag", ["TH"], 2019, (y, _) => new DateOnly(y, 9, 20)),
        ("Reformationstag", ["BB", "MV", "SN", "ST", "TH"], 0, (y, _) => new DateOnly(y, 10, 31)),
        ("Reformationstag", ["HB", "HH", "NI", "SH"], 2018, (y, _) => new DateOnly(y, 10, 31)),
        ("Allerheiligen", ["BW", "BY", "NW", "RP", "SL"], 0, (y, _) => new DateOnly(y, 11, 1)),
        ("Buß- und Bettag", ["SN"], 0, (y, _) => RepentanceDay(y)),
    ];

    private readonly Dictionary<int, Dictionary<DateOnly, string>> years = [];

    /// <summary>Holidays valid everywhere plus those of <paramref name="state"/>.</summary>
    /// <param name="state">Land code (see <see cref="States"/>), or null for the nationwide holidays only.</param>
    /// <exception cref="ArgumentException">The code is not one of <see cref="States"/>.</exception>
    public PublicHolidays(string? state)
    {
        if (state is not null && !IsState(state)) throw new ArgumentException($"unknown Land code '{state}'", nameof(state));
        State = state?.ToUpperInvariant();
    }

    /// <summary>Land code, or null for the nationwide holidays only.</summary>
    public string? State { get; }

    /// <summary>Whether <paramref name="code"/> is one of <see cref="States"/> (case-insensitive).</summary>
    public static bool IsState(string code) => States.Contains(code.ToUpperInvariant(), StringComparer.Ordinal);

    /// <summary>Whether a date is a public holiday here.</summary>
    public bool IsHoliday(DateOnly day) => Of(day.Year).ContainsKey(day);

    /// <summary>The holidays of a year, in date order.</summary>
    public IReadOnlyList<PublicHoliday> InYear(int year) =>
        [.. Of(year).OrderBy(kv => kv.Key).Select(kv => new PublicHoliday(kv.Key, kv.Value))];

    /// <summary>Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>Buß- und Bettag: the Wednesday before 23 November.</summary>
    public static DateOnly RepentanceDay(int year)
    {
        var d = new DateOnly(year, 11, 22);
        return d.AddDays(-(((int)d.DayOfWeek - (int)DayOfWeek.Wednesday + 7) % 7));
    }

    private Dictionary<DateOnly, string> Of(int year)
    {
        if (years.TryGetValue(year, out var known)) return known;
        var easter = EasterSunday(year);
        var days = new Dictionary<DateOnly, string>
        {
            [new DateOnly(year, 1, 1)] = "Neujahr",
            [easter.AddDays(-2)] = "Karfreitag",
            [easter.AddDays(1)] = "Ostermontag",
            [new DateOnly(year, 5, 1)] = "Tag der Arbeit",
            [easter.AddDays(39)] = "Christi Himmelfahrt",
            [easter.AddDays(50)] = "Pfingstmontag",
            [new DateOnly(year, 10, 3)] = "Tag der Deutschen Einheit",
            [new DateOnly(year, 12, 25)] = "1. Weihnachtstag",
            [new DateOnly(year, 12, 26)] = "2. Weihnachtstag",
        };
        // 500 years of the Reformation: a nationwide holiday once, by the Länder's laws for 2017.
        if (year == 2017) days[new DateOnly(2017, 10, 31)] = "Reformationstag";
        if (State is not null)
        {
            foreach (var (name, states, from, date) in StateRules)
            {
                if (year >= from && states.Contains(State, StringComparer.Ordinal)) days.TryAdd(date(year, easter), name);
            }
        }
        years[year] = days;
        return days;
    }
}
