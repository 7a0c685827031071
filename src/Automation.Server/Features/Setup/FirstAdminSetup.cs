using System.Security.Cryptography;
using System.Text;

namespace Automation.Server.Features.Setup;

/// <summary>
/// The one-time setup link of a server that has no user and no configured administrator password: the seeder arms it
/// and prints the link to the log, the first visitor with the link sets the administrator's password, and the link is
/// spent. It lives in memory only, so a restart prints a new one and an old log line is worthless.
/// </summary>
internal sealed class FirstAdminSetup
{
    /// <summary>Shortest administrator password accepted on the setup page.</summary>
    public const int MinPasswordLength = 12;

    private readonly Lock gate = new();
    private byte[]? token;

    /// <summary>Creates a new link token (256 random bits) and returns it for the log.</summary>
    public string Arm()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        var text = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        lock (gate) token = Encoding.ASCII.GetBytes(text);
        return text;
    }

    /// <summary>Whether the text is the armed token (compared in constant time).</summary>
    public bool Matches(string? candidate)
    {
        lock (gate)
        {
            return token is not null && candidate is not null
                && CryptographicOperations.FixedTimeEquals(token, Encoding.ASCII.GetBytes(candidate));
        }
    }

    /// <summary>Spends the token if it matches; only one caller ever gets true.</summary>
    public bool TryConsume(string? candidate)
    {
        lock (gate)
        {
            if (!Matches(candidate)) return false;
            token = null;
            return true;
        }
    }

    /// <summary>Forgets the token (an administrator exists by other means).</summary>
    public void Disarm()
    {
        lock (gate) token = null;
    }
}
