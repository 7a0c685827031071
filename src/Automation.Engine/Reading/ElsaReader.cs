using System.Text;
using Automation.Engine.Model;

namespace Automation.Engine.Reading;

/// <summary>
/// Imports Elsa Workflows 3 workflow-definition JSON onto the engine's process model, so Elsa users bring their
/// flowcharts along. Never throws on bad input: problems become <see cref="Diagnostic"/>s with the activity id and
/// its line in the file.
/// </summary>
/// <remarks>
/// <para>
/// Activities map to BPMN node kinds: Start → none start event; End → none end event; Finish → terminate end event;
/// WriteLine, SetVariable and RunJavaScript → script tasks; FlowDecision → exclusive gateway (port True carries the
/// condition, port False is the default flow); FlowSwitch → exclusive (MatchFirst) or inclusive (MatchAny) gateway
/// with one condition per case label and port Default as default flow; FlowFork → parallel split; FlowJoin →
/// parallel join (WaitAny → <see cref="JoinMode.FirstArrival"/>, WaitAll → standard; WaitAllActive → inclusive
/// join); Fork → embedded sub-process with start, split, branches, join and end; Sequence → a chain of its
/// activities; nested Flowchart → embedded sub-process; Delay, Timer, Cron and StartAt → timer events; Event →
/// message start or catch event; PublishEvent → message throw event; RunTask → user task for the role named by the
/// task. Timer, Cron, StartAt and Event start the process when they sit at process level without incoming
/// connections, and wait in the flow otherwise. Other activity types are reported as <c>unsupported-element</c>.
/// </para>
/// <para>
/// Scripts follow two conventions the interpreter provides in its sandbox: WriteLine becomes
/// <c>writeLine(text)</c> calling the host function <c>writeLine(string)</c>, and scripts keep Elsa's generated
/// accessors <c>getName()</c> / <c>setName(value)</c> for every declared variable, which is why
/// <see cref="ProcessDefinition.Variables"/> lists every variable the workflow declares or sets. A Variable
/// expression becomes <c>getName()</c>.
/// </para>
/// <para>
/// Where Elsa ends a path silently — a decision or switch outcome without connection — the reader adds an end
/// event, because a BPMN gateway without a matching flow is an error instead.
/// </para>
/// </remarks>
internal static partial class ElsaReader
{
    /// <summary>Reads an Elsa 3 workflow definition from a UTF-8 stream.</summary>
    /// <param name="stream">The JSON content, read from its current position to the end and left open; refused beyond <see cref="ReaderLimits.MaxBytes"/>.</param>
    /// <param name="fileName">File name for diagnostics.</param>
    /// <param name="limits">Size and nesting limits; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <returns>The process (none when the file cannot be parsed) and the diagnostics.</returns>
    public static DefinitionSet Read(Stream stream, string? fileName = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= ReaderLimits.Default;
        var diagnostics = new List<Diagnostic>();
        if (SourceInput.ReadBounded(stream, fileName, limits, diagnostics) is not { } bytes) return Failed(fileName, diagnostics, "");
        var bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        return ReadUtf8(bytes, Encoding.UTF8.GetString(bytes.AsSpan(bom)), fileName, limits);
    }

    /// <summary>Reads an Elsa 3 workflow definition from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="fileName">File name for diagnostics.</param>
    /// <param name="limits">Size and nesting limits; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <returns>The process (none when the text cannot be parsed) and the diagnostics.</returns>
    public static DefinitionSet ReadText(string json, string? fileName = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= ReaderLimits.Default;
        var size = Encoding.UTF8.GetByteCount(json);
        if (size > limits.MaxBytes) return Failed(fileName, [SourceInput.TooLarge(size, fileName, limits)], json);
        return ReadUtf8(Encoding.UTF8.GetBytes(json), json, fileName, limits);
    }

    private static DefinitionSet Failed(string? fileName, List<Diagnostic> diagnostics, string text) =>
        new(fileName, SourceFormat.ElsaJson, [], [], diagnostics, text);

    private static DefinitionSet ReadUtf8(byte[] utf8, string text, string? fileName, ReaderLimits limits)
    {
        var diagnostics = new List<Diagnostic>();
        var json = PositionedJson.Parse(utf8, limits, fileName, diagnostics);
        var processes = new List<ProcessDefinition>();
        if (json is not null && new Elsa.ElsaMapper(json, fileName, limits, diagnostics).Map() is { } process) processes.Add(process);
        return new DefinitionSet(fileName, SourceFormat.ElsaJson, processes, [], diagnostics, text);
    }
}
