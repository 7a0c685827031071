using System.Globalization;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Engine.Simulation;

/// <summary>
/// Validates a scenario file against a process and compiles it into a <see cref="SimulationStudy"/>: the rewritten
/// definitions of the scenarios, duration distributions, branch probabilities, role capacities and the price of each
/// step (computed once per step through <see cref="LedgerCalculator"/>). Every problem found is reported at once,
/// each with the JSON path of its field and the element id.
/// </summary>
public static partial class SimulationCompiler
{
    /// <summary>Default hours a person works on the process per day: a 39-hour week (TVöD) over 5 days.</summary>
    public const double DefaultHoursPerDay = 7.8;

    private const double Tolerance = 1e-6;
    private static readonly DateOnly DefaultStart = new(2026, 1, 5);

    /// <summary>Validates and compiles.</summary>
    /// <param name="processes">The processes of the definition file (or stored version); call activities resolve among them.</param>
    /// <param name="file">The scenario file.</param>
    /// <param name="history">History of the definition version, if the host has any.</param>
    /// <param name="factors">Factor set; default <see cref="FactorSet.Default"/>.</param>
    /// <exception cref="SimulationValidationException">Anything is wrong; every error names its field.</exception>
    public static SimulationStudy Compile(IReadOnlyList<ProcessDefinition> processes, ScenarioFile file, SimulationHistory? history = null,
        FactorSet? factors = null)
    {
        ArgumentNullException.ThrowIfNull(processes);
        ArgumentNullException.ThrowIfNull(file);
        factors ??= FactorSet.Default;
        history ??= new SimulationHistory();
        var c = new Context(factors, history);
        var process = PickProcess(processes, file.ProcessId, c);
        var settings = Settings(file, c);
        if (process is null || settings is null) throw new SimulationValidationException(c.Errors);

        var called = CalledClosure(process, processes);
        var baselineRoles = BaselineRoles(file, process, called.Values, c);
        var baseline = BuildVariant(c, settings, "Ausgangslage", true, process, called, baselineRoles, [], file, "$");
        var scenarios = new List<SimulationVariant>();
        for (var i = 0; i < (file.Scenarios?.Count ?? 0); i++)
        {
            var spec = file.Scenarios![i];
            var path = $"$.scenarios[{i}]";
            var name = string.IsNullOrWhiteSpace(spec.Name) ? $"Szenario {i + 1}" : spec.Name.Trim();
            var variant = BuildVariant(c, settings, name, false, process, called, baselineRoles, spec.Changes ?? [], file, path);
            if (variant is not null) scenarios.Add(variant);
            if (spec.Changes is not { Count: > 0 }) c.Error(path + ".changes", null, "changes-empty");
        }
        if (c.Errors.Count > 0 || baseline is null) throw new SimulationValidationException(c.Errors);
        return new SimulationStudy
        {
            Settings = settings,
            Baseline = baseline,
            Scenarios = scenarios,
            Assumptions = [.. c.Assumptions],
            Factors = factors,
        };
    }

    private sealed class Context(FactorSet factors, SimulationHistory history)
    {
        public FactorSet Factors { get; } = factors;
        public SimulationHistory History { get; } = history;
        public List<SimulationError> Errors { get; } = [];
        public SortedSet<string> Assumptions { get; } = new(StringComparer.Ordinal);
        public AuthorityType Authority { get; set; } = AuthorityType.Kommune;
        public DateTimeOffset PricedAt { get; set; }

        /// <summary>Records a problem: its stable code (scenario-…) and the German text of that code with the values filled in.</summary>
        public void Error(string path, string? id, string code, params object?[] args)
        {
            var e = new SimulationError(path, id, Texte.Szenario(code, args), "scenario-" + code);
            if (!Errors.Contains(e)) Errors.Add(e);
        }
    }

    // ---- settings -------------------------------------------------------------------------------------------

    private static ProcessDefinition? PickProcess(IReadOnlyList<ProcessDefinition> processes, string? id, Context c)
    {
        if (processes.Count == 0)
        {
            c.Error("$.processId", null, "no-process");
            return null;
        }
        if (id is null) return processes[0];
        var found = processes.FirstOrDefault(p => p.Id == id);
        if (found is null) c.Error("$.processId", id, "process-unknown", id, string.Join(", ", processes.Select(p => p.Id)));
        return found;
    }

