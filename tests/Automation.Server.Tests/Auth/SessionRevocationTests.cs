using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Auth;

/// <summary>
/// An attacker holds a copy of a session cookie (or a token) and keeps using it after the person logged out, was
/// demoted, deactivated or deleted, or after the server restarted. Every such copy must stop working with the change.
/// </summary>
public sealed class SessionRevocationTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static async Task LogoutAsync(HttpClient client)
    {
        var home = await client.GetStringAsync("/");
        var response = await client.PostAsync("/abmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(home),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_cookie_captured_before_logout_is_refused_after_logout_and_after_a_restart_while_untouched_sessions_survive_the_restart()
    {
        var folder = FolderServer.NewFolder();
        string stolen, kept;
        await using (var server = new FolderServer(folder))
        {
            await AuthSteps.CreateUserAsync(server, "zweitadmin", "zweit-geheim-1", "Admin");
            var (victim, cookie) = await AuthSteps.LoginWithCookieAsync(server, "zweitadmin", "zweit-geheim-1");
            stolen = cookie;
            var copy = AuthSteps.WithCookie(server, stolen);
            Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/admin/users")).StatusCode);

            await LogoutAsync(victim);

            Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/admin/users")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync("/verwaltung/benutzer")).StatusCode);
            // A session begun after the logout is not touched by it, and survives the restart below.
            kept = (await AuthSteps.LoginWithCookieAsync(server, "zweitadmin", "zweit-geheim-1")).Cookie;
        }
        await using (var restarted = new FolderServer(folder))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AuthSteps.WithCookie(restarted, stolen).GetAsync("/api/admin/users")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await AuthSteps.WithCookie(restarted, kept).GetAsync("/api/admin/users")).StatusCode);
        }
        FolderServer.DeleteFolder(folder);
    }

    [Fact]
    public async Task A_demoted_admins_old_cookie_can_neither_read_nor_create_admins()
    {
        await AuthSteps.CreateUserAsync(factory, "befoerdert", "befoerdert-1", "Admin");
        var (session, cookie) = await AuthSteps.LoginWithCookieAsync(factory, "befoerdert", "befoerdert-1");
        var antiforgery = ServerFactory.AntiforgeryToken(await session.GetStringAsync("/verwaltung/benutzer"));

        var demoted = await factory.ApiClient("admin").PatchAsJsonAsync("/api/admin/users/befoerdert", new { roles = new[] { "Clerk" } });
        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);

        var old = AuthSteps.WithCookie(factory, cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/admin/users")).StatusCode);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/admin/users")
        {
            Content = JsonContent.Create(new { userName = "hintertuer", password = "hintertuer-1", roles = new[] { "Admin" } }),
        };
        create.Headers.Add("RequestVerificationToken", antiforgery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.SendAsync(create)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ApiClient("admin").GetAsync("/api/admin/users/hintertuer")).StatusCode);

        // Logging in again gives the roles the table holds now.
        var (again, _) = await AuthSteps.LoginWithCookieAsync(factory, "befoerdert", "befoerdert-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(["Clerk"], (await again.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_deactivated_users_cookie_token_and_password_are_refused_and_reactivation_does_not_revive_the_cookie()
    {
        await AuthSteps.CreateUserAsync(factory, "deaktiviert", "deaktiviert-1", "Clerk");
        var (_, cookie) = await AuthSteps.LoginWithCookieAsync(factory, "deaktiviert", "deaktiviert-1");
        var token = factory.ApiClient("deaktiviert");
        Assert.Equal(HttpStatusCode.OK, (await AuthSteps.WithCookie(factory, cookie).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/me")).StatusCode);

        var admin = factory.ApiClient("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync("/api/admin/users/deaktiviert", new { active = false })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthSteps.WithCookie(factory, cookie).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/me")).StatusCode);
        var login = await AuthSteps.PostLoginAsync(factory.CreateClient(new() { AllowAutoRedirect = false }), "deaktiviert", "deaktiviert-1");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Benutzername oder Passwort ist falsch.", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync("/api/admin/users/deaktiviert", new { active = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthSteps.WithCookie(factory, cookie).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_user_keeps_its_audit_history_and_a_new_user_of_the_same_name_does_not_inherit_its_cookie_or_token()
    {
        await AuthSteps.CreateUserAsync(factory, "geloescht", "geloescht-1", "Manager");
        var (_, cookie) = await AuthSteps.LoginWithCookieAsync(factory, "geloescht", "geloescht-1");
        var token = factory.ApiClient("geloescht");
        var admin = factory.ApiClient("admin");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/admin/users/geloescht")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/users/geloescht")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthSteps.WithCookie(factory, cookie).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/me")).StatusCode);

        await AuthSteps.CreateUserAsync(factory, "geloescht", "anderes-passwort-1", "Admin");
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthSteps.WithCookie(factory, cookie).GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/admin/users")).StatusCode);

        var history = await admin.GetFromJsonAsync<JsonElement>("/api/audit?kind=user&entityId=geloescht");
        Assert.Equal(["create", "delete", "create"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Reverse());
        var page = await (await factory.LoginAsync("admin", "admin-secret-1")).GetStringAsync("/verwaltung/protokoll?kind=user&entityId=geloescht");
        // The page names the action in German; the API above keeps the code.
        Assert.Contains("<td>gelöscht</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_change_ends_every_session_and_only_the_new_password_works()
    {
        await AuthSteps.CreateUserAsync(factory, "passwortwechsel", "altes-passwort-1", "Clerk");
        var (_, first) = await AuthSteps.LoginWithCookieAsync(factory, "passwortwechsel", "altes-passwort-1");
        var (_, second) = await AuthSteps.LoginWithCookieAsync(factory, "passwortwechsel", "altes-passwort-1");

        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("admin").PatchAsJsonAsync("/api/admin/users/passwortwechsel",
            new { password = "neues-passwort-1" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthSteps.WithCookie(factory, first).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthSteps.WithCookie(factory, second).GetAsync("/api/me")).StatusCode);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await AuthSteps.PostLoginAsync(client, "passwortwechsel", "altes-passwort-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AuthSteps.PostLoginAsync(client, "passwortwechsel", "neues-passwort-1")).StatusCode);
    }

    [Fact]
    public async Task Passwords_are_stored_as_salted_pbkdf2_hashes_so_two_users_with_one_password_share_no_stored_value()
    {
        await AuthSteps.CreateUserAsync(factory, "hash-eins", "gleiches-passwort-1", "Clerk");
        await AuthSteps.CreateUserAsync(factory, "hash-zwei", "gleiches-passwort-1", "Clerk");
        using var context = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext();
        var hashes = context.Users.Where(u => u.UserName == "hash-eins" || u.UserName == "hash-zwei").Select(u => u.PasswordHash!).ToList();

        Assert.Equal(2, hashes.Count);
        Assert.NotEqual(hashes[0], hashes[1]);
        foreach (var hash in hashes)
        {
            Assert.DoesNotContain("gleiches-passwort-1", hash, StringComparison.Ordinal);
            var bytes = Convert.FromBase64String(hash);
            // ASP.NET Core Identity's V3 format: marker 0x01, PRF (2 = HMAC-SHA512), iteration count, salt length, salt, subkey.
            Assert.Equal(0x01, bytes[0]);
            var iterations = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
            Assert.True(iterations >= 100_000, $"{iterations} iterations");
            Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9, 4)) >= 16, "salt of at least 128 bits");
        }
    }

    [Fact]
    public async Task A_partial_update_without_password_keeps_the_password_and_every_other_field_and_the_audit_says_so()
    {
        var admin = factory.ApiClient("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "teilweise", displayName = "Tea Teil", password = "teil-passwort-1", roles = new[] { "Clerk" }, groups = new[] { "gewerbeamt" },
        })).StatusCode);
        var (_, cookie) = await AuthSteps.LoginWithCookieAsync(factory, "teilweise", "teil-passwort-1");

        var patched = await admin.PatchAsJsonAsync("/api/admin/users/teilweise", new { displayName = "Tea Teilweise" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var user = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Tea Teilweise", user.GetProperty("displayName").GetString());
        Assert.Equal(["Clerk"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["gewerbeamt"], user.GetProperty("groups").EnumerateArray().Select(r => r.GetString()));
        Assert.True(user.GetProperty("hasPassword").GetBoolean());
        // The old password still logs in, and a change of the shown name alone ends no session.
        Assert.Equal(HttpStatusCode.Redirect, (await AuthSteps.PostLoginAsync(factory.CreateClient(new() { AllowAutoRedirect = false }), "teilweise", "teil-passwort-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AuthSteps.WithCookie(factory, cookie).GetAsync("/api/me")).StatusCode);

        await admin.PatchAsJsonAsync("/api/admin/users/teilweise", new { password = "teil-passwort-2" });
        var updates = (await admin.GetFromJsonAsync<JsonElement>("/api/audit?kind=user&entityId=teilweise&action=update")).EnumerateArray()
            .Select(e => JsonDocument.Parse(e.GetProperty("after").GetString()!).RootElement).Reverse().ToList();
        Assert.False(updates[0].GetProperty("passwordChanged").GetBoolean());
        Assert.True(updates[1].GetProperty("passwordChanged").GetBoolean());
        Assert.All(updates, u => Assert.DoesNotContain("teil-passwort", u.GetRawText(), StringComparison.Ordinal));

        // Creating again under the same name (in any spelling) does not silently replace the user.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/admin/users", new { userName = " TEILWEISE ", roles = new[] { "Admin" } })).StatusCode);
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_demoted_deactivated_or_deleted_and_nobody_deletes_themselves()
    {
        var folder = FolderServer.NewFolder();
        await using (var server = new FolderServer(folder, [new("Automation:Demo:Seed", "false")]))
        {
            var admin = server.ApiClient("admin");
            var demote = await admin.PatchAsJsonAsync("/api/admin/users/admin", new { roles = new[] { "Clerk" } });
            Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
            Assert.Contains("Administration muss bleiben", await demote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PatchAsJsonAsync("/api/admin/users/admin", new { active = false })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync("/api/admin/users/admin")).StatusCode);
            Assert.Equal(["Admin"], (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users/admin")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }
        FolderServer.DeleteFolder(folder);
    }
}
