using System.Security.Claims;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Cases;

/// <summary>Process ids whose cases the person sees (the process filter of the case list).</summary>
internal sealed record ListCaseProcesses(ClaimsPrincipal User) : IRequest<IReadOnlyList<string>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<ListCaseProcesses, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(ListCaseProcesses request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var query = context.Definitions.AsNoTracking();
            if (await scope.ForReadingAsync(request.User, cancellationToken) is { } reading)
            {
                List<long> visible = [.. reading.DefinitionIds];
                query = query.Where(d => visible.Contains(d.Id));
            }
            return await query.Select(d => d.ProcessId).Distinct().OrderBy(p => p).ToListAsync(cancellationToken);
        }
    }
}
