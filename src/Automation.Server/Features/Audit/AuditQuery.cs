using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Audit;

/// <summary>Filter of the audit log; every part optional.</summary>
internal sealed record AuditQuery(string? Kind, string? EntityId, string? Actor, string? Action, DateOnly? From, DateOnly? To, int? Limit)
    : IRequest<IReadOnlyList<AuditEntryDto>>, IValidated
{
    /// <summary>Upper bound of rows per request, so one query cannot load the whole log into memory.</summary>
    public const int MaxRows = 10_000;

    public IEnumerable<InputProblem> Validate()
    {
        if (Limit is < 1 or > MaxRows) yield return new InputProblem("limit", Texte.Format(Texte.ServerProtokollLimit, MaxRows));
        if (From is { } f && To is { } t && t < f) yield return new InputProblem("to", Texte.ServerEndeVorAnfang);
    }

    internal sealed class Handler(WorkflowHostAccessor accessor) : IRequestHandler<AuditQuery, IReadOnlyList<AuditEntryDto>>
    {
        public async ValueTask<IReadOnlyList<AuditEntryDto>> Handle(AuditQuery request, CancellationToken cancellationToken)
        {
            await using var context = accessor.Host.Database.CreateContext();
            var rows = context.AuditLog.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(request.Kind)) rows = rows.Where(r => r.EntityKind == request.Kind);
            if (!string.IsNullOrWhiteSpace(request.EntityId)) rows = rows.Where(r => r.EntityId == request.EntityId);
            if (!string.IsNullOrWhiteSpace(request.Actor)) rows = rows.Where(r => r.Actor == request.Actor);
            if (!string.IsNullOrWhiteSpace(request.Action)) rows = rows.Where(r => r.Action == request.Action);
            if (request.From is { } from)
            {
                var ms = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
                rows = rows.Where(r => r.At >= ms);
            }
            if (request.To is { } to)
            {
                var ms = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
                rows = rows.Where(r => r.At < ms);
            }
            var list = await rows.OrderByDescending(r => r.Id).Take(request.Limit ?? 500).ToListAsync(cancellationToken);
            return list.Select(r => new AuditEntryDto(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Actor, r.EntityKind, r.EntityId, r.Action,
                r.BeforeJson, r.AfterJson, r.Reason)).ToList();
        }
    }
}
