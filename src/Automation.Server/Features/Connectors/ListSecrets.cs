using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Connectors;

/// <summary>The secrets by name, with dates; the query never reads the encrypted value.</summary>
internal sealed record ListSecrets : IRequest<IReadOnlyList<SecretDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListSecrets, IReadOnlyList<SecretDto>>
    {
        public async ValueTask<IReadOnlyList<SecretDto>> Handle(ListSecrets request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var rows = await context.Secrets.AsNoTracking().OrderBy(s => s.Name)
                .Select(s => new { s.Name, s.CreatedAt, s.CreatedBy, s.UpdatedAt, s.UpdatedBy }).ToListAsync(cancellationToken);
            return rows.Select(s => new SecretDto(s.Name, DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedAt), s.CreatedBy,
                DateTimeOffset.FromUnixTimeMilliseconds(s.UpdatedAt), s.UpdatedBy)).ToList();
        }
    }
}
