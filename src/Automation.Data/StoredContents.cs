using System.Globalization;

namespace Automation.Data;

/// <summary>What a start needs to know about the stored data, read with plain SQL.</summary>
/// <param name="HasDefinitions">At least one definition version is stored.</param>
/// <param name="HasCases">At least one case is stored.</param>
/// <param name="Users">Number of stored server users.</param>
public sealed record StoredContents(bool HasDefinitions, bool HasCases, long Users);

/// <summary>
/// The start's reads and repairs on the stored data. Plain SQL, because they run before the server answers
/// <c>/health</c> and EF Core's model takes about a second to build (docs/operator-guide.md, start time).
/// </summary>
public static class StartChecks
{
    /// <summary>Whether definitions and cases exist and how many users, in one connection.</summary>
    public static async Task<StoredContents> ReadContentsAsync(this AutomationDatabase database, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = CaseStore.Command(connection, null,
            "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM definitions LIMIT 1) d), " +
            "(SELECT COUNT(*) FROM (SELECT 1 FROM cases LIMIT 1) c), (SELECT COUNT(*) FROM server_users)");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new StoredContents(Long(reader.GetValue(0)) > 0, Long(reader.GetValue(1)) > 0, Long(reader.GetValue(2)));
    }

    /// <summary>
    /// Sets every user's stored normal form to <paramref name="normalize"/> of the login name where it differs;
    /// returns how many were changed.
    /// </summary>
    public static async Task<int> RepairUserNamesAsync(this AutomationDatabase database, Func<string, string> normalize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(normalize);
        await using var connection = await database.OpenAsync(ct);
        var wrong = new List<(string Name, string Normal)>();
        await using (var select = CaseStore.Command(connection, null, "SELECT user_name, normalized_name FROM server_users"))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0);
                var normal = normalize(name);
                if (!string.Equals(normal, reader.GetString(1), StringComparison.Ordinal)) wrong.Add((name, normal));
            }
        }
        if (wrong.Count == 0) return 0;
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var (name, normal) in wrong)
        {
            await using var update = CaseStore.Command(connection, tx, "UPDATE server_users SET normalized_name = @normal WHERE user_name = @name");
            CaseStore.Add(update, "@normal", normal);
            CaseStore.Add(update, "@name", name);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return wrong.Count;
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
