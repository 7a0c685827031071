using System.Globalization;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Texts;
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

/// <summary>The rules the user requests share: the last administrator stays, field checks, the API's and the audit log's view of a user.</summary>
internal static class UserRules
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 8;

    private static string LastAdmin => Texte.ServerMindestensAktivePersonRolleAdministration;

    /// <summary>The user, or 404.</summary>
    public static async Task<UserRecord> FindAsync(AutomationDbContext context, string userName, CancellationToken ct) =>
        await context.Users.SingleOrDefaultAsync(u => u.UserName == userName, ct)
        ?? throw new NotFoundException(Texte.Format(Texte.ServerPersonUnbekannt, LogEncoding.Encode(userName)));

    /// <summary>Refuses a change after which no active administrator would be left (nobody could manage users any more).</summary>
    public static async Task EnsureAnAdminRemainsAsync(AutomationDbContext context, UserRecord? changed, CancellationToken ct)
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

    /// <summary>Login locks in force now, by normalized name.</summary>
    public static async Task<Dictionary<string, long>> LocksAsync(AutomationDbContext context, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await context.LoginFailures.AsNoTracking().Where(f => f.LockedUntil > now)
            .ToDictionaryAsync(f => f.NameKey, f => f.LockedUntil!.Value, StringComparer.Ordinal, ct);
    }

    /// <summary>A user as the API lists it.</summary>
    public static UserDto Dto(UserRecord record, Dictionary<string, long> locks)
    {
        var user = ServerUser.From(record);
        return new UserDto(user.UserName, user.DisplayName, user.Roles, user.Groups, record.Active, record.External, record.PasswordHash is not null,
            DateTimeOffset.FromUnixTimeMilliseconds(record.CreatedAt),
            locks.TryGetValue(record.NormalizedName, out var until) ? DateTimeOffset.FromUnixTimeMilliseconds(until) : null);
    }

    /// <summary>A user as the audit log keeps it (no hash).</summary>
    public static UserAudit Audit(UserRecord record, bool passwordChanged)
    {
        var user = ServerUser.From(record);
        return new UserAudit(user.UserName, user.DisplayName, user.Roles, user.Groups, record.Active, passwordChanged);
    }

    /// <summary>Checks and normalizes one field; a problem is 400 naming it.</summary>
    public static string? CheckDisplayName(string? displayName)
    {
        if (displayName is null) return null;
        var trimmed = displayName.Trim();
        if (trimmed.Length == 0) throw new BadInputException("displayName", Texte.ServerNameDarfLeerSein);
        if (trimmed.Length > 200) throw new BadInputException("displayName", Texte.ServerNameLaengerAlsZeichen);
        if (trimmed.Any(char.IsControl)) throw new BadInputException("displayName", Texte.ServerNameDarfSteuerzeichenZeilenumbruecheEnthalten);
        return trimmed;
    }

    /// <summary>Checks and normalizes one field; a problem is 400 naming it.</summary>
    public static List<string> CheckRoles(List<string> roles)
    {
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
        {
            throw new BadInputException("roles", Texte.Format(Texte.ServerRolleUnbekannt, LogEncoding.Encode(unknown), string.Join(", ", Roles.All)));
        }
        return roles.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Checks and normalizes one field; a problem is 400 naming it.</summary>
    public static List<string> CheckGroups(List<string> groups)
    {
        var keys = groups.Select(g => (g ?? "").Trim().ToLower(CultureInfo.InvariantCulture)).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (keys.FirstOrDefault(g => g.Length > 100 || g.Any(c => !char.IsLetterOrDigit(c) && c is not ('.' or '-' or '_'))) is { } bad)
        {
            throw new BadInputException("groups", Texte.Format(Texte.ServerUngueltigerPostkorbBuchstabenZiffernHoechstens, LogEncoding.Encode(bad)));
        }
        return keys;
    }

    /// <summary>Checks and normalizes one field; a problem is 400 naming it.</summary>
    public static void CheckPassword(string password)
    {
        if (password.Length < MinPasswordLength)
        {
            throw new BadInputException("password", Texte.Format(Texte.ServerPasswortMussMindestensZeichenHaben, MinPasswordLength));
        }
    }
}
