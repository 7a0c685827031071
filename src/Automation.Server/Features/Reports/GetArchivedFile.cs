using Automation.Server.Features.Auth;
using Automation.Server.Features.Dashboards;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Reports;

internal sealed record GetArchivedFile(long Id) : IRequest<ArchivedFile?>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<GetArchivedFile, ArchivedFile?>
    {
        public async ValueTask<ArchivedFile?> Handle(GetArchivedFile request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            return await context.ArchivedReports.AsNoTracking().Where(r => r.Id == request.Id)
                .Select(r => new ArchivedFile(r.Content, r.FileName, r.Sha256)).FirstOrDefaultAsync(cancellationToken);
        }
    }
}
