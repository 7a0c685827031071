namespace Automation.Engine.Model;

/// <summary>
/// An expression with the language it is evaluated in (declared on the element or the file): loops, conditional
/// events, input and output parameters.
/// </summary>
/// <param name="Text">The expression without a JUEL or FEEL wrapper where the language strips one.</param>
/// <param name="Language">The declared language.</param>
internal sealed record DeclaredExpression(string Text, ExpressionLanguage Language);

/// <summary>
/// The loop characteristics of an activity: multi-instance (parallel or sequential, over a cardinality or a collection)
/// or a standard loop (repeat while a condition holds). Immutable, read once from the definition.
/// </summary>
internal sealed class LoopDefinition
{
    /// <summary>Whether this is a multi-instance activity; false for a standard loop.</summary>
    public bool IsMultiInstance { get; init; }

    /// <summary>Whether the instances run one after another (always true for a standard loop).</summary>
    public bool IsSequential { get; init; }

    /// <summary>Number of instances (<c>loopCardinality</c>) when no collection is given.</summary>
    public DeclaredExpression? Cardinality { get; init; }

    /// <summary>The collection with one instance per element (<c>loopDataInputRef</c>, <c>camunda:collection</c>, Zeebe inputCollection).</summary>
    public DeclaredExpression? Collection { get; init; }

    /// <summary>Whether <see cref="Collection"/> names a variable (<c>loopDataInputRef</c>) rather than being an expression.</summary>
    public bool CollectionIsVariable { get; init; }

    /// <summary>Instance-local variable holding the instance's element of the collection.</summary>
    public string? ElementVariable { get; init; }

    /// <summary>Ends a multi-instance activity early when true after an instance completes (the rest are cancelled).</summary>
    public DeclaredExpression? CompletionCondition { get; init; }

    /// <summary>Variable that receives the list of every instance's <see cref="OutputElement"/>, in instance order.</summary>
    public string? OutputCollection { get; init; }

    /// <summary>Instance-local variable whose value at the instance's end goes into the output collection.</summary>
    public string? OutputElement { get; init; }

    /// <summary>Standard loop: repeat while this holds.</summary>
    public DeclaredExpression? LoopCondition { get; init; }

    /// <summary>Standard loop: test the condition before the first iteration too (a while loop, else do-while).</summary>
    public bool TestBefore { get; init; }

    /// <summary>Standard loop: at most this many iterations.</summary>
    public int? LoopMaximum { get; init; }
}
