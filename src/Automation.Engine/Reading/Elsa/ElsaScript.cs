using Acornima;
using Acornima.Ast;

namespace Automation.Engine.Reading.Elsa;

/// <summary>
/// Elsa evaluates a JavaScript input as a script whose value is the completion value, and lets it <c>return</c> outside
/// a function (Jint's AllowReturnOutsideFunction). The engine evaluates expressions, so such a script becomes a function
/// called in place, its last expression statement returned: <c>return false;</c> and <c>const x = 1; x &gt; 0</c> both
/// keep Elsa's value.
/// </summary>
internal static class ElsaScript
{
    /// <summary>The script as one expression; unchanged when it is one already or does not parse (the validator reports it then).</summary>
    public static string AsExpression(string script)
    {
        var trimmed = script.Trim().TrimEnd(';').TrimEnd();
        if (Validation.JavaScriptSyntax.ExpressionError(trimmed) is null) return trimmed;
        Script program;
        try
        {
            program = new Parser(new ParserOptions { AllowReturnOutsideFunction = true }).ParseScript(script);
        }
        catch (ParseErrorException)
        {
            return script;
        }
        var body = script;
        if (program.Body.Count > 0 && program.Body[^1] is ExpressionStatement last)
        {
            var expression = script[last.Expression.Start..last.Expression.End];
            body = script[..last.Start] + "return (" + expression + ");" + script[last.End..];
        }
        return "(function () {\n" + body + "\n})()";
    }

    /// <summary>A script for a script task: unchanged when it parses as a script, else as <see cref="AsExpression"/>.</summary>
    public static string AsScript(string script) =>
        Validation.JavaScriptSyntax.ScriptError(script) is null ? script : AsExpression(script);
}