    private static SimulationSettings? Settings(ScenarioFile file, Context c)
    {
        var ok = true;
        var replications = file.Replications ?? 5;
        if (replications is < 1 or > 100)
        {
            c.Error("$.replications", null, "replications-range", replications);
            ok = false;
        }
        if (file.Replications is null) c.Assumptions.Add(Texte.AnnahmeWiederholungen);
        var authority = AuthorityType.Kommune;
        if (file.Authority is not null && !Enum.TryParse(file.Authority, true, out authority))
        {
            c.Error("$.authority", null, "authority-unknown", file.Authority);
            ok = false;
        }
        c.Authority = authority;
        var cal = file.Calendar ?? new CalendarSpec();
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(cal.TimeZone ?? "Europe/Berlin");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            c.Error("$.calendar.timeZone", null, "time-zone-unknown", cal.TimeZone);
            ok = false;
        }
        var days = new List<DayOfWeek>();
        var names = cal.WorkingDays ?? ["mon", "tue", "wed", "thu", "fri"];
        for (var i = 0; i < names.Count; i++)
        {
            var d = DayOf(names[i]);
            if (d is null)
            {
                c.Error($"$.calendar.workingDays[{i}]", null, "working-day-unknown", names[i]);
                ok = false;
            }
            else if (!days.Contains(d.Value)) days.Add(d.Value);
        }
        if (names.Count == 0)
        {
            c.Error("$.calendar.workingDays", null, "working-days-empty");
            ok = false;
        }
        var dayStart = new TimeOnly(8, 0);
        if (cal.DayStart is not null && !TimeOnly.TryParseExact(cal.DayStart, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out dayStart))
        {
            c.Error("$.calendar.dayStart", null, "day-start-invalid", cal.DayStart);
            ok = false;
        }
        var opening = cal.OpeningHours ?? 8;
        if (opening is <= 0 or > 24)
        {
            c.Error("$.calendar.openingHours", null, "opening-hours-range", opening);
            ok = false;
        }
        var alwaysOpen = cal.AlwaysOpen ?? false;
        var state = cal.State?.Trim();
        if (state is not null && !PublicHolidays.IsState(state))
        {
            c.Error("$.calendar.state", state, "state-unknown", cal.State, string.Join(", ", PublicHolidays.States));
            ok = false;
        }
        var holidaysOff = cal.PublicHolidays ?? true;
        var closing = cal.ClosingDays ?? [];
        var offDays = !holidaysOff ? Texte.AnnahmeFeiertageGearbeitet
            : state is null ? Texte.AnnahmeFeiertageBund : Texte.Format(Texte.AnnahmeFeiertageLand, state.ToUpperInvariant());
        if (closing.Count > 0) offDays += Texte.Format(Texte.AnnahmeSchliesstage, closing.Count);
        c.Assumptions.Add(alwaysOpen
            ? Texte.AnnahmeKalenderImmer
            : Texte.Format(Texte.AnnahmeKalender, string.Join(", ", days.Select(Texte.Kultur.DateTimeFormat.GetDayName)), dayStart.ToString("HH:mm", CultureInfo.InvariantCulture),
                zone?.Id ?? cal.TimeZone, offDays));
        var arrivals = file.Arrivals ?? new ArrivalSpec();
        var rate = arrivals.CasesPerWorkingDay ?? 10;
        if (arrivals.CasesPerWorkingDay is null) c.Assumptions.Add(Texte.AnnahmeEingang);
        if (rate <= 0 || double.IsNaN(rate) || double.IsInfinity(rate))
        {
            c.Error("$.arrivals.casesPerWorkingDay", null, "arrival-rate-range", rate);
            ok = false;
        }
        IReadOnlyList<double> seasonal = [.. Enumerable.Repeat(1.0, 12)];
        if (arrivals.Seasonal is { } s)
        {
            if (s.Count != 12)
            {
                c.Error("$.arrivals.seasonal", null, "seasonal-count", s.Count);
                ok = false;
            }
            else
            {
                for (var i = 0; i < 12; i++)
                {
                    if (s[i] < 0 || double.IsNaN(s[i]))
                    {
                        c.Error($"$.arrivals.seasonal[{i}]", null, "seasonal-negative", s[i]);
                        ok = false;
                    }
                }
                if (s.All(v => v <= 0))
                {
                    c.Error("$.arrivals.seasonal", null, "seasonal-zero");
                    ok = false;
                }
                seasonal = [.. s];
            }
        }
        var start = file.Start ?? DefaultStart;
        c.PricedAt = new DateTimeOffset(start.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        if (!ok || zone is null) return null;
        return new SimulationSettings
        {
            Name = string.IsNullOrWhiteSpace(file.Name) ? "Simulation" : file.Name.Trim(),
            Start = start,
            Replications = replications,
            Authority = authority,
            TimeZone = zone,
            WorkingDays = days,
            DayStart = dayStart,
            OpeningHours = opening,
            AlwaysOpen = alwaysOpen,
            CasesPerWorkingDay = rate,
            Seasonal = seasonal,
            PublicHolidays = holidaysOff,
            State = state?.ToUpperInvariant(),
            ClosingDays = [.. closing.Distinct().Order()],
        };
    }

    private static DayOfWeek? DayOf(string name) => name.Trim().ToLowerInvariant() switch
    {
        "mon" or "monday" or "mo" => DayOfWeek.Monday,
        "tue" or "tuesday" or "di" => DayOfWeek.Tuesday,
        "wed" or "wednesday" or "mi" => DayOfWeek.Wednesday,
        "thu" or "thursday" or "do" => DayOfWeek.Thursday,
        "fri" or "friday" or "fr" => DayOfWeek.Friday,
        "sat" or "saturday" or "sa" => DayOfWeek.Saturday,
        "sun" or "sunday" or "so" => DayOfWeek.Sunday,
        _ => null,
    };

    private static Dictionary<string, ProcessDefinition> CalledClosure(ProcessDefinition root, IReadOnlyList<ProcessDefinition> all)
    {
        var result = new Dictionary<string, ProcessDefinition>(StringComparer.Ordinal);
        var stack = new Stack<ProcessDefinition>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            foreach (var n in stack.Pop().Nodes)
            {
                if (n.Kind != NodeKind.CallActivity || n.CalledProcessId is not { } id || id == root.Id || result.ContainsKey(id)) continue;
                if (all.FirstOrDefault(p => p.Id == id) is { } p)
                {
                    result[id] = p;
                    stack.Push(p);
                }
            }
        }
        return result;
    }

    private static string F(double v) => v.ToString("0.######", Texte.Kultur);
}
