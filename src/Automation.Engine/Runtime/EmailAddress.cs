using System.Globalization;

namespace Automation.Engine.Runtime;

/// <summary>
/// The one rule for what an e-mail field of a form accepts: a bare address (no display name), at most 254 characters,
/// exactly one @, a local part of the RFC 5322 dot-atom characters (ASCII only: not every mail server takes SMTPUTF8),
/// and a domain of at least two labels. A domain with umlauts (IDN, e.g. <c>müller.de</c>) is accepted when it
/// converts to punycode: such domains exist in German administrations and mail libraries send to them. Whitespace and
/// control characters are refused anywhere, so a value can never add a header line (<c>Bcc:</c>) to a message.
/// </summary>
internal static class EmailAddress
{
    /// <summary>The longest address SMTP carries (RFC 5321: a path of 256 characters less the angle brackets).</summary>
    public const int MaxLength = 254;

    private const int MaxLocalLength = 64;

    /// <summary>An address of a reserved example domain (RFC 2606: nothing is ever delivered there), for demo and dry-run values.</summary>
    public const string Example = "beschaeftigte@musterstadt.example";

    /// <summary>Whether <paramref name="text"/> is an address an e-mail field accepts.</summary>
    public static bool IsValid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength) return false;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || at > MaxLocalLength) return false;
        var local = text[..at];
        var domain = text[(at + 1)..];
        return IsDotAtom(local) && IsDomain(domain);
    }

    private static bool IsDotAtom(string local) =>
        local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
        && local.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || "!#$%&'*+/=?^_`{|}~-".Contains(c, StringComparison.Ordinal));

    private static bool IsDomain(string domain)
    {
        if (domain.Length == 0 || domain.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return false;
        string ascii;
        try
        {
            // Std3 rules: letters, digits and hyphens only, no label starting or ending with a hyphen, none empty. A new
            // mapping each time: IdnMapping's instance members are not documented as thread-safe.
            ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var labels = ascii.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length is > 0 and <= 63) && !labels[^1].All(char.IsAsciiDigit);
    }
}
