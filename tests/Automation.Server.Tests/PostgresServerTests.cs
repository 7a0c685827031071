using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Data.Tests.Infrastructure;

namespace Automation.Server.Tests;

/// <summary>
/// The whole server with demo data on a private PostgreSQL database: the hand-written SQL of every slice (ledger,
/// dashboards, labour market, register, audit) runs on PostgreSQL's dialect, not only on SQLite's.
/// </summary>
public sealed class PostgresServerFactory : ServerFactory, IAsyncLifetime
{
    private readonly PostgresServer postgres = new();
    private string? connectionString;

    protected override bool SeedCases => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Automation:Database:Provider", "Postgres"),
        new("Automation:Database:ConnectionString", connectionString ?? throw new InvalidOperationException("PostgreSQL has not started.")),
    ];

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        connectionString = postgres.ConnectionString(await postgres.CreateDatabaseAsync("server"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await postgres.DisposeAsync();
    }
}

public sealed class PostgresServerTests(PostgresServerFactory factory) : IClassFixture<PostgresServerFactory>
{
    /// <summary>Read endpoints whose answer must be a 200 with data from the demo cases, not only "no server error".</summary>
    private static readonly string[] MustSucceed =
    [
        "/api/cases", "/api/tasks", "/api/definitions", "/api/factors", "/api/audit", "/api/audit/export.csv",
        "/api/ledger?by=total", "/api/ledger?by=case", "/api/ledger?by=definition", "/api/ledger?by=step",
        "/api/ledger?by=month", "/api/ledger?by=occupation", "/api/ledger/csv?by=step",
        "/api/labour/impact", "/api/labour/roles", "/api/labour/progress", "/api/labour/report", "/api/labour/report.xlsx", "/api/labour/stellen",
        "/api/dashboards/overview", "/api/dashboards/processes/wohngeldantrag", "/api/reports",
        "/transparenzregister/register.json", "/transparenzregister/register.csv", "/transparenzregister/aenderungen.atom",
        "/offene-daten/spalten.json",
    ];

    private static readonly string[] Pages =
    [
        "/", "/aufgaben", "/vorgaenge", "/prozesse", "/auswertung", "/auswertung/prozess/wohngeldantrag",
        "/auswertung/berichte", "/faktoren", "/jobcenter", "/jobcenter/bericht", "/jobcenter/stellen", "/simulation", "/transparenzregister",
        "/verwaltung/arbeitsmarkt", "/verwaltung/offene-daten", "/verwaltung/protokoll", "/verwaltung/tokens", "/verwaltung/benutzer",
        "/verwaltung/benutzer/leitung",
    ];

    [Fact]
    public async Task Every_read_endpoint_answers_on_postgresql_without_a_server_error()
    {
        var failures = new List<string>();
        foreach (var (method, path, _, allowed) in RoleMatrixTests.Endpoints)
        {
            if (method != "GET") continue;
            var user = allowed[0] == "anonymous" ? null : allowed[0];
            var response = await factory.ApiClient(user).GetAsync(path);
            if ((int)response.StatusCode >= 500) failures.Add($"{path} as {user ?? "anonymous"}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        foreach (var path in MustSucceed)
        {
            var response = await factory.ApiClient("admin").GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_page_renders_on_postgresql()
    {
        var admin = await factory.LoginAsync("admin", "admin-secret-1");
        var failures = new List<string>();
        foreach (var page in Pages)
        {
            var response = await admin.GetAsync(page);
            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{page}: {(int)response.StatusCode}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_demo_cases_are_priced_and_the_dashboard_counts_them()
    {
        var manager = factory.ApiClient("leitung");
        var overview = await manager.GetFromJsonAsync<JsonElement>("/api/dashboards/overview");
        Assert.True(overview.GetProperty("total").GetProperty("started").GetInt64() > 0, overview.GetRawText());
        var perCase = await manager.GetFromJsonAsync<JsonElement>("/api/ledger?by=case");
        Assert.True(perCase.GetProperty("rows").GetArrayLength() > 0, perCase.GetRawText());
    }

    [Fact]
    public async Task A_clerk_completes_a_task_and_the_case_advances_with_its_ledger_entry()
    {
        await TestBpmn.PublishAsync(factory.ApiClient("prozess"), TestBpmn.TwoTasks("pg_pruefung"));
        var clerk = factory.ApiClient("sachbearbeitung");
        var id = await TestBpmn.StartAsync(clerk, "pg_pruefung", "AZ-PG-1");
        var wait = await TestBpmn.FirstTaskAsync(clerk, id);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{id}/{wait}/claim", null)).StatusCode);
        var done = await clerk.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { betrag = 120, ok = true } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        var detail = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Contains("Task_Zwei", detail.GetProperty("activeNodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Task_Pruefen", detail.GetProperty("completedNodes").EnumerateArray().Select(e => e.GetString()));
        var ledger = await factory.ApiClient("leitung").GetFromJsonAsync<JsonElement>($"/api/ledger/cases/{id}");
        var entry = Assert.Single(ledger.GetProperty("entries").EnumerateArray());
        Assert.True(entry.GetProperty("standardMinutes").GetDouble() > 0);
    }

    [Fact]
    public async Task Logout_ends_a_copied_session_lockout_counts_and_a_revoked_token_stops_on_postgresql()
    {
        var (session, cookie) = await Auth.AuthSteps.LoginWithCookieAsync(factory, "prozess", "demo");
        var home = await session.GetStringAsync("/");
        await session.PostAsync("/abmelden", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(home) }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Auth.AuthSteps.WithCookie(factory, cookie).GetAsync("/api/me")).StatusCode);

        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var last = "";
        foreach (var spelling in new[] { "jobcenter", " JOBCENTER", "Jobcenter", "jobcenter\t", "JobCenter" })
        {
            last = await (await Auth.AuthSteps.PostLoginAsync(client, spelling, "falsch")).Content.ReadAsStringAsync();
        }
        Assert.Contains("vorübergehend gesperrt", last, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await factory.ApiClient("admin").PostAsync("/api/admin/users/jobcenter/unlock", null)).StatusCode);

        var created = await (await factory.ApiClient("admin").PostAsJsonAsync("/api/admin/tokens", new { user = "leitung", name = "pg" })).Content.ReadFromJsonAsync<JsonElement>();
        var machine = factory.ApiClient(null);
        machine.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await machine.DeleteAsync($"/api/tokens/{created.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/tokens")).StatusCode);
    }
}
