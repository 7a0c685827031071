using System.Globalization;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Admin;

/// <summary>Body of a user creation.</summary>
/// <param name="UserName">Login name (stored in normal form: trimmed, lower case).</param>
/// <param name="DisplayName">Shown name; the login name when missing.</param>
/// <param name="Password">Initial password (at least 8 characters); none: login only by single sign-on or token.</param>
/// <param name="Roles">Roles (Admin, ProcessOwner, Manager, JobCentre, Clerk).</param>
/// <param name="Groups">Candidate groups (Postkörbe).</param>
/// <param name="Active">False creates the user deactivated.</param>
internal sealed record UserBody(string? UserName, string? DisplayName, string? Password, List<string>? Roles, List<string>? Groups, bool? Active);

/// <summary>A partial change: every field left out (or null) stays as it is; no password means the password stays.</summary>
/// <param name="DisplayName">New shown name.</param>
/// <param name="Password">New password (at least 8 characters).</param>
/// <param name="Roles">New roles (the whole list).</param>
/// <param name="Groups">New candidate groups (the whole list).</param>
/// <param name="Active">False deactivates: sessions and tokens stop working at once.</param>
internal sealed record UserPatch(string? DisplayName, string? Password, List<string>? Roles, List<string>? Groups, bool? Active);

/// <summary>A user as administrators see it (never with a password hash or security stamp).</summary>
/// <param name="UserName">Login name.</param>
/// <param name="DisplayName">Shown name.</param>
/// <param name="Roles">Roles.</param>
/// <param name="Groups">Candidate groups.</param>
/// <param name="Active">Whether login, sessions and tokens work.</param>
/// <param name="External">Created by single sign-on.</param>
/// <param name="HasPassword">Whether a password login is possible.</param>
/// <param name="CreatedAt">When the user was created.</param>
/// <param name="LockedUntil">End of a login lock after failed attempts, if any.</param>
internal sealed record UserDto(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, bool Active,
    bool External, bool HasPassword, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil);

/// <summary>What the audit log keeps of a user: no hash, no stamp; whether the password changed, truthfully.</summary>
internal sealed record UserAudit(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, bool Active,
    bool PasswordChanged);

internal sealed record ListUsers : IRequest<IReadOnlyList<UserDto>>;
internal sealed record GetUser(string UserName) : IRequest<UserDto>;
internal sealed record CreateUser(UserBody Body) : IRequest<UserDto>;
internal sealed record UpdateUser(string UserName, UserPatch Patch) : IRequest<UserDto>;
internal sealed record DeleteUser(string UserName) : IRequest<Unit>;
internal sealed record UnlockUser(string UserName) : IRequest<Unit>;

