using System.Text;
using Automation.Engine.Texts;

namespace Automation.Server.Features.Auth;

/// <summary>
/// The one normal form of a login name. The login looks users up by it, and the login rate limit and the account
/// lockout count by it, so no spelling of a name ("  Leitung", "LEITUNG", "leitung\t") escapes the count of the
/// account it logs into.
/// </summary>
internal static class UserNames
{
    /// <summary>Longest login name accepted for new users.</summary>
    public const int MaxLength = 100;

    /// <summary>Trimmed (any Unicode white space), compatibility-composed (NFKC) and lower-cased (invariant).</summary>
    public static string Normalize(string? typed)
    {
        if (string.IsNullOrEmpty(typed)) return "";
        var trimmed = typed.Trim();
        // A lone surrogate cannot be normalised; such a name matches no user and is counted as it is.
        var composed = trimmed.IsNormalized(NormalizationForm.FormKC) ? trimmed
            : TryCompose(trimmed);
        return composed.ToLowerInvariant();
    }

    /// <summary>Null when a normalised name may be given to a new user; otherwise the German reason.</summary>
    public static string? Problem(string normalized)
    {
        if (normalized.Length == 0) return Texte.ServerAnmeldenameFehlt;
        if (normalized.Length > MaxLength) return Texte.Format(Texte.ServerAnmeldenameLaengerAlsZeichen, MaxLength);
        foreach (var c in normalized)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('.' or '-' or '_' or '@'))
            {
                return Texte.ServerAnmeldenameDarfBuchstabenZiffernZeichen;
            }
        }
        return null;
    }

    private static string TryCompose(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return value;
        }
    }
}
