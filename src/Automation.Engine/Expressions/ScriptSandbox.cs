using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace Automation.Engine.Expressions;

/// <summary>
/// Runs conditions and scripts in Jint with limits on time (regular expressions included), memory, recursion and
/// statements and without CLR access. Case variables appear as globals; after a script, changed globals are written back.
/// </summary>
/// <remarks>
/// No state survives from one evaluation to the next. A script that could reach anything shared — built-ins, their
/// prototypes, the global object through <c>this</c>, functions, regular expressions, property access, calls — runs
/// in a fresh engine (a realm of its own) that is dropped afterwards. Only scripts made of operators, literals and
/// case-variable names (<see cref="CompiledScript.TouchesOnlyVariables"/>, e.g. <c>betrag &gt; 1000</c>) share a
/// per-thread engine: they cannot read or write anything but the globals the sandbox sets and wipes again.
/// </remarks>
internal sealed class ScriptSandbox : IDisposable
{
    private readonly ScriptLimits limits;
    private readonly Options unbudgeted;
    private readonly ThreadLocal<SharedEngine?> shared = new();

    /// <summary>Creates a sandbox with the given limits.</summary>
    public ScriptSandbox(ScriptLimits? limits = null)
    {
        this.limits = limits ?? ScriptLimits.Default;
        unbudgeted = Configure(new Options(), this.limits, this.limits.Timeout, default);
    }

    /// <summary>Evaluates a condition against variables; variables are not changed.</summary>
    /// <exception cref="ScriptException">The condition failed.</exception>
    /// <exception cref="ScriptBudgetExceededException">An <see cref="ScriptBudget.Inline"/> scope ran out.</exception>
    public bool EvaluateCondition(CompiledScript condition, IReadOnlyDictionary<string, object?> variables, IReadOnlyCollection<string>? declared = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(variables);
        return Run(condition, variables, null, declared, null, static value => TypeConverter.ToBoolean(value));
    }

    /// <summary>
    /// Runs a script against variables, writes changed and new variables back, and returns the completion value
    /// as a plain variable value.
    /// </summary>
    /// <param name="script">Compiled script.</param>
    /// <param name="variables">Case variables; updated in place.</param>
    /// <param name="declared">Declared variable names that get Elsa's <c>getX()</c>/<c>setX(v)</c> helpers.</param>
    /// <param name="writeLine">Receives the lines the script writes with <c>writeLine(text)</c>.</param>
    /// <param name="setOutcomes">
    /// Receives the outcomes an Elsa script names with <c>setOutcome(name)</c> or <c>setOutcomes([names])</c> (the last call
    /// wins); null: the names are not functions but variables like any other.
    /// </param>
    /// <exception cref="ScriptException">The script failed; variables are then unchanged.</exception>
    /// <exception cref="ScriptBudgetExceededException">An <see cref="ScriptBudget.Inline"/> scope ran out; variables are unchanged.</exception>
    public object? Execute(CompiledScript script, Dictionary<string, object?> variables, IReadOnlyCollection<string>? declared = null,
        Action<string>? writeLine = null, Action<List<string>>? setOutcomes = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        return Run(script, variables, variables, declared, writeLine, static value => JsConvert.ToPlain(value), setOutcomes);
    }

    private T Run<T>(CompiledScript script, IReadOnlyDictionary<string, object?> variables, Dictionary<string, object?>? writeBack,
        IReadOnlyCollection<string>? declared, Action<string>? writeLine, Func<JsValue, T> result, Action<List<string>>? setOutcomes = null)
    {
        var budget = ScriptBudget.Current;
        if (script.TouchesOnlyVariables && setOutcomes is null) return RunShared(script, variables, writeBack, declared, result);
        var timeout = limits.Timeout;
        var budgetBound = false;
        if (budget?.Remaining is { } remaining && remaining < timeout)
        {
            if (remaining <= TimeSpan.Zero) throw Overrun(budget, null);
            (timeout, budgetBound) = (remaining, true);
        }
        var options = budget is null ? unbudgeted : Configure(new Options(), limits, timeout, budget.Cancellation);
        var engine = new JsEngine(options);
        try
        {
            Bind(engine, FreshGlobals.Names, script, variables, declared, writeLine, null);
            if (setOutcomes is not null) BindOutcomes(engine, script, setOutcomes);
            var value = engine.Evaluate(script.Prepared);
            // Converted while the evaluation's limits still apply: a getter or proxy trap in the result runs script code.
            var converted = result(value);
            if (writeBack is not null) WriteBack(engine, FreshGlobals.Names, writeBack);
            return converted;
        }
        catch (TimeoutException e) when (budgetBound)
        {
            throw Overrun(budget!, e);
        }
        catch (ExecutionCanceledException e)
        {
            throw new OperationCanceledException("The script was cancelled.", e, budget?.Cancellation ?? default);
        }
        catch (Exception e) when (Failure(e) is { } failure)
        {
            throw failure;
        }
    }

