using System.Text;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Shared;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Audit;

/// <summary>One audit row as the API and the admin page show it.</summary>
internal sealed record AuditEntryDto(long Id, DateTimeOffset At, string Actor, string EntityKind, string EntityId, string Action,
    string? Before, string? After, string? Reason);

/// <summary>Filter of the audit log; every part optional.</summary>
internal sealed record AuditQuery(string? Kind, string? EntityId, string? Actor, string? Action, DateOnly? From, DateOnly? To, int? Limit)
    : IRequest<IReadOnlyList<AuditEntryDto>>;

internal sealed class AuditHandlers(WorkflowHostAccessor accessor) : IRequestHandler<AuditQuery, IReadOnlyList<AuditEntryDto>>
{
    /// <summary>Upper bound of rows per request, so one query cannot load the whole log into memory.</summary>
    public const int MaxRows = 10_000;

    public async ValueTask<IReadOnlyList<AuditEntryDto>> Handle(AuditQuery request, CancellationToken cancellationToken)
    {
        if (request.Limit is < 1 or > MaxRows) throw new BadInputException("limit", $"limit muss zwischen 1 und {MaxRows} liegen.");
        if (request.From is { } f && request.To is { } t && t < f) throw new BadInputException("to", "Das Ende liegt vor dem Anfang.");
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

/// <summary>Administrators read and export the audit log; nothing here changes it.</summary>
internal static class AuditEndpoints
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditLog, AuditLog>();
        return services;
    }

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Protokoll").RequireAuthorization(Policies.Administration);
        group.MapGet("/", async (string? kind, string? entityId, string? actor, string? action, DateOnly? from, DateOnly? to, int? limit,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new AuditQuery(kind, entityId, actor, action, from, to, limit), ct)))
            .WithSummary("Das Änderungsprotokoll, neueste zuerst (Filter: kind, entityId, actor, action, from, to; limit bis 10 000).");
        group.MapGet("/export.csv", async (string? kind, string? entityId, string? actor, string? action, DateOnly? from, DateOnly? to,
                IMediator mediator, CancellationToken ct) =>
            {
                var rows = await mediator.Send(new AuditQuery(kind, entityId, actor, action, from, to, AuditHandlers.MaxRows), ct);
                return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(rows))).ToArray(), "text/csv; charset=utf-8",
                    "aenderungsprotokoll.csv");
            })
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Das gefilterte Änderungsprotokoll als CSV (UTF-8, bis 10 000 Zeilen).");
    }

    internal static string ToCsv(IReadOnlyList<AuditEntryDto> rows)
    {
        var csv = new CsvWriter();
        csv.Row("id", "zeitpunkt_utc", "wer", "art", "objekt", "aktion", "vorher", "nachher", "begruendung");
        foreach (var r in rows)
        {
            csv.Row(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                r.Actor, r.EntityKind, r.EntityId, r.Action, r.Before, r.After, r.Reason);
        }
        return csv.ToString();
    }
}
