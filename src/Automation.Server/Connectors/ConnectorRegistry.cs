using System.Collections.Frozen;
using System.Globalization;

namespace Automation.Server.Connectors;

/// <summary>What a topic names: a registered connector, a known connector in a version it does not have, or nothing of ours.</summary>
/// <param name="Connector">The connector, when name and version are known.</param>
/// <param name="Name">The connector name part of the topic.</param>
/// <param name="Version">The version part (<c>http:1</c>), null when the topic gives none.</param>
/// <param name="KnownName">Whether a connector of that name is registered (in any version).</param>
internal readonly record struct ConnectorLookup(IConnector? Connector, string Name, string? Version, bool KnownName);

/// <summary>
/// Every <see cref="IConnector"/> of the server by topic: <c>name</c> (the newest version) or <c>name:version</c>.
/// The connector worker, the publish check and the modeler's templates ask here, so they agree on what a topic means.
/// </summary>
internal sealed class ConnectorRegistry
{
    private readonly FrozenDictionary<string, IConnector[]> byName;

    public ConnectorRegistry(IEnumerable<IConnector> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        byName = connectors.GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(c => c.Version).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every connector, each version, by name then version.</summary>
    public IReadOnlyList<IConnector> All => byName.Values.SelectMany(v => v).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Version).ToList();

    /// <summary>The connector a topic names, or null (unknown name or version).</summary>
    public IConnector? Find(string topic) => Lookup(topic).Connector;

    /// <summary>The connector name of a topic (<c>ai:1</c> → <c>ai</c>).</summary>
    public static string NameOf(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var colon = topic.LastIndexOf(':');
        return colon < 0 ? topic : topic[..colon];
    }

    /// <summary>What a topic names, with enough to word a refusal (a known name in an unknown version).</summary>
    public ConnectorLookup Lookup(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var colon = topic.LastIndexOf(':');
        var name = NameOf(topic);
        var version = colon < 0 ? null : topic[(colon + 1)..];
        if (!byName.TryGetValue(name, out var versions)) return new ConnectorLookup(null, name, version, false);
        if (version is null) return new ConnectorLookup(versions[0], name, null, true);
        var match = int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? versions.FirstOrDefault(c => c.Version == number)
            : null;
        return new ConnectorLookup(match, name, version, true);
    }

    /// <summary>The versions registered under a name, e.g. "1, 2" (for messages).</summary>
    public string VersionsOf(string name) =>
        byName.TryGetValue(name, out var versions)
            ? string.Join(", ", versions.Select(c => c.Version).Order().Select(v => v.ToString(CultureInfo.InvariantCulture)))
            : "";
}
