namespace Automation.Engine.Model;

/// <summary>The language an expression is evaluated in; decided by the file's declaration, never guessed from the text.</summary>
internal enum ExpressionLanguage
{
    /// <summary>JavaScript in the Jint sandbox (the default when a file declares nothing).</summary>
    JavaScript,

    /// <summary>FEEL (DMN 1.4/1.5), Expressions/Feel.</summary>
    Feel,

    /// <summary>The JUEL subset of Camunda 7 models, Expressions/Juel.</summary>
    Juel,

    /// <summary>A declared language the engine does not run (XPath, Groovy…); the reader reported it, the text is never evaluated.</summary>
    Unsupported,
}
