using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Auth;

/// <summary>A user of the server.</summary>
/// <param name="UserName">Login name.</param>
/// <param name="DisplayName">Shown name.</param>
/// <param name="Roles">Roles.</param>
/// <param name="Groups">Candidate-group keys for the inbox.</param>
internal sealed record ServerUser(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups)
{
    /// <summary>The value a session cookie must carry (never shown, never audited).</summary>
    [JsonIgnore]
    public string SecurityStamp { get; init; } = "";

    /// <summary>Whether the user may log in and use sessions and tokens.</summary>
    public bool Active { get; init; } = true;

    /// <summary>Created by single sign-on; roles and groups follow the identity provider.</summary>
    public bool External { get; init; }

    /// <summary>The claims principal for this user; cookie sessions carry the security stamp they were issued with.</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, UserName), new("display_name", DisplayName) };
        if (SecurityStamp.Length > 0) claims.Add(new Claim(ServerClaims.SecurityStamp, SecurityStamp));
        claims.AddRange(Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(Groups.Select(g => new Claim(ServerClaims.Group, g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Reads a stored user.</summary>
    public static ServerUser From(UserRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ServerUser(record.UserName, record.DisplayName, ParseList(record.Roles), ParseList(record.CandidateGroups))
        {
            SecurityStamp = record.SecurityStamp, Active = record.Active, External = record.External,
        };
    }

    /// <summary>The comma-separated form of the roles and groups columns.</summary>
    public static string Join(IEnumerable<string> values) => string.Join(',', values);

    /// <summary>The values of a comma-separated roles or groups column.</summary>
    public static string[] ParseList(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>What a password check found.</summary>
internal enum PasswordCheck
{
    /// <summary>Name and password match an active user.</summary>
    Valid,

    /// <summary>No such user, no password, wrong password or deactivated: one answer for all.</summary>
    Invalid,

    /// <summary>Two stored names share the typed name's normal form (names from before normalisation); refused.</summary>
    Ambiguous,
}

/// <summary>
/// The authentication side of the users table: password checks, the per-request session check, single sign-on
/// users and the seeder. Management (create, change, delete, tokens) lives in Features/Admin.
/// </summary>
internal sealed partial class UserStore(WorkflowHostAccessor accessor, TimeProvider time, ILogger<UserStore> logger)
{
    private static readonly PasswordHasher<ServerUser> Hasher = new();

    private static readonly string DummyHash = Hasher.HashPassword(new ServerUser("", "", [], []), Guid.NewGuid().ToString());

    /// <summary>A new random security stamp.</summary>
    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The PBKDF2 hash of a password.</summary>
    public static string HashPassword(ServerUser user, string password) => Hasher.HashPassword(user, password);

    private AutomationDbContext Context() => accessor.Host.Database.CreateContext();

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var context = Context();
        return await context.Users.CountAsync(ct);
    }

    /// <summary>The active users, by login name.</summary>
    public async Task<IReadOnlyList<ServerUser>> ListActiveAsync(CancellationToken ct)
    {
        await using var context = Context();
        var records = await context.Users.AsNoTracking().Where(u => u.Active).OrderBy(u => u.UserName).ToListAsync(ct);
        return [.. records.Select(ServerUser.From)];
    }

    /// <summary>A user by stored name, active or not.</summary>
    public async Task<ServerUser?> FindAsync(string userName, CancellationToken ct)
    {
        await using var context = Context();
        var record = await context.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName, ct);
        return record is null ? null : ServerUser.From(record);
    }

    /// <summary>
    /// Creates a user, or updates the given fields of an existing one (used by the seeder). A null password keeps
    /// the stored one; a changed password, role or group list ends the user's sessions.
    /// </summary>
    public async Task SaveAsync(ServerUser user, string? password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var context = Context();
        var record = await context.Users.SingleOrDefaultAsync(u => u.UserName == user.UserName, ct);
        if (record is null)
        {
            record = new UserRecord { UserName = user.UserName, CreatedAt = Now, SecurityStamp = NewStamp() };
            context.Users.Add(record);
        }
        else if (password is not null || record.Roles != ServerUser.Join(user.Roles) || record.CandidateGroups != ServerUser.Join(user.Groups))
        {
            record.SecurityStamp = NewStamp();
            record.UpdatedAt = Now;
        }
        record.NormalizedName = UserNames.Normalize(user.UserName);
        record.DisplayName = user.DisplayName;
        record.Roles = ServerUser.Join(user.Roles);
        record.CandidateGroups = ServerUser.Join(user.Groups);
        if (password is not null) record.PasswordHash = HashPassword(user, password);
        await context.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The user of a session cookie, read fresh from the table: null unless the user exists, is active and its
    /// security stamp still equals the one the cookie was issued with.
    /// </summary>
    public async Task<ServerUser?> FindSessionUserAsync(string userName, string stamp, CancellationToken ct)
    {
        var user = await UserRows.FindAsync(accessor.Host.Database, userName, ct);
        return user is { Active: true } && StampsEqual(user.SecurityStamp, stamp) ? user : null;
    }

    /// <summary>Ends every session of a user (logout): a new stamp no existing cookie carries.</summary>
    public async Task EndSessionsAsync(string userName, CancellationToken ct)
    {
        await using var context = Context();
        await context.Users.Where(u => u.UserName == userName)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, NewStamp()).SetProperty(u => u.UpdatedAt, Now), ct);
    }

    /// <summary>
    /// Checks a password for a name in normal form. Unknown names cost a hash too, so timing does not reveal
    /// which names exist; a deactivated user gets the same answer as a wrong password.
    /// </summary>
    public async Task<(PasswordCheck Result, ServerUser? User)> VerifyPasswordAsync(string normalizedName, string password, CancellationToken ct)
    {
        await using var context = Context();
        var matches = await context.Users.Where(u => u.NormalizedName == normalizedName).Take(2).ToListAsync(ct);
        if (matches.Count > 1)
        {
            LogAmbiguous(logger, LogEncoding.Encode(normalizedName));
            Hasher.VerifyHashedPassword(new ServerUser("", "", [], []), DummyHash, password);
            return (PasswordCheck.Ambiguous, null);
        }
        var record = matches.SingleOrDefault();
        if (record?.PasswordHash is not { } hash)
        {
            Hasher.VerifyHashedPassword(new ServerUser("", "", [], []), DummyHash, password);
            return (PasswordCheck.Invalid, null);
        }
        var user = ServerUser.From(record);
        var result = Hasher.VerifyHashedPassword(user, hash, password);
        if (result == PasswordVerificationResult.Failed || !record.Active) return (PasswordCheck.Invalid, null);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Same password, stronger hash: sessions stay valid.
            record.PasswordHash = HashPassword(user, password);
            await context.SaveChangesAsync(ct);
        }
        return (PasswordCheck.Valid, user);
    }

    /// <summary>
    /// A single sign-on user: a user created by an administrator keeps the roles and groups recorded here; anyone
    /// else is recorded as an external user on first login, with roles and groups from the provider's claims, updated
    /// at every login (a change ends the user's other sessions). Null when the user is deactivated or the name is
    /// ambiguous.
    /// </summary>
    public async Task<ServerUser?> SignInExternalAsync(string userName, string displayName, IReadOnlyList<string> roles, IReadOnlyList<string> groups,
        CancellationToken ct)
    {
        await using var context = Context();
        var normalized = UserNames.Normalize(userName);
        var matches = await context.Users.Where(u => u.NormalizedName == normalized).Take(2).ToListAsync(ct);
        if (matches.Count > 1)
        {
            LogAmbiguous(logger, LogEncoding.Encode(normalized));
            return null;
        }
        var record = matches.SingleOrDefault();
        if (record is null)
        {
            record = new UserRecord
            {
                UserName = normalized, NormalizedName = normalized, DisplayName = displayName, External = true,
                Roles = ServerUser.Join(roles), CandidateGroups = ServerUser.Join(groups), SecurityStamp = NewStamp(), CreatedAt = Now,
            };
            context.Users.Add(record);
            await context.SaveChangesAsync(ct);
        }
        else if (record.External && (record.Roles != ServerUser.Join(roles) || record.CandidateGroups != ServerUser.Join(groups) || record.DisplayName != displayName))
        {
            if (record.Roles != ServerUser.Join(roles) || record.CandidateGroups != ServerUser.Join(groups)) record.SecurityStamp = NewStamp();
            record.Roles = ServerUser.Join(roles);
            record.CandidateGroups = ServerUser.Join(groups);
            record.DisplayName = displayName;
            record.UpdatedAt = Now;
            await context.SaveChangesAsync(ct);
        }
        return record.Active ? ServerUser.From(record) : null;
    }

    /// <summary>
    /// Brings every stored normal form in line with <see cref="UserNames.Normalize"/>. The migration that added the
    /// column could only fold with SQL's lower(), which on SQLite leaves non-ASCII capitals (Ä, Ö) as they are.
    /// </summary>
    public Task<int> RepairNormalizedNamesAsync(CancellationToken ct) =>
        accessor.Host.Database.RepairUserNamesAsync(UserNames.Normalize, ct);

    private static bool StampsEqual(string stored, string presented) =>
        stored.Length > 0 && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(stored), System.Text.Encoding.UTF8.GetBytes(presented));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login refused: several stored users share the normalised name {Name}; delete all but one in /verwaltung/benutzer")]
    private static partial void LogAmbiguous(ILogger logger, string name);
}
