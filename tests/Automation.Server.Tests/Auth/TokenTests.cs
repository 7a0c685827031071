using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Auth;

/// <summary>API tokens have a name, an expiry and a last use; their owner and administrators list and revoke them.</summary>
public sealed class TokenTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private HttpClient Bearer(string token)
    {
        var client = factory.ApiClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<JsonElement> CreateAsync(string user, string name, int? days = null)
    {
        var response = await factory.ApiClient("admin").PostAsJsonAsync("/api/admin/tokens", new { user, name, expiresInDays = days });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_token_gets_the_default_expiry_cannot_outlive_the_maximum_and_records_its_last_use()
    {
        await AuthSteps.CreateUserAsync(factory, "fachverfahren1", "fachverfahren-1", "ProcessOwner");
        var created = await CreateAsync("fachverfahren1", "Meldewesen");
        var expires = created.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(89.9), TimeSpan.FromDays(90.1));

        var tooLong = await factory.ApiClient("admin").PostAsJsonAsync("/api/admin/tokens", new { user = "fachverfahren1", name = "ewig", expiresInDays = 366 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var problem = await tooLong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("expiresInDays", problem.GetProperty("field").GetString());
        Assert.Contains("365", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var machine = Bearer(created.GetProperty("token").GetString()!);
        var before = (await machine.GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray().Single();
        Assert.Equal("Meldewesen", before.GetProperty("name").GetString());
        // Listing used the token: its last use is recorded, never the token itself.
        var listed = await machine.GetStringAsync("/api/tokens");
        Assert.DoesNotContain(created.GetProperty("token").GetString()!, listed, StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, JsonDocument.Parse(listed).RootElement[0].GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_a_revoked_one_stops_at_the_next_request()
    {
        await AuthSteps.CreateUserAsync(factory, "fachverfahren2", "fachverfahren-2", "Admin");
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        string expired, valid;
        await using (var context = host.Database.CreateContext())
        {
            expired = ApiTokens.Add(context, "fachverfahren2", "abgelaufen", DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddSeconds(-1)).Token;
            valid = ApiTokens.Add(context, "fachverfahren2", "gültig", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5)).Token;
            await context.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(expired).GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(valid).GetAsync("/api/admin/users")).StatusCode);

        var mine = (await Bearer(valid).GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "abgelaufen");
        Assert.True(mine.GetProperty("expired").GetBoolean());

        var id = (await Bearer(valid).GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "gültig").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await Bearer(valid).DeleteAsync($"/api/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(valid).GetAsync("/api/me")).StatusCode);
        var revoked = (await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>("/api/audit?kind=api-token&entityId=fachverfahren2&action=revoke"))
            .EnumerateArray().Single();
        Assert.Equal("fachverfahren2", revoked.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task An_owner_lists_and_revokes_only_their_own_tokens_and_an_administrator_all()
    {
        await AuthSteps.CreateUserAsync(factory, "besitzerin", "besitzerin-1", "Clerk");
        await AuthSteps.CreateUserAsync(factory, "fremder", "fremder-1", "Clerk");
        var own = await CreateAsync("besitzerin", "eigenes");
        var foreign = await CreateAsync("fremder", "fremdes");
        var owner = Bearer(own.GetProperty("token").GetString()!);
        var foreignClient = Bearer(foreign.GetProperty("token").GetString()!);

        var listed = (await owner.GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray().ToList();
        Assert.All(listed, t => Assert.Equal("besitzerin", t.GetProperty("user").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync($"/api/tokens/{foreign.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await foreignClient.GetAsync("/api/me")).StatusCode);

        var all = (await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray().Select(t => t.GetProperty("user").GetString()).ToHashSet();
        Assert.Contains("besitzerin", all);
        Assert.Contains("fremder", all);
        Assert.Equal(HttpStatusCode.NoContent, (await factory.ApiClient("admin").DeleteAsync($"/api/tokens/{foreign.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await foreignClient.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task The_tokens_page_shows_a_clerk_their_tokens_lets_them_revoke_and_refuses_them_creation()
    {
        await AuthSteps.CreateUserAsync(factory, "seitenperson", "seitenperson-1", "Clerk");
        var created = await CreateAsync("seitenperson", "Seitentest");
        await CreateAsync("admin", "nicht-ihres");
        var clerk = await factory.LoginAsync("seitenperson", "seitenperson-1");
        var page = await clerk.GetStringAsync("/verwaltung/tokens");
        Assert.Contains("Seitentest", page, StringComparison.Ordinal);
        Assert.DoesNotContain("nicht-ihres", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Token erzeugen", page, StringComparison.Ordinal);

        var create = await clerk.PostAsync("/verwaltung/tokens?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin", ["Label"] = "Übernahme", ["Days"] = "30", ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page),
        }));
        Assert.NotEqual(HttpStatusCode.OK, create.StatusCode);
        Assert.DoesNotContain((await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray(),
            t => t.GetProperty("name").GetString() == "Übernahme");

        var revoke = await clerk.PostAsync("/verwaltung/tokens?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = created.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(created.GetProperty("token").GetString()!).GetAsync("/api/me")).StatusCode);
        Assert.Contains("widerrufen", await clerk.GetStringAsync("/verwaltung/tokens"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_creates_a_token_with_an_expiry_in_the_page_and_it_authenticates()
    {
        var admin = await factory.LoginAsync("admin", "admin-secret-1");
        var form = await admin.GetStringAsync("/verwaltung/tokens");
        var response = await admin.PostAsync("/verwaltung/tokens?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "leitung", ["Label"] = "Seitentoken", ["Days"] = "7", ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        }));
        // The page that shows the token once is never kept by a browser or proxy cache (the form's anti-forgery token sees to it).
        Assert.True(response.Headers.CacheControl?.NoStore);
        var html = await response.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "<code id=\"new-token\" class=\"token\">([^<]+)</code>").Groups[1].Value;
        Assert.StartsWith("amt_", token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(token).GetAsync("/api/tasks")).StatusCode);
        var listed = (await Bearer(token).GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Seitentoken");
        Assert.InRange(listed.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7.1));
    }
}