    private T RunShared<T>(CompiledScript script, IReadOnlyDictionary<string, object?> variables, Dictionary<string, object?>? writeBack,
        IReadOnlyCollection<string>? declared, Func<JsValue, T> result)
    {
        var slot = shared.Value ??= new SharedEngine(limits);
        var clean = false;
        try
        {
            Bind(slot.Engine, slot.Builtins, script, variables, declared, null, slot);
            var value = slot.Engine.Evaluate(script.Prepared);
            var converted = result(value);
            if (writeBack is not null) WriteBack(slot.Engine, slot.Builtins, writeBack);
            clean = true;
            return converted;
        }
        catch (Exception e) when (Failure(e) is { } failure)
        {
            throw failure;
        }
        finally
        {
            // A failed evaluation may leave the engine mid-way; a fresh one costs little next to a failure.
            if (!clean || !slot.Wipe()) shared.Value = null;
        }
    }

    private static Options Configure(Options options, ScriptLimits limits, TimeSpan timeout, CancellationToken cancellation)
    {
        options.LimitMemory(limits.MemoryBytes).TimeoutInterval(timeout).LimitRecursion(limits.RecursionDepth).MaxStatements(limits.MaxStatements)
            .RegexTimeoutInterval(timeout);
        options.Constraints.MaxArraySize = ScriptLimits.MaxArrayLength;
        if (cancellation.CanBeCanceled) options.CancellationToken(cancellation);
        return options;
    }

    private static void Bind(JsEngine engine, HashSet<string> builtins, CompiledScript script, IReadOnlyDictionary<string, object?> variables,
        IReadOnlyCollection<string>? declared, Action<string>? writeLine, SharedEngine? helpers)
    {
        foreach (var name in script.Globals)
        {
            if (name == FreshGlobals.WriteLine && helpers is null)
            {
                engine.SetValue(name, new ClrFunction(engine, name, (_, args) =>
                {
                    writeLine?.Invoke(args.Length > 0 ? TypeConverter.ToString(args[0]) : "");
                    return JsValue.Undefined;
                }));
                continue;
            }
            if (name == FreshGlobals.Execution && helpers is null)
            {
                engine.SetValue(name, ExecutionObject(engine, builtins, variables));
                continue;
            }
            if (helpers is null && !variables.ContainsKey(name) && ElsaGlobal(engine, builtins, name, variables) is { } elsa)
            {
                engine.SetValue(name, elsa);
                continue;
            }
            if (builtins.Contains(name)) continue;
            if (variables.TryGetValue(name, out var value))
            {
                engine.SetValue(name, JsConvert.ToJs(engine, value));
            }
            else if (HelperTarget(name, variables, declared) is { } target)
            {
                engine.SetValue(name, helpers?.Helper(name, target, name[0] == 's') ?? Helper(engine, target, name[0] == 's'));
                if (!script.Globals.Contains(target))
                    engine.SetValue(target, variables.TryGetValue(target, out var v) ? JsConvert.ToJs(engine, v) : JsValue.Undefined);
            }
            else
            {
                // Unset variables read as undefined instead of throwing, so a default flow can decide.
                engine.SetValue(name, JsValue.Undefined);
            }
        }
    }

