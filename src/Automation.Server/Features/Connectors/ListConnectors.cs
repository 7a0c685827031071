using Automation.Server.Connectors;
using Mediator;

namespace Automation.Server.Features.Connectors;

/// <summary>A connector as the API shows it.</summary>
/// <param name="Name">Its topic.</param>
/// <param name="Version">Version of its contract.</param>
/// <param name="Label">German label.</param>
/// <param name="Inputs">What a step gives it.</param>
/// <param name="Outputs">What it gives back.</param>
internal sealed record ConnectorDto(string Name, int Version, string Label, IReadOnlyList<ConnectorFieldDto> Inputs, IReadOnlyList<ConnectorFieldDto> Outputs);

/// <summary>An input or output.</summary>
/// <param name="Name">Parameter name in the model.</param>
/// <param name="Label">German label.</param>
/// <param name="Type">text, number, boolean or json.</param>
/// <param name="Required">Whether a step must give it.</param>
/// <param name="Description">German help text.</param>
internal sealed record ConnectorFieldDto(string Name, string Label, string Type, bool Required, string? Description);

/// <summary>The server's connectors, ordered by name.</summary>
internal sealed record ListConnectors : IRequest<IReadOnlyList<ConnectorDto>>
{
    internal sealed class Handler(IEnumerable<IConnector> connectors) : IRequestHandler<ListConnectors, IReadOnlyList<ConnectorDto>>
    {
        public ValueTask<IReadOnlyList<ConnectorDto>> Handle(ListConnectors request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ConnectorDto>>(connectors.OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new ConnectorDto(c.Name, c.Version, c.Label, c.Inputs.Select(Field).ToList(), c.Outputs.Select(Field).ToList()))
                .ToList());

        private static ConnectorFieldDto Field(ConnectorField f) =>
            new(f.Name, f.Label, f.Type.ToString().ToLowerInvariant(), f.Required, f.Description);
    }
}
