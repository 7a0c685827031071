using System.Security.Claims;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Cases;

/// <summary>One page of the cases the person sees, newest first, filtered by process, status and business key.</summary>
internal sealed record ListCases(ClaimsPrincipal User, string? ProcessId, string? Status, string? BusinessKey, int Page, int PageSize)
    : IRequest<CasePage>, IValidated
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 200;

    public IEnumerable<InputProblem> Validate()
    {
        if (!string.IsNullOrWhiteSpace(Status) && !Enum.TryParse<CaseStatus>(Status, ignoreCase: true, out _))
        {
            yield return new InputProblem("status", Texte.Format(Texte.ServerVorgangsstatusUnbekannt, Status, string.Join(", ", Enum.GetNames<CaseStatus>())));
        }
    }

    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<ListCases, CasePage>
    {
        public async ValueTask<CasePage> Handle(ListCases request, CancellationToken cancellationToken)
        {
            var paging = Paging.Of(request.Page, request.PageSize, MaxPageSize);
            await using var context = accessor.Host.Database.CreateContext();
            var query = context.Cases.AsNoTracking();
            if (await scope.ForReadingAsync(request.User, cancellationToken) is { } reading)
            {
                List<long> visible = [.. reading.DefinitionIds];
                query = query.Where(c => visible.Contains(c.DefinitionId));
            }
            if (!string.IsNullOrWhiteSpace(request.ProcessId)) query = query.Where(c => c.ProcessId == request.ProcessId);
            if (!string.IsNullOrWhiteSpace(request.Status))
            {
                var name = Enum.Parse<CaseStatus>(request.Status, ignoreCase: true).ToString();
                query = query.Where(c => c.Status == name);
            }
            if (!string.IsNullOrWhiteSpace(request.BusinessKey)) query = query.Where(c => c.BusinessKey == request.BusinessKey);
            var total = await query.CountAsync(cancellationToken);
            var rows = await query.OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id).Skip(paging.Offset).Take(paging.PageSize)
                .Select(c => new { c.Id, c.ProcessId, c.DefinitionId, c.BusinessKey, c.Status, c.StartedAt, c.UpdatedAt, c.EndedAt })
                .ToListAsync(cancellationToken);
            var names = await ListCaseProcesses.NamesAsync(context, rows.Select(r => r.ProcessId).Distinct().ToList(), cancellationToken);
            return new CasePage(rows.Select(r => new CaseSummary(Guid.Parse(r.Id), r.ProcessId, r.DefinitionId, r.BusinessKey, r.Status,
                CaseAccess.Time(r.StartedAt), CaseAccess.Time(r.UpdatedAt), r.EndedAt is { } e ? CaseAccess.Time(e) : null,
                names.GetValueOrDefault(r.ProcessId, r.ProcessId))).ToList(),
                paging.Page, paging.PageSize, total);
        }
    }
}