    /// <summary>Elsa's RunJavaScript functions <c>setOutcome(name)</c> and <c>setOutcomes([names])</c>: the activity's outcomes.</summary>
    private static void BindOutcomes(JsEngine engine, CompiledScript script, Action<List<string>> setOutcomes)
    {
        if (script.Globals.Contains(FreshGlobals.SetOutcome))
        {
            engine.SetValue(FreshGlobals.SetOutcome, new ClrFunction(engine, FreshGlobals.SetOutcome, (_, args) =>
            {
                setOutcomes([args.Length > 0 ? TypeConverter.ToString(args[0]) : ""]);
                return JsValue.Undefined;
            }));
        }
        if (script.Globals.Contains(FreshGlobals.SetOutcomes))
        {
            engine.SetValue(FreshGlobals.SetOutcomes, new ClrFunction(engine, FreshGlobals.SetOutcomes, (_, args) =>
            {
                if (args.Length == 0 || args[0] is not JsArray names)
                    throw new ScriptException(ScriptFailure.Value, "setOutcomes erwartet eine Liste von Ausgängen, etwa setOutcomes(['Ja', 'Nein']).");
                var outcomes = new List<string>();
                for (uint i = 0; i < names.Length; i++) outcomes.Add(TypeConverter.ToString(names.Get(i)));
                setOutcomes(outcomes);
                return JsValue.Undefined;
            }));
        }
    }

    /// <summary>
    /// Camunda 7's <c>execution</c> as far as scripts of its models use it: <c>getVariable(name)</c>,
    /// <c>hasVariable(name)</c> and <c>setVariable(name, value)</c> read and write case variables as globals do (null for
    /// an unknown name); nothing else of the Java object exists.
    /// </summary>
    private static JsObject ExecutionObject(JsEngine engine, HashSet<string> builtins, IReadOnlyDictionary<string, object?> variables)
    {
        var access = new VariableAccess(engine, builtins, variables, "execution");
        var execution = new JsObject(engine);
        execution.Set("getVariable", access.GetFunction());
        execution.Set("hasVariable", new ClrFunction(engine, "hasVariable", (_, args) => !access.Read(access.Name(args)).IsUndefined()));
        execution.Set("setVariable", access.SetFunction());
        return execution;
    }

    /// <summary>
    /// Elsa's variable access in scripts, unless a case variable has the name: <c>variables.Name</c> (read and assigned),
    /// <c>getVariable(name)</c> and <c>setVariable(name, value)</c>. Null for other names.
    /// </summary>
    private static JsValue? ElsaGlobal(JsEngine engine, HashSet<string> builtins, string name, IReadOnlyDictionary<string, object?> variables)
    {
        if (name is not (FreshGlobals.VariablesObject or FreshGlobals.GetVariable or FreshGlobals.SetVariable)) return null;
        var access = new VariableAccess(engine, builtins, variables, "variables");
        if (name == FreshGlobals.GetVariable) return access.GetFunction();
        if (name == FreshGlobals.SetVariable) return access.SetFunction();
        var handler = new JsObject(engine);
        handler.Set("get", new ClrFunction(engine, "get", (_, args) => args.Length > 1 && args[1].IsString() ? access.Read(access.Name([args[1]])) : JsValue.Undefined));
        handler.Set("set", new ClrFunction(engine, "set", (_, args) =>
        {
            if (args.Length < 3 || !args[1].IsString()) return JsBoolean.False;
            engine.SetValue(access.Name([args[1]]), args[2]);
            return JsBoolean.True;
        }));
        return engine.Invoke(engine.Evaluate("(function (handler) { return new Proxy({}, handler); })"), handler);
    }

    /// <summary>
    /// Reads and writes case variables by name as globals do. A variable read is bound as a global first, so a change in
    /// place (an array pushed to, a property set) is written back like an assignment.
    /// </summary>
    private sealed class VariableAccess(JsEngine engine, HashSet<string> builtins, IReadOnlyDictionary<string, object?> variables, string what)
    {
        public string Name(JsValue[] args)
        {
            var name = args.Length > 0 ? TypeConverter.ToString(args[0]) : "";
            if (name.Length == 0 || builtins.Contains(name) || name is FreshGlobals.WriteLine or FreshGlobals.Execution)
                throw new ScriptException(ScriptFailure.Runtime, $"„{name}“ ist kein Variablenname, den {what} lesen oder setzen kann.");
            return name;
        }

