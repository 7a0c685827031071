using Acornima;
using Acornima.Ast;
using Jint;
using JsEngine = Jint.Engine;

namespace Automation.Engine.Expressions;

/// <summary>
/// A parsed script or condition, prepared once per definition and shared across threads and cases.
/// </summary>
internal sealed class CompiledScript
{
    private static readonly ScriptPreparationOptions PrepareOptions = new() { CollectReferencedGlobals = true };

    /// <summary>Names a script touching only variables may read besides them: immutable primitive values.</summary>
    private static readonly HashSet<string> PrimitiveGlobals = new(StringComparer.Ordinal) { "undefined", "NaN", "Infinity" };

    private CompiledScript(string source, Prepared<Script> prepared, string[] globals)
    {
        Source = source;
        Prepared = prepared;
        Globals = globals;
        TouchesOnlyVariables = prepared.Program is { } program && OnlyVariables(program)
            && globals.All(g => PrimitiveGlobals.Contains(g) || !ScriptSandbox.FreshGlobals.Reachable.Contains(g));
    }

    /// <summary>The source as written.</summary>
    public string Source { get; }

    internal Prepared<Script> Prepared { get; }

    /// <summary>Free identifiers the script reads or writes: the candidates for case variables.</summary>
    internal string[] Globals { get; }

    /// <summary>
    /// Whether the script is made only of operators, primitive, array and object literals, conditionals and names of
    /// case variables: no property access, call, function, regular expression, <c>this</c>, <c>delete</c>, loop or
    /// declaration, and no name of a built-in or of what the global object inherits. Such a script can read and write
    /// nothing but the globals the sandbox sets and wipes, so it may share an engine with other evaluations.
    /// </summary>
    internal bool TouchesOnlyVariables { get; }

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
            throw new ScriptException(ScriptFailure.Syntax, $"Syntaxfehler: {e.Description} (Zeile {e.LineNumber}, Spalte {e.Column})", e);
        }
        catch (ScriptPreparationException e) when (e.InnerException is ParseErrorException p)
        {
            throw new ScriptException(ScriptFailure.Syntax, $"Syntaxfehler: {p.Description} (Zeile {p.LineNumber}, Spalte {p.Column})", e);
        }
        catch (JintException e)
        {
            throw new ScriptException(ScriptFailure.Syntax, "Syntaxfehler: " + e.Message, e);
        }
    }

    private static bool OnlyVariables(Node node)
    {
        switch (node.Type)
        {
            case NodeType.Identifier:
                return true;
            case NodeType.Literal:
                return node is not RegExpLiteral;
            case NodeType.ExpressionStatement:
                if (node is Directive) return false;
                break;
            case NodeType.UnaryExpression:
                if (((UnaryExpression)node).Operator == Operator.Delete) return false;
                break;
            case NodeType.UpdateExpression:
                return ((UpdateExpression)node).Argument is Identifier;
            case NodeType.AssignmentExpression:
                var assignment = (AssignmentExpression)node;
                return assignment.Left is Identifier && OnlyVariables(assignment.Right);
            case NodeType.Property:
                if (node is not ObjectProperty { Kind: PropertyKind.Init, Method: false }) return false;
                break;
            case NodeType.Program or NodeType.BlockStatement or NodeType.EmptyStatement or NodeType.IfStatement
                or NodeType.BinaryExpression or NodeType.LogicalExpression or NodeType.ConditionalExpression or NodeType.SequenceExpression
                or NodeType.ParenthesizedExpression or NodeType.TemplateLiteral or NodeType.TemplateElement
                or NodeType.ArrayExpression or NodeType.ObjectExpression:
                break;
            default:
                return false;
        }
        foreach (var child in node.ChildNodes)
        {
            if (!OnlyVariables(child)) return false;
        }
        return true;
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
