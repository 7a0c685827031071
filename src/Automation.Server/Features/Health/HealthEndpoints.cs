using Automation.Data;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Features.Health;

/// <summary>Health report.</summary>
/// <param name="Status">ok or unavailable.</param>
/// <param name="Database">Whether the database answered.</param>
/// <param name="Host">running, stopped or starting.</param>
/// <param name="Detail">Why it is unavailable (no secrets: the database is described without password).</param>
internal sealed record HealthReport(string Status, bool Database, string Host, string? Detail);

internal sealed record CheckHealth : IRequest<HealthReport>;

internal sealed class CheckHealthHandler(WorkflowHostAccessor accessor) : IRequestHandler<CheckHealth, HealthReport>
{
    public async ValueTask<HealthReport> Handle(CheckHealth request, CancellationToken cancellationToken)
    {
        // Kestrel answers while the host still starts (Program.cs): "starting" until users and seeding are done too.
        if (!accessor.IsReady) return new HealthReport("unavailable", false, "starting", null);
        var host = accessor.Host;
        var hostState = host.Stopped is null ? "running" : "stopped";
        try
        {
            await using var connection = await host.Database.OpenAsync(cancellationToken);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT 1";
            await cmd.ExecuteScalarAsync(cancellationToken);
        }
        catch (StorageException e)
        {
            return new HealthReport("unavailable", false, hostState, e.Message);
        }
        return host.Stopped is { } stopped
            ? new HealthReport("unavailable", true, hostState, stopped.Message)
            : new HealthReport("ok", true, hostState, null);
    }
}

/// <summary>GET /health, without login, for load balancers and monitoring.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> (IMediator mediator, CancellationToken ct) =>
            {
                var report = await mediator.Send(new CheckHealth(), ct);
                return report.Status == "ok" ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .WithTags("Betrieb")
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Datenbank erreichbar und Host nicht gestoppt.");
}
