using Jint;
using JsEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Automation.Engine.Expressions;

/// <summary>
/// Runs conditions and scripts in Jint with limits on time, memory, recursion and statements and without CLR
/// access. Case variables appear as globals; after a script, changed globals are written back. Each thread reuses
/// one engine, which is wiped of every non-built-in global after each evaluation so no case sees another's data.
/// </summary>
public sealed class ScriptSandbox : IDisposable
{
    private readonly ScriptLimits limits;
    private readonly ThreadLocal<Slot?> slots = new();

    /// <summary>Creates a sandbox with the given limits.</summary>
    public ScriptSandbox(ScriptLimits? limits = null) => this.limits = limits ?? ScriptLimits.Default;

    /// <summary>Evaluates a condition against variables; variables are not changed.</summary>
    /// <exception cref="ScriptException">The condition failed.</exception>
    public bool EvaluateCondition(CompiledScript condition, IReadOnlyDictionary<string, object?> variables, IReadOnlyCollection<string>? declared = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(variables);
        var result = Run(condition, variables, null, declared, null);
        return TypeConverter.ToBoolean(result);
    }

    /// <summary>
    /// Runs a script against variables, writes changed and new variables back, and returns the completion value
    /// as a plain variable value.
    /// </summary>
    /// <param name="script">Compiled script.</param>
    /// <param name="variables">Case variables; updated in place.</param>
    /// <param name="declared">Declared variable names that get Elsa's <c>getX()</c>/<c>setX(v)</c> helpers.</param>
    /// <param name="writeLine">Receives the lines the script writes with <c>writeLine(text)</c>.</param>
    /// <exception cref="ScriptException">The script failed; variables are then unchanged.</exception>
    public object? Execute(CompiledScript script, Dictionary<string, object?> variables, IReadOnlyCollection<string>? declared = null,
        Action<string>? writeLine = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        return JsConvert.ToPlain(Run(script, variables, variables, declared, writeLine), 0);
    }

    private JsValue Run(CompiledScript script, IReadOnlyDictionary<string, object?> variables, Dictionary<string, object?>? writeBack,
        IReadOnlyCollection<string>? declared, Action<string>? writeLine)
    {
        var slot = slots.Value ??= new Slot(limits);
        var engine = slot.Engine;
        slot.Output = writeLine;
        var failed = true;
        try
        {
            foreach (var name in script.Globals)
            {
                if (slot.Builtins.Contains(name)) continue;
                if (variables.TryGetValue(name, out var value))
                {
                    engine.SetValue(name, JsConvert.ToJs(engine, value, 0));
                }
                else if (HelperTarget(name, variables, declared) is { } target)
                {
                    engine.SetValue(name, slot.Helper(name, target, name[0] == 's'));
                    if (!script.Globals.Contains(target))
                        engine.SetValue(target, variables.TryGetValue(target, out var v) ? JsConvert.ToJs(engine, v, 0) : JsValue.Undefined);
                }
                else
                {
                    // Unset variables read as undefined instead of throwing, so a default flow can decide.
                    engine.SetValue(name, JsValue.Undefined);
                }
            }
            var result = engine.Evaluate(script.Prepared);
            if (writeBack is not null) WriteBack(slot, writeBack);
            failed = false;
            return result;
        }
        catch (JavaScriptException e)
        {
            throw new ScriptException(ScriptFailure.Runtime, $"{e.Message} (line {e.Location.Start.Line}, column {e.Location.Start.Column + 1})", e);
        }
        catch (TimeoutException e)
        {
            slots.Value = null;
            throw new ScriptException(ScriptFailure.Timeout, $"Script exceeded the time limit of {limits.Timeout.TotalSeconds:0.###} s.", e);
        }
        catch (MemoryLimitExceededException e)
        {
            slots.Value = null;
            throw new ScriptException(ScriptFailure.Memory, $"Script exceeded the memory limit of {limits.MemoryBytes / 1024 / 1024} MB.", e);
        }
        catch (RecursionDepthOverflowException e)
        {
            slots.Value = null;
            throw new ScriptException(ScriptFailure.Recursion, $"Script exceeded the recursion limit of {limits.RecursionDepth} calls.", e);
        }
        catch (StatementsCountOverflowException e)
        {
            slots.Value = null;
            throw new ScriptException(ScriptFailure.Statements, $"Script exceeded the limit of {limits.MaxStatements} statements.", e);
        }
        catch (JintException e)
        {
            slots.Value = null;
            throw new ScriptException(ScriptFailure.Runtime, e.Message, e);
        }
        catch (InvalidOperationException e) when (e.Source == typeof(JsConvert).Assembly.GetName().Name)
        {
            throw new ScriptException(ScriptFailure.Value, e.Message, e);
        }
        finally
        {
            slot.Output = null;
            if (!failed || slots.Value is not null) slot.Clean();
        }
    }

