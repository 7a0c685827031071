using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Decisions;

/// <summary>Every published decision version, newest first per key.</summary>
internal sealed record ListDecisions : IRequest<IReadOnlyList<DecisionVersionDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListDecisions, IReadOnlyList<DecisionVersionDto>>
    {
        public async ValueTask<IReadOnlyList<DecisionVersionDto>> Handle(ListDecisions request, CancellationToken cancellationToken) =>
            [.. (await accessor.Host.Decisions.ListAsync(cancellationToken)).Select(DecisionFiles.ToDto)];
    }
}
