using Automation.Engine.Texts;

namespace Automation.Engine.Accounting;

/// <summary>The outcome of validating a proposed factor version: the version, or the refused fields.</summary>
/// <param name="Version">The accepted version (with its number assigned), or null when refused.</param>
/// <param name="Errors">Every refused field; empty when accepted.</param>
internal sealed record FactorValidationResult(FactorVersion? Version, IReadOnlyList<FactorError> Errors)
{
    /// <summary>Whether the version was accepted.</summary>
    public bool IsValid => Version is not null;
}

/// <summary>
/// Checks a proposed factor version against the versions that exist already. Refuses a missing or negative value,
/// a missing source or unit, an unknown status, a share above 1, a lifetime of 0 years, hours per year of 0 or more
/// than a year has, a unit that differs from earlier versions (the formulas assume one unit per key), a validity
/// period that ends before it starts or overlaps another version of the same key. Every error names its field, so
/// the API and the admin page can show it next to the input.
/// </summary>
internal static class FactorVersionValidator
{
    /// <summary>The unit of fractions (utilisation, mode split, reserved share); values must lie in 0…1.</summary>
    public const string ShareUnit = "share";

    /// <summary>The unit of lifetimes (server, workplace devices); a lifetime divides, so it must be above 0.</summary>
    public const string YearsUnit = "years";

    /// <summary>The unit of the hours a device serves per year; above 0 and at most the hours of a year.</summary>
    public const string HoursPerYearUnit = "h/year";

    /// <summary>Validates <paramref name="input"/> against the <paramref name="existing"/> versions (of any keys).</summary>
    public static FactorValidationResult Validate(FactorVersionInput input, IEnumerable<FactorVersion> existing)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(existing);
        var errors = new List<FactorError>();
        var key = input.Key?.Trim();
        if (string.IsNullOrEmpty(key)) errors.Add(new("key", Texte.FaktorPflicht));
        else if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c == '.')) errors.Add(new("key", Texte.Format(Texte.FaktorSchluesselZeichen, key)));
        var siblings = string.IsNullOrEmpty(key) ? [] : existing.Where(v => v.Key == key).OrderBy(v => v.Version).ToList();

        var version = input.Version ?? (siblings.Count == 0 ? 1 : siblings[^1].Version + 1);
        if (version < 1) errors.Add(new("version", Texte.Format(Texte.FaktorVersionMindestens, version)));
        else if (siblings.Any(v => v.Version == version)) errors.Add(new("version", Texte.Format(Texte.FaktorVersionVorhanden, version, key)));

        var unit = input.Unit?.Trim();
        if (string.IsNullOrEmpty(unit)) errors.Add(new("unit", Texte.FaktorPflicht));
        else if (siblings.Count > 0 && siblings[0].Unit != unit)
            errors.Add(new("unit", Texte.Format(Texte.FaktorEinheitAbweichend, unit, siblings[0].Version, key, siblings[0].Unit)));

        if (input.Value is not { } value) errors.Add(new("value", Texte.FaktorPflicht));
        else if (value < 0) errors.Add(new("value", Texte.Format(Texte.FaktorWertNegativ, value)));
        else if (unit == ShareUnit && value > 1) errors.Add(new("value", Texte.Format(Texte.FaktorAnteil, value)));
        else if (unit is YearsUnit or HoursPerYearUnit && value == 0) errors.Add(new("value", Texte.Format(Texte.FaktorWertNull, unit)));
        else if (unit == HoursPerYearUnit && value > LedgerCalculator.HoursPerYear)
            errors.Add(new("value", Texte.Format(Texte.FaktorStundenJahr, LedgerCalculator.HoursPerYear, value)));

        var source = input.Source?.Trim();
        if (string.IsNullOrEmpty(source)) errors.Add(new("source", Texte.FaktorQuellePflicht));

        if (input.Year is not { } year) errors.Add(new("year", Texte.FaktorPflicht));
        else if (year is < 1990 or > 2100) errors.Add(new("year", Texte.Format(Texte.FaktorJahrUnplausibel, year)));

        FactorStatus? status = input.Status?.Trim().ToLowerInvariant() switch
        {
            "checked" => FactorStatus.Checked,
            "secondary" => FactorStatus.Secondary,
            "assumption" => FactorStatus.Assumption,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(input.Status)) errors.Add(new("status", Texte.FaktorStatusPflicht));
        else if (status is null) errors.Add(new("status", Texte.Format(Texte.FaktorStatusUnbekannt, input.Status)));

        if (input.ValidFrom is not { } from) errors.Add(new("validFrom", Texte.FaktorPflicht));
        else if (input.ValidTo is { } to && to < from)
            errors.Add(new("validTo", Texte.Format(Texte.FaktorBisVorVon, to, from)));
        else
        {
            foreach (var other in siblings.Where(o => Overlaps(from, input.ValidTo, o)))
            {
                // A start inside the other period is the start's fault; a start before it means the new period
                // runs on into the other one, which an earlier end would fix.
                var field = other.IsValidOn(from) ? "validFrom" : "validTo";
                errors.Add(new(field, Texte.Format(Texte.FaktorUeberschneidung, other.Version, other.Key, other.Period)));
            }
        }

        if (errors.Count > 0) return new FactorValidationResult(null, errors);
        return new FactorValidationResult(new FactorVersion
        {
            Key = key!,
            Version = version,
            Value = input.Value!.Value,
            Unit = unit!,
            Source = source!,
            Year = input.Year!.Value,
            Status = status!.Value,
            ValidFrom = input.ValidFrom!.Value,
            ValidTo = input.ValidTo,
            Label = string.IsNullOrWhiteSpace(input.Label) ? null : input.Label.Trim(),
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        }, []);
    }

    private static bool Overlaps(DateOnly from, DateOnly? to, FactorVersion other) =>
        (to is null || to.Value >= other.ValidFrom) && (other.ValidTo is null || other.ValidTo.Value >= from);
}
