using System.Text;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;
using Automation.Server.Features.Register;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Definitions;

internal sealed record ElementChanges(string ProcessId, int From, int To) : IRequest<ElementChangesResponse>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ElementChanges, ElementChangesResponse>
    {
        public async ValueTask<ElementChangesResponse> Handle(ElementChanges request, CancellationToken cancellationToken)
        {
            var (from, to) = await DefinitionVersions.LoadPairAsync(accessor, request.ProcessId, request.From, request.To, cancellationToken);
            return BpmnChanges.Compare(from, to) is { } changes ? new ElementChangesResponse(true, changes) : new ElementChangesResponse(false, []);
        }
    }
}
