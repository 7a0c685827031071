using System.Security.Claims;
using Automation.Server.Features.Auth;
using System.Security.Cryptography;
using System.Text.Json;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Cases;

/// <summary>A case start under the caller's <c>Idempotency-Key</c>.</summary>
/// <param name="User">Who starts; the key is theirs (scoped by user name) and the start is limited to their processes.</param>
/// <param name="Key">The key as sent.</param>
/// <param name="Body">The start request.</param>
internal sealed record StartCaseOnce(ClaimsPrincipal User, string Key, StartCaseBody Body) : IRequest<IdempotentStart>, IVariablePayload
{
    public object? VariablePayload => Body.Variables;
}

/// <summary>The case of a keyed start.</summary>
/// <param name="Case">The case.</param>
/// <param name="Replayed">The key had started this case before; nothing new was started.</param>
internal sealed record IdempotentStart(CaseDetail Case, bool Replayed);

/// <summary>A key sent again with a different request; 422 with code <c>idempotency-key-reused</c>.</summary>
internal sealed class IdempotencyKeyReusedException()
    : Exception(Texte.ServerDieserIdempotencyKeyWurdeSchon)
{
    /// <summary>The stable code in the Problem Details.</summary>
    public const string Code = "idempotency-key-reused";
}

/// <summary>
/// Starts a case at most once per key: the first request inserts the key with a freshly chosen case id (the primary
/// key of <c>idempotency_keys</c> lets exactly one insert win, on any node), then starts the case with that id.
/// A retry with the same key and request finds the row and answers with the case, or, when the first attempt never
/// committed, starts it under the same id: the case table's primary key again lets only one start win. A key is
/// remembered for <see cref="ServerOptions.IdempotencyKeyHours"/>; a failed start keeps it, so the same key with a
/// corrected request is refused rather than starting a second case beside one that may have committed.
/// </summary>
internal sealed class StartCaseOnceHandler(WorkflowHostAccessor accessor, IMediator mediator, IOptions<ServerOptions> options, TimeProvider time)
    : IRequestHandler<StartCaseOnce, IdempotentStart>
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>Longest key accepted.</summary>
    public const int MaxKeyLength = 255;

    private static long lastPurge;

    public async ValueTask<IdempotentStart> Handle(StartCaseOnce request, CancellationToken cancellationToken)
    {
        if (request.Key.Length is 0 or > MaxKeyLength || request.Key.Any(c => c is < '!' or > '~'))
            throw new BadInputException(Header, Texte.Format(Texte.ServerMussBisSichtbareAsciiZeichen, Header, MaxKeyLength));
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
            new { request.Body.ProcessId, request.Body.BusinessKey, request.Body.Variables })));
        var claim = await ClaimAsync(request.User.UserName(), request.Key, hash, cancellationToken);
        if (!string.Equals(claim.RequestHash, hash, StringComparison.Ordinal)) throw new IdempotencyKeyReusedException();
        if (!claim.Fresh && await accessor.Host.GetCaseAsync(claim.CaseId, cancellationToken) is not null)
            return new IdempotentStart(await mediator.Send(new GetCase(request.User, claim.CaseId), cancellationToken), Replayed: true);
        try
        {
            var body = request.Body;
            return new IdempotentStart(await mediator.Send(new StartCase(request.User, body.ProcessId, body.Variables, body.BusinessKey, claim.CaseId), cancellationToken),
                Replayed: false);
        }
        catch (ConcurrencyConflictException)
        {
            // Another request with this key, here or on another node, committed the case first.
            if (await accessor.Host.GetCaseAsync(claim.CaseId, cancellationToken) is null) throw;
            return new IdempotentStart(await mediator.Send(new GetCase(request.User, claim.CaseId), cancellationToken), Replayed: true);
        }
    }

    private async Task<(Guid CaseId, string RequestHash, bool Fresh)> ClaimAsync(string scope, string key, string hash, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var cutoff = now - (long)TimeSpan.FromHours(options.Value.IdempotencyKeyHours).TotalMilliseconds;
        await using var context = accessor.Host.Database.CreateContext();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var caseId = Guid.CreateVersion7();
            var id = caseId.ToString();
            var inserted = await context.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, case_id, created_at) VALUES ({scope}, {key}, {hash}, {id}, {now}) ON CONFLICT (scope, idempotency_key) DO NOTHING",
                ct);
            if (inserted == 1)
            {
                await PurgeAsync(context, now, cutoff, ct);
                return (caseId, hash, true);
            }
            var row = await context.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Scope == scope && k.Key == key, ct);
            if (row is null) continue;
            if (row.CreatedAt >= cutoff) return (Guid.Parse(row.CaseId), row.RequestHash, false);
            // Expired: the key may be used anew (the condition keeps a row another request just renewed).
            await context.IdempotencyKeys.Where(k => k.Scope == scope && k.Key == key && k.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        }
        throw new ConcurrencyConflictException(Texte.Format(Texte.ServerKonnteVergebenWerdenBitteErneut, Header));
    }

    /// <summary>Forgets expired keys, at most every ten minutes per node.</summary>
    private static async Task PurgeAsync(Automation.Data.Schema.AutomationDbContext context, long now, long cutoff, CancellationToken ct)
    {
        var last = Interlocked.Read(ref lastPurge);
        if (now - last < 10 * 60 * 1000 || Interlocked.CompareExchange(ref lastPurge, now, last) != last) return;
        await context.IdempotencyKeys.Where(k => k.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
