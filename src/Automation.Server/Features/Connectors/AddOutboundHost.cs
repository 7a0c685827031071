using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Automation.Data;
using Automation.Data.Schema;
using Automation.Engine.Texts;
using Automation.Server.Connectors;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Connectors;

/// <summary>Allows a target: a host name or an IP address in the guard's normal form, on one port or any.</summary>
internal sealed partial record AddOutboundHost(OutboundHostBody Body, ClaimsPrincipal Caller) : IRequest<OutboundHostDto>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, OutboundGuard guard, IAuditLog audit, TimeProvider time) : IRequestHandler<AddOutboundHost, OutboundHostDto>
    {
        public async ValueTask<OutboundHostDto> Handle(AddOutboundHost request, CancellationToken cancellationToken)
        {
            var body = request.Body;
            var host = Normalize(body.Host);
            if (body.Port is < 1 or > 65535) throw new BadInputException("port", Texte.ZielPortUngueltig);
            var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
            if (note is { Length: > 500 }) throw new BadInputException("note", Texte.ZielNotizZuLang);
            var shown = body.Port is { } p ? $"{host}:{p}" : host;
            await using var context = accessor.Host.Database.CreateContext();
            if (await context.OutboundHosts.AnyAsync(h => h.Host == host && h.Port == body.Port, cancellationToken))
                throw new ConcurrencyConflictException(Texte.Format(Texte.ZielSchonErlaubt, shown));
            var row = new OutboundHostRecord
            {
                Host = host, Port = body.Port, Note = note, CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(), CreatedBy = request.Caller.UserName(),
            };
            context.OutboundHosts.Add(row);
            audit.Add(context, AuditKinds.OutboundHost, shown, "create", null, new { host, port = body.Port, note });
            await context.SaveChangesAsync(cancellationToken);
            guard.Invalidate();
            return new OutboundHostDto(row.Id, row.Host, row.Port, row.Note, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt), row.CreatedBy);
        }

        /// <summary>A host name (letters, digits, hyphens; punycode for umlauts) or an IP address; nothing else.</summary>
        private static string Normalize(string? given)
        {
            var text = given?.Trim() ?? "";
            if (text.Length is 0 or > 253) throw new BadInputException("host", Texte.Format(Texte.ZielHostUngueltig, LogEncoding.Encode(text, 100)));
            var host = OutboundGuard.NormalizeHost(text);
            var isAddress = IPAddress.TryParse(host, out _) && (host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3);
            if (!isAddress && (!HostName().IsMatch(host) || host.Split('.')[^1].All(char.IsAsciiDigit)))
                throw new BadInputException("host", Texte.Format(Texte.ZielHostUngueltig, LogEncoding.Encode(text, 100)));
            return host;
        }
    }

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
