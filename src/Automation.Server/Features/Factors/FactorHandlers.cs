using System.Globalization;
using Automation.Data;
using Automation.Engine.Accounting;
using Automation.Server.Features.Audit;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Factors;

/// <summary>Body of a new factor version. Dates are yyyy-MM-dd; a missing version number takes the next free one.</summary>
/// <param name="Key">Factor key, e.g. <c>grid.intensity</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Unit (must equal the unit of earlier versions).</param>
/// <param name="Source">Full citation, or the statement of the assumption.</param>
/// <param name="Year">Reference year.</param>
/// <param name="Status">checked, secondary or assumption.</param>
/// <param name="ValidFrom">First day of validity.</param>
/// <param name="ValidTo">Last day of validity, inclusive; null for open-ended.</param>
/// <param name="Label">German label.</param>
/// <param name="Note">Why this value was chosen.</param>
internal sealed record FactorVersionBody(string? Key, decimal? Value, string? Unit, string? Source, int? Year, string? Status,
    string? ValidFrom, string? ValidTo, string? Label, string? Note);

/// <summary>A factor version as the API shows it.</summary>
internal sealed record FactorVersionDto(string Key, int Version, string Id, decimal Value, string Unit, string Source, int Year, string Status,
    string ValidFrom, string? ValidTo, string? Label, string? Note, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static FactorVersionDto From(StoredFactorVersion s)
    {
        var v = s.Version;
        return new(v.Key, v.Version, v.Id, v.Value, v.Unit, v.Source, v.Year, v.StatusText, Day(v.ValidFrom), v.ValidTo is { } to ? Day(to) : null,
            v.Label, v.Note, s.CreatedBy, s.CreatedAt);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>One factor key with the version valid on the reference day and the number of versions.</summary>
internal sealed record FactorSummaryDto(string Key, string? Label, string Unit, FactorVersionDto? ValidToday, int Versions);

/// <summary>Lists factor keys with the version valid on a day (default today, UTC).</summary>
internal sealed record ListFactors(DateOnly? At) : IRequest<IReadOnlyList<FactorSummaryDto>>;

/// <summary>Every version of one key, oldest first.</summary>
internal sealed record GetFactorHistory(string Key) : IRequest<IReadOnlyList<FactorVersionDto>>;

/// <summary>
/// Adds a factor version. The only way a version is created (API and page), so an audit entry can be added in
/// one place.
/// </summary>
internal sealed record AddFactorVersion(FactorVersionBody Body, string CreatedBy) : IRequest<FactorVersionDto>;

/// <summary>Re-prices stored ledger entries under the current factors and reports old against new; stores nothing.</summary>
internal sealed record RecomputeLedger(LedgerFilter Filter) : IRequest<LedgerRecomputationReport>;

internal sealed class FactorHandlers(WorkflowHostAccessor accessor, IAuditLog audit) :
    IRequestHandler<ListFactors, IReadOnlyList<FactorSummaryDto>>,
    IRequestHandler<GetFactorHistory, IReadOnlyList<FactorVersionDto>>,
    IRequestHandler<AddFactorVersion, FactorVersionDto>,
    IRequestHandler<RecomputeLedger, LedgerRecomputationReport>
{
    public async ValueTask<IReadOnlyList<FactorSummaryDto>> Handle(ListFactors request, CancellationToken cancellationToken)
    {
        var day = request.At ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var stored = await accessor.Host.Factors.ListAsync(cancellationToken);
        return stored.GroupBy(s => s.Version.Key, StringComparer.Ordinal).Select(g =>
        {
            var valid = g.FirstOrDefault(s => s.Version.IsValidOn(day));
            var latest = g.Last().Version;
            return new FactorSummaryDto(g.Key, latest.Label, latest.Unit, valid is null ? null : FactorVersionDto.From(valid), g.Count());
        }).ToList();
    }

    public async ValueTask<IReadOnlyList<FactorVersionDto>> Handle(GetFactorHistory request, CancellationToken cancellationToken)
    {
        var versions = (await accessor.Host.Factors.ListAsync(cancellationToken)).Where(s => s.Version.Key == request.Key).Select(FactorVersionDto.From).ToList();
        return versions.Count > 0 ? versions : throw new NotFoundException($"Faktor '{request.Key}' ist unbekannt.");
    }

    public async ValueTask<FactorVersionDto> Handle(AddFactorVersion request, CancellationToken cancellationToken)
    {
        var b = request.Body;
        var input = new FactorVersionInput
        {
            Key = b.Key,
            Value = b.Value,
            Unit = b.Unit,
            Source = b.Source,
            Year = b.Year,
            Status = b.Status,
            ValidFrom = Date(b.ValidFrom, "validFrom"),
            ValidTo = Date(b.ValidTo, "validTo"),
            Label = b.Label,
            Note = b.Note,
        };
        // Before: the key's latest version, which a new open-ended version may have closed.
        var before = (await accessor.Host.Factors.ListAsync(cancellationToken)).LastOrDefault(s => s.Version.Key == b.Key);
        FactorVersionDto added;
        try
        {
            added = FactorVersionDto.From(await accessor.Host.Factors.AddAsync(input, request.CreatedBy, cancellationToken));
        }
        catch (FactorValidationException e) when (e.Errors.Count > 0)
        {
            throw new BadInputException(e.Errors[0].Field, "Faktorversion abgelehnt: " + string.Join("; ", e.Errors.Select(x => x.ToString())));
        }
        await audit.RecordAsync(AuditKinds.FactorVersion, added.Id, "create", before is null ? null : FactorVersionDto.From(before), added, ct: cancellationToken);
        return added;
    }

    public async ValueTask<LedgerRecomputationReport> Handle(RecomputeLedger request, CancellationToken cancellationToken) =>
        await LedgerRecomputer.RecomputeAsync(accessor.Host, request.Filter, cancellationToken);

    private static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new BadInputException(field, $"'{text}' ist kein Datum im Format JJJJ-MM-TT.");
    }
}
