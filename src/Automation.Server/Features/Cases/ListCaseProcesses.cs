using System.Security.Claims;
using Automation.Data.Schema;
using Automation.Engine.Model;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Cases;

/// <summary>Processes whose cases the person sees (the process filter of the case list), by name.</summary>
internal sealed record ListCaseProcesses(ClaimsPrincipal User) : IRequest<IReadOnlyList<CaseProcess>>
{
    /// <summary>
    /// The name of each process as the inbox shows it: that of its latest published version (the one new cases start on),
    /// else of its latest version; a process without a name keeps its id.
    /// </summary>
    internal static async Task<Dictionary<string, string>> NamesAsync(AutomationDbContext context, IReadOnlyCollection<string> processIds, CancellationToken ct)
    {
        List<string> ids = [.. processIds];
        var versions = await context.Definitions.AsNoTracking().Where(d => ids.Contains(d.ProcessId))
            .Select(d => new { d.ProcessId, d.Id, d.Name, d.Published }).ToListAsync(ct);
        return versions.GroupBy(v => v.ProcessId, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => ProcessDefinition.LabelOf(g.Key, g.OrderByDescending(v => v.Published).ThenByDescending(v => v.Id).First().Name),
            StringComparer.Ordinal);
    }

    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<ListCaseProcesses, IReadOnlyList<CaseProcess>>
    {
        public async ValueTask<IReadOnlyList<CaseProcess>> Handle(ListCaseProcesses request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var query = context.Definitions.AsNoTracking();
            if (await scope.ForReadingAsync(request.User, cancellationToken) is { } reading)
            {
                List<long> visible = [.. reading.DefinitionIds];
                query = query.Where(d => visible.Contains(d.Id));
            }
            var ids = await query.Select(d => d.ProcessId).Distinct().ToListAsync(cancellationToken);
            var names = await NamesAsync(context, ids, cancellationToken);
            return [.. ids.Select(id => new CaseProcess(id, names[id])).OrderBy(p => p.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("de-DE"), ignoreCase: true)).ThenBy(p => p.Id, StringComparer.Ordinal)];
        }
    }
}
