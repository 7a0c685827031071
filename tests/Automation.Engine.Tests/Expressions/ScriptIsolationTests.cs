using System.Collections.Concurrent;
using Automation.Engine.Expressions;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Runtime;

namespace Automation.Engine.Tests.Expressions;

/// <summary>
/// Tries every way a script could leave something behind for a later evaluation — built-ins, their prototypes,
/// property definitions, prototypes swapped, globals of every kind, functions, symbols, regular-expression statics,
/// pending jobs — and checks that a later evaluation sees exactly what it sees in a brand-new sandbox, on the same
/// thread, on another thread and in many interleavings.
/// </summary>
public sealed class ScriptIsolationTests
{
    /// <summary>An attack leaves <c>geheim</c> somewhere; <c>Probe</c> is an expression that shows what a later script finds there.</summary>
    /// <param name="SeesItself">Whether the attacker's own evaluation must find its secret through the probe (the attack did take effect).</param>
    public sealed record Attack(string Name, string Script, string Probe, bool SeesItself = true)
    {
        public override string ToString() => Name;
    }

    private static readonly string[] BuiltIns =
    [
        "Math", "JSON", "Array", "Object", "String", "Date", "RegExp", "Promise", "Reflect", "globalThis", "Number", "Boolean",
        "Symbol", "Error", "TypeError", "Map", "Set", "WeakMap", "WeakSet", "Intl", "Function", "BigInt", "Proxy", "ArrayBuffer",
        "Uint8Array", "Atomics", "Iterator", "parseInt", "eval", "encodeURIComponent",
    ];

    private static readonly (string Constructor, string Instance)[] Prototypes =
    [
        ("Object", "({})"), ("Array", "[]"), ("Function", "(function () {})"), ("String", "''"), ("Number", "(0)"), ("Boolean", "true"),
        ("Symbol", "Symbol()"), ("BigInt", "(0n)"), ("Date", "new Date(0)"), ("RegExp", "/x/"), ("Error", "new Error()"),
        ("TypeError", "new TypeError()"), ("Promise", "Promise.resolve()"), ("Map", "new Map()"), ("Set", "new Set()"),
        ("WeakMap", "new WeakMap()"), ("ArrayBuffer", "new ArrayBuffer(1)"), ("Uint8Array", "new Uint8Array(1)"),
    ];

