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
                var rows = await mediator.Send(new AuditQuery(kind, entityId, actor, action, from, to, AuditQuery.MaxRows), ct);
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
