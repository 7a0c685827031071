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

internal sealed record ListDefinitions : IRequest<IReadOnlyList<ProcessDto>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<ListDefinitions, IReadOnlyList<ProcessDto>>
    {
        public async ValueTask<IReadOnlyList<ProcessDto>> Handle(ListDefinitions request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var rows = await context.Definitions.AsNoTracking().OrderBy(d => d.ProcessId).ThenByDescending(d => d.Version)
                .Select(d => new { d.Id, d.ProcessId, d.Version, d.Name, d.Published, d.Format, d.FileName, d.CreatedAt, d.PublishedAt })
                .ToListAsync(cancellationToken);
            return rows.GroupBy(r => r.ProcessId).Select(g =>
            {
                var versions = g.Select(r => new VersionDto(r.Id, r.ProcessId, r.Version, r.Name, r.Published, r.Format, r.FileName,
                    DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), r.PublishedAt is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null)).ToList();
                return new ProcessDto(g.Key, versions[0].Name, versions[0].Version, versions.FirstOrDefault(v => v.Published)?.Version, versions);
            }).ToList();
        }
    }
}