    public static IReadOnlyList<Attack> Attacks { get; } =
    [
        new("Math.stash.push (the reported leak)", "Math.stash = Math.stash || []; Math.stash.push(geheim)", "Math.stash"),
        .. BuiltIns.Select(b => new Attack($"property on {b}", $"{b}.stash = geheim", $"typeof {b} === 'undefined' ? 'fehlt' : {b}.stash")),
        .. Prototypes.Select(p => new Attack($"{p.Constructor}.prototype", $"{p.Constructor}.prototype.polluted = geheim", $"{p.Instance}.polluted")),
        new("array iterator prototype", "Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).polluted = geheim", "[][Symbol.iterator]().polluted"),
        new("generator function prototype", "Object.getPrototypeOf(function* () {}).polluted = geheim", "Object.getPrototypeOf(function* () {}).polluted"),
        new("async function prototype", "Object.getPrototypeOf(async function () {}).polluted = geheim", "Object.getPrototypeOf(async function () {}).polluted"),
        new("typed array prototype", "Object.getPrototypeOf(Int8Array.prototype).polluted = geheim", "new Uint16Array(1).polluted"),
        new("__proto__ of a literal", "({}).__proto__.polluted = geheim", "({}).polluted"),
        new("Object.assign onto Object.prototype", "Object.assign(Object.prototype, { polluted: geheim })", "({}).polluted"),
        new("__defineGetter__", "Object.prototype.__defineGetter__('polluted', function () { return geheim; })", "({}).polluted"),
        new("Math.max replaced", "Math.max = function () { return geheim; }", "Math.max(1, 2)"),
        new("JSON.stringify replaced", "JSON.stringify = function () { return geheim; }", "JSON.stringify({ a: 1 })"),
        new("Object.keys replaced", "Object.keys = function () { return [geheim]; }", "Object.keys({ a: 1 }).join()"),
        new("Array.prototype.push replaced", "Array.prototype.push = function () { return geheim; }", "[].push(1)"),
        new("String.prototype.toUpperCase replaced", "String.prototype.toUpperCase = function () { return geheim; }", "'a'.toUpperCase()"),
        new("String.prototype.replace replaced", "String.prototype.replace = function () { return geheim; }", "'a'.replace('a', 'b')"),
        new("RegExp.prototype.exec replaced", "RegExp.prototype.exec = function () { return [geheim]; }", "/a/.exec('a')[0]"),
        new("Function.prototype.call replaced", "Function.prototype.call = function () { return geheim; }", "Math.max.call(null, 1, 2)"),
        new("Date.now replaced", "Date.now = function () { return geheim; }", "typeof Date.now() === 'number' ? 'Zahl' : Date.now()"),
        new("Math.random replaced", "Math.random = function () { return geheim; }", "typeof Math.random() === 'number' ? 'Zahl' : Math.random()"),
        new("Object.prototype.toString replaced", "Object.prototype.toString = function () { return geheim; }", "String({})"),
        new("Object.prototype.toJSON added", "Object.prototype.toJSON = function () { return geheim; }", "JSON.stringify({ a: 1 })"),
        new("Symbol.iterator of arrays replaced", "Array.prototype[Symbol.iterator] = function* () { yield geheim; }", "[...[1, 2]].join()"),
        new("Symbol.toPrimitive on Object.prototype", "Object.prototype[Symbol.toPrimitive] = function () { return geheim; }", "'' + {}"),
        new("index on Array.prototype (holes read through it)", "Array.prototype[0] = geheim", "[, 1][0]"),
        new("Math.max deleted", "delete Math.max; Math.stash = geheim", "typeof Math.max + (Math.stash || '')"),
        new("globalThis reassigned", "globalThis = geheim", "typeof globalThis === 'string' ? globalThis : typeof globalThis"),
        new("undefined reassigned", "undefined = geheim; Math.stash = geheim", "String(undefined) + (Math.stash || '')"),
        new("getter defined on Object.prototype, not configurable",
            "Object.defineProperty(Object.prototype, 'polluted', { get: function () { return geheim; }, configurable: false })", "({}).polluted"),
        new("defineProperty on Math, read-only", "Object.defineProperty(Math, 'stash', { value: geheim, writable: false, configurable: false })", "Math.stash"),
        new("Reflect.defineProperty on Array.prototype", "Reflect.defineProperty(Array.prototype, 'polluted', { value: geheim })", "[].polluted"),
        new("setPrototypeOf(Math)", "Object.setPrototypeOf(Math, { stash: geheim })", "Math.stash"),
        new("setPrototypeOf(JSON, null)", "Object.setPrototypeOf(JSON, null); JSON.stash = geheim", "typeof JSON.toString + (JSON.stash || '')"),
        new("setPrototypeOf(globalThis)", "Object.setPrototypeOf(globalThis, { stash: geheim })", "globalThis.stash"),
        new("Object.prototype frozen", "Object.freeze(Object.prototype); Math.stash = geheim", "Object.isFrozen(Object.prototype) + (Math.stash || '')"),
        new("Math frozen", "Math.stash = geheim; Object.freeze(Math)", "Object.isFrozen(Math) + (Math.stash || '')"),
        new("global object made non-extensible", "globalThis.stash = geheim; Object.preventExtensions(globalThis)", "Object.isExtensible(globalThis) + (globalThis.stash || '')"),
        new("non-configurable global", "Object.defineProperty(globalThis, 'stash', { value: geheim, configurable: false, enumerable: true })", "globalThis.stash"),
        new("non-configurable getter over a case variable's name",
            "Object.defineProperty(globalThis, 'steuerId', { get: function () { return geheim; }, configurable: false })", "steuerId"),
        new("setter on Object.prototype catching later globals",
            "Object.defineProperty(Object.prototype, 'ergebnis', { set: function (v) { Math.stash = v; }, get: function () { return geheim; } })",
            "(function () { ergebnis = steuerId; return Math.stash + '/' + ({}).ergebnis; })()"),
        new("implicit global", "stash = geheim", "globalThis.stash"),
        new("globalThis property", "globalThis.stash = geheim", "globalThis.stash"),
        new("this at top level", "this.stash = geheim", "globalThis.stash"),
        new("var declaration", "var stash = geheim; Math.stash = stash", "String(globalThis.stash) + Math.stash"),
        new("let and const declarations", "let stash = geheim; const stash2 = geheim; Math.stash = stash + stash2", "typeof stash2 + Math.stash"),
        new("function declaration", "function stash() { return geheim; } Math.stash = stash()",
            "(typeof globalThis.stash === 'function' ? globalThis.stash() : 'leer') + Math.stash"),
        new("class declaration", "class Stash { static s = geheim; } Math.stash = Stash.s", "typeof globalThis.Stash + Math.stash"),
        new("direct eval declaring a var", "eval('var stash = ' + JSON.stringify(geheim))", "globalThis.stash"),
        new("indirect eval declaring a function", "(0, eval)('function stash() { return ' + JSON.stringify(geheim) + '; }')",
            "typeof globalThis.stash === 'function' ? globalThis.stash() : 'leer'"),
        new("Function constructor", "Function('g', 'globalThis.stash = g')(geheim)", "globalThis.stash"),
        new("function kept in a variable", "stash = function () { return geheim; }; Math.stash = stash()",
            "(typeof globalThis.stash === 'function' ? globalThis.stash() : 'leer') + Math.stash"),
        new("closure kept on a built-in", "Math.later = function () { return geheim; }", "typeof Math.later === 'function' ? Math.later() : 'leer'"),
        new("symbol-keyed property via the registry", "Math[Symbol.for('stash')] = geheim", "Math[Symbol.for('stash')]"),
        new("symbol-keyed global", "globalThis[Symbol.for('stash')] = geheim", "globalThis[Symbol.for('stash')]"),
        new("RegExp legacy statics", "/(STEUER-\\d+)/.exec(geheim)", "[RegExp.$1, RegExp.lastMatch, RegExp.input, RegExp.leftContext].join('|')"),
        new("promise job that runs after the script", "Promise.resolve().then(function () { Math.stash = geheim; })", "Math.stash", SeesItself: false),
        new("async function resumed after the script", "(async function () { await null; Math.stash = geheim; })()", "Math.stash", SeesItself: false),
        new("finalization callback", "new FinalizationRegistry(function () { Math.stash = geheim; }).register({}, 1); Math.stash2 = geheim",
            "String(Math.stash) + Math.stash2"),
    ];

