using Acornima;
using Acornima.Ast;
using Jint;
using JsEngine = Jint.Engine;

namespace Automation.Engine.Expressions;

/// <summary>
/// A parsed script or condition, prepared once per definition and shared across threads and cases.
/// </summary>
public sealed class CompiledScript
{
    private static readonly ScriptPreparationOptions PrepareOptions = new() { CollectReferencedGlobals = true };

    private CompiledScript(string source, Prepared<Script> prepared, string[] globals)
    {
        Source = source;
        Prepared = prepared;
        Globals = globals;
    }

    /// <summary>The source as written.</summary>
    public string Source { get; }

    internal Prepared<Script> Prepared { get; }

    /// <summary>Free identifiers the script reads or writes: the candidates for case variables.</summary>
    internal string[] Globals { get; }

    /// <summary>
    /// Parses a script. Top-level declarations (<c>var</c>, <c>let</c>, <c>const</c>, functions, classes) would outlive
    /// the evaluation in a reused engine, so such scripts run inside a function: their declarations stay local and
    /// only assignments to undeclared names become case variables.
    /// </summary>
    /// <exception cref="ScriptException">The source does not parse.</exception>
    public static CompiledScript Compile(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var prepared = Prepare(source);
        if (prepared.Program is { } program && HasTopLevelDeclarations(program))
        {
            prepared = Prepare("(function () {\n" + source + "\n})()");
        }
        var globals = prepared.ReferencedGlobals is { } refs ? refs.ToArray() : [];
        return new CompiledScript(source, prepared, globals);
    }

    /// <summary>Checks whether a source parses, returning the parser's message with line and column, or null.</summary>
    public static string? SyntaxError(string source)
    {
        try
        {
            new Parser().ParseScript(source);
            return null;
        }
        catch (ParseErrorException e)
        {
            return $"{e.Description} (line {e.LineNumber}, column {e.Column})";
        }
    }

    private static Prepared<Script> Prepare(string source)
    {
        try
        {
            return JsEngine.PrepareScript(source, options: PrepareOptions);
        }
        catch (ParseErrorException e)
        {
            throw new ScriptException(ScriptFailure.Syntax, $"Syntax error: {e.Description} (line {e.LineNumber}, column {e.Column})", e);
        }
        catch (ScriptPreparationException e) when (e.InnerException is ParseErrorException p)
        {
            throw new ScriptException(ScriptFailure.Syntax, $"Syntax error: {p.Description} (line {p.LineNumber}, column {p.Column})", e);
        }
        catch (JintException e)
        {
            throw new ScriptException(ScriptFailure.Syntax, "Syntax error: " + e.Message, e);
        }
    }

    private static bool HasTopLevelDeclarations(Script program)
    {
        foreach (var statement in program.Body)
        {
            if (statement is VariableDeclaration or FunctionDeclaration or ClassDeclaration) return true;
        }
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Source;
}
