using System.Diagnostics;
using System.Xml.Linq;
using Automation.Data;
using Automation.Data.Schema;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Automation.Server.Connectors;

/// <summary>
/// The Data Protection key ring in the database (<c>data_protection_keys</c>): it survives restarts and every node
/// of a cluster reads the same keys, so a secret stored on one node is read on another and a session cookie is valid
/// on each. Keys of the former key folder are taken over once, when the table is still empty, so sessions and
/// anti-forgery tokens survive the upgrade.
/// </summary>
/// <param name="database">The database; the repository waits for the host's start, since the key ring is read lazily.</param>
/// <param name="formerFolder">The key folder used before, or null.</param>
internal sealed class DatabaseXmlRepository(Func<AutomationDatabase> database, string? formerFolder) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var stored = ReadAll(database());
        if (stored.Count == 0 && formerFolder is not null && Directory.Exists(formerFolder))
        {
            foreach (var file in Directory.EnumerateFiles(formerFolder, "key-*.xml").Order(StringComparer.Ordinal))
            {
                var element = XElement.Load(file);
                StoreElement(element, Path.GetFileNameWithoutExtension(file));
                stored.Add(element.ToString(SaveOptions.DisableFormatting));
            }
        }
        return stored.Select(x => XElement.Parse(x)).ToList();
    }

    /// <summary>
    /// Plain SQL: Data Protection reads the ring in every start (its hosted service), and through EF Core that built the
    /// whole model, about a second and 40 MB a restart otherwise does without (docs/operator-guide.md, start time).
    /// The interface is synchronous; on SQLite the open completes synchronously, on PostgreSQL this is one short wait.
    /// </summary>
    private static List<string> ReadAll(AutomationDatabase db)
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT xml FROM data_protection_keys ORDER BY id";
        using var reader = cmd.ExecuteReader();
        var xml = new List<string>();
        while (reader.Read()) xml.Add(reader.GetString(0));
        return xml;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var context = database().CreateContext();
        context.DataProtectionKeys.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        context.SaveChanges();
    }

    /// <summary>
    /// The running host's database. Data Protection reads keys on the first cookie or form of a request, which may
    /// come while the host still migrates: such a request waits (up to a minute) rather than failing.
    /// </summary>
    public static Func<AutomationDatabase> FromHost(Infrastructure.WorkflowHostAccessor accessor) => () =>
    {
        var waited = Stopwatch.StartNew();
        while (!accessor.IsStarted && waited.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(50);
        return accessor.Host.Database;
    };
}
