namespace Automation.Data.Migrations;

/// <summary>
/// The view <c>ledger_entries</c> with the connector figures (data transfer, e-mails, letters avoided, PDF pages,
/// avoided post carbon, language-model tokens and size class). Fixed text, as <see cref="InitialSql"/>: this migration must do tomorrow what it does today.
/// </summary>
internal static class ConnectorFiguresSql
{
    private const string Figures = "definition_id, definition_version, authority, factor_set, factors, occupation, pay_level, standard_minutes, " +
        "staff_minutes, staff_minutes_basis, labour_cost_eur, cpu_seconds, inferences, workplace_wh, workplace_g, device_g, compute_wh, compute_g, ai_wh, " +
        "ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, citizen_g, citizen_minutes, transfer_gb, emails_sent, letters_avoided, pdf_pages, " +
        "avoided_post_g, ai_tokens, ai_size_class, worker_key";

    private const string Quantities = "standard_minutes, staff_minutes, labour_cost_eur, cpu_seconds, inferences, workplace_wh, workplace_g, device_g, " +
        "compute_wh, compute_g, ai_wh, ai_g, paper_g, post_g, embodied_g, citizen_trips, citizen_km, citizen_g, citizen_minutes, transfer_gb, emails_sent, " +
        "letters_avoided, pdf_pages, avoided_post_g, ai_tokens";

    /// <summary>The view with the connector figures; <paramref name="entryId"/> as in <see cref="InitialSql.CreateLedgerView"/>.</summary>
    public static string CreateLedgerView(string entryId) => InitialSql.LedgerView(entryId, Figures, Quantities);
}
