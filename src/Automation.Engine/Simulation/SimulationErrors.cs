using Automation.Engine.Texts;

namespace Automation.Engine.Simulation;

/// <summary>One problem with a simulation request.</summary>
/// <param name="Path">JSON path of the field in the scenario file, e.g. <c>$.branches.Gateway_1</c>.</param>
/// <param name="ElementId">BPMN element id concerned (step, gateway, flow), or the role name, if any.</param>
/// <param name="Message">What is wrong, in German.</param>
/// <param name="Code">Stable code of the problem for programs, e.g. <c>scenario-probability-sum</c>.</param>
public sealed record SimulationError(string Path, string? ElementId, string Message, string Code = "scenario-invalid")
{
    /// <inheritdoc />
    public override string ToString() => ElementId is null ? $"{Path}: {Message}" : $"{Path} ({ElementId}): {Message}";
}

/// <summary>A simulation request was refused; <see cref="Errors"/> names every field concerned.</summary>
public sealed class SimulationValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationValidationException(IReadOnlyList<SimulationError> errors)
        : base(Texte.Szenario("invalid", string.Join("; ", errors ?? []))) => Errors = errors ?? [];

    /// <summary>Creates the exception.</summary>
    public SimulationValidationException() : this([]) { }

    /// <summary>Creates the exception.</summary>
    public SimulationValidationException(string message) : this([new SimulationError("$", null, message)]) { }

    /// <summary>Creates the exception.</summary>
    public SimulationValidationException(string message, Exception inner) : base(message, inner) => Errors = [new SimulationError("$", null, message)];

    /// <summary>The problems, each with its JSON path.</summary>
    public IReadOnlyList<SimulationError> Errors { get; }
}

/// <summary>
/// What history says about a definition version, as plain figures: the host extracts them from its step and ledger
/// tables. Per step: measured working minutes of completed executions; per gateway: how often each flow was taken.
/// </summary>
public sealed class SimulationHistory
{
    /// <summary>Fewest measurements a step or gateway needs before history is used (statistics and privacy).</summary>
    public const int MinimumSamples = 5;

    /// <summary>Measured working minutes per step id.</summary>
    public IReadOnlyDictionary<string, double[]> StepMinutes { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Times each outgoing flow was taken, per gateway id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> BranchCounts { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    /// <summary>Describes where the history came from (shown among the assumptions), e.g. the definition version and period.</summary>
    public string? Description { get; init; }
}
