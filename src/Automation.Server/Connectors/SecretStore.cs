using System.Text.RegularExpressions;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Connectors;

/// <summary>
/// Secrets encrypted with the server's Data Protection key ring (kept in the database, see <see cref="DatabaseXmlRepository"/>,
/// so every node decrypts what another stored). The plain value exists only in <see cref="Protect"/>'s argument and
/// <see cref="GetAsync"/>'s answer; lists, audit entries and pages name secrets, never show them.
/// </summary>
internal sealed partial class SecretStore(WorkflowHostAccessor accessor, IDataProtectionProvider protection) : ISecretStore
{
    /// <summary>Longest value, in characters.</summary>
    public const int MaxValueLength = 8_000;

    private readonly IDataProtector protector = protection.CreateProtector("Automation.Server.Connectors.Secrets.v1");

    /// <inheritdoc />
    public async Task<string?> GetAsync(string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var context = accessor.Host.Database.CreateContext();
        var stored = await context.Secrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Protected).FirstOrDefaultAsync(ct);
        return stored is null ? null : protector.Unprotect(stored);
    }

    /// <summary>The encrypted form of a value, as stored.</summary>
    public string Protect(string value) => protector.Protect(value);

    /// <summary>Whether a text is a valid secret name (letters without umlauts, digits, '.', '-', '_'; 1 to 100).</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Refuses a bad name or value with the field and a German reason.</summary>
    /// <exception cref="BadInputException">Name or value not allowed.</exception>
    public static void Validate(string? name, string? value)
    {
        if (!IsValidName(name)) throw new BadInputException("name", Texte.GeheimnisNameUngueltig);
        if (string.IsNullOrEmpty(value)) throw new BadInputException("value", Texte.GeheimnisWertFehlt);
        if (value.Length > MaxValueLength) throw new BadInputException("value", Texte.Format(Texte.GeheimnisWertZuLang, MaxValueLength));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
