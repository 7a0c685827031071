namespace Automation.Engine.Accounting;

/// <summary>
/// Presentation rounding. Ledger figures keep full decimal precision; only what is shown is rounded, half away
/// from zero (kaufmännisch). Totals are summed from unrounded entries and then rounded, so a printed total can
/// differ by a cent or 0.01 g from the sum of the printed entries.
/// </summary>
public static class LedgerRounding
{
    /// <summary>Euros to the cent.</summary>
    public static decimal Euros(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Grams CO2e to 0.01 g, and minutes to 0.01 min.</summary>
    public static decimal Hundredths(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Six decimals, for machine-readable output where figures of a single automated step (µWh, µg) must stay visible.</summary>
    public static decimal Fine(decimal value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
