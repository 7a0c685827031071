namespace Automation.Data.Migrations;

/// <summary>
/// The data half of the migration UsersAndTokens (both providers). Before it, the server created
/// <c>server_users</c> and <c>server_api_tokens</c> itself at start (<c>CREATE TABLE IF NOT EXISTS</c>), so a database
/// may or may not have them. The migration makes sure they exist in that old shape, moves them aside, creates the
/// model's tables and copies every row over: users keep their names, password hashes, roles and groups and get a
/// fresh security stamp; tokens keep their hashes and get an expiry 90 days after the migration (they had none).
/// Fixed text on purpose: a migration must do tomorrow what it does today, whatever the model becomes.
/// </summary>
internal static class UsersAndTokensSql
{
    /// <summary>The tables as the server created them before this migration (SQL both providers accept).</summary>
    public const string EnsureLegacyTables =
        "CREATE TABLE IF NOT EXISTS server_users (user_name VARCHAR(200) PRIMARY KEY, display_name VARCHAR(200) NOT NULL, " +
        "password_hash VARCHAR(500), roles VARCHAR(500) NOT NULL, candidate_groups VARCHAR(2000) NOT NULL, created_at BIGINT NOT NULL);\n" +
        "CREATE TABLE IF NOT EXISTS server_api_tokens (token_hash VARCHAR(64) PRIMARY KEY, user_name VARCHAR(200) NOT NULL, " +
        "label VARCHAR(200) NOT NULL, created_at BIGINT NOT NULL);";

    /// <summary>Where the old tables wait while the new ones are filled.</summary>
    public const string OldUsers = "server_users_before_model";

    /// <summary>Where the old token table waits while the new one is filled.</summary>
    public const string OldTokens = "server_api_tokens_before_model";

    /// <summary>Legacy tokens' lifetime from the migration on, in milliseconds (90 days).</summary>
    private const string LegacyTokenLifetimeMs = "7776000000";

    /// <summary>Copies the old rows into the new tables and drops the old ones.</summary>
    /// <param name="randomStamp">SQL giving 32 random hex digits per row.</param>
    /// <param name="nowMs">SQL giving the current time in Unix milliseconds.</param>
    public static string CopyIntoModel(string randomStamp, string nowMs) =>
        "INSERT INTO server_users (user_name, normalized_name, display_name, password_hash, roles, candidate_groups, security_stamp, active, " +
        $"external, created_at, updated_at) SELECT user_name, lower(trim(user_name)), display_name, password_hash, roles, candidate_groups, {randomStamp}, " +
        $"{True}, {False}, created_at, NULL FROM {OldUsers};\n" +
        "INSERT INTO server_api_tokens (token_hash, user_name, name, created_at, expires_at, last_used_at) " +
        $"SELECT token_hash, user_name, label, created_at, {nowMs} + {LegacyTokenLifetimeMs}, NULL FROM {OldTokens};\n" +
        $"DROP TABLE {OldTokens};\nDROP TABLE {OldUsers};";

    /// <summary>Down: copies the rows back into the old shape (stamps, expiries and lockouts are lost).</summary>
    public static string CopyBack { get; } =
        $"INSERT INTO {OldUsers} (user_name, display_name, password_hash, roles, candidate_groups, created_at) " +
        "SELECT user_name, display_name, password_hash, roles, candidate_groups, created_at FROM server_users;\n" +
        $"INSERT INTO {OldTokens} (token_hash, user_name, label, created_at) SELECT token_hash, user_name, name, created_at FROM server_api_tokens;";

    /// <summary>The old shape under the names Down copies into.</summary>
    public static string CreateOldAside { get; } = EnsureLegacyTables
        .Replace("IF NOT EXISTS server_users ", $"{OldUsers} ", StringComparison.Ordinal)
        .Replace("IF NOT EXISTS server_api_tokens ", $"{OldTokens} ", StringComparison.Ordinal);

    // Boolean literals both providers read: SQLite stores 1/0, PostgreSQL casts TRUE/FALSE; both accept these.
    private const string True = "TRUE";
    private const string False = "FALSE";
}
