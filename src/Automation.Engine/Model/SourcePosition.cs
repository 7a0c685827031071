namespace Automation.Engine.Model;

/// <summary>A 1-based line and column in a definition's source file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => Column > 0 ? $"line {Line} column {Column}" : $"line {Line}";
}
