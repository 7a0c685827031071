using Automation.Engine.Texts;
using System.Globalization;

namespace Automation.Engine.Accounting;

/// <summary>How far a factor value has been verified (domain-figures.md, "Status").</summary>
public enum FactorStatus
{
    /// <summary>Read in a primary source or an official mirror.</summary>
    Checked,
    /// <summary>Taken from a secondary source; verify before calling it official.</summary>
    Secondary,
    /// <summary>Derived or chosen for this table; reports must show it as an assumption.</summary>
    Assumption,
}

/// <summary>
/// One version of one factor: a value with its unit, source, year, status and the calendar days it is valid for.
/// Ledger entries keep the versions they were priced with, so a published figure can always name its factors
/// and never changes when a newer version is added.
/// </summary>
public sealed record FactorVersion
{
    /// <summary>Factor key, e.g. <c>grid.intensity</c> or <c>zeitwert.5.medium</c> (see <see cref="FactorKeys"/>).</summary>
    public required string Key { get; init; }

    /// <summary>Version number, from 1, unique per key.</summary>
    public required int Version { get; init; }

    /// <summary>The value, in <see cref="Unit"/>. Decimal so published figures are kept digit for digit.</summary>
    public required decimal Value { get; init; }

    /// <summary>Unit of the value, e.g. <c>gCO2e/kWh</c>, <c>min</c>, <c>EUR/h</c>, <c>share</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>Full citation of the source (or the statement of the assumption).</summary>
    public required string Source { get; init; }

    /// <summary>Reference year of the figure where the source gives one, else the year it was adopted (see <see cref="Note"/>).</summary>
    public required int Year { get; init; }

    /// <summary>Verification status.</summary>
    public required FactorStatus Status { get; init; }

    /// <summary>First calendar day (UTC) the version applies to.</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>Last calendar day (UTC) the version applies to, inclusive; null while open-ended.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>Short German label for reports, e.g. "Stromverbrauchsmix Deutschland".</summary>
    public string? Label { get; init; }

    /// <summary>Why this value was chosen, where the source offers a range or leaves something open.</summary>
    public string? Note { get; init; }

    /// <summary>Stable id of this version, e.g. <c>grid.intensity@1</c>.</summary>
    public string Id => Key + "@" + Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the version applies on <paramref name="day"/>.</summary>
    public bool IsValidOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo.Value);

    /// <summary>The validity period as German text, e.g. "01.01.2025 – offen".</summary>
    public string Period => FormatPeriod(ValidFrom, ValidTo);

    internal static string FormatPeriod(DateOnly from, DateOnly? to) =>
        Texte.Format(to is null ? Texte.FaktorZeitraumOffen : Texte.FaktorZeitraum, from, to);

    /// <summary>Status in the lower-case form used in the factor files and the API.</summary>
    public string StatusText => StatusName(Status);

    internal static string StatusName(FactorStatus status) => status switch
    {
        FactorStatus.Checked => "checked",
        FactorStatus.Secondary => "secondary",
        _ => "assumption",
    };
}

/// <summary>
/// A proposed factor version as an administrator or a factor file states it, before validation. Strings stay
/// strings here (status), so the validator can name what is wrong instead of a parser failing somewhere else.
/// </summary>
public sealed record FactorVersionInput
{
    /// <summary>Factor key.</summary>
    public string? Key { get; init; }

    /// <summary>Version number; null assigns the next free number of the key.</summary>
    public int? Version { get; init; }

    /// <summary>The value.</summary>
    public decimal? Value { get; init; }

    /// <summary>Unit of the value.</summary>
    public string? Unit { get; init; }

    /// <summary>Full citation of the source.</summary>
    public string? Source { get; init; }

    /// <summary>Reference year of the figure.</summary>
    public int? Year { get; init; }

    /// <summary><c>checked</c>, <c>secondary</c> or <c>assumption</c>.</summary>
    public string? Status { get; init; }

    /// <summary>First day of validity.</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>Last day of validity, inclusive; null for open-ended.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>Short German label.</summary>
    public string? Label { get; init; }

    /// <summary>Why this value was chosen.</summary>
    public string? Note { get; init; }
}

/// <summary>A refused field of a factor version, e.g. <c>validFrom: überschneidet sich mit Version 2 von grid.intensity (01.01.2025 – offen)</c>.</summary>
/// <param name="Field">The field, spelled as in the factor files and the API (camelCase).</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record FactorError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field + ": " + Message;
}
