using Automation.Engine.Model;
using Automation.Engine.Texts;

namespace Automation.Engine.Runtime;

/// <summary>Settings of an <see cref="AutoRunner"/> run.</summary>
internal sealed class AutoRunOptions
{
    /// <summary>Maximum outside actions (task completions, timer firings, messages) before the run stops as looping.</summary>
    public int MaxActions { get; init; } = 1_000;

    /// <summary>Whether message and signal waits get a simulated arrival when nothing else can move the case.</summary>
    public bool DeliverMessages { get; init; } = true;
}

/// <summary>Something the automatic runner did in place of a person or the outside world.</summary>
/// <param name="AfterStep">Number of steps executed before the action.</param>
/// <param name="Text">What it did.</param>
public sealed record RunnerAction(int AfterStep, string Text);

/// <summary>What an automatic run did.</summary>
public sealed class AutoRunResult
{
    internal AutoRunResult(CaseState state) => State = state;

    /// <summary>The case state at the end.</summary>
    public CaseState State { get; }

    /// <summary>Every step, in order.</summary>
    public List<StepEvent> Steps { get; } = [];

    /// <summary>Lines the case's scripts wrote.</summary>
    public List<string> Output { get; } = [];

    /// <summary>What the runner did in place of people and the outside world, in order, each with the number of
    /// steps that had run before it.</summary>
    public List<RunnerAction> Actions { get; } = [];

    /// <summary>Why the run stopped before the case ended, or null.</summary>
    public string? StopReason { get; internal set; }
}

/// <summary>
/// Runs one case to its end in memory without people: completes human tasks with values from the case variables
/// (or defaults), fast-forwards a virtual clock to each next timer, and delivers messages and signals the case
/// throws or waits for. Used by <c>automation run</c> and by tests.
/// </summary>
public static class AutoRunner
{
    /// <summary>Runs a case with the default options. The engine must use <paramref name="clock"/> as its clock.</summary>
    public static AutoRunResult Run(WorkflowEngine engine, VirtualClock clock, ProcessDefinition definition,
        IEnumerable<KeyValuePair<string, object?>>? variables = null, string? businessKey = null) =>
        Run(engine, clock, definition, variables, businessKey, null);

    /// <summary>Runs a case. The engine must use <paramref name="clock"/> as its clock.</summary>
    internal static AutoRunResult Run(WorkflowEngine engine, VirtualClock clock, ProcessDefinition definition,
        IEnumerable<KeyValuePair<string, object?>>? variables, string? businessKey, AutoRunOptions? options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new AutoRunOptions();
        var first = engine.Start(definition, variables, businessKey);
        var result = new AutoRunResult(first.State);
        var pending = new Queue<RunResult>();
        pending.Enqueue(first);
        var state = first.State;
        for (var actions = 0; ; actions++)
        {
            while (pending.Count > 0) Collect(engine, definition, result, pending, pending.Dequeue());
            if (state.IsEnded) return result;
            if (state.Incidents.Count > 0)
            {
                result.StopReason = Texte.Format(Texte.LaufFehler, string.Join(", ", state.Incidents.Select(i => $"{i.NodeId}: {i.Message}")));
                return result;
            }
            if (actions >= options.MaxActions)
            {
                result.StopReason = Texte.Format(Texte.LaufSchleife, options.MaxActions);
                return result;
            }
            var next = NextAction(engine, definition, state, clock, options, result);
            if (next is null)
            {
                result.StopReason = state.Waits.Count == 0 ? Texte.LaufStillstand : Texte.Format(Texte.LaufWartet, Describe(state.Waits[0]));
                return result;
            }
            pending.Enqueue(next);
        }
    }

    private static RunResult? NextAction(WorkflowEngine engine, ProcessDefinition definition, CaseState state, VirtualClock clock,
        AutoRunOptions options, AutoRunResult result)
    {
        var task = state.Waits.Where(w => w.Kind == WaitKind.UserTask).OrderBy(w => w.Id).FirstOrDefault();
        if (task is not null)
        {
            var node = engine.NodeOf(definition, state, task);
            var values = DefaultValues(node, state);
            result.Actions.Add(new(state.StepCount, Texte.Format(Texte.LaufAufgabeErledigt, task.NodeId)
                + (values.Count > 0 ? Texte.Format(Texte.LaufMitWerten, string.Join(", ", values.Select(kv => $"{kv.Key}={Show(kv.Value)}"))) : "")));
            return engine.CompleteTask(definition, state, task.Id, values);
        }
        var timer = state.Waits.Where(w => w.Kind == WaitKind.Timer && w.DueAt is not null).OrderBy(w => w.DueAt).ThenBy(w => w.Id).FirstOrDefault();
        if (timer is not null)
        {
            clock.AdvanceTo(timer.DueAt!.Value);
            result.Actions.Add(new(state.StepCount, Texte.Format(Texte.LaufUhrVorgestellt, timer.DueAt.Value, timer.NodeId)));
            return engine.FireTimer(definition, state, timer.Id);
        }
        if (!options.DeliverMessages) return null;
        var wait = state.Waits.Where(w => w.Kind is WaitKind.Message or WaitKind.Signal).OrderBy(w => w.Id).FirstOrDefault();
        if (wait is null) return null;
        result.Actions.Add(new(state.StepCount, Texte.Format(Texte.LaufSimuliert, Describe(wait))));
        return wait.Kind == WaitKind.Message
            ? engine.CorrelateMessage(definition, state, wait.MessageName ?? "", wait.CorrelationKey)
            : engine.BroadcastSignal(definition, state, wait.SignalName ?? "");
    }

    private static void Collect(WorkflowEngine engine, ProcessDefinition definition, AutoRunResult result, Queue<RunResult> pending, RunResult run)
    {
        result.Steps.AddRange(run.Steps);
        result.Output.AddRange(run.Output);
        var state = run.State;
        if (state.IsEnded) return;
        // Messages and signals the case throws reach its own waits, as a host would route them.
        foreach (var message in run.Messages)
        {
            if (state.Waits.Any(w => w.Kind == WaitKind.Message && w.MessageName == message.Name))
                pending.Enqueue(engine.CorrelateMessage(definition, state, message.Name));
        }
        foreach (var signal in run.Signals)
        {
            if (state.Waits.Any(w => w.Kind == WaitKind.Signal && w.SignalName == signal))
                pending.Enqueue(engine.BroadcastSignal(definition, state, signal));
        }
    }

    /// <summary>Required fields take the case's current value, else yes / 0 / empty / today / the first option.</summary>
    internal static Dictionary<string, object?> DefaultValues(FlowNode? node, CaseState state)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (node is null) return values;
        foreach (var field in node.FormFields)
        {
            if (state.Variables.TryGetValue(field.Id, out var existing) && existing is not null)
            {
                values[field.Id] = existing;
                continue;
            }
            if (!field.Required) continue;
            values[field.Id] = field.Type switch
            {
                "boolean" => true,
                "long" or "double" => 0d,
                "date" => state.StartedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "email" => EmailAddress.Example,
                "enum" => field.Options.Count > 0 ? field.Options[0] : "",
                _ => "-",
            };
        }
        return values;
    }

    private static string Describe(WaitState w) => w.Kind switch
    {
        WaitKind.Message => Texte.Format(Texte.LaufNachricht, w.MessageName, w.NodeId),
        WaitKind.Signal => Texte.Format(Texte.LaufSignal, w.SignalName, w.NodeId),
        WaitKind.Timer => Texte.Format(Texte.LaufTimer, w.NodeId),
        _ => Texte.Format(Texte.LaufAufgabe, w.NodeId),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
