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

internal sealed record ValidateDefinition(string Source, string FileName) : IRequest<ValidateResponse>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ValidateDefinition, ValidateResponse>
    {
        public ValueTask<ValidateResponse> Handle(ValidateDefinition request, CancellationToken cancellationToken)
        {
            var host = accessor.Host;
            var set = DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(request.Source)), request.FileName);
            var diagnostics = DefinitionValidator.Validate(set, id => host.Definitions.FindLatestPublished(id)?.Process);
            return ValueTask.FromResult(new ValidateResponse(!diagnostics.HasErrors(), set.Processes.Select(p => p.Id).ToList(),
                diagnostics.Select(DiagnosticDto.From).ToList()));
        }
    }
}
