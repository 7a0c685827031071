using Automation.Server.Connectors;
using Mediator;

namespace Automation.Server.Features.Connectors;

/// <summary>The connectors as Camunda 7 element templates (<see cref="ConnectorTemplates"/>); the modeler page embeds the same list.</summary>
internal sealed record GetElementTemplates : IRequest<IReadOnlyList<ElementTemplate>>
{
    internal sealed class Handler(IEnumerable<IConnector> connectors) : IRequestHandler<GetElementTemplates, IReadOnlyList<ElementTemplate>>
    {
        public ValueTask<IReadOnlyList<ElementTemplate>> Handle(GetElementTemplates request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ConnectorTemplates.Of(connectors));
    }
}
