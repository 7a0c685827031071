using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Engine.Simulation;

/// <summary>What one replication of one variant measured: plain sums, turned into estimates by <see cref="Simulator"/>.</summary>
internal sealed class ReplicationMetrics
{
    public ReplicationMetrics(int steps) => (Executions, StaffMinutes) = (new long[steps], new double[steps]);

    public int Started { get; set; }
    public int Completed { get; set; }
    public int Stuck { get; set; }
    public List<double> LeadTimesDays { get; } = [];
    public double WaitHoursSum { get; set; }
    public long WaitCount { get; set; }
    public long[] Executions { get; }
    public double[] StaffMinutes { get; }
    public double ArrivalSpanDays { get; set; }
    public List<long> ArrivalTicks { get; } = [];
}

/// <summary>
/// One replication of one variant: a discrete-event simulation on a virtual clock that drives the workflow engine
/// (the production interpreter) for every case. Events: arrivals, completions of human work, due timers, arriving
/// messages. Human tasks queue per role; people work in working windows; waiting emerges from capacity.
/// Single-threaded and deterministic: the same seed gives the same events in the same order.
/// </summary>
internal sealed class Replication : IFlowRouter, IDisposable
{
    private const int Arrival = 0, WorkDone = 1, TimerDue = 2, Deliver = 3;

    private readonly SimulationVariant variant;
    private readonly SimulationSettings settings;
    private readonly SimulationRandom random;
    private readonly VirtualClock clock;
    private readonly WorkflowEngine engine;
    private readonly int cases;
    private readonly StepPlan[] plans;
    private readonly Dictionary<string, int> stepIndex;
    private readonly Dictionary<string, BranchPlan> branches;
    private readonly RoleState[] roles;
    private readonly WorkWindows opening;
    private readonly PriorityQueue<Event, EventKey> events = new();
    private readonly CaseState?[] states;
    private readonly ReplicationMetrics metrics;
    private readonly SimulationGuard guard;
    private long sequence;
    private long now;
    private int nextCase;
    private int arrivalWindow;
    private long arrivalCursor;

    public Replication(SimulationVariant variant, SimulationSettings settings, int cases, long seed, int stream, SimulationGuard guard)
    {
        this.guard = guard;
        this.variant = variant;
        this.settings = settings;
        this.cases = cases;
        random = new SimulationRandom(seed, stream);
        var calendar = settings.NewCalendar();
        clock = new VirtualClock(new DateTimeOffset(calendar.StartTicks, TimeSpan.Zero));
        engine = new WorkflowEngine(new EngineOptions
        {
            Clock = clock,
            Actions = new ServiceActionRegistry(),
            UnknownActions = UnknownActionPolicy.Skip,
            ResolveProcess = id => variant.CalledProcesses.GetValueOrDefault(id),
            KeepHistory = false,
            Router = this,
        });
        plans = [.. variant.Steps.Values];
        stepIndex = new Dictionary<string, int>(plans.Length, StringComparer.Ordinal);
        for (var i = 0; i < plans.Length; i++) stepIndex[plans[i].NodeId] = i;
        branches = new Dictionary<string, BranchPlan>(variant.Branches, StringComparer.Ordinal);
        roles = [.. variant.Roles.Select(r => new RoleState(r.People, calendar.Windows(r.HoursPerDay)))];
        opening = calendar.Windows(settings.OpeningHours);
        states = new CaseState?[cases];
        metrics = new ReplicationMetrics(plans.Length);
        arrivalCursor = calendar.StartTicks;
    }

    public ReplicationMetrics Run()
    {
        ScheduleNextArrival();
        while (events.TryDequeue(out var e, out var key))
        {
            guard.Check();
            now = key.Time;
            clock.AdvanceTo(new DateTimeOffset(now, TimeSpan.Zero));
            switch (e.Kind)
            {
                case Arrival:
                    Start(e.Case);
                    ScheduleNextArrival();
                    break;
                case WorkDone:
                    Done(e);
                    break;
                case TimerDue:
                    if (states[e.Case] is { } timed && timed.FindWait(e.WaitId) is not null)
                        Handle(e.Case, engine.FireTimer(variant.Definition, timed, e.WaitId));
                    break;
                default:
                    if (states[e.Case] is { } waiting && waiting.FindWait(e.WaitId) is { } wait)
                    {
                        Handle(e.Case, wait.Kind == WaitKind.Message
                            ? engine.CorrelateMessage(variant.Definition, waiting, wait.MessageName ?? "", wait.CorrelationKey)
                            : engine.BroadcastSignal(variant.Definition, waiting, wait.SignalName ?? ""));
                    }
                    break;
            }
        }
        foreach (var s in states)
        {
            if (s is not null) metrics.Stuck++;
        }
        return metrics;
    }

