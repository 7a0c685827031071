using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Data.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Inputs;

/// <summary>A clock the test moves forward.</summary>
public sealed class MovableTime : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));
}

/// <summary>The server on SQLite with a clock the test can move.</summary>
public sealed class ClockServerFactory : ServerFactory
{
    public MovableTime Clock { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Helpers shared by the SQLite and the two-node PostgreSQL tests.</summary>
internal static class Keyed
{
    public static async Task<HttpResponseMessage> StartAsync(HttpClient client, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    public static async Task<Guid> CaseIdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    public static async Task<int> CasesWithKeyAsync(HttpClient client, string businessKey) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/cases?businessKey={businessKey}")).GetProperty("total").GetInt32();

    /// <summary>Sends the same keyed start many times at once; returns the answers.</summary>
    public static async Task<HttpResponseMessage[]> RaceAsync(IReadOnlyList<HttpClient> clients, int requests, string key, object body)
    {
        using var gate = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, requests).Select(async i =>
        {
            await gate.WaitAsync();
            return await StartAsync(clients[i % clients.Count], key, body);
        }).ToList();
        gate.Release(requests);
        return await Task.WhenAll(tasks);
    }

    public static async Task AssertOneCaseAsync(HttpResponseMessage[] answers, HttpClient reader, string businessKey)
    {
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)a.StatusCode} {a.Content.ReadAsStringAsync().Result}"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var ids = new HashSet<Guid>();
        foreach (var answer in answers) ids.Add(await CaseIdAsync(answer));
        Assert.Single(ids);
        Assert.Equal(1, await CasesWithKeyAsync(reader, businessKey));
    }
}

/// <summary>Idempotency-Key on case start, on SQLite.</summary>
public sealed class IdempotencyTests(ClockServerFactory factory) : IClassFixture<ClockServerFactory>, IAsyncLifetime
{
    public async Task InitializeAsync() => await TestBpmn.PublishAsync(factory.ApiClient("prozess"), TestBpmn.TwoTasks("einmal"));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_retried_start_with_the_same_key_answers_200_with_the_original_case()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        var body = new { processId = "einmal", businessKey = "AZ-IDEM-1", variables = new { betrag = 5 } };

        var first = await Keyed.StartAsync(clerk, "retry-1", body);
        var second = await Keyed.StartAsync(clerk, "retry-1", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        var id = await Keyed.CaseIdAsync(first);
        Assert.Equal(id, await Keyed.CaseIdAsync(second));
        Assert.Equal($"/api/cases/{id}", second.Headers.Location?.OriginalString);
        Assert.Equal(1, await Keyed.CasesWithKeyAsync(clerk, "AZ-IDEM-1"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_starts_nothing()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        Assert.Equal(HttpStatusCode.Created, (await Keyed.StartAsync(clerk, "reuse-1", new { processId = "einmal", businessKey = "AZ-IDEM-2" })).StatusCode);

        var other = await Keyed.StartAsync(clerk, "reuse-1", new { processId = "einmal", businessKey = "AZ-IDEM-2-ANDERS" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("idempotency-key-reused", "Idempotency-Key"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Equal(0, await Keyed.CasesWithKeyAsync(clerk, "AZ-IDEM-2-ANDERS"));
    }

    [Fact]
    public async Task Twelve_simultaneous_retries_start_one_case()
    {
        var clients = new[] { factory.ApiClient("sachbearbeitung"), factory.ApiClient("sachbearbeitung") };

        var answers = await Keyed.RaceAsync(clients, 12, "race-1", new { processId = "einmal", businessKey = "AZ-IDEM-RACE" });

        await Keyed.AssertOneCaseAsync(answers, clients[0], "AZ-IDEM-RACE");
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var body = new { processId = "einmal", businessKey = "AZ-IDEM-3" };

        var clerk = await Keyed.StartAsync(factory.ApiClient("sachbearbeitung"), "shared-key", body);
        var owner = await Keyed.StartAsync(factory.ApiClient("prozess"), "shared-key", body);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (clerk.StatusCode, owner.StatusCode));
        Assert.NotEqual(await Keyed.CaseIdAsync(clerk), await Keyed.CaseIdAsync(owner));
    }

    [Fact]
    public async Task A_key_is_forgotten_after_the_configured_time()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        Assert.Equal(HttpStatusCode.Created, (await Keyed.StartAsync(clerk, "expiring", new { processId = "einmal", businessKey = "AZ-IDEM-4" })).StatusCode);
        factory.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Keyed.StartAsync(clerk, "expiring", new { processId = "einmal", businessKey = "AZ-IDEM-5" })).StatusCode);

        factory.Clock.Advance(TimeSpan.FromHours(2));
        var renewed = await Keyed.StartAsync(clerk, "expiring", new { processId = "einmal", businessKey = "AZ-IDEM-5" });

        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        Assert.Equal(1, await Keyed.CasesWithKeyAsync(clerk, "AZ-IDEM-5"));
    }

    [Theory]
    [InlineData("mit leerzeichen")]
    [InlineData("schlüssel")]
    public async Task A_malformed_key_is_400_naming_the_header(string key)
    {
        var response = await Keyed.StartAsync(factory.ApiClient("sachbearbeitung"), key, new { processId = "einmal" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Idempotency-Key", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_400()
    {
        var response = await Keyed.StartAsync(factory.ApiClient("sachbearbeitung"), new string('k', 256), new { processId = "einmal" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_start_that_failed_keeps_its_key_so_a_changed_request_cannot_start_a_second_case()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        Assert.Equal(HttpStatusCode.NotFound, (await Keyed.StartAsync(clerk, "failed-1", new { processId = "gibtsnicht" })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await Keyed.StartAsync(clerk, "failed-1", new { processId = "gibtsnicht" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Keyed.StartAsync(clerk, "failed-1", new { processId = "einmal" })).StatusCode);
    }
}

/// <summary>Two server nodes on one PostgreSQL database.</summary>
public sealed class TwoPostgresNodes : IAsyncLifetime
{
    private readonly PostgresServer postgres = new();

    public Node A { get; private set; } = null!;

    public Node B { get; private set; } = null!;

    /// <summary>One node: the server on the shared database.</summary>
    public sealed class Node(string connectionString) : ServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Automation:Database:Provider", "Postgres"), new("Automation:Database:ConnectionString", connectionString)];
    }

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        var connectionString = postgres.ConnectionString(await postgres.CreateDatabaseAsync("idem"));
        A = new Node(connectionString);
        _ = A.Server;
        B = new Node(connectionString);
        _ = B.Server;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await postgres.DisposeAsync();
    }
}

/// <summary>Idempotency-Key across two nodes: the database, not a node's memory, decides.</summary>
public sealed class PostgresIdempotencyTests(TwoPostgresNodes nodes) : IClassFixture<TwoPostgresNodes>
{
    [Fact]
    public async Task Simultaneous_retries_on_two_nodes_start_one_case()
    {
        await TestBpmn.PublishAsync(nodes.A.ApiClient("prozess"), TestBpmn.TwoTasks("zweiknoten"));
        var clients = new[] { nodes.A.ApiClient("sachbearbeitung"), nodes.B.ApiClient("sachbearbeitung") };

        var answers = await Keyed.RaceAsync(clients, 16, "two-nodes-1", new { processId = "zweiknoten", businessKey = "AZ-ZWEI-1" });

        await Keyed.AssertOneCaseAsync(answers, clients[1], "AZ-ZWEI-1");
        var reused = await Keyed.StartAsync(clients[1], "two-nodes-1", new { processId = "zweiknoten", businessKey = "AZ-ZWEI-2" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
    }
}
