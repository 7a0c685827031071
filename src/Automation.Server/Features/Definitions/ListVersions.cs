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

internal sealed record ListVersions(string ProcessId) : IRequest<IReadOnlyList<VersionDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListVersions, IReadOnlyList<VersionDto>>
    {
        public async ValueTask<IReadOnlyList<VersionDto>> Handle(ListVersions request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var rows = await context.Definitions.AsNoTracking().Where(d => d.ProcessId == request.ProcessId)
                .OrderByDescending(d => d.Version).ToListAsync(cancellationToken);
            if (rows.Count == 0) throw new NotFoundException(Texte.Format(Texte.ServerProzessUnbekannt, request.ProcessId));
            return rows.Select(DefinitionVersions.ToDto).ToList();
        }
    }
}
