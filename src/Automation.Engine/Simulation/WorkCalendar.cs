namespace Automation.Engine.Simulation;

/// <summary>
/// Working days in a time zone: which local days are worked and when the working day starts. Public holidays and
/// closing days are not worked: no staff capacity and no arrivals. Times are UTC ticks.
/// </summary>
internal sealed class WorkCalendar
{
    private readonly bool[] workingDays;
    private readonly Dictionary<double, WorkWindows> windows = [];
    private readonly PublicHolidays? holidays;
    private readonly HashSet<DateOnly> closingDays;

    /// <summary>Creates a calendar.</summary>
    /// <param name="timeZone">Time zone of the authority.</param>
    /// <param name="workingDays">Worked days of the week.</param>
    /// <param name="dayStart">Local start of the working day.</param>
    /// <param name="alwaysOpen">Work around the clock on every day (queueing checks); the other settings are ignored.</param>
    /// <param name="start">First day.</param>
    /// <param name="holidays">Public holidays not worked, or null for none.</param>
    /// <param name="closingDays">Further days the authority is closed.</param>
    public WorkCalendar(TimeZoneInfo timeZone, IEnumerable<DayOfWeek> workingDays, TimeOnly dayStart, bool alwaysOpen, DateOnly start,
        PublicHolidays? holidays = null, IEnumerable<DateOnly>? closingDays = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(workingDays);
        TimeZone = timeZone;
        this.workingDays = new bool[7];
        foreach (var d in workingDays) this.workingDays[(int)d] = true;
        DayStart = dayStart;
        AlwaysOpen = alwaysOpen;
        Start = start;
        this.holidays = holidays;
        this.closingDays = [.. closingDays ?? []];
        StartTicks = alwaysOpen
            ? new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks
            : LocalToUtcTicks(start.ToDateTime(dayStart));
    }

    /// <summary>Time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Local start of a working day.</summary>
    public TimeOnly DayStart { get; }

    /// <summary>Whether work goes on around the clock.</summary>
    public bool AlwaysOpen { get; }

    /// <summary>First day.</summary>
    public DateOnly Start { get; }

    /// <summary>The instant the simulation starts (the first day's start), UTC ticks.</summary>
    public long StartTicks { get; }

    /// <summary>Whether a date is a working day: a worked day of the week, no public holiday, no closing day.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        AlwaysOpen || (workingDays[(int)day.DayOfWeek] && holidays?.IsHoliday(day) != true && !closingDays.Contains(day));

    /// <summary>The working windows of staff (or opening hours) working <paramref name="hoursPerDay"/> hours a day.</summary>
    public WorkWindows Windows(double hoursPerDay)
    {
        if (!windows.TryGetValue(hoursPerDay, out var w)) windows[hoursPerDay] = w = new WorkWindows(this, hoursPerDay);
        return w;
    }

    internal long LocalToUtcTicks(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone).Ticks;
}

/// <summary>Working windows of one daily length, extended lazily as the simulation runs on. Not thread-safe.</summary>
internal sealed class WorkWindows
{
    private readonly WorkCalendar calendar;
    private readonly long length;
    private readonly List<long> starts = [];
    private DateOnly nextDay;
    private int cursor;

    internal WorkWindows(WorkCalendar calendar, double hoursPerDay)
    {
        this.calendar = calendar;
        HoursPerDay = calendar.AlwaysOpen ? 24 : hoursPerDay;
        length = (long)Math.Round(HoursPerDay * TimeSpan.TicksPerHour);
        nextDay = calendar.Start;
    }

    /// <summary>Working hours per day.</summary>
    public double HoursPerDay { get; }

    /// <summary>Length of a window in ticks.</summary>
    public long Length => length;

    /// <summary>The first working instant at or after <paramref name="ticks"/>.</summary>
    public long NextWorkingInstant(long ticks)
    {
        if (calendar.AlwaysOpen) return ticks;
        var i = WindowAtOrAfter(ticks);
        return Math.Max(ticks, starts[i]);
    }

    /// <summary>The instant at which <paramref name="minutes"/> of work starting at <paramref name="ticks"/> are done,
    /// counting working time only (work left at the end of a day goes on the next working day).</summary>
    public long AddWorking(long ticks, double minutes)
    {
        var remaining = (long)(minutes * TimeSpan.TicksPerMinute);
        if (calendar.AlwaysOpen) return ticks + remaining;
        var i = WindowAtOrAfter(ticks);
        var t = Math.Max(ticks, starts[i]);
        while (true)
        {
            var end = starts[i] + length;
            if (t + remaining <= end) return t + remaining;
            remaining -= end - t;
            i++;
            EnsureWindow(i);
            t = starts[i];
        }
    }

    /// <summary>Start of the <paramref name="index"/>-th working window (0 is the first day's).</summary>
    public long WindowStart(int index)
    {
        EnsureWindow(index);
        return starts[index];
    }

    /// <summary>Index of the first window whose end is after <paramref name="ticks"/>.</summary>
    public int WindowAtOrAfter(long ticks)
    {
        // Simulated time mostly moves forward: start from the last answer, search back only when needed.
        if (cursor >= starts.Count) EnsureWindow(cursor);
        if (starts[cursor] + length <= ticks)
        {
            while (true)
            {
                cursor++;
                EnsureWindow(cursor);
                if (starts[cursor] + length > ticks) return cursor;
            }
        }
        if (cursor == 0 || starts[cursor - 1] + length <= ticks) return cursor;
        var lo = 0;
        var hi = cursor;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (starts[mid] + length > ticks) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private void EnsureWindow(int index)
    {
        while (starts.Count <= index)
        {
            if (calendar.AlwaysOpen)
            {
                starts.Add(calendar.StartTicks + starts.Count * TimeSpan.TicksPerDay);
                continue;
            }
            var day = nextDay;
            nextDay = nextDay.AddDays(1);
            if (!calendar.IsWorkingDay(day)) continue;
            starts.Add(calendar.LocalToUtcTicks(day.ToDateTime(calendar.DayStart)));
        }
    }
}