/// <summary>
/// User management. Every change that must end sessions (password, roles, groups, deactivation) gives the user a
/// new security stamp in the same transaction as its audit row; deletion removes the user's tokens with it. The
/// audit log refers to users by name, so deleting a user leaves its history intact.
/// </summary>
internal sealed class UserHandlers(WorkflowHostAccessor accessor, IAuditLog audit, IHttpContextAccessor http, TimeProvider time) :
    IRequestHandler<ListUsers, IReadOnlyList<UserDto>>,
    IRequestHandler<GetUser, UserDto>,
    IRequestHandler<CreateUser, UserDto>,
    IRequestHandler<UpdateUser, UserDto>,
    IRequestHandler<DeleteUser, Unit>,
    IRequestHandler<UnlockUser, Unit>
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 8;

    private const string LastAdmin = "Mindestens eine aktive Person mit der Rolle Administration muss bleiben.";

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private string Actor => http.HttpContext?.User.UserName() ?? "";

    public async ValueTask<IReadOnlyList<UserDto>> Handle(ListUsers request, CancellationToken cancellationToken)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var users = await context.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var locks = await LocksAsync(context, cancellationToken);
        return users.Select(u => Dto(u, locks)).ToList();
    }

    public async ValueTask<UserDto> Handle(GetUser request, CancellationToken cancellationToken)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var user = await FindAsync(context, request.UserName, cancellationToken);
        return Dto(user, await LocksAsync(context, cancellationToken));
    }

    public async ValueTask<UserDto> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var name = UserNames.Normalize(body.UserName);
        if (UserNames.Problem(name) is { } problem) throw new BadInputException("userName", problem);
        var displayName = CheckDisplayName(body.DisplayName) ?? name;
        var roles = CheckRoles(body.Roles ?? []);
        var groups = CheckGroups(body.Groups ?? []);
        if (body.Password is not null) CheckPassword(body.Password);
        await using var context = accessor.Host.Database.CreateContext();
        if (await context.Users.AnyAsync(u => u.NormalizedName == name || u.UserName == name, cancellationToken))
        {
            throw new ConcurrencyConflictException($"Die Person '{name}' gibt es schon. Ändern mit PATCH /api/admin/users/{name}.");
        }
        var user = new ServerUser(name, displayName, roles, groups) { Active = body.Active ?? true };
        var record = new UserRecord
        {
            UserName = name, NormalizedName = name, DisplayName = displayName, Roles = ServerUser.Join(roles), CandidateGroups = ServerUser.Join(groups),
            PasswordHash = body.Password is null ? null : UserStore.HashPassword(user, body.Password), SecurityStamp = UserStore.NewStamp(),
            Active = user.Active, CreatedAt = Now,
        };
        context.Users.Add(record);
        audit.Add(context, AuditKinds.User, name, "create", null, Audit(record, body.Password is not null));
        await context.SaveChangesAsync(cancellationToken);
        return Dto(record, new Dictionary<string, long>());
    }

    public async ValueTask<UserDto> Handle(UpdateUser request, CancellationToken cancellationToken)
    {
        var patch = request.Patch;
        var displayName = CheckDisplayName(patch.DisplayName);
        var roles = patch.Roles is null ? null : CheckRoles(patch.Roles);
        var groups = patch.Groups is null ? null : CheckGroups(patch.Groups);
        if (patch.Password is not null) CheckPassword(patch.Password);
        await using var context = accessor.Host.Database.CreateContext();
        var record = await FindAsync(context, request.UserName, cancellationToken);
        if (record.UserName == Actor && patch.Active == false) throw new BadInputException("active", "Sie können sich nicht selbst deaktivieren.");
        var before = Audit(record, false);
        var endSessions = false;
        if (displayName is not null) record.DisplayName = displayName;
        if (roles is not null && ServerUser.Join(roles) != record.Roles)
        {
            record.Roles = ServerUser.Join(roles);
            endSessions = true;
        }
        if (groups is not null && ServerUser.Join(groups) != record.CandidateGroups)
        {
            record.CandidateGroups = ServerUser.Join(groups);
            endSessions = true;
        }
        if (patch.Password is not null)
        {
            record.PasswordHash = UserStore.HashPassword(ServerUser.From(record), patch.Password);
            endSessions = true;
        }
        if (patch.Active is { } active && active != record.Active)
        {
            record.Active = active;
            endSessions |= !active;
        }
        // Roles or groups set here win over the identity provider's claims from now on.
        if (roles is not null || groups is not null) record.External = false;
        if (endSessions) record.SecurityStamp = UserStore.NewStamp();
        record.UpdatedAt = Now;
        await EnsureAnAdminRemainsAsync(context, record, cancellationToken);
        audit.Add(context, AuditKinds.User, record.UserName, "update", before, Audit(record, patch.Password is not null));
        await context.SaveChangesAsync(cancellationToken);
        return Dto(record, await LocksAsync(context, cancellationToken));
    }

    public async ValueTask<Unit> Handle(DeleteUser request, CancellationToken cancellationToken)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var record = await FindAsync(context, request.UserName, cancellationToken);
        if (record.UserName == Actor) throw new BadInputException("userName", "Sie können sich nicht selbst löschen.");
        var before = Audit(record, false);
        context.Users.Remove(record);
        await EnsureAnAdminRemainsAsync(context, null, cancellationToken);
        var tokens = await context.ApiTokens.Where(t => t.UserName == record.UserName).ToListAsync(cancellationToken);
        context.ApiTokens.RemoveRange(tokens);
        audit.Add(context, AuditKinds.User, record.UserName, "delete", before, new { revokedTokens = tokens.Count });
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(UnlockUser request, CancellationToken cancellationToken)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var record = await FindAsync(context, request.UserName, cancellationToken);
        var failures = await context.LoginFailures.Where(f => f.NameKey == record.NormalizedName).ToListAsync(cancellationToken);
        context.LoginFailures.RemoveRange(failures);
        audit.Add(context, AuditKinds.User, record.UserName, "unlock", new { failures = failures.Sum(f => f.Failures) }, null);
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private static async Task<UserRecord> FindAsync(AutomationDbContext context, string userName, CancellationToken ct) =>
        await context.Users.SingleOrDefaultAsync(u => u.UserName == userName, ct)
        ?? throw new NotFoundException($"Die Person '{LogEncoding.Encode(userName)}' ist unbekannt.");

    /// <summary>Refuses a change after which no active administrator would be left (nobody could manage users any more).</summary>
    private static async Task EnsureAnAdminRemainsAsync(AutomationDbContext context, UserRecord? changed, CancellationToken ct)
    {
        var removed = context.ChangeTracker.Entries<UserRecord>().Where(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Deleted)
            .Select(e => e.Entity.UserName).ToHashSet(StringComparer.Ordinal);
        var others = await context.Users.AsNoTracking().Where(u => u.Active && (changed == null || u.UserName != changed.UserName))
            .Select(u => new { u.UserName, u.Roles }).ToListAsync(ct);
        var remaining = others.Where(u => !removed.Contains(u.UserName)).Select(u => u.Roles).ToList();
        if (changed is { Active: true }) remaining.Add(changed.Roles);
        if (!remaining.Any(r => ServerUser.ParseList(r).Contains(Roles.Admin)))
        {
            throw new ConcurrencyConflictException(LastAdmin);
        }
    }

    private async Task<Dictionary<string, long>> LocksAsync(AutomationDbContext context, CancellationToken ct)
    {
        var now = Now;
        return await context.LoginFailures.AsNoTracking().Where(f => f.LockedUntil > now)
            .ToDictionaryAsync(f => f.NameKey, f => f.LockedUntil!.Value, StringComparer.Ordinal, ct);
    }

    private static UserDto Dto(UserRecord record, Dictionary<string, long> locks)
    {
        var user = ServerUser.From(record);
        return new UserDto(user.UserName, user.DisplayName, user.Roles, user.Groups, record.Active, record.External, record.PasswordHash is not null,
            DateTimeOffset.FromUnixTimeMilliseconds(record.CreatedAt),
            locks.TryGetValue(record.NormalizedName, out var until) ? DateTimeOffset.FromUnixTimeMilliseconds(until) : null);
    }

    private static UserAudit Audit(UserRecord record, bool passwordChanged)
    {
        var user = ServerUser.From(record);
        return new UserAudit(user.UserName, user.DisplayName, user.Roles, user.Groups, record.Active, passwordChanged);
    }

    private static string? CheckDisplayName(string? displayName)
    {
        if (displayName is null) return null;
        var trimmed = displayName.Trim();
        if (trimmed.Length == 0) throw new BadInputException("displayName", "Der Name darf nicht leer sein.");
        if (trimmed.Length > 200) throw new BadInputException("displayName", "Der Name ist länger als 200 Zeichen.");
        if (trimmed.Any(char.IsControl)) throw new BadInputException("displayName", "Der Name darf keine Steuerzeichen (z. B. Zeilenumbrüche) enthalten.");
        return trimmed;
    }

    private static List<string> CheckRoles(List<string> roles)
    {
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
        {
            throw new BadInputException("roles", $"Unbekannte Rolle '{LogEncoding.Encode(unknown)}'. Erlaubt: {string.Join(", ", Roles.All)}.");
        }
        return roles.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string> CheckGroups(List<string> groups)
    {
        var keys = groups.Select(g => (g ?? "").Trim().ToLower(CultureInfo.InvariantCulture)).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (keys.FirstOrDefault(g => g.Length > 100 || g.Any(c => !char.IsLetterOrDigit(c) && c is not ('.' or '-' or '_'))) is { } bad)
        {
            throw new BadInputException("groups", $"Ungültiger Postkorb '{LogEncoding.Encode(bad)}': nur Buchstaben, Ziffern und . - _ (höchstens 100 Zeichen).");
        }
        return keys;
    }

    private static void CheckPassword(string password)
    {
        if (password.Length < MinPasswordLength)
        {
            throw new BadInputException("password", string.Create(CultureInfo.InvariantCulture, $"Das Passwort muss mindestens {MinPasswordLength} Zeichen haben."));
        }
    }
}
