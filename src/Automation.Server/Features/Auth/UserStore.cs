using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Automation.Data;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Automation.Server.Features.Auth;

/// <summary>A user of the server.</summary>
/// <param name="UserName">Login name.</param>
/// <param name="DisplayName">Shown name.</param>
/// <param name="Roles">Roles.</param>
/// <param name="Groups">Candidate-group keys for the inbox.</param>
internal sealed record ServerUser(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups)
{
    /// <summary>The claims principal for this user.</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, UserName), new("display_name", DisplayName) };
        claims.AddRange(Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(Groups.Select(g => new Claim(ServerClaims.Group, g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary>
/// The server's own users and API tokens, in two tables of the workflow database. They are created with
/// <c>CREATE TABLE IF NOT EXISTS</c> in SQL that both SQLite and PostgreSQL accept, so the data project's migrations
/// stay untouched and no second migration history is needed for two small tables.
/// </summary>
internal sealed class UserStore(WorkflowHostAccessor accessor)
{
    private static readonly PasswordHasher<ServerUser> Hasher = new();

    private const string Columns = "user_name, display_name, roles, candidate_groups";

    public static async Task EnsureSchemaAsync(AutomationDatabase database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS server_users (user_name VARCHAR(200) PRIMARY KEY, display_name VARCHAR(200) NOT NULL, " +
            "password_hash VARCHAR(500), roles VARCHAR(500) NOT NULL, candidate_groups VARCHAR(2000) NOT NULL, created_at BIGINT NOT NULL)", ct);
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS server_api_tokens (token_hash VARCHAR(64) PRIMARY KEY, user_name VARCHAR(200) NOT NULL, " +
            "label VARCHAR(200) NOT NULL, created_at BIGINT NOT NULL)", ct);
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var connection = await accessor.Host.Database.OpenAsync(ct);
        await using var cmd = Command(connection, "SELECT COUNT(*) FROM server_users");
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates or replaces a user. A null password keeps the user from logging in with a password (OIDC or tokens only).</summary>
    public async Task SaveAsync(ServerUser user, string? password, CancellationToken ct)
    {
        var hash = password is null ? null : Hasher.HashPassword(user, password);
        await using var connection = await accessor.Host.Database.OpenAsync(ct);
        await using (var delete = Command(connection, "DELETE FROM server_users WHERE user_name = @u", ("@u", user.UserName)))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using var cmd = Command(connection,
            "INSERT INTO server_users (user_name, display_name, password_hash, roles, candidate_groups, created_at) VALUES (@u, @d, @h, @r, @g, @t)",
            ("@u", user.UserName), ("@d", user.DisplayName), ("@h", hash), ("@r", string.Join(',', user.Roles)),
            ("@g", string.Join(',', user.Groups)), ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<ServerUser?> FindAsync(string userName, CancellationToken ct)
    {
        await using var connection = await accessor.Host.Database.OpenAsync(ct);
        await using var cmd = Command(connection, $"SELECT {Columns} FROM server_users WHERE user_name = @u", ("@u", userName));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ServerUser>> ListAsync(CancellationToken ct)
    {
        await using var connection = await accessor.Host.Database.OpenAsync(ct);
        await using var cmd = Command(connection, $"SELECT {Columns} FROM server_users ORDER BY user_name");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ServerUser>();
        while (await reader.ReadAsync(ct)) list.Add(Read(reader));
        return list;
    }

    /// <summary>Checks a password. Unknown users cost a hash too, so timing does not reveal which names exist.</summary>
    public async Task<ServerUser?> VerifyPasswordAsync(string userName, string password, CancellationToken ct)
    {
        await using var connection = await accessor.Host.Database.OpenAsync(ct);
        await using var cmd = Command(connection, $"SELECT {Columns}, password_hash FROM server_users WHERE user_name = @u", ("@u", userName));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(4))
        {
            Hasher.VerifyHashedPassword(new ServerUser("", "", [], []), DummyHash, password);
            return null;
        }
        var user = Read(reader);
        var result = Hasher.VerifyHashedPassword(user, reader.GetString(4), password);
        if (result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await reader.DisposeAsync();
            await using var update = Command(connection, "UPDATE server_users SET password_hash = @h WHERE user_name = @u",
                ("@h", Hasher.HashPassword(user, password)), ("@u", user.UserName));
            await update.ExecuteNonQueryAsync(ct);
        }
        return user;
    }

    /// <summary>Creates an API token for a user; returns the token, which is shown once and stored only as its SHA-256 hash.</summary>
    public async Task<string> CreateTokenAsync(string userName, string label, CancellationToken ct)
    {
        var token = "amt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        await using var connection = await accessor.Host.Database.OpenAsync(ct);
        await using var cmd = Command(connection,
            "INSERT INTO server_api_tokens (token_hash, user_name, label, created_at) VALUES (@h, @u, @l, @t)",
            ("@h", HashToken(token)), ("@u", userName), ("@l", label), ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await cmd.ExecuteNonQueryAsync(ct);
        return token;
    }

    public async Task<ServerUser?> FindByTokenAsync(string token, CancellationToken ct)
    {
        await using var connection = await accessor.Host.Database.OpenAsync(ct);
        await using var cmd = Command(connection,
            "SELECT u.user_name, u.display_name, u.roles, u.candidate_groups FROM server_api_tokens t " +
            "JOIN server_users u ON u.user_name = t.user_name WHERE t.token_hash = @h", ("@h", HashToken(token)));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static readonly string DummyHash = Hasher.HashPassword(new ServerUser("", "", [], []), Guid.NewGuid().ToString());

    private static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static ServerUser Read(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), Split(reader.GetString(2)), Split(reader.GetString(3)));

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = Command(connection, sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is constant text of this class; values always go in parameters.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