    public static TheoryData<Attack> Each()
    {
        var data = new TheoryData<Attack>();
        foreach (var a in Attacks) data.Add(a);
        return data;
    }

    private static int secrets;

    private static string NewSecret() => "STEUER-" + Interlocked.Increment(ref secrets).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly ConcurrentDictionary<string, CompiledScript> Compiled = new(StringComparer.Ordinal);

    private static CompiledScript Compile(string source) => Compiled.GetOrAdd(source, CompiledScript.Compile);

    // The probe's result goes into a variable: a script with declarations runs inside a function and has no completion value.
    private static string AttackerScript(Attack a) => a.Script + ";\ngefunden = String(" + a.Probe + ")";

    private static string VictimScript(Attack a) => "String(" + a.Probe + ")";

    /// <summary>Runs the attacker with its secret; checks that the attack took effect in its own evaluation.</summary>
    private static void RunAttacker(ScriptSandbox sandbox, Attack a, string secret)
    {
        var vars = new Dictionary<string, object?> { ["geheim"] = secret };
        sandbox.Execute(Compile(AttackerScript(a)), vars);
        var seen = vars.GetValueOrDefault("gefunden");
        if (a.SeesItself) Assert.True(seen is string s && s.Contains(secret, StringComparison.Ordinal), $"{a.Name}: the attack did not take effect ({seen})");
    }

    private static string RunVictim(ScriptSandbox sandbox, Attack a, string ownTaxId) =>
        (string)sandbox.Execute(Compile(VictimScript(a)), new Dictionary<string, object?> { ["steuerId"] = ownTaxId })!;

    private static readonly ConcurrentDictionary<Attack, string> Baselines = new();

    /// <summary>What the victim sees in a brand-new sandbox in which nothing ran before.</summary>
    private static string Baseline(Attack a) => Baselines.GetOrAdd(a, x =>
    {
        using var fresh = new ScriptSandbox();
        return RunVictim(fresh, x, "VICTIM");
    });

    private static void AssertUntouched(Attack a, string seen, IEnumerable<string> secrets)
    {
        Assert.Equal(Baseline(a), seen);
        foreach (var s in secrets) Assert.DoesNotContain(s, seen, StringComparison.Ordinal);
    }

