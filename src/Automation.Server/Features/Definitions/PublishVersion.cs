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

internal sealed record PublishVersion(long Id, string? OverrideReason = null) : IRequest<DeployResponse>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, IMediator mediator) : IRequestHandler<PublishVersion, DeployResponse>
    {
        /// <summary>
        /// Publishing stores the version's source again with publish set: the latest version is published in place;
        /// an older one becomes a new version with that source (a roll-back stays visible in the version history).
        /// </summary>
        public async ValueTask<DeployResponse> Handle(PublishVersion request, CancellationToken cancellationToken)
        {
            string source;
            string fileName;
            await using (var context = accessor.Host.Database.CreateContext())
            {
                var row = await context.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.Id, cancellationToken)
                    ?? throw new NotFoundException(Texte.Format(Texte.ServerDefinitionsversionUnbekannt, request.Id));
                source = row.SourceText;
                fileName = row.FileName ?? (row.Format == "bpmn" ? "definition.bpmn" : "definition.json");
            }
            return await mediator.Send(new DeployDefinition(source, fileName, true, request.OverrideReason), cancellationToken);
        }
    }
}
