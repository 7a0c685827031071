namespace Automation.Engine.Reading;

/// <summary>
/// Upper bounds a reader enforces on untrusted definition files. A file beyond a limit is reported as an error
/// diagnostic instead of being read, so a hostile or broken upload cannot exhaust memory or time.
/// </summary>
internal sealed record ReaderLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static ReaderLimits Default { get; } = new();

    /// <summary>Largest accepted source, in bytes (UTF-8 bytes for text input). Default 16 MiB.</summary>
    public long MaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Deepest accepted element nesting. Default 200.</summary>
    public int MaxDepth { get; init; } = 200;

    /// <summary>
    /// Most elements (XML elements or JSON objects) accepted in one source. Default 100,000: a 5,000-step model with
    /// its diagram has about 50,000. Reading and validating cost about 10 µs per flow node, so this also bounds the
    /// time of a hostile 5 MB upload of tiny nodes (200,000 took 1.5 to 2 s of CPU on this machine, 100,000 half that).
    /// </summary>
    public int MaxElements { get; init; } = 100_000;

    /// <summary>
    /// Most attributes (namespace declarations included) accepted on one XML element. Default 256; BPMN elements carry
    /// a few dozen at most. System.Xml's reader spends time quadratic in an element's attribute count (400,000 on one
    /// element took 10 s), so this is checked before the XML parser sees the file.
    /// </summary>
    public int MaxAttributesPerElement { get; init; } = 256;

    /// <summary>Most incoming or outgoing sequence flows accepted on one node. Default 1,000.</summary>
    public int MaxFlowsPerNode { get; init; } = 1_000;
}
