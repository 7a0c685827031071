using System.Security.Cryptography;
using System.Text;
using Automation.Data.Schema;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Auth;

/// <summary>
/// API tokens: 32 random bytes shown once, stored as SHA-256, each with a name, an expiry and its last use. A token
/// acts with its user's current roles and stops working when it expires, is revoked, or its user is deactivated
/// or deleted.
/// </summary>
internal sealed class ApiTokens(WorkflowHostAccessor accessor, TimeProvider time)
{
    /// <summary>Last use is written at most this often per token, so a busy integration does not write on every call.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>Adds a new token to the context (the caller saves it); returns the token text, shown once, and its row.</summary>
    public static (string Token, ApiTokenRecord Record) Add(AutomationDbContext context, string userName, string name, DateTimeOffset createdAt,
        DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = "amt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var record = new ApiTokenRecord
        {
            TokenHash = Hash(token), UserName = userName, Name = name,
            CreatedAt = createdAt.ToUnixTimeMilliseconds(), ExpiresAt = expiresAt.ToUnixTimeMilliseconds(),
        };
        context.ApiTokens.Add(record);
        return (token, record);
    }

    /// <summary>The user a token acts as, with current roles; null for an unknown, expired or revoked token or a deactivated user.</summary>
    public async Task<ServerUser?> AuthenticateAsync(string token, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var database = accessor.Host.Database;
        if (await UserRows.FindTokenAsync(database, Hash(token), ct) is not { } found || found.ExpiresAt <= now || !found.User.Active) return null;
        if (found.LastUsedAt is not { } last || now - last >= (long)LastUseResolution.TotalMilliseconds)
        {
            await UserRows.TouchTokenAsync(database, found.Id, now, ct);
        }
        return found.User with { SecurityStamp = "" };
    }

    /// <summary>SHA-256 of a token, lower-case hex.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
