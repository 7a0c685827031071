namespace Automation.Data.Migrations;

/// <summary>
/// The data half of the migration LedgerOnSteps (both providers): ledger figures move from the table
/// <c>ledger_entries</c> onto the step rows they price, and <c>ledger_entries</c> becomes a view over the priced step
/// rows. Fixed text on purpose: a migration must do tomorrow what it does today, whatever the model becomes.
/// </summary>
internal static class LedgerOnStepsSql
{
    private const string Figures = "definition_id, definition_version, authority, factor_set, factors, occupation, pay_level, standard_minutes, " +
        "staff_minutes, staff_minutes_basis, labour_cost_eur, cpu_seconds, inferences, workplace_wh, workplace_g, compute_wh, compute_g, ai_wh, " +
        "ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, citizen_g, citizen_minutes, worker_key";

    // Stored as NULL when 0 (see LedgerStepFigures); the view reads them as 0, a NULL factor list as '' and a NULL basis as 'None'.
    private const string Quantities = "standard_minutes, staff_minutes, labour_cost_eur, cpu_seconds, inferences, workplace_wh, workplace_g, " +
        "compute_wh, compute_g, ai_wh, ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, citizen_g, citizen_minutes";

    private const string StepColumns = "case_id, sequence, process_id, node_id, node_name, actor, outcome, started_at, ended_at";

    /// <summary>Copies every ledger row onto its step row; a ledger row without one (never written by the host) becomes a step row.</summary>
    public static string CopyToSteps { get; } =
        "UPDATE steps SET " + string.Join(", ", Figures.Split(", ").Select(c => $"{c} = l.{c}")) +
        " FROM ledger_entries l WHERE l.case_id = steps.case_id AND l.sequence = steps.sequence;\n" +
        $"INSERT INTO steps ({StepColumns}, kind, detail, {Figures}) " +
        $"SELECT {Prefixed(StepColumns)}, CASE l.actor WHEN 'Human' THEN 'UserTask' ELSE 'ServiceTask' END, NULL, {Prefixed(Figures)} " +
        "FROM ledger_entries l WHERE NOT EXISTS (SELECT 1 FROM steps s WHERE s.case_id = l.case_id AND s.sequence = l.sequence);";

    /// <summary>Copies the priced step rows back into a <c>ledger_entries</c> table (Down).</summary>
    public static string CopyFromSteps { get; } =
        $"INSERT INTO ledger_entries ({StepColumns}, {Figures}) SELECT {StepColumns}, {Figures} FROM steps WHERE factor_set IS NOT NULL;";

    /// <summary>The view; <paramref name="entryId"/> is the step row's id (SQLite: rowid; PostgreSQL: the identity column).</summary>
    public static string CreateView(string entryId) => View(entryId, Figures, Quantities);

    /// <summary>The view over <paramref name="figures"/>, of which <paramref name="quantities"/> read NULL as 0 (later migrations add columns).</summary>
    internal static string View(string entryId, string figures, string quantities) =>
        $"CREATE VIEW ledger_entries AS SELECT {entryId} AS entry_id, {StepColumns}, " +
        string.Join(", ", figures.Split(", ").Select(c => c switch
        {
            "factors" => "COALESCE(factors, '') AS factors",
            "staff_minutes_basis" => "COALESCE(staff_minutes_basis, 'None') AS staff_minutes_basis",
            _ when quantities.Split(", ").Contains(c) => $"COALESCE({c}, 0.0) AS {c}",
            _ => c,
        })) +
        " FROM steps WHERE factor_set IS NOT NULL;";

    /// <summary>Entry ids change with the move, so the monthly rollup is folded again from the start.</summary>
    public const string ResetRollup =
        "DELETE FROM ledger_monthly; DELETE FROM ledger_monthly_cases; UPDATE ledger_rollup_state SET watermark = 0, refreshed_at = 0;";

    private static string Prefixed(string columns) => string.Join(", ", columns.Split(", ").Select(c => "l." + c));
}
