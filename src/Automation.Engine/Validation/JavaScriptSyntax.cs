using Acornima;

namespace Automation.Engine.Validation;

/// <summary>Syntax checks of JavaScript with the parser Jint itself uses, so what passes here also parses at run time.</summary>
internal static class JavaScriptSyntax
{
    /// <summary>The parser's message if <paramref name="expression"/> is not one JavaScript expression, else null.</summary>
    public static string? ExpressionError(string expression)
    {
        try
        {
            // A parser instance keeps state while parsing; one per call keeps the validator thread-safe.
            new Parser().ParseExpression(expression);
            return null;
        }
        catch (ParseErrorException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The parser's message if <paramref name="script"/> is not a JavaScript script, else null.</summary>
    public static string? ScriptError(string script)
    {
        try
        {
            new Parser().ParseScript(script);
            return null;
        }
        catch (ParseErrorException ex)
        {
            return ex.Message;
        }
    }
}