    private static string? HelperTarget(string name, IReadOnlyDictionary<string, object?> variables, IReadOnlyCollection<string>? declared)
    {
        if (name.Length < 4 || !(name.StartsWith("get", StringComparison.Ordinal) || name.StartsWith("set", StringComparison.Ordinal))) return null;
        var target = name[3..];
        if (declared is not null && declared.Contains(target)) return target;
        return variables.ContainsKey(target) ? target : null;
    }

    private static void WriteBack(Slot slot, Dictionary<string, object?> variables)
    {
        foreach (var key in slot.Engine.Global.GetOwnPropertyKeys(Types.String))
        {
            var name = key.AsString();
            if (slot.Builtins.Contains(name)) continue;
            var value = slot.Engine.Global.Get(key);
            if (value.IsUndefined() || value is Function) continue;
            var plain = JsConvert.ToPlain(value, 0);
            if (!variables.TryGetValue(name, out var old) || !Runtime.Variables.ValueEquals(old, plain)) variables[name] = plain;
        }
    }

    /// <inheritdoc />
    public void Dispose() => slots.Dispose();

    private sealed class Slot
    {
        private readonly Dictionary<string, ClrFunction> helpers = new(StringComparer.Ordinal);

        public Slot(ScriptLimits limits)
        {
            Engine = new JsEngine(o => o
                .LimitMemory(limits.MemoryBytes)
                .TimeoutInterval(limits.Timeout)
                .LimitRecursion(limits.RecursionDepth)
                .MaxStatements(limits.MaxStatements));
            Engine.SetValue("writeLine", new ClrFunction(Engine, "writeLine", (_, args) =>
            {
                Output?.Invoke(args.Length > 0 ? TypeConverter.ToString(args[0]) : "");
                return JsValue.Undefined;
            }));
            Builtins = new HashSet<string>(Engine.Global.GetOwnPropertyKeys(Types.String).Select(k => k.AsString()), StringComparer.Ordinal);
        }

        public JsEngine Engine { get; }

        public HashSet<string> Builtins { get; }

        public Action<string>? Output { get; set; }

        public ClrFunction Helper(string name, string target, bool setter)
        {
            if (helpers.TryGetValue(name, out var f)) return f;
            f = setter
                ? new ClrFunction(Engine, name, (_, args) =>
                {
                    Engine.SetValue(target, args.Length > 0 ? args[0] : JsValue.Undefined);
                    return JsValue.Undefined;
                })
                : new ClrFunction(Engine, name, (_, _) => Engine.GetValue(target));
            helpers[name] = f;
            return f;
        }

        public void Clean()
        {
            List<JsValue>? stale = null;
            foreach (var key in Engine.Global.GetOwnPropertyKeys(Types.String))
            {
                if (!Builtins.Contains(key.AsString())) (stale ??= []).Add(key);
            }
            if (stale is null) return;
            foreach (var key in stale) Engine.Global.Delete(key);
        }
    }
}
