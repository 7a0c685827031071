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

internal sealed record DiffVersions(string ProcessId, int From, int To) : IRequest<string>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<DiffVersions, string>
    {
        public async ValueTask<string> Handle(DiffVersions request, CancellationToken cancellationToken)
        {
            var (from, to) = await DefinitionVersions.LoadPairAsync(accessor, request.ProcessId, request.From, request.To, cancellationToken);
            return LineDiff.Unified(from, to, $"{request.ProcessId} v{request.From}", $"{request.ProcessId} v{request.To}");
        }
    }
}
