using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Automation.Server.Features.Definitions;

/// <summary>An uploaded file waiting between the report and the decision to save or publish.</summary>
public sealed record PendingUpload(string Token, string Source, string FileName, DateTimeOffset Expires);

/// <summary>
/// Keeps each user's latest upload on the server for a short time, so the report step needs no second upload and the
/// text never travels back through the browser (where a forged form could swap it). One entry per user bounds the memory.
/// </summary>
public sealed class PendingUploads(TimeProvider clock)
{
    /// <summary>How long an upload waits for the decision.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, PendingUpload> byUser = new(StringComparer.Ordinal);

    /// <summary>Keeps the upload (replacing the user's previous one) and returns it with its token.</summary>
    public PendingUpload Keep(string user, string source, string fileName)
    {
        var pending = new PendingUpload(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), source, fileName, clock.GetUtcNow() + Lifetime);
        byUser[user] = pending;
        return pending;
    }

    /// <summary>The user's upload with this token, if it has not expired.</summary>
    public PendingUpload? Find(string user, string? token)
    {
        if (token is null || !byUser.TryGetValue(user, out var pending)) return null;
        if (pending.Expires <= clock.GetUtcNow())
        {
            byUser.TryRemove(new KeyValuePair<string, PendingUpload>(user, pending));
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(pending.Token), System.Text.Encoding.ASCII.GetBytes(token))
            ? pending : null;
    }

    /// <summary>The user's waiting upload whatever its token (for tests that play an attacker holding the token).</summary>
    internal PendingUpload? Latest(string user) => byUser.TryGetValue(user, out var pending) ? pending : null;

    /// <summary>Forgets the upload once it is stored.</summary>
    public void Forget(string user, PendingUpload pending) => byUser.TryRemove(new KeyValuePair<string, PendingUpload>(user, pending));
}