    public void Dispose() => engine.Dispose();

    // ---- routing: the interpreter asks, the probabilities answer -------------------------------------------------

    public SequenceFlow? ChooseOne(FlowNode gateway, IReadOnlyList<SequenceFlow> outgoing)
    {
        if (!branches.TryGetValue(gateway.Id, out var plan)) return null;
        var id = Pick(plan);
        for (var i = 0; i < outgoing.Count; i++)
        {
            if (outgoing[i].Id == id) return outgoing[i];
        }
        return null;
    }

    public bool? Takes(FlowNode node, SequenceFlow flow)
    {
        if (!branches.TryGetValue(node.Id, out var plan) || plan.Kind != NodeKind.InclusiveGateway) return null;
        for (var i = 0; i < plan.FlowIds.Count; i++)
        {
            if (plan.FlowIds[i] == flow.Id) return random.NextDouble() < plan.Probabilities[i];
        }
        return null;
    }

    /// <summary>An expression timer fires at once, once: its value depends on case data a simulated case does not have (an assumption the report lists).</summary>
    public TimerDefinition? TimerInstead(FlowNode timerEvent) => ImmediateTimer;

    private static readonly TimerDefinition ImmediateTimer = new(TimerKind.Duration, "PT0S");

    private string Pick(BranchPlan plan)
    {
        var u = random.NextDouble();
        var last = plan.FlowIds.Count - 1;
        for (var i = 0; i < last; i++)
        {
            u -= plan.Probabilities[i];
            if (u < 0) return plan.FlowIds[i];
        }
        return plan.FlowIds[last];
    }

    // ---- events ---------------------------------------------------------------------------------------------

    private void Schedule(long time, Event e) => events.Enqueue(e, new EventKey(time, sequence++));

    /// <summary>Arrivals: a Poisson process inside each working day's opening hours, rate scaled by the month's factor.</summary>
    private void ScheduleNextArrival()
    {
        if (nextCase >= cases) return;
        while (true)
        {
            var windowStart = opening.WindowStart(arrivalWindow);
            var windowEnd = windowStart + opening.Length;
            if (arrivalCursor < windowStart) arrivalCursor = windowStart;
            var month = new DateTime(windowStart, DateTimeKind.Utc).Month - 1;
            var rate = settings.CasesPerWorkingDay * settings.Seasonal[month];
            if (rate > 0)
            {
                arrivalCursor += (long)random.Exponential(opening.Length / rate);
                if (arrivalCursor < windowEnd)
                {
                    Schedule(arrivalCursor, new Event(Arrival, nextCase++, 0, 0, -1));
                    return;
                }
            }
            // Memoryless: the next arrival is drawn afresh from the start of the next window.
            arrivalWindow++;
            arrivalCursor = opening.WindowStart(arrivalWindow);
        }
    }

