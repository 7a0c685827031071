using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests.Auth;

/// <summary>/verwaltung/benutzer: administrators manage users in the browser; nobody else gets in; forms need the anti-forgery token.</summary>
public sealed class UserPagesTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static FormUrlEncodedContent Form(string page, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", ServerFactory.AntiforgeryToken(page))));

    [Fact]
    public async Task The_user_page_is_a_german_page_for_administrators_and_closed_to_everyone_else()
    {
        var admin = await factory.LoginAsync("admin", "admin-secret-1");
        var response = await admin.GetAsync("/verwaltung/benutzer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Personen und Rollen</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/verwaltung/benutzer/leitung\"", html, StringComparison.Ordinal);
        Assert.Contains("Lena Leitung", html, StringComparison.Ordinal);

        var clerk = await factory.LoginAsync("sachbearbeitung", "demo");
        var refused = await clerk.GetAsync("/verwaltung/benutzer");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/kein-zugriff", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await clerk.GetAsync("/verwaltung/benutzer/leitung")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.ApiClient(null).GetAsync("/verwaltung/benutzer")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_edits_deactivates_resets_and_deletes_a_user_in_the_pages()
    {
        var admin = await factory.LoginAsync("admin", "admin-secret-1");
        var list = await admin.GetStringAsync("/verwaltung/benutzer");
        var created = await admin.PostAsync("/verwaltung/benutzer", Form(list, ("NewUserName", " Seiten.Person "), ("NewDisplayName", "Selma Seite"),
            ("NewPassword", "seite-passwort-1"), ("NewRoles", "Clerk"), ("NewGroups", "buergerservice, Gewerbeamt")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("„seiten.person“ wurde angelegt", await admin.GetStringAsync("/verwaltung/benutzer"), StringComparison.Ordinal);
        var api = factory.ApiClient("admin");
        var user = await api.GetFromJsonAsync<JsonElement>("/api/admin/users/seiten.person");
        Assert.Equal(["buergerservice", "gewerbeamt"], user.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));

        var (_, cookie) = await AuthSteps.LoginWithCookieAsync(factory, "seiten.person", "seite-passwort-1");
        var edit = await admin.GetStringAsync("/verwaltung/benutzer/seiten.person");
        var saved = await admin.PostAsync("/verwaltung/benutzer/seiten.person?handler=Save", Form(edit, ("DisplayName", "Selma Seite"),
            ("Roles", "Clerk"), ("Roles", "Manager"), ("Groups", "buergerservice")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        user = await api.GetFromJsonAsync<JsonElement>("/api/admin/users/seiten.person");
        Assert.Equal(["Clerk", "Manager"], user.GetProperty("roles").EnumerateArray().Select(g => g.GetString()));
        // "Aktiv" was not ticked: the user is deactivated, and the session copied before is over.
        Assert.False(user.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthSteps.WithCookie(factory, cookie).GetAsync("/api/me")).StatusCode);

        edit = await admin.GetStringAsync("/verwaltung/benutzer/seiten.person");
        await admin.PostAsync("/verwaltung/benutzer/seiten.person?handler=Save", Form(edit, ("DisplayName", "Selma Seite"), ("Roles", "Clerk"), ("Active", "true")));
        var reset = await admin.PostAsync("/verwaltung/benutzer/seiten.person?handler=Password", Form(edit, ("NewPassword", "seite-passwort-2")));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var login = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await AuthSteps.PostLoginAsync(login, "seiten.person", "seite-passwort-2")).StatusCode);

        var tooShort = await admin.PostAsync("/verwaltung/benutzer/seiten.person?handler=Password", Form(edit, ("NewPassword", "kurz")));
        Assert.Contains("mindestens 8 Zeichen", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unconfirmed = await admin.PostAsync("/verwaltung/benutzer/seiten.person?handler=Delete", Form(edit));
        Assert.Contains("Bitte bestätigen Sie das Löschen.", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/users/seiten.person")).StatusCode);
        var deleted = await admin.PostAsync("/verwaltung/benutzer/seiten.person?handler=Delete", Form(edit, ("Confirm", "true")));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/admin/users/seiten.person")).StatusCode);
        var gone = await admin.GetAsync("/verwaltung/benutzer/seiten.person");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("<h1>Person nicht gefunden</h1>", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_user_name_is_refused_with_a_german_message_and_forms_without_the_antiforgery_token_are_rejected()
    {
        var admin = await factory.LoginAsync("admin", "admin-secret-1");
        var list = await admin.GetStringAsync("/verwaltung/benutzer");
        var bad = await admin.PostAsync("/verwaltung/benutzer", Form(list, ("NewUserName", "mit\nzeilenumbruch"), ("NewRoles", "Clerk")));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("keine Leer- oder Steuerzeichen", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await factory.ApiClient("admin").PostAsJsonAsync("/api/admin/users", new { userName = "mit\nzeilenumbruch", roles = new[] { "Clerk" } });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("userName", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        var forged = await admin.PostAsync("/verwaltung/benutzer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewUserName"] = "csrf-opfer", ["NewRoles"] = "Admin",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var forgedDelete = await admin.PostAsync("/verwaltung/benutzer/leitung?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["Confirm"] = "true" }));
        Assert.Equal(HttpStatusCode.BadRequest, forgedDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ApiClient("admin").GetAsync("/api/admin/users/csrf-opfer")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("admin").GetAsync("/api/admin/users/leitung")).StatusCode);
    }
}
