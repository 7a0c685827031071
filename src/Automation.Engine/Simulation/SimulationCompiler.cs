using System.Globalization;
using Automation.Engine.Accounting;
using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Engine.Simulation;

/// <summary>
/// Validates a scenario file against a process and compiles it into a <see cref="SimulationStudy"/>: the rewritten
/// definitions of the scenarios, duration distributions, branch probabilities, role capacities and the price of each
/// step (computed once per step through <see cref="LedgerCalculator"/>). Every problem found is reported at once,
/// each with the JSON path of its field and the element id.
/// </summary>
public static class SimulationCompiler
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
            if (spec.Changes is not { Count: > 0 }) c.Error(path + ".changes", null, "a scenario needs at least one change");
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

        public void Error(string path, string? id, string message)
        {
            var e = new SimulationError(path, id, message);
            if (!Errors.Contains(e)) Errors.Add(e);
        }
    }

    // ---- settings -------------------------------------------------------------------------------------------

    private static ProcessDefinition? PickProcess(IReadOnlyList<ProcessDefinition> processes, string? id, Context c)
    {
        if (processes.Count == 0)
        {
            c.Error("$.processId", null, "the definition holds no process");
            return null;
        }
        if (id is null) return processes[0];
        var found = processes.FirstOrDefault(p => p.Id == id);
        if (found is null) c.Error("$.processId", id, $"no process '{id}' in the definition; it holds {string.Join(", ", processes.Select(p => p.Id))}");
        return found;
    }

    private static SimulationSettings? Settings(ScenarioFile file, Context c)
    {
        var ok = true;
        var replications = file.Replications ?? 5;
        if (replications is < 1 or > 100)
        {
            c.Error("$.replications", null, $"must be 1 to 100, not {replications}");
            ok = false;
        }
        if (file.Replications is null) c.Assumptions.Add("5 replications per scenario (default)");
        var authority = AuthorityType.Kommune;
        if (file.Authority is not null && !Enum.TryParse(file.Authority, true, out authority))
        {
            c.Error("$.authority", null, $"unknown authority type '{file.Authority}'; use Kommune, Land, Bund or Sozialversicherung");
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
            c.Error("$.calendar.timeZone", null, $"unknown time zone '{cal.TimeZone}'");
            ok = false;
        }
        var days = new List<DayOfWeek>();
        var names = cal.WorkingDays ?? ["mon", "tue", "wed", "thu", "fri"];
        for (var i = 0; i < names.Count; i++)
        {
            var d = DayOf(names[i]);
            if (d is null)
            {
                c.Error($"$.calendar.workingDays[{i}]", null, $"'{names[i]}' is not a day; use mon, tue, wed, thu, fri, sat or sun");
                ok = false;
            }
            else if (!days.Contains(d.Value)) days.Add(d.Value);
        }
        if (names.Count == 0)
        {
            c.Error("$.calendar.workingDays", null, "at least one working day is needed");
            ok = false;
        }
        var dayStart = new TimeOnly(8, 0);
        if (cal.DayStart is not null && !TimeOnly.TryParseExact(cal.DayStart, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out dayStart))
        {
            c.Error("$.calendar.dayStart", null, $"'{cal.DayStart}' is not a time HH:mm");
            ok = false;
        }
        var opening = cal.OpeningHours ?? 8;
        if (opening is <= 0 or > 24)
        {
            c.Error("$.calendar.openingHours", null, $"must be more than 0 and at most 24, not {F(opening)}");
            ok = false;
        }
        var alwaysOpen = cal.AlwaysOpen ?? false;
        var state = cal.State?.Trim();
        if (state is not null && !PublicHolidays.IsState(state))
        {
            c.Error("$.calendar.state", state, $"unknown Land code '{cal.State}'; use one of {string.Join(", ", PublicHolidays.States)}");
            ok = false;
        }
        var holidaysOff = cal.PublicHolidays ?? true;
        var closing = cal.ClosingDays ?? [];
        var offDays = holidaysOff
            ? $"public holidays of Germany{(state is null ? " (nationwide only; set calendar.state for a Land's)" : $" and {state.ToUpperInvariant()}")} are days off"
            : "public holidays are worked (calendar.publicHolidays = false)";
        if (closing.Count > 0) offDays += $", and {closing.Count} closing day(s)";
        c.Assumptions.Add(alwaysOpen
            ? "calendar: work and arrivals around the clock on every day, holidays included"
            : $"calendar: {string.Join(", ", days)}, from {dayStart:HH\\:mm} ({zone?.Id ?? cal.TimeZone}); {offDays}; leave and sickness are not modelled (the FTE figure of 1,600 h/year allows for them)");
        var arrivals = file.Arrivals ?? new ArrivalSpec();
        var rate = arrivals.CasesPerWorkingDay ?? 10;
        if (arrivals.CasesPerWorkingDay is null) c.Assumptions.Add("10 new cases per working day (default)");
        if (rate <= 0 || double.IsNaN(rate) || double.IsInfinity(rate))
        {
            c.Error("$.arrivals.casesPerWorkingDay", null, $"must be more than 0, not {F(rate)}");
            ok = false;
        }
        IReadOnlyList<double> seasonal = [.. Enumerable.Repeat(1.0, 12)];
        if (arrivals.Seasonal is { } s)
        {
            if (s.Count != 12)
            {
                c.Error("$.arrivals.seasonal", null, $"needs 12 factors (January to December), not {s.Count}");
                ok = false;
            }
            else
            {
                for (var i = 0; i < 12; i++)
                {
                    if (s[i] < 0 || double.IsNaN(s[i]))
                    {
                        c.Error($"$.arrivals.seasonal[{i}]", null, $"a seasonal factor must not be negative, not {F(s[i])}");
                        ok = false;
                    }
                }
                if (s.All(v => v <= 0))
                {
                    c.Error("$.arrivals.seasonal", null, "at least one month needs a factor above 0");
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

    // ---- roles ----------------------------------------------------------------------------------------------

    private static Dictionary<string, RoleCapacity> BaselineRoles(ScenarioFile file, ProcessDefinition process,
        IEnumerable<ProcessDefinition> called, Context c)
    {
        var known = called.Prepend(process).SelectMany(p => p.Nodes.Where(n => LedgerCalculator.IsPricedStep(n.Kind)).Select(n => PrimaryRole(n, p)))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var roles = new Dictionary<string, RoleCapacity>(StringComparer.Ordinal);
        foreach (var name in known.Order(StringComparer.Ordinal)) roles[name] = new RoleCapacity(name, 1, DefaultHoursPerDay);
        foreach (var (name, spec) in file.Roles ?? [])
        {
            var path = $"$.roles.{name}";
            if (!known.Contains(name))
            {
                c.Error(path, name, $"no step of the process has role '{name}'; roles: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
                continue;
            }
            var people = spec.People ?? 1;
            var hours = spec.HoursPerDay ?? DefaultHoursPerDay;
            if (people < 0) c.Error(path + ".people", name, $"must not be negative, not {people}");
            if (hours is <= 0 or > 24 || double.IsNaN(hours)) c.Error(path + ".hoursPerDay", name, $"must be more than 0 and at most 24, not {F(hours)}");
            roles[name] = new RoleCapacity(name, people, hours);
        }
        foreach (var name in known.Where(k => file.Roles?.ContainsKey(k) != true).Order(StringComparer.Ordinal))
            c.Assumptions.Add($"role '{name}': 1 person, {F(DefaultHoursPerDay)} h per working day (default; set it under roles)");
        return roles;
    }

    /// <summary>
    /// The role whose queue a step joins: the first role named on the step itself (am:role, candidate group,
    /// potential owner), which is the inbox key the server uses, else its lane, else none.
    /// </summary>
    public static string? PrimaryRole(FlowNode node, ProcessDefinition process)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(process);
        foreach (var role in node.Roles)
        {
            if (!process.Lanes.Any(l => l.Name == role && l.NodeIds.Contains(node.Id))) return role;
        }
        return node.Roles.Count > 0 ? node.Roles[0] : null;
    }

    // ---- variants -------------------------------------------------------------------------------------------

    private static SimulationVariant? BuildVariant(Context c, SimulationSettings settings, string name, bool isBaseline,
        ProcessDefinition process, Dictionary<string, ProcessDefinition> called, Dictionary<string, RoleCapacity> baselineRoles,
        List<ChangeSpec> changes, ScenarioFile file, string path)
    {
        var errorsBefore = c.Errors.Count;
        var all = called.Values.Prepend(process).ToList();
        var nodes = all.SelectMany(p => p.Nodes).GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rewritten = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        var changeOf = new Dictionary<string, StepChange>(StringComparer.Ordinal);
        var reviews = new Dictionary<string, (DurationSpec Spec, string Path)>(StringComparer.Ordinal);
        var roles = new Dictionary<string, RoleCapacity>(baselineRoles, StringComparer.Ordinal);
        var described = new List<string>();
        for (var i = 0; i < changes.Count; i++)
        {
            var ch = changes[i];
            var cp = $"{path}.changes[{i}]";
            var type = ch.Type?.Trim();
            if (type == "capacity")
            {
                if (string.IsNullOrWhiteSpace(ch.Role) || !roles.TryGetValue(ch.Role, out var old))
                {
                    c.Error(cp + ".role", ch.Role, ch.Role is null ? "a capacity change needs a role" : $"no step of the process has role '{ch.Role}'");
                    continue;
                }
                var people = ch.People ?? old.People;
                var hours = ch.HoursPerDay ?? old.HoursPerDay;
                if (people < 0) c.Error(cp + ".people", ch.Role, $"must not be negative, not {people}");
                if (hours is <= 0 or > 24 || double.IsNaN(hours)) c.Error(cp + ".hoursPerDay", ch.Role, $"must be more than 0 and at most 24, not {F(hours)}");
                if (ch.People is null && ch.HoursPerDay is null) c.Error(cp, ch.Role, "a capacity change needs people or hoursPerDay");
                roles[ch.Role] = new RoleCapacity(ch.Role, people, hours);
                described.Add($"Kapazität {ch.Role}: {people} Person(en) × {F(hours)} h/Tag");
                continue;
            }
            if (type is not ("automate" or "aiAssist" or "remove"))
            {
                c.Error(cp + ".type", null, $"unknown change type '{ch.Type}'; use automate, aiAssist, remove or capacity");
                continue;
            }
            if (string.IsNullOrWhiteSpace(ch.Step) || !nodes.TryGetValue(ch.Step, out var node))
            {
                c.Error(cp + ".step", ch.Step, ch.Step is null ? $"a {type} change needs a step id" : $"the process has no step '{ch.Step}'");
                continue;
            }
            if (!LedgerCalculator.IsPricedStep(node.Kind))
            {
                c.Error(cp + ".step", node.Id, $"'{node.Id}' is a {node.Kind}; only tasks can be changed");
                continue;
            }
            if (changeOf.ContainsKey(node.Id))
            {
                c.Error(cp + ".step", node.Id, "the step is already changed by an earlier change of this scenario");
                continue;
            }
            if (ch.CpuSeconds is < 0) c.Error(cp + ".cpuSeconds", node.Id, $"must not be negative, not {F(ch.CpuSeconds.Value)}");
            var footprint = Footprint(ch.Footprint, node.Footprint, cp + ".footprint", node.Id, c);
            switch (type)
            {
                case "automate":
                    rewritten[node.Id] = Copy(node, NodeKind.ServiceTask, node.Roles, node.Effort, footprint,
                        new AutomationAnnotation(AutomationLevel.Automated, false, node.Automation?.Candidate ?? true, null, ch.CpuSeconds ?? 1));
                    changeOf[node.Id] = StepChange.Automated;
                    described.Add($"{node.Label} automatisiert");
                    if (ch.CpuSeconds is null) c.Assumptions.Add($"automated step '{node.Id}': 1 CPU second per execution (default)");
                    break;
                case "aiAssist":
                    if (ch.Inferences is not > 0) c.Error(cp + ".inferences", node.Id, "an AI-assisted step needs inferences per case above 0");
                    if (ch.Review is null) c.Error(cp + ".review", node.Id, "an AI-assisted step needs the remaining human review time");
                    else reviews[node.Id] = (ch.Review, cp + ".review");
                    rewritten[node.Id] = Copy(node, node.Kind, node.Roles, node.Effort, footprint,
                        new AutomationAnnotation(AutomationLevel.DecisionPreparing, true, node.Automation?.Candidate ?? true, ch.Inferences, ch.CpuSeconds ?? 1));
                    changeOf[node.Id] = StepChange.AiAssisted;
                    described.Add($"{node.Label} KI-gestützt");
                    break;
                default:
                    rewritten[node.Id] = Copy(node, NodeKind.IntermediateThrowEvent, [], null, null, null);
                    changeOf[node.Id] = StepChange.Removed;
                    described.Add($"{node.Label} entfällt");
                    break;
            }
        }
        var definitions = all.Select(p => p.Nodes.Any(n => rewritten.ContainsKey(n.Id))
            ? new ProcessDefinition(p.Id, p.Name, p.Format, p.Nodes.Select(n => rewritten.GetValueOrDefault(n.Id, n)), p.Flows, p.Lanes, p.Variables, p.IsExecutable) { Position = p.Position }
            : p).ToList();
        var roleList = roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var roleIndex = roleList.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var steps = new Dictionary<string, StepPlan>(StringComparer.Ordinal);
        foreach (var def in definitions)
        {
            foreach (var node in def.Nodes)
            {
                if (steps.ContainsKey(node.Id)) continue;
                steps[node.Id] = Plan(c, node, PrimaryRole(node, def), changeOf.GetValueOrDefault(node.Id), reviews, file, roleIndex, isBaseline);
            }
        }
        var roleWork = steps.Values.Where(s => s.HumanWork && s.RoleIndex >= 0 && s.Kind == NodeKind.UserTask).GroupBy(s => s.RoleIndex);
        foreach (var g in roleWork)
        {
            var role = roleList[g.Key];
            if (role.People > 0) continue;
            var change = Enumerable.Range(0, changes.Count).LastOrDefault(i => changes[i].Type == "capacity" && changes[i].Role == role.Name, -1);
            var field = change >= 0 ? $"{path}.changes[{change}].people" : $"$.roles.{role.Name}.people";
            c.Error(field, role.Name, $"role '{role.Name}' has 0 people but does work in {string.Join(", ", g.Select(s => s.NodeId))}");
        }
        var branches = isBaseline || c.Errors.Count == errorsBefore ? Branches(c, definitions, file) : [];
        if (c.Errors.Count > errorsBefore) return null;
        return new SimulationVariant
        {
            Name = name,
            IsBaseline = isBaseline,
            Definition = definitions[0],
            CalledProcesses = definitions.Skip(1).ToDictionary(d => d.Id, StringComparer.Ordinal),
            Roles = roleList,
            Steps = steps,
            Branches = branches,
            Changes = described,
        };
    }

    private static FootprintAnnotation? Footprint(FootprintSpec? spec, FootprintAnnotation? old, string path, string id, Context c)
    {
        if (spec is null) return old;
        void Check(double? v, string field)
        {
            if (v < 0) c.Error($"{path}.{field}", id, $"must not be negative, not {F(v.Value)}");
        }
        Check(spec.PrintedPages, "printedPages");
        Check(spec.Letters, "letters");
        Check(spec.CitizenTrips, "citizenTrips");
        return new FootprintAnnotation(spec.PrintedPages ?? old?.PrintedPages ?? 0, spec.Letters ?? old?.Letters ?? 0, spec.CitizenTrips ?? old?.CitizenTrips ?? 0);
    }

    private static FlowNode Copy(FlowNode n, NodeKind kind, IReadOnlyList<string> roles, EffortAnnotation? effort, FootprintAnnotation? footprint,
        AutomationAnnotation? automation) => new()
    {
        Id = n.Id,
        Name = n.Name,
        Kind = kind,
        Trigger = kind == NodeKind.IntermediateThrowEvent ? EventTrigger.None : n.Trigger,
        Position = n.Position,
        ParentId = n.ParentId,
        Roles = roles,
        Assignee = kind == NodeKind.UserTask ? n.Assignee : null,
        Effort = effort,
        Footprint = footprint,
        Automation = automation,
        DefaultFlowId = n.DefaultFlowId,
        FormFields = kind == NodeKind.UserTask ? n.FormFields : [],
        Documentation = n.Documentation,
        Incoming = n.Incoming,
        Outgoing = n.Outgoing,
    };

    // ---- steps ----------------------------------------------------------------------------------------------

    private static StepPlan Plan(Context c, FlowNode node, string? primaryRole, StepChange change, Dictionary<string, (DurationSpec Spec, string Path)> reviews,
        ScenarioFile file, Dictionary<string, int> roleIndex, bool isBaseline)
    {
        var priced = LedgerCalculator.IsPricedStep(node.Kind);
        var human = priced && LedgerCalculator.HasHumanWork(node.ActorKind, node.Kind, node.Effort is not null);
        var fixedCost = new double[StepPlan.Components];
        var perMinute = new double[StepPlan.Components];
        var standard = 0.0;
        if (priced)
        {
            try
            {
                var step = new StepEvent(Guid.Empty, "simulation", 1, node.Id, node.Name, node.Kind, node.ActorKind, c.PricedAt, c.PricedAt, StepOutcome.Completed, null);
                var standardEntry = LedgerCalculator.Price(step, node, "simulation", null, c.Factors, c.Authority);
                standard = (double)standardEntry.StandardMinutes;
                var zero = LedgerCalculator.Price(step, node, "simulation", new StepMeasurement(WorkingMinutes: 0m), c.Factors, c.Authority);
                Fill(fixedCost, zero, 1);
                if (human)
                {
                    // The ledger is linear in staff minutes: price one hour and take the difference per minute.
                    var hour = LedgerCalculator.Price(step, node, "simulation", new StepMeasurement(WorkingMinutes: 60m), c.Factors, c.Authority);
                    Fill(perMinute, hour, 1.0 / 60);
                    for (var i = 0; i < perMinute.Length; i++) perMinute[i] -= fixedCost[i] / 60;
                    foreach (var note in standardEntry.Notes) c.Assumptions.Add($"step '{node.Id}': {note}");
                }
            }
            catch (AccountingException e)
            {
                c.Error("definition", node.Id, "the ledger cannot price this step: " + e.Message);
            }
        }
        var takesTime = human || node.Kind is NodeKind.ReceiveTask
            || (node.Kind == NodeKind.IntermediateCatchEvent && node.Trigger is EventTrigger.Message or EventTrigger.Signal);
        var stepSpecs = file.Durations?.Steps;
        DurationSampler? duration = null;
        if (change == StepChange.AiAssisted && reviews.TryGetValue(node.Id, out var review))
        {
            duration = Sampler(c, review.Spec, review.Path, node, standard, isBaseline);
        }
        else if (stepSpecs is not null && stepSpecs.TryGetValue(node.Id, out var own) && change == StepChange.None)
        {
            duration = takesTime ? Sampler(c, own, $"$.durations.steps.{node.Id}", node, standard, isBaseline) : null;
        }
        else if (human)
        {
            duration = Sampler(c, file.Durations?.Default, "$.durations.default", node, standard, isBaseline);
        }
        else if (takesTime && isBaseline)
        {
            c.Assumptions.Add($"wait '{node.Id}': the message or signal arrives at once (set a duration under durations.steps)");
        }
        var role = primaryRole is not null && roleIndex.TryGetValue(primaryRole, out var r) ? r : -1;
        if (isBaseline && human && node.Kind == NodeKind.UserTask && role < 0)
            c.Assumptions.Add($"step '{node.Id}' has no role: its duration is a delay without queue");
        if (isBaseline && human && node.Kind is NodeKind.Task or NodeKind.ManualTask)
            c.Assumptions.Add($"step '{node.Id}' is a {node.Kind}: the interpreter passes it at once, so its staff minutes are counted without queue or delay");
        return new StepPlan
        {
            NodeId = node.Id,
            Label = node.Label,
            Kind = node.Kind,
            Actor = node.ActorKind,
            HumanWork = human,
            Priced = priced,
            RoleIndex = human ? role : -1,
            Duration = duration,
            Occupation = node.Effort?.Occupation,
            Roles = node.Roles,
            Change = change,
            FixedCost = fixedCost,
            PerMinuteCost = perMinute,
        };
    }

    private static void Fill(double[] into, LedgerEntry e, double scale)
    {
        into[(int)CostComponent.LabourEur] = (double)e.LabourCostEur * scale;
        into[(int)CostComponent.WorkplaceG] = (double)e.Workplace.CarbonG * scale;
        into[(int)CostComponent.ComputeG] = (double)e.Compute.CarbonG * scale;
        into[(int)CostComponent.AiInferenceG] = (double)e.AiInference.CarbonG * scale;
        into[(int)CostComponent.EmbodiedG] = (double)e.Embodied.CarbonG * scale;
        into[(int)CostComponent.PaperG] = (double)e.Paper.CarbonG * scale;
        into[(int)CostComponent.PostG] = (double)e.Post.CarbonG * scale;
        into[(int)CostComponent.CitizenTripsG] = (double)e.CitizenTrips.CarbonG * scale;
        into[(int)CostComponent.EnergyWh] = (double)e.EnergyWh * scale;
    }

    private static DurationSampler? Sampler(Context c, DurationSpec? spec, string path, FlowNode node, double standard, bool isBaseline)
    {
        var basis = spec?.Basis?.Trim();
        var hasNumbers = spec is not null && (spec.Min ?? spec.Mode ?? spec.Max ?? spec.Mean) is not null;
        var measured = c.History.StepMinutes.TryGetValue(node.Id, out var values) && values.Length >= SimulationHistory.MinimumSamples ? values : null;
        if (basis is null)
        {
            basis = hasNumbers ? "explicit" : spec is null && measured is not null ? "history" : "standard";
        }
        var distribution = spec?.Distribution?.Trim() ?? (basis == "history" ? "empirical" : "triangular");
        switch (basis)
        {
            case "history":
                if (measured is null)
                {
                    if (spec is not null && spec.Basis is not null)
                    {
                        c.Error(path + ".basis", node.Id, $"history has fewer than {SimulationHistory.MinimumSamples} measurements of this step");
                        return null;
                    }
                    goto case "standard";
                }
                if (distribution != "empirical")
                {
                    c.Error(path + ".distribution", node.Id, "with basis history the distribution is empirical");
                    return null;
                }
                if (values!.Any(v => v < 0 || double.IsNaN(v)))
                {
                    c.Error("history", node.Id, "history holds negative durations");
                    return null;
                }
                if (isBaseline) c.Assumptions.Add($"step '{node.Id}': empirical duration from {values!.Length} measurements{(c.History.Description is null ? "" : " (" + c.History.Description + ")")}");
                return DurationSampler.Empirical(values!, "history");
            case "standard":
                if (standard <= 0)
                {
                    if (isBaseline) c.Assumptions.Add($"step '{node.Id}' has no standard time (am:effort): 0 minutes");
                    return DurationSampler.Fixed(0, "no standard time");
                }
                var low = spec?.Low ?? 0.8;
                var high = spec?.High ?? 1.5;
                var cv = spec?.Cv ?? 0.5;
                switch (distribution)
                {
                    case "triangular":
                        if (low < 0) c.Error(path + ".low", node.Id, $"must not be negative, not {F(low)}");
                        if (low > 1) c.Error(path + ".low", node.Id, $"must be at most 1 (the standard time is the mode), not {F(low)}");
                        if (high < 1) c.Error(path + ".high", node.Id, $"must be at least 1 (the standard time is the mode), not {F(high)}");
                        return low < 0 || low > 1 || high < 1 ? null : DurationSampler.Triangular(standard * low, standard, standard * high, "standard time");
                    case "lognormal":
                        if (cv < 0) c.Error(path + ".cv", node.Id, $"must not be negative, not {F(cv)}");
                        return cv < 0 ? null : DurationSampler.Lognormal(standard, cv, "standard time");
                    case "exponential":
                        return DurationSampler.Exponential(standard, "standard time");
                    case "fixed":
                        return DurationSampler.Fixed(standard, "standard time");
                    default:
                        c.Error(path + ".distribution", node.Id, $"'{distribution}' is not a distribution for basis standard; use triangular, lognormal, exponential or fixed");
                        return null;
                }
            case "explicit":
                return Explicit(c, spec, distribution, path, node.Id);
            default:
                c.Error(path + ".basis", node.Id, $"unknown basis '{basis}'; use explicit, standard or history");
                return null;
        }
    }

    private static DurationSampler? Explicit(Context c, DurationSpec? spec, string distribution, string path, string id)
    {
        bool NonNegative(double? v, string field, bool positive = false)
        {
            if (v is null)
            {
                c.Error($"{path}.{field}", id, $"{field} is needed for a {distribution} distribution");
                return false;
            }
            if (v < 0 || (positive && v == 0) || double.IsNaN(v.Value))
            {
                c.Error($"{path}.{field}", id, positive ? $"must be above 0, not {F(v.Value)}" : $"a duration must not be negative, not {F(v.Value)}");
                return false;
            }
            return true;
        }
        switch (distribution)
        {
            case "fixed":
                return NonNegative(spec?.Mean, "mean") ? DurationSampler.Fixed(spec!.Mean!.Value, "set by hand") : null;
            case "exponential":
                return NonNegative(spec?.Mean, "mean", positive: true) ? DurationSampler.Exponential(spec!.Mean!.Value, "set by hand") : null;
            case "lognormal":
                var okMean = NonNegative(spec?.Mean, "mean", positive: true);
                var cv = spec?.Cv ?? 0.5;
                if (cv < 0) c.Error(path + ".cv", id, $"must not be negative, not {F(cv)}");
                return okMean && cv >= 0 ? DurationSampler.Lognormal(spec!.Mean!.Value, cv, "set by hand") : null;
            case "triangular":
                var ok = NonNegative(spec?.Min, "min") & NonNegative(spec?.Mode, "mode") & NonNegative(spec?.Max, "max");
                if (!ok) return null;
                if (!(spec!.Min <= spec.Mode && spec.Mode <= spec.Max))
                {
                    c.Error(path, id, $"triangular needs min ≤ mode ≤ max, not {F(spec.Min!.Value)}, {F(spec.Mode!.Value)}, {F(spec.Max!.Value)}");
                    return null;
                }
                return DurationSampler.Triangular(spec.Min!.Value, spec.Mode!.Value, spec.Max!.Value, "set by hand");
            default:
                c.Error(path + ".distribution", id, $"unknown distribution '{distribution}'; use fixed, triangular, lognormal or exponential (empirical with basis history)");
                return null;
        }
    }

    // ---- branches -------------------------------------------------------------------------------------------

    private static Dictionary<string, BranchPlan> Branches(Context c, List<ProcessDefinition> definitions, ScenarioFile file)
    {
        var result = new Dictionary<string, BranchPlan>(StringComparer.Ordinal);
        var gateways = definitions.SelectMany(d => d.Nodes.Select(n => (Def: d, Node: n)))
            .Where(x => x.Node.Kind is NodeKind.ExclusiveGateway or NodeKind.InclusiveGateway or NodeKind.EventBasedGateway)
            .Where(x => x.Node.Outgoing.Count > 1)
            .GroupBy(x => x.Node.Id, StringComparer.Ordinal).Select(g => g.First()).ToDictionary(x => x.Node.Id, StringComparer.Ordinal);
        foreach (var (id, given) in file.Branches ?? [])
        {
            var path = $"$.branches.{id}";
            if (!gateways.TryGetValue(id, out var gw))
            {
                var node = definitions.Select(d => d.FindNode(id)).FirstOrDefault(n => n is not null);
                c.Error(path, id, node is null ? $"the process has no gateway '{id}'"
                    : $"'{id}' is a {node.Kind} with {node.Outgoing.Count} outgoing flow(s); probabilities apply to exclusive, inclusive and event-based gateways that split");
                continue;
            }
            var ok = true;
            foreach (var (flow, p) in given)
            {
                if (!gw.Node.Outgoing.Contains(flow))
                {
                    c.Error($"{path}.{flow}", flow, $"'{flow}' is not an outgoing flow of gateway '{id}'; its flows: {string.Join(", ", gw.Node.Outgoing)}");
                    ok = false;
                }
                if (p is < 0 or > 1 || double.IsNaN(p))
                {
                    c.Error($"{path}.{flow}", flow, $"a probability must be between 0 and 1, not {F(p)}");
                    ok = false;
                }
            }
            var sum = given.Values.Sum();
            if (gw.Node.Kind != NodeKind.InclusiveGateway && Math.Abs(sum - 1) > Tolerance)
            {
                c.Error(path, id, $"the probabilities of gateway '{id}' sum to {F(sum)}, not 1");
                ok = false;
            }
            if (ok)
            {
                var flows = gw.Node.Outgoing.ToList();
                result[id] = new BranchPlan(id, gw.Node.Kind, flows, [.. flows.Select(f => given.GetValueOrDefault(f))], "set by hand");
            }
        }
        foreach (var (id, gw) in gateways)
        {
            if (result.ContainsKey(id) || file.Branches?.ContainsKey(id) == true) continue;
            var flows = gw.Node.Outgoing.ToList();
            if (c.History.BranchCounts.TryGetValue(id, out var counts) && counts.Values.Sum() >= SimulationHistory.MinimumSamples)
            {
                double total = flows.Sum(f => counts.GetValueOrDefault(f));
                if (total > 0)
                {
                    result[id] = new BranchPlan(id, gw.Node.Kind, flows, [.. flows.Select(f => counts.GetValueOrDefault(f) / total)], $"history ({total:0} cases)");
                    continue;
                }
            }
            var p = gw.Node.Kind == NodeKind.InclusiveGateway ? 0.5 : 1.0 / flows.Count;
            result[id] = new BranchPlan(id, gw.Node.Kind, flows, [.. flows.Select(_ => p)], "default");
            c.Assumptions.Add(gw.Node.Kind == NodeKind.InclusiveGateway
                ? $"gateway '{id}': each conditional flow taken with probability 0.5 (default; set it under branches)"
                : $"gateway '{id}': its {flows.Count} flows equally likely (default; set it under branches)");
        }
        return result;
    }

    private static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
