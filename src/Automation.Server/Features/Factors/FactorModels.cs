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
