namespace Automation.Engine.Reading;

/// <summary>
/// Limits a reader enforces on one definition file, so an oversized or hostile upload fails with a diagnostic
/// instead of exhausting memory or the stack.
/// </summary>
public sealed record ReaderLimits
{
    /// <summary>Creates limits with the default values.</summary>
    public ReaderLimits()
    {
    }

    /// <summary>The default limits.</summary>
    public static ReaderLimits Default { get; } = new();

    /// <summary>Largest accepted file size in bytes (default 16 MiB).</summary>
    public long MaxBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Deepest accepted element nesting (default 200).</summary>
    public int MaxDepth { get; init; } = 200;

    /// <summary>Most elements accepted in one file (default 200,000).</summary>
    public int MaxElements { get; init; } = 200_000;

    /// <summary>Most incoming or outgoing sequence flows accepted on one node (default 1,000).</summary>
    public int MaxFlowsPerNode { get; init; } = 1_000;
}
