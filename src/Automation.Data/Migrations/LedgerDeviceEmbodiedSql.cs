namespace Automation.Data.Migrations;

/// <summary>
/// The view half of the migration LedgerDeviceEmbodied (both providers): the view <c>ledger_entries</c> is created again
/// with the new column <c>device_g</c> (manufacturing share of the workplace devices). Fixed text on purpose, like
/// <see cref="LedgerOnStepsSql"/>: a migration must do tomorrow what it does today, whatever the model becomes.
/// </summary>
internal static class LedgerDeviceEmbodiedSql
{
    private const string Figures = "definition_id, definition_version, authority, factor_set, factors, occupation, pay_level, standard_minutes, " +
        "staff_minutes, staff_minutes_basis, labour_cost_eur, cpu_seconds, inferences, workplace_wh, workplace_g, device_g, compute_wh, compute_g, ai_wh, " +
        "ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, citizen_g, citizen_minutes, worker_key";

    private const string Quantities = "standard_minutes, staff_minutes, labour_cost_eur, cpu_seconds, inferences, workplace_wh, workplace_g, device_g, " +
        "compute_wh, compute_g, ai_wh, ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, citizen_g, citizen_minutes";

    /// <summary>Drops the view (before its columns change).</summary>
    public const string DropView = "DROP VIEW ledger_entries;";

    /// <summary>The view with <c>device_g</c>; <paramref name="entryId"/> as in <see cref="LedgerOnStepsSql.CreateView"/>.</summary>
    public static string CreateView(string entryId) => LedgerOnStepsSql.View(entryId, Figures, Quantities);
}
