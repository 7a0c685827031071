using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Automation.Data.Schema;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Connectors;

/// <summary>A call the outbound allow-list refuses; the message names the host (and the address, when that was the reason).</summary>
internal sealed class OutboundRefusedException(string message) : Exception(message);

/// <summary>One entry of the allow-list as the guard compares it.</summary>
/// <param name="Host">Normal form of the host (<see cref="OutboundGuard.NormalizeHost"/>).</param>
/// <param name="Port">The only port, or null for any.</param>
internal sealed record AllowedTarget(string Host, int? Port);

/// <summary>
/// The one decision on where connectors may connect (SSRF guard). A URL is allowed only when its host is on the
/// Admin's list (<c>outbound_hosts</c>); and at connect time (<see cref="ConnectAsync"/>, the HTTP handler's
/// ConnectCallback) every address the host resolves to is checked again: loopback, private, link-local, unique-local,
/// multicast, unspecified and reserved addresses, also inside IPv4-mapped, NAT64 and 6to4 IPv6 forms, are refused
/// unless that address itself is listed. So a listed name that resolves (or is re-pointed) to an internal address is
/// still refused, and the check holds for every connection, redirects included.
/// </summary>
internal sealed class OutboundGuard(WorkflowHostAccessor accessor, TimeProvider time)
{
    /// <summary>How long a node keeps the list before reading it again (changes on another node arrive within this).</summary>
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(5);

    private sealed record Snapshot(IReadOnlyList<AllowedTarget> Targets, DateTimeOffset ReadAt);

    private volatile Snapshot? snapshot;

    /// <summary>Forgets the cached list (after a change on this node).</summary>
    public void Invalidate() => snapshot = null;

    /// <summary>The list, from the cache while it is fresh.</summary>
    public async Task<IReadOnlyList<AllowedTarget>> TargetsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (snapshot is { } cached && now - cached.ReadAt < CacheTime) return cached.Targets;
        await using var context = accessor.Host.Database.CreateContext();
        var rows = await context.OutboundHosts.AsNoTracking().Select(h => new { h.Host, h.Port }).ToListAsync(ct);
        var targets = rows.Select(r => new AllowedTarget(r.Host, r.Port)).ToList();
        snapshot = new Snapshot(targets, now);
        return targets;
    }

    /// <summary>Why a URL may not be called (German, naming the host), or null when its host is listed.</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return Texte.Format(Texte.ZielSchemaUngueltig, url.OriginalString);
        var host = NormalizeHost(url.IdnHost);
        if (url.UserInfo.Length > 0) return Texte.Format(Texte.ZielZugangsdatenInAdresse, host);
        return Listed(await TargetsAsync(ct), host, url.Port) ? null : Texte.Format(Texte.ZielNichtErlaubt, Display(host, url.Port));
    }

    /// <summary>
    /// The HTTP handler's connect step: the host must be listed, and only addresses that are public or listed
    /// themselves are dialled. Throws <see cref="OutboundRefusedException"/> otherwise (no connection is opened).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = NormalizeHost(context.DnsEndPoint.Host);
        var port = context.DnsEndPoint.Port;
        var targets = await TargetsAsync(ct);
        if (!Listed(targets, host, port)) throw new OutboundRefusedException(Texte.Format(Texte.ZielNichtErlaubt, Display(host, port)));
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var usable = new List<IPAddress>();
        (IPAddress Address, string Kind)? refused = null;
        foreach (var address in addresses)
        {
            var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var kind = SpecialKind(plain);
            if (kind is null || Listed(targets, plain.ToString(), port)) usable.Add(plain);
            else refused ??= (plain, kind);
        }
        if (usable.Count == 0)
        {
            throw new OutboundRefusedException(refused is { } r
                ? Texte.Format(Texte.ZielAdresseGesperrt, Display(host, port), r.Address.ToString(), Texte.Adressart(r.Kind))
                : Texte.Format(Texte.ZielNichtErlaubt, Display(host, port)));
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable.ToArray(), port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether an exception (or one inside it) is the guard's refusal.</summary>
    public static OutboundRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is OutboundRefusedException refused) return refused;
        }
        return null;
    }

    /// <summary>
    /// The one normal form of a host for the list and the checks: lower case, IDN as punycode, no brackets, an IP
    /// address in its canonical text (IPv4-mapped IPv6 as IPv4).
    /// </summary>
    public static string NormalizeHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var text = host.Trim().TrimEnd('.');
        if (text.StartsWith('[') && text.EndsWith(']')) text = text[1..^1];
        if (IPAddress.TryParse(text, out var address) && (text.Contains(':', StringComparison.Ordinal) || StrictIPv4(text)))
        {
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            if (address.AddressFamily == AddressFamily.InterNetworkV6) address.ScopeId = 0;
            return address.ToString();
        }
        try
        {
            return new IdnMapping().GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return text.ToLowerInvariant();
        }
    }

    /// <summary>Dotted-quad only: IPAddress.TryParse also reads "2130706433" and "0x7f.1" as addresses, Uri has already normalised those.</summary>
    private static bool StrictIPv4(string text) =>
        text.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));

    /// <summary>The kind of internal or reserved address, or null for a public one.</summary>
    public static string? SpecialKind(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return b[0] switch
            {
                0 => "unspecified",
                127 => "loopback",
                10 => "private",
                100 when (b[1] & 0xC0) == 64 => "private",
                169 when b[1] == 254 => "link-local",
                172 when (b[1] & 0xF0) == 16 => "private",
                192 when b[1] == 168 => "private",
                192 when b[1] == 0 && b[2] == 0 => "reserved",
                198 when (b[1] & 0xFE) == 18 => "reserved",
                >= 224 and <= 239 => "multicast",
                >= 240 => "reserved",
                _ => null,
            };
        }
        if (address.Equals(IPAddress.IPv6Any)) return "unspecified";
        if (address.Equals(IPAddress.IPv6Loopback)) return "loopback";
        if (b[0] == 0xFF) return "multicast";
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return "link-local";
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return "private";
        if ((b[0] & 0xFE) == 0xFC) return "unique-local";
        // IPv4 inside IPv6: NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the embedded address; IPv4-compatible (::/96) is deprecated.
        if (b.Take(12).All(x => x == 0)) return "reserved";
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.Skip(4).Take(8).All(x => x == 0))
            return SpecialKind(new IPAddress(b[12..16]));
        if (b[0] == 0x20 && b[1] == 0x02) return SpecialKind(new IPAddress(b[2..6]));
        return null;
    }

    private static bool Listed(IReadOnlyList<AllowedTarget> targets, string host, int port) =>
        targets.Any(t => string.Equals(t.Host, host, StringComparison.Ordinal) && (t.Port is null || t.Port == port));

    private static string Display(string host, int port) =>
        (host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);
}
