using System.Text;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Texts;
using Automation.Engine.Validation;
using Automation.Server.Features.Register;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Definitions;

internal sealed record GetSource(long Id) : IRequest<SourceResponse>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<GetSource, SourceResponse>
    {
        public async ValueTask<SourceResponse> Handle(GetSource request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var row = await context.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException(Texte.Format(Texte.ServerDefinitionsversionUnbekannt, request.Id));
            return new SourceResponse(row.SourceText, row.Format, row.ProcessId, row.Version, row.Name);
        }
    }
}
