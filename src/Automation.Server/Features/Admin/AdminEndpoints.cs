using System.Security.Claims;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Admin;

/// <summary>Body of a token request.</summary>
/// <param name="User">User the token acts as.</param>
/// <param name="Label">What the token is for (e.g. "Fachverfahren Meldewesen").</param>
internal sealed record TokenBody(string User, string? Label);

/// <summary>A new token, shown once.</summary>
/// <param name="Token">The bearer token.</param>
/// <param name="User">Its user.</param>
internal sealed record TokenResponse(string Token, string User);

/// <summary>Body of a user creation.</summary>
internal sealed record UserBody(string UserName, string? DisplayName, string? Password, List<string>? Roles, List<string>? Groups);

/// <summary>A user as listed (never with a password hash).</summary>
internal sealed record UserDto(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups);

internal sealed record CreateToken(string User, string Label) : IRequest<TokenResponse>;
internal sealed record ListUsers : IRequest<IReadOnlyList<UserDto>>;
internal sealed record SaveUser(UserBody Body) : IRequest<UserDto>;
internal sealed record WhoAmI(ClaimsPrincipal User) : IRequest<UserDto>;

internal sealed class AdminHandlers(UserStore users, IAuditLog audit) :
    IRequestHandler<CreateToken, TokenResponse>,
    IRequestHandler<ListUsers, IReadOnlyList<UserDto>>,
    IRequestHandler<SaveUser, UserDto>,
    IRequestHandler<WhoAmI, UserDto>
{
    public async ValueTask<TokenResponse> Handle(CreateToken request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.User) || await users.FindAsync(request.User, cancellationToken) is null)
        {
            throw new BadInputException("user", $"Die Person '{request.User}' ist unbekannt.");
        }
        var token = await users.CreateTokenAsync(request.User, request.Label, cancellationToken);
        // The token itself is never logged; only whose it is and what it is for.
        await audit.RecordAsync(AuditKinds.ApiToken, request.User, "create", null, new { user = request.User, label = request.Label }, ct: cancellationToken);
        return new TokenResponse(token, request.User);
    }

    public async ValueTask<IReadOnlyList<UserDto>> Handle(ListUsers request, CancellationToken cancellationToken) =>
        (await users.ListAsync(cancellationToken)).Select(u => new UserDto(u.UserName, u.DisplayName, u.Roles, u.Groups)).ToList();

    public async ValueTask<UserDto> Handle(SaveUser request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        if (string.IsNullOrWhiteSpace(body.UserName)) throw new BadInputException("userName", "Der Anmeldename fehlt.");
        var roles = body.Roles ?? [];
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
        {
            throw new BadInputException("roles", $"Unbekannte Rolle '{unknown}'. Erlaubt: {string.Join(", ", Roles.All)}.");
        }
        if (body.Password is { Length: < 8 }) throw new BadInputException("password", "Das Passwort muss mindestens 8 Zeichen haben.");
        var user = new ServerUser(body.UserName.Trim(), body.DisplayName ?? body.UserName, roles, body.Groups ?? []);
        var before = await users.FindAsync(user.UserName, cancellationToken);
        await users.SaveAsync(user, body.Password, cancellationToken);
        await audit.RecordAsync(AuditKinds.User, user.UserName, before is null ? "create" : "update", before, new
        {
            user.UserName, user.DisplayName, user.Roles, user.Groups, passwordChanged = body.Password is not null,
        }, ct: cancellationToken);
        return new UserDto(user.UserName, user.DisplayName, user.Roles, user.Groups);
    }

    public ValueTask<UserDto> Handle(WhoAmI request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new UserDto(request.User.UserName(), request.User.FindFirstValue("display_name") ?? request.User.UserName(),
            request.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), request.User.Groups()));
}

/// <summary>Administration: users and API tokens.</summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(Policies.Administration);
        group.MapPost("/tokens", async (TokenBody body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new CreateToken(body.User, body.Label ?? "API"), ct)))
            .Produces<TokenResponse>()
            .WithSummary("Erzeugt ein API-Token für eine Person (nur einmal angezeigt; gespeichert wird nur sein SHA-256-Hash).");
        group.MapGet("/users", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new ListUsers(), ct)))
            .Produces<IReadOnlyList<UserDto>>()
            .WithSummary("Alle Personen mit Rollen und Postkörben.");
        group.MapPost("/users", async (UserBody body, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new SaveUser(body), ct)))
            .Produces<UserDto>()
            .WithSummary("Legt eine Person an oder ersetzt sie (Rollen, Postkörbe, Passwort).");

        app.MapGet("/api/me", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new WhoAmI(user), ct)))
            .WithTags("Administration")
            .RequireAuthorization(Policies.SignedIn)
            .Produces<UserDto>()
            .WithSummary("Die angemeldete Person mit Rollen und Postkörben.");
    }
}
