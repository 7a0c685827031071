using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests;

public sealed class AuthAndPageTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Theory]
    [InlineData("/aufgaben")]
    [InlineData("/vorgaenge")]
    [InlineData("/prozesse")]
    [InlineData("/modeler")]
    [InlineData("/")]
    public async Task Pages_without_session_redirect_to_login(string page)
    {
        var response = await factory.ApiClient(null).GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_or_forged_session_cookie_redirects_to_login()
    {
        var client = factory.ApiClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/aufgaben");
        request.Headers.Add("Cookie", "am.session=CfDJ8-abgelaufen-oder-gefaelscht");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_without_auth_is_401_not_a_redirect_and_bad_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(null).GetAsync("/api/tasks")).StatusCode);
        var client = factory.ApiClient(null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "amt_falsch");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Login_page_works_wrong_role_page_is_403_and_logout_ends_the_session()
    {
        var clerk = await factory.LoginAsync("sachbearbeitung", "demo");
        var inbox = await clerk.GetAsync("/aufgaben");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Contains("<h1>Aufgaben</h1>", await inbox.Content.ReadAsStringAsync());

        var modeler = await clerk.GetAsync("/modeler");
        Assert.Equal(HttpStatusCode.Redirect, modeler.StatusCode);
        Assert.StartsWith("/kein-zugriff", modeler.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // A cookie session calling the API must send the anti-forgery header on writes.
        var noToken = await clerk.PostAsJsonAsync("/api/messages", new { name = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var home = await clerk.GetStringAsync("/");
        var logout = await clerk.PostAsync("/abmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(home),
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await clerk.GetAsync("/aufgaben")).StatusCode);
    }

    [Fact]
    public async Task Login_form_without_antiforgery_token_is_rejected()
    {
        var client = factory.ApiClient(null);
        var response = await client.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin", ["Password"] = "admin-secret-1",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sixth_login_attempt_within_a_minute_is_429()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var form = await client.GetStringAsync("/anmelden");
            var response = await client.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "leitung", ["Password"] = "falsch", ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
            }));
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }

    [Fact]
    public async Task Security_headers_are_set()
    {
        var response = await factory.ApiClient(null).GetAsync("/anmelden");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Markup_in_a_definition_name_is_shown_encoded()
    {
        var published = await TestBpmn.PublishAsync(factory.ApiClient("prozess"), TestBpmn.TwoTasks("markup", "<script>alert('x')</script><b>fett</b>"));
        var owner = await factory.LoginAsync("prozess", "demo");
        var html = await owner.GetStringAsync("/prozesse");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>fett</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        // The source page is headed by the process's name (encoded), not by its id.
        var source = await owner.GetStringAsync($"/prozesse/quelle/{published.GetProperty("versions")[0].GetProperty("id").GetInt64()}");
        Assert.Matches("<h1>Quelltext von &lt;script&gt;.*&lt;b&gt;fett&lt;/b&gt;, Version 1</h1>", source);
        Assert.DoesNotContain("Quelltext von markup", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_creates_a_user_and_a_token_that_works_and_is_stored_hashed()
    {
        var admin = factory.ApiClient("admin");
        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "fachverfahren", displayName = "Fachverfahren Meldewesen", roles = new[] { "ProcessOwner" }, groups = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var token = (await (await admin.PostAsJsonAsync("/api/admin/tokens", new { user = "fachverfahren", label = "Test" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var machine = factory.ApiClient(null);
        machine.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var me = await machine.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("fachverfahren", me.GetProperty("userName").GetString());

        var users = await admin.GetStringAsync("/api/admin/users");
        Assert.DoesNotContain("AQAAAA", users, StringComparison.Ordinal); // no PBKDF2 hash leaks into the list
    }

    [Fact]
    public async Task OpenApi_document_is_3_1_and_the_docs_ui_is_served()
    {
        var admin = factory.ApiClient("admin");
        var doc = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        Assert.StartsWith("3.1", doc.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var ui = await admin.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }
}
