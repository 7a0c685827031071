namespace Automation.Data.Migrations;

/// <summary>
/// The hand-written objects of the initial migration (both providers): the view <c>ledger_entries</c> every ledger
/// query reads, and the triggers that keep <c>audit_log</c> append-only. Fixed text on purpose: a migration must do
/// tomorrow what it does today, whatever the model becomes; a later change adds a migration of its own.
/// </summary>
internal static class InitialSql
{
    private const string StepColumns = "case_id, sequence, process_id, node_id, node_name, actor, outcome, started_at, ended_at";

    private const string Figures = "definition_id, definition_version, authority, factor_set, factors, occupation, pay_level, standard_minutes, " +
        "staff_minutes, staff_minutes_basis, labour_cost_eur, cpu_seconds, inferences, workplace_wh, workplace_g, device_g, compute_wh, compute_g, ai_wh, " +
        "ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, citizen_g, citizen_minutes, worker_key";

    // Read as 0 where NULL, so sums never skip a row.
    private const string Quantities = "standard_minutes, staff_minutes, labour_cost_eur, cpu_seconds, inferences, workplace_wh, workplace_g, device_g, " +
        "compute_wh, compute_g, ai_wh, ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, citizen_g, citizen_minutes";

    /// <summary>The priced steps as ledger entries; <paramref name="entryId"/> is the row's id (SQLite: rowid; PostgreSQL: the identity column).</summary>
    public static string CreateLedgerView(string entryId) => LedgerView(entryId, Figures, Quantities);

    /// <summary>The view over the step rows with the given figure columns; <paramref name="quantities"/> read as 0 where NULL.</summary>
    internal static string LedgerView(string entryId, string figures, string quantities) =>
        $"CREATE VIEW ledger_entries AS SELECT {entryId} AS entry_id, {StepColumns}, " +
        string.Join(", ", figures.Split(", ").Select(c => c switch
        {
            "factors" => "COALESCE(factors, '') AS factors",
            "staff_minutes_basis" => "COALESCE(staff_minutes_basis, 'None') AS staff_minutes_basis",
            _ when quantities.Split(", ").Contains(c) => $"COALESCE({c}, 0.0) AS {c}",
            _ => c,
        })) +
        " FROM steps WHERE factor_set IS NOT NULL;";

    /// <summary>Drops the view (before the tables it reads).</summary>
    public const string DropLedgerView = "DROP VIEW IF EXISTS ledger_entries;";

    /// <summary>SQLite: UPDATE and DELETE on the audit log abort.</summary>
    public static readonly string[] SqliteAuditTriggers =
    [
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    ];

    /// <summary>Drops the SQLite triggers.</summary>
    public static readonly string[] SqliteDropAuditTriggers =
        ["DROP TRIGGER IF EXISTS audit_log_no_update;", "DROP TRIGGER IF EXISTS audit_log_no_delete;"];

    /// <summary>PostgreSQL: UPDATE, DELETE and TRUNCATE on the audit log raise an error.</summary>
    public static readonly string[] PostgresAuditTriggers =
    [
        """
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only';
        END;
        $$;
        """,
        "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();",
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();",
    ];

    /// <summary>Drops the PostgreSQL triggers and their function.</summary>
    public static readonly string[] PostgresDropAuditTriggers =
    [
        "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;",
        "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log;",
        "DROP FUNCTION IF EXISTS audit_log_append_only();",
    ];
}
