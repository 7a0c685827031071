using System.Security.Claims;
using Automation.Server.Features.Auth;
using Mediator;

namespace Automation.Server.Features.Admin;

/// <summary>The signed-in user.</summary>
/// <param name="UserName">Login name.</param>
/// <param name="DisplayName">Shown name.</param>
/// <param name="Roles">Roles.</param>
/// <param name="Groups">Candidate groups.</param>
internal sealed record MeDto(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups);

/// <summary>Administration of users and API tokens; every signed-in user lists and revokes their own tokens.</summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(Policies.Administration);
        admin.MapPost("/tokens", async (TokenBody body, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new CreateToken(body), ct)))
            .WithSummary("Erzeugt ein API-Token für eine Person (nur einmal angezeigt; gespeichert wird nur sein SHA-256-Hash). " +
                "expiresInDays: Gültigkeit in Tagen (Standard und Höchstwert: Automation:Tokens).");
        admin.MapGet("/users", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListUsers(), ct)))
            .WithSummary("Alle Personen mit Rollen, Postkörben, Status und Anmeldesperre.");
        admin.MapPost("/users", async (UserBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new CreateUser(body), ct)))
            .WithSummary("Legt eine Person an (409, wenn es den Anmeldenamen schon gibt; ändern mit PATCH).");
        admin.MapGet("/users/{userName}", async (string userName, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetUser(userName), ct)))
            .WithSummary("Eine Person.");
        admin.MapPatch("/users/{userName}", async (string userName, UserPatch patch, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new UpdateUser(userName, patch), ct)))
            .WithSummary("Ändert nur die angegebenen Felder (ohne password bleibt das Passwort). Neues Passwort, andere Rollen oder " +
                "Postkörbe und active=false beenden alle Sitzungen der Person sofort.");
        admin.MapDelete("/users/{userName}", async (string userName, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteUser(userName), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Löscht eine Person mit ihren Tokens; das Änderungsprotokoll behält ihre Einträge.");
        admin.MapPost("/users/{userName}/unlock", async (string userName, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new UnlockUser(userName), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Hebt die Anmeldesperre nach Fehlversuchen auf.");

        var tokens = app.MapGroup("/api/tokens").WithTags("Administration").RequireAuthorization(Policies.SignedIn);
        tokens.MapGet("/", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListTokens(user), ct)))
            .WithSummary("Die eigenen API-Tokens (Administration: alle), ohne die Tokens selbst.");
        tokens.MapDelete("/{id:long}", async (long id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeToken(user, id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Widerruft ein eigenes Token (Administration: jedes); es wirkt ab der nächsten Anfrage nicht mehr.");

        app.MapGet("/api/me", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new WhoAmI(user), ct)))
            .WithTags("Administration")
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Die angemeldete Person mit Rollen und Postkörben.");
    }
}