    private void Start(int k)
    {
        metrics.Started++;
        SimulationMeter.Cases.Add(1);
        metrics.ArrivalTicks.Add(now);
        metrics.ArrivalSpanDays = (double)(now - opening.WindowStart(0)) / TimeSpan.TicksPerDay;
        var result = engine.Start(variant.Definition, caseId: new Guid(k, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        states[k] = result.State;
        Handle(k, result);
    }

    private void Done(Event e)
    {
        if (states[e.Case] is { } state && state.FindWait(e.WaitId) is { } wait)
        {
            var index = stepIndex[wait.NodeId];
            metrics.StaffMinutes[index] += e.Minutes;
            var node = engine.NodeOf(variant.Definition, state, wait);
            var values = node is { FormFields.Count: > 0 } ? AutoRunner.DefaultValues(node, state) : null;
            Handle(e.Case, engine.CompleteTask(variant.Definition, state, e.WaitId, values));
        }
        if (e.Role >= 0)
        {
            roles[e.Role].Free++;
            StartWork(e.Role);
        }
    }

    private void Handle(int k, RunResult result)
    {
        var state = result.State;
        var steps = result.Steps;
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (s.Outcome != StepOutcome.Completed || !stepIndex.TryGetValue(s.NodeId, out var index)) continue;
            var plan = plans[index];
            if (!plan.Priced) continue;
            metrics.Executions[index]++;
            // Manual and plain tasks pass through the interpreter at once: their work is counted, not queued.
            if (plan.HumanWork && plan.Kind != NodeKind.UserTask && plan.Duration is { } d) metrics.StaffMinutes[index] += d.Sample(random);
        }
        var waits = result.NewWaits;
        for (var i = 0; i < waits.Count; i++) Wait(k, state, waits[i], waits);
        // Messages and signals the case throws reach its own waits, as a host would route them.
        for (var i = 0; i < result.Messages.Count; i++)
        {
            var name = result.Messages[i].Name;
            if (!state.IsEnded && state.WaitList.Exists(w => w.Kind == WaitKind.Message && w.MessageName == name))
                Handle(k, engine.CorrelateMessage(variant.Definition, state, name));
        }
        for (var i = 0; i < result.Signals.Count; i++)
        {
            var name = result.Signals[i];
            if (!state.IsEnded && state.WaitList.Exists(w => w.Kind == WaitKind.Signal && w.SignalName == name))
                Handle(k, engine.BroadcastSignal(variant.Definition, state, name));
        }
        if (states[k] is null) return;
        if (state.IsEnded)
        {
            states[k] = null;
            if (state.Status is CaseStatus.Completed or CaseStatus.Terminated)
            {
                metrics.Completed++;
                metrics.LeadTimesDays.Add((state.EndedAt!.Value - state.StartedAt).TotalDays);
            }
        }
    }

    private void Wait(int k, CaseState state, WaitState wait, List<WaitState> batch)
    {
        if (state.FindWait(wait.Id) is null) return;
        switch (wait.Kind)
        {
            case WaitKind.UserTask:
                var plan = plans[stepIndex[wait.NodeId]];
                if (plan.RoleIndex < 0)
                {
                    var minutes = plan.Duration?.Sample(random) ?? 0;
                    Schedule(now + (long)(minutes * TimeSpan.TicksPerMinute), new Event(WorkDone, k, wait.Id, minutes, -1));
                    return;
                }
                var role = roles[plan.RoleIndex];
                role.Queue.Enqueue(new QueuedTask(k, wait.Id, now, plan.Duration));
                StartWork(plan.RoleIndex);
                return;
            case WaitKind.Timer:
                if (wait.GroupTokenId is { } timerGroup && !Chosen(state, wait, timerGroup, batch)) return;
                if (wait.DueAt is { } due) Schedule(Math.Max(now, due.UtcTicks), new Event(TimerDue, k, wait.Id, 0, -1));
                return;
            default:
                if (wait.IsBoundary) return;
                if (wait.GroupTokenId is { } group && !Chosen(state, wait, group, batch)) return;
                var delay = stepIndex.TryGetValue(wait.NodeId, out var i) ? plans[i].Duration?.Sample(random) ?? 0 : 0;
                Schedule(now + (long)(delay * TimeSpan.TicksPerMinute), new Event(Deliver, k, wait.Id, 0, -1));
                return;
        }
    }

    /// <summary>
    /// Event-based gateway: the branch is drawn once per gateway visit (when its first wait is seen) and only the
    /// chosen event is scheduled. Without probabilities every event is scheduled and the first to happen wins.
    /// </summary>
    private bool Chosen(CaseState state, WaitState wait, long groupToken, List<WaitState> batch)
    {
        var token = state.TokenList.Find(t => t.Id == groupToken);
        if (token is null || !branches.TryGetValue(token.NodeId, out var plan)) return true;
        var first = batch.Find(w => w.GroupTokenId == groupToken);
        if (first is null) return true;
        if (first == wait)
        {
            var flowId = Pick(plan);
            var target = variant.Definition.FindFlow(flowId)?.TargetId;
            chosenTarget[groupToken] = target ?? "";
        }
        return chosenTarget.TryGetValue(groupToken, out var chosen) && chosen == wait.NodeId;
    }

    private readonly Dictionary<long, string> chosenTarget = [];

    private void StartWork(int roleIndex)
    {
        var role = roles[roleIndex];
        while (role.Free > 0 && role.Queue.Count > 0)
        {
            var task = role.Queue.Dequeue();
            if (states[task.Case] is not { } state || state.FindWait(task.WaitId) is null) continue;
            role.Free--;
            var start = role.Windows.NextWorkingInstant(now);
            var minutes = task.Duration?.Sample(random) ?? 0;
            var end = role.Windows.AddWorking(start, minutes);
            metrics.WaitHoursSum += (double)(start - task.Queued) / TimeSpan.TicksPerHour;
            metrics.WaitCount++;
            Schedule(end, new Event(WorkDone, task.Case, task.WaitId, minutes, roleIndex));
        }
    }

    private readonly record struct Event(int Kind, int Case, long WaitId, double Minutes, int Role);

    private readonly record struct QueuedTask(int Case, long WaitId, long Queued, DurationSampler? Duration);

    private readonly record struct EventKey(long Time, long Sequence) : IComparable<EventKey>
    {
        public int CompareTo(EventKey other) => Time != other.Time ? Time.CompareTo(other.Time) : Sequence.CompareTo(other.Sequence);
    }

    private sealed class RoleState(int people, WorkWindows windows)
    {
        public int Free { get; set; } = people;
        public WorkWindows Windows { get; } = windows;
        public Queue<QueuedTask> Queue { get; } = new();
    }
}
