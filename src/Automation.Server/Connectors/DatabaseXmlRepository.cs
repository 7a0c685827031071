using System.Diagnostics;
using System.Xml.Linq;
using Automation.Data;
using Automation.Data.Schema;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

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
        using var context = database().CreateContext();
        var stored = context.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList();
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