        public JsValue Read(string name)
        {
            if (engine.Global.GetOwnProperty(name) is { } own && own != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined) return engine.Global.Get(name);
            if (!variables.TryGetValue(name, out var value)) return JsValue.Undefined;
            engine.SetValue(name, JsConvert.ToJs(engine, value));
            return engine.Global.Get(name);
        }

        public ClrFunction GetFunction() =>
            new(engine, "getVariable", (_, args) => Read(Name(args)) is { } v && !v.IsUndefined() ? v : JsValue.Null);

        public ClrFunction SetFunction() => new(engine, "setVariable", (_, args) =>
        {
            engine.SetValue(Name(args), args.Length > 1 ? args[1] : JsValue.Null);
            return JsValue.Undefined;
        });
    }

    private static ClrFunction Helper(JsEngine engine, string target, bool setter) => setter
        ? new ClrFunction(engine, "set" + target, (_, args) =>
        {
            engine.SetValue(target, args.Length > 0 ? args[0] : JsValue.Undefined);
            return JsValue.Undefined;
        })
        : new ClrFunction(engine, "get" + target, (_, _) => engine.GetValue(target));

    private static string? HelperTarget(string name, IReadOnlyDictionary<string, object?> variables, IReadOnlyCollection<string>? declared)
    {
        if (name.Length < 4 || !(name.StartsWith("get", StringComparison.Ordinal) || name.StartsWith("set", StringComparison.Ordinal))) return null;
        var target = name[3..];
        if (declared is not null && declared.Contains(target)) return target;
        return variables.ContainsKey(target) ? target : null;
    }

    private static void WriteBack(JsEngine engine, HashSet<string> builtins, Dictionary<string, object?> variables)
    {
        var changes = new List<KeyValuePair<string, object?>>();
        foreach (var key in engine.Global.GetOwnPropertyKeys(Types.String))
        {
            var name = key.AsString();
            if (builtins.Contains(name) || name is FreshGlobals.WriteLine or FreshGlobals.Execution) continue;
            // Elsa's variables object, bound where no case variable has its name, is no variable itself.
            if (name == FreshGlobals.VariablesObject && !variables.ContainsKey(name)) continue;
            var value = engine.Global.Get(key);
            if (value.IsUndefined() || value is Function) continue;
            var plain = JsConvert.ToPlain(value);
            if (!variables.TryGetValue(name, out var old) || !Runtime.Variables.ValueEquals(old, plain)) changes.Add(new(name, plain));
        }
        // Written only once every value converted, so a failing conversion leaves the variables as they were.
        foreach (var (name, value) in changes) variables[name] = value;
    }

    private ScriptException? Failure(Exception e) => e switch
    {
        ScriptException s => s,
        JavaScriptException js => new ScriptException(ScriptFailure.Runtime,
            $"Skriptfehler: {js.Message} (Zeile {js.Location.Start.Line}, Spalte {js.Location.Start.Column + 1})", e),
        RegexMatchTimeoutException => new ScriptException(ScriptFailure.RegexTimeout,
            $"Ein regulärer Ausdruck hat das Zeitlimit des Skripts von {ScriptLimits.Seconds(limits.Timeout)} überschritten " +
            "(zu viel Rückverfolgung, etwa durch verschachtelte Wiederholungen wie (a+)+).", e),
        TimeoutException => new ScriptException(ScriptFailure.Timeout,
            $"Das Skript hat das Zeitlimit von {ScriptLimits.Seconds(limits.Timeout)} überschritten.", e),
        MemoryLimitExceededException => new ScriptException(ScriptFailure.Memory,
            $"Das Skript hat die Speichergrenze von {limits.MemoryBytes / 1024 / 1024} MB überschritten.", e),
        RecursionDepthOverflowException => new ScriptException(ScriptFailure.Recursion,
            $"Das Skript hat die Aufruftiefe von {limits.RecursionDepth} überschritten.", e),
        StatementsCountOverflowException => new ScriptException(ScriptFailure.Statements,
            $"Das Skript hat die Grenze von {limits.MaxStatements.ToString("N0", ScriptLimits.German)} Anweisungen überschritten.", e),
        ExecutionCanceledException or OperationCanceledException => null,
        JintException => new ScriptException(ScriptFailure.Runtime, "Skriptfehler: " + e.Message, e),
        _ => null,
    };

