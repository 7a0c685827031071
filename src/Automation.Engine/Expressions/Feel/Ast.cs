namespace Automation.Engine.Expressions.Feel;

/// <summary>A node of a parsed FEEL expression.</summary>
internal abstract record Node;

internal sealed record LiteralNode(object? Value) : Node;

internal sealed record NameNode(string Name) : Node;

internal sealed record NegateNode(Node Operand) : Node;

/// <summary>Arithmetic and comparison: <c>+ - * / ** = != &lt; &lt;= &gt; &gt;=</c>.</summary>
internal sealed record BinaryNode(string Operator, Node Left, Node Right) : Node;

internal sealed record AndNode(Node Left, Node Right) : Node;

internal sealed record OrNode(Node Left, Node Right) : Node;

internal sealed record BetweenNode(Node Value, Node Low, Node High) : Node;

internal sealed record InNode(Node Value, IReadOnlyList<Node> Tests) : Node;

internal sealed record InstanceOfNode(Node Value, FeelType Type) : Node;

internal sealed record IfNode(Node Condition, Node Then, Node Else) : Node;

/// <summary>One <c>name in domain</c> of a for or quantified expression; <c>RangeEnd</c> for <c>1..n</c>.</summary>
internal sealed record Iteration(string Name, Node Domain, Node? RangeEnd);

internal sealed record ForNode(IReadOnlyList<Iteration> Iterations, Node Body) : Node;

internal sealed record QuantifiedNode(bool Every, IReadOnlyList<Iteration> Iterations, Node Condition) : Node;

internal sealed record FunctionNode(IReadOnlyList<string> Parameters, Node Body, bool External) : Node;

internal sealed record ListNode(IReadOnlyList<Node> Items) : Node;

internal sealed record ContextNode(IReadOnlyList<KeyValuePair<string, Node>> Entries) : Node;

/// <summary>A range literal or a unary comparison (<c>&lt; 5</c> is a range without start).</summary>
internal sealed record RangeNode(Node? Start, bool StartIncluded, Node? End, bool EndIncluded) : Node;

/// <summary>A unary comparison in a test: <c>= x</c>, <c>!= x</c>.</summary>
internal sealed record CompareTestNode(string Operator, Node Operand) : Node;

internal sealed record FilterNode(Node Source, Node Predicate) : Node;

internal sealed record PathNode(Node Source, string Name) : Node;

internal sealed record InvokeNode(Node Function, IReadOnlyList<Node> Positional, IReadOnlyList<KeyValuePair<string, Node>>? Named) : Node;

/// <summary>A type in <c>instance of</c> and typed parameters: <c>number</c>, <c>list&lt;string&gt;</c>, <c>context&lt;a: number&gt;</c>…</summary>
internal sealed record FeelType(string Name, IReadOnlyList<FeelType> Arguments, IReadOnlyList<KeyValuePair<string, FeelType>> Fields)
{
    public static FeelType Simple(string name) => new(name, [], []);
}
