using Automation.Engine.Model;

namespace Automation.Engine.Expressions;

/// <summary>The one list of language names and URIs files use to declare an expression language.</summary>
internal static class ExpressionLanguages
{
    private static readonly Dictionary<string, ExpressionLanguage> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["javascript"] = ExpressionLanguage.JavaScript,
        ["js"] = ExpressionLanguage.JavaScript,
        ["ecmascript"] = ExpressionLanguage.JavaScript,
        ["application/javascript"] = ExpressionLanguage.JavaScript,
        ["text/javascript"] = ExpressionLanguage.JavaScript,
        ["application/ecmascript"] = ExpressionLanguage.JavaScript,
        ["text/ecmascript"] = ExpressionLanguage.JavaScript,
        ["http://www.ecma-international.org/ecma-262/"] = ExpressionLanguage.JavaScript,
        ["https://www.ecma-international.org/ecma-262/"] = ExpressionLanguage.JavaScript,
        ["feel"] = ExpressionLanguage.Feel,
        ["http://www.omg.org/spec/FEEL/20140401"] = ExpressionLanguage.Feel,
        ["https://www.omg.org/spec/DMN/20191111/FEEL/"] = ExpressionLanguage.Feel,
        ["https://www.omg.org/spec/DMN/20230324/FEEL/"] = ExpressionLanguage.Feel,
        ["https://www.omg.org/spec/DMN/20211108/FEEL/"] = ExpressionLanguage.Feel,
        ["http://www.omg.org/spec/DMN/20180521/FEEL/"] = ExpressionLanguage.Feel,
        ["juel"] = ExpressionLanguage.Juel,
        ["http://camunda.org/schema/1.0/juel"] = ExpressionLanguage.Juel,
    };

    /// <summary>The language a declaration names; null for a language the engine does not run (XPath, Groovy…).</summary>
    public static ExpressionLanguage? Resolve(string declared) =>
        Known.TryGetValue(declared.Trim(), out var language) ? language : null;
}
