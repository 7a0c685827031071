using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Automation.Server.Tests.Auth;

/// <summary>
/// A database as the server before the users moved into the EF model left it: its own two tables, created at start
/// with the SQL below (copied from that version), holding users and a token. After the upgrade everyone still logs in.
/// </summary>
public abstract class LegacyUsersMigrationTests
{
    /// <summary>The exact DDL of the earlier server (Features/Auth/UserStore.EnsureSchemaAsync).</summary>
    private const string LegacyTables =
        "CREATE TABLE IF NOT EXISTS server_users (user_name VARCHAR(200) PRIMARY KEY, display_name VARCHAR(200) NOT NULL, " +
        "password_hash VARCHAR(500), roles VARCHAR(500) NOT NULL, candidate_groups VARCHAR(2000) NOT NULL, created_at BIGINT NOT NULL);" +
        "CREATE TABLE IF NOT EXISTS server_api_tokens (token_hash VARCHAR(64) PRIMARY KEY, user_name VARCHAR(200) NOT NULL, " +
        "label VARCHAR(200) NOT NULL, created_at BIGINT NOT NULL)";

    private const string LegacyToken = "amt_altes-token-aus-der-vorversion";

    /// <summary>Settings that point a server at the prepared database.</summary>
    protected abstract Task<(DatabaseOptions Database, IEnumerable<KeyValuePair<string, string?>> Settings)> PrepareAsync(string folder);

    [Fact]
    public async Task Users_and_tokens_of_the_earlier_server_still_log_in_after_the_migration()
    {
        var folder = FolderServer.NewFolder();
        Directory.CreateDirectory(folder);
        var (options, settings) = await PrepareAsync(folder);
        var database = new AutomationDatabase(options);
        await using (var context = database.CreateContext())
        {
            var migrations = context.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_UsersAndTokens", StringComparison.Ordinal)) - 1];
            await context.GetService<IMigrator>().MigrateAsync(before);
            var hasher = new PasswordHasher<object>();
            var created = DateTimeOffset.UtcNow.AddYears(-1).ToUnixTimeMilliseconds();
            await context.Database.ExecuteSqlRawAsync(LegacyTables);
            await context.Database.ExecuteSqlAsync(
                $"INSERT INTO server_users (user_name, display_name, password_hash, roles, candidate_groups, created_at) VALUES ('admin', 'Administration', {hasher.HashPassword(new object(), "alt-admin-1")}, 'Admin', '', {created})");
            await context.Database.ExecuteSqlAsync(
                $"INSERT INTO server_users (user_name, display_name, password_hash, roles, candidate_groups, created_at) VALUES ('Özlem.Alt', 'Özlem Alt', {hasher.HashPassword(new object(), "alt-clerk-1")}, 'Clerk', 'buergerservice,gewerbeamt', {created})");
            var tokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(LegacyToken)));
            await context.Database.ExecuteSqlAsync(
                $"INSERT INTO server_api_tokens (token_hash, user_name, label, created_at) VALUES ({tokenHash}, 'Özlem.Alt', 'Fachverfahren', {created})");
        }
        await database.DisposeAsync();

        await using (var server = new FolderServer(folder, settings))
        {
            // The old password of an existing name, typed in another case, logs in with the old roles and groups.
            var client = server.CreateClient(new() { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Redirect, (await AuthSteps.PostLoginAsync(client, "ÖZLEM.ALT", "alt-clerk-1")).StatusCode);
            var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
            Assert.Equal("Özlem.Alt", me.GetProperty("userName").GetString());
            Assert.Equal(["buergerservice", "gewerbeamt"], me.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));

            var machine = server.ApiClient(null);
            machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LegacyToken);
            var tokens = (await machine.GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray().Single();
            Assert.Equal("Fachverfahren", tokens.GetProperty("name").GetString());
            Assert.InRange(tokens.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromDays(89), TimeSpan.FromDays(91));

            var admin = server.CreateClient(new() { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Redirect, (await AuthSteps.PostLoginAsync(admin, "admin", "alt-admin-1")).StatusCode);
            var users = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).EnumerateArray().Select(u => u.GetProperty("userName").GetString()).ToList();
            Assert.Contains("Özlem.Alt", users);
            // The seeder saw users and added none; the old ones keep their passwords.
            Assert.DoesNotContain("leitung", users);
        }
        FolderServer.DeleteFolder(folder);
    }
}

/// <summary>On SQLite (the file the server uses in the folder).</summary>
public sealed class SqliteLegacyUsersMigrationTests : LegacyUsersMigrationTests
{
    protected override Task<(DatabaseOptions, IEnumerable<KeyValuePair<string, string?>>)> PrepareAsync(string folder) =>
        Task.FromResult<(DatabaseOptions, IEnumerable<KeyValuePair<string, string?>>)>(
            (DatabaseOptions.SqliteFile(Path.Combine(folder, "automation.db")), []));
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresLegacyUsersMigrationTests(PostgresServer postgres) : LegacyUsersMigrationTests
{
    protected override async Task<(DatabaseOptions, IEnumerable<KeyValuePair<string, string?>>)> PrepareAsync(string folder)
    {
        var connection = postgres.ConnectionString(await postgres.CreateDatabaseAsync("legacy_users"));
        return (new DatabaseOptions(DatabaseProvider.Postgres, connection),
            [new("Automation:Database:Provider", "Postgres"), new("Automation:Database:ConnectionString", connection)]);
    }
}