    private static void OnThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
#pragma warning disable CA1031 // Rethrown on the test thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException("failed on its thread: " + failure.Message, failure);
    }

    [Theory]
    [MemberData(nameof(Each))]
    public void A_later_evaluation_on_the_same_thread_finds_nothing_of_the_attack(Attack attack)
    {
        using var sandbox = new ScriptSandbox();
        var secret = NewSecret();
        OnThread(() =>
        {
            RunAttacker(sandbox, attack, secret);
            AssertUntouched(attack, RunVictim(sandbox, attack, "VICTIM"), [secret]);
            // The attacker's own next evaluation starts clean as well.
            RunAttacker(sandbox, attack, NewSecret());
            AssertUntouched(attack, RunVictim(sandbox, attack, "VICTIM"), [secret]);
        });
    }

    [Theory]
    [MemberData(nameof(Each))]
    public void A_later_evaluation_on_another_thread_finds_nothing_of_the_attack(Attack attack)
    {
        using var sandbox = new ScriptSandbox();
        var secret = NewSecret();
        OnThread(() => RunAttacker(sandbox, attack, secret));
        string? seen = null;
        OnThread(() => seen = RunVictim(sandbox, attack, "VICTIM"));
        AssertUntouched(attack, seen!, [secret]);
    }

    [Fact]
    public void Attackers_and_victims_interleaved_on_four_threads_never_see_a_secret()
    {
        using var sandbox = new ScriptSandbox();
        foreach (var a in Attacks) Baseline(a);
        var secretsSoFar = new ConcurrentBag<string>();
        var failures = new ConcurrentQueue<string>();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            for (var i = 0; i < 300; i++)
            {
                var attack = Attacks[random.Next(Attacks.Count)];
                try
                {
                    if (random.Next(2) == 0)
                    {
                        var secret = NewSecret();
                        secretsSoFar.Add(secret);
                        RunAttacker(sandbox, attack, secret);
                        continue;
                    }
                    var seen = RunVictim(sandbox, attack, "VICTIM");
                    if (seen != Baseline(attack) || secretsSoFar.Any(s => seen.Contains(s, StringComparison.Ordinal)))
                        failures.Enqueue($"{attack.Name}: saw '{seen}', a fresh sandbox sees '{Baseline(attack)}'");
                }
#pragma warning disable CA1031 // Collected and reported by the test thread.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures.Enqueue($"{attack.Name}: {e.Message}");
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
        Assert.NotEmpty(secretsSoFar);
    }

    [Fact]
    public void Twenty_cases_of_one_process_never_hand_a_tax_id_to_twenty_cases_of_another()
    {
        // One engine runs both processes, as in the server.
        using var a = new TestProcess(ScriptTask("""
            Math.stash = Math.stash || []; Math.stash.push(steuerId);
            Object.prototype.polluted = steuerId;
            JSON.stringify = (function (original) { return function (v) { Math.seen = (Math.seen || '') + original(v); return original(v); }; })(JSON.stringify);
            """));
        using var b = new TestProcess(ScriptTask("""
            gesehen = [(Math.stash || []).join(','), ({}).polluted || '', Math.seen || '', JSON.stringify({ eigene: steuerId })].join('|');
            """));
        var seen = new ConcurrentBag<string>();
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var taxId = "DE" + (100_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var definition = i % 2 == 0 ? a.Definition : b.Definition;
            var state = a.Engine.Start(definition, [new("steuerId", taxId)]).State;
            Assert.Equal(CaseStatus.Completed, state.Status);
            if (definition == b.Definition) seen.Add((string)state.Variables["gesehen"]! + "#" + taxId);
        });
        Assert.Equal(20, seen.Count);
        foreach (var entry in seen)
        {
            var own = entry[(entry.IndexOf('#', StringComparison.Ordinal) + 1)..];
            Assert.Equal("|||{\"eigene\":\"" + own + "\"}#" + own, entry);
        }
    }

    [Fact]
    public void A_function_never_flows_back_into_a_variable_so_a_later_evaluation_cannot_run_it()
    {
        using var sandbox = new ScriptSandbox();
        var vars = new Dictionary<string, object?> { ["geheim"] = "STEUER-1" };
        sandbox.Execute(Compile("f = function () { return geheim; }; o = { f: f, g: 1, get h() { return geheim; } }; a = [f, 2]; m = Math.max"), vars);
        Assert.False(vars.ContainsKey("f"));
        Assert.False(vars.ContainsKey("m"));
        Assert.Equal(new Dictionary<string, object?> { ["g"] = 1d, ["h"] = "STEUER-1" }, vars["o"]);
        Assert.Equal(new List<object?> { null, 2d }, vars["a"]);
        AssertPlain(vars);
        // The same case's next script finds data only.
        Assert.Equal("undefined|object|undefined", sandbox.Execute(Compile("[typeof f, typeof o, typeof o.f].join('|')"), vars));
    }

    private static void AssertPlain(object? value)
    {
        switch (value)
        {
            case null or bool or double or string: return;
            case List<object?> list: list.ForEach(AssertPlain); return;
            case Dictionary<string, object?> map: foreach (var v in map.Values) AssertPlain(v); return;
            default: throw new Xunit.Sdk.XunitException("not a plain value: " + value.GetType());
        }
    }

    [Fact]
    public void A_regular_expression_literal_starts_every_evaluation_with_lastIndex_zero()
    {
        using var sandbox = new ScriptSandbox();
        var script = Compile("r = /a/g; x = r.lastIndex; r.test('aaa'); r.test('aaa'); x");
        for (var i = 0; i < 3; i++) Assert.Equal(0d, sandbox.Execute(script, []));
    }

    [Theory]
    [InlineData("betrag > 1000")]
    [InlineData("gebuehr = betrag * 0.02")]
    [InlineData("freigabe = summe > 1000 && !gesperrt || (x === undefined ? NaN : Infinity)")]
    [InlineData("posten = { art: 'miete', betrag: miete, liste: [a, 1, 'x', null] }")]
    [InlineData("text = `${vorname} ${name}`; n++; if (n > 2) { stufe = 'hoch' } else { stufe = 'niedrig' }")]
    [InlineData("typeof betrag === 'number' && 'art' in posten")]
    public void Scripts_of_operators_literals_and_variables_share_an_engine(string source) =>
        Assert.True(Compile(source).TouchesOnlyVariables, source);

    [Theory]
    [InlineData("Math.max(a, b)")]
    [InlineData("a.b")]
    [InlineData("a[0]")]
    [InlineData("a?.b")]
    [InlineData("this")]
    [InlineData("f()")]
    [InlineData("new Date()")]
    [InlineData("x = /a/")]
    [InlineData("delete a")]
    [InlineData("__proto__ = null")]
    [InlineData("constructor")]
    [InlineData("toString = 1")]
    [InlineData("hasOwnProperty")]
    [InlineData("globalThis")]
    [InlineData("writeLine")]
    [InlineData("x = { get a() { return 1; } }")]
    [InlineData("x = { m() { return 1; } }")]
    [InlineData("x = { ...a }")]
    [InlineData("x = [...a]")]
    [InlineData("x = () => 1")]
    [InlineData("x = tag`a`")]
    [InlineData("while (true) {}")]
    [InlineData("'use strict'; x = 1")]
    [InlineData("var a = 1")]
    public void Scripts_that_could_reach_anything_shared_run_in_a_fresh_engine(string source) =>
        Assert.False(Compile(source).TouchesOnlyVariables, source);

    [Fact]
    public void The_shared_engine_is_wiped_after_every_evaluation()
    {
        using var sandbox = new ScriptSandbox();
        var writer = Compile("stash = geheim; x = [stash, { s: stash }]");
        var reader = Compile("gesehen = typeof stash + '|' + typeof x");
        Assert.True(writer.TouchesOnlyVariables);
        Assert.True(reader.TouchesOnlyVariables);
        for (var i = 0; i < 50; i++)
        {
            var vars = new Dictionary<string, object?> { ["geheim"] = NewSecret() };
            sandbox.Execute(writer, vars);
            Assert.Equal(vars["geheim"], vars["stash"]);
            var other = new Dictionary<string, object?>();
            sandbox.Execute(reader, other);
            Assert.Equal("undefined|undefined", other["gesehen"]);
        }
    }

    private static string ScriptTask(string script) => $"""
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:scriptTask id="rechnen" scriptFormat="javascript"><bpmn:script><![CDATA[{script}]]></bpmn:script></bpmn:scriptTask>
          <bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rechnen" />
          <bpmn:sequenceFlow id="f2" sourceRef="rechnen" targetRef="end" />
        </bpmn:process>
        """;
}
