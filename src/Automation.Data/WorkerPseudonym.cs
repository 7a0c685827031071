using System.Security.Cryptography;
using System.Text;

namespace Automation.Data;

/// <summary>
/// The keyed pseudonym of a person in the ledger: HMAC-SHA-256 of the user name under the server's secret. Without
/// the secret it cannot be recomputed from a name (no dictionary attack over the staff list); it exists only so
/// queries can count distinct people, and is removed with the assignee retention.
/// </summary>
public static class WorkerPseudonym
{
    /// <summary>Shortest accepted key, in bytes.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The pseudonym of <paramref name="userName"/> (64 hex characters), or null without key or name.</summary>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinKeyBytes"/>.</exception>
    public static string? Of(IReadOnlyList<byte>? key, string? userName)
    {
        if (key is null || string.IsNullOrEmpty(userName)) return null;
        if (key.Count < MinKeyBytes) throw new ArgumentException($"the worker pseudonym key must have at least {MinKeyBytes} bytes", nameof(key));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.ToArray(), Encoding.UTF8.GetBytes(userName)));
    }
}
