using System.Data.Common;
using System.Globalization;
using Automation.Data;

namespace Automation.Server.Features.Auth;

/// <summary>
/// The two lookups every authenticated request makes (a session cookie's user, an API token's user) in plain SQL: with
/// EF Core they were a fifth of an external-task worker's request (external-task benchmark profile), and the answer is
/// read fresh each time, so a revoked token, a new security stamp or a deactivation holds at the next request.
/// </summary>
internal static class UserRows
{
    private const string UserColumns = "u.user_name, u.display_name, u.roles, u.candidate_groups, u.security_stamp, u.active, u.external";

    /// <summary>A user row by its stored name.</summary>
    public static async Task<ServerUser?> FindAsync(AutomationDatabase database, string userName, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = Command(connection, $"SELECT {UserColumns} FROM server_users u WHERE u.user_name = @name", ("@name", userName));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader, 0) : null;
    }

    /// <summary>A token row by its hash with its user: (token id, expiry, last use, user).</summary>
    public static async Task<(long Id, long ExpiresAt, long? LastUsedAt, ServerUser User)?> FindTokenAsync(AutomationDatabase database, string hash,
        CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = Command(connection,
            $"SELECT t.id, t.expires_at, t.last_used_at, {UserColumns} FROM server_api_tokens t JOIN server_users u ON u.user_name = t.user_name WHERE t.token_hash = @hash",
            ("@hash", hash));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (Long(reader, 0), Long(reader, 1), reader.IsDBNull(2) ? null : Long(reader, 2), Read(reader, 3));
    }

    /// <summary>Records a token's last use.</summary>
    public static async Task TouchTokenAsync(AutomationDatabase database, long id, long now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = Command(connection, "UPDATE server_api_tokens SET last_used_at = @now WHERE id = @id", ("@now", now), ("@id", id));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static ServerUser Read(DbDataReader r, int i) =>
        new(r.GetString(i), r.GetString(i + 1), ServerUser.ParseList(r.GetString(i + 2)), ServerUser.ParseList(r.GetString(i + 3)))
        {
            SecurityStamp = r.GetString(i + 4),
            Active = Convert.ToBoolean(r.GetValue(i + 5), CultureInfo.InvariantCulture),
            External = Convert.ToBoolean(r.GetValue(i + 6), CultureInfo.InvariantCulture),
        };

    private static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
}