    private static Exception Overrun(ScriptBudget budget, Exception? inner) => budget.IsInline
        ? new ScriptBudgetExceededException($"The scripts of this run need longer than {budget.Time} on this thread.", inner ?? new TimeoutException())
        : new ScriptException(ScriptFailure.Timeout,
            $"Die Skripte, die der Vorgang bis zu seinem nächsten Wartezustand ausführt, haben zusammen das Zeitlimit von {ScriptLimits.Seconds(budget.Time!.Value)} überschritten.", inner);

    /// <inheritdoc />
    public void Dispose() => shared.Dispose();

    /// <summary>What a fresh engine's global object holds before any script ran.</summary>
    internal static class FreshGlobals
    {
        /// <summary>The output function a script may call; not a case variable.</summary>
        public const string WriteLine = "writeLine";

        /// <summary>Elsa's RunJavaScript outcome functions, bound only for an activity that routes by them.</summary>
        public const string SetOutcome = "setOutcome";

        /// <summary>See <see cref="SetOutcome"/>.</summary>
        public const string SetOutcomes = "setOutcomes";

        /// <summary>Elsa's <c>variables</c> object (<see cref="ElsaGlobal"/>); never a case variable it would hide.</summary>
        public const string VariablesObject = "variables";

        /// <summary>Elsa's <c>getVariable(name)</c>.</summary>
        public const string GetVariable = "getVariable";

        /// <summary>Elsa's <c>setVariable(name, value)</c>.</summary>
        public const string SetVariable = "setVariable";

        /// <summary>Camunda 7's execution object (<see cref="ExecutionObject"/>); reserved as in Camunda, never a case variable.</summary>
        public const string Execution = "execution";

        /// <summary>Names of the built-in globals (never case variables) and <see cref="WriteLine"/>.</summary>
        public static HashSet<string> Names { get; } = Collect(false);

        /// <summary>
        /// Every name a bare identifier can reach without the sandbox setting it: the built-in globals and what the
        /// global object inherits (<c>constructor</c>, <c>__proto__</c>, <c>toString</c> …).
        /// </summary>
        public static HashSet<string> Reachable { get; } = Collect(true);

        private static HashSet<string> Collect(bool inherited)
        {
            var engine = new JsEngine();
            var names = new HashSet<string>(StringComparer.Ordinal) { WriteLine };
            // Elsa's accessors are no built-ins (a case variable may have their name), but a script naming them needs a fresh engine.
            if (inherited) names.UnionWith([VariablesObject, GetVariable, SetVariable]);
            for (var o = engine.Global; o is not null; o = inherited ? o.Prototype : null)
            {
                foreach (var key in o.GetOwnPropertyKeys(Types.String)) names.Add(key.AsString());
            }
            return names;
        }
    }

    /// <summary>A per-thread engine for scripts that touch only variables; wiped after each evaluation.</summary>
    private sealed class SharedEngine
    {
        private readonly Dictionary<string, ClrFunction> helpers = new(StringComparer.Ordinal);

        public SharedEngine(ScriptLimits limits)
        {
            Engine = new JsEngine(o => Configure(o, limits, limits.Timeout, default));
            Builtins = new HashSet<string>(Engine.Global.GetOwnPropertyKeys(Types.String).Select(k => k.AsString()), StringComparer.Ordinal);
        }

        public JsEngine Engine { get; }

        public HashSet<string> Builtins { get; }

        public ClrFunction Helper(string name, string target, bool setter)
        {
            if (!helpers.TryGetValue(name, out var f)) helpers[name] = f = ScriptSandbox.Helper(Engine, target, setter);
            return f;
        }

        /// <summary>Deletes every global the evaluation created; false if one would not go.</summary>
        public bool Wipe()
        {
            List<JsValue>? stale = null;
            foreach (var key in Engine.Global.GetOwnPropertyKeys(Types.String))
            {
                if (!Builtins.Contains(key.AsString())) (stale ??= []).Add(key);
            }
            if (stale is null) return true;
            var wiped = true;
            foreach (var key in stale) wiped &= Engine.Global.Delete(key);
            return wiped;
        }
    }
}
