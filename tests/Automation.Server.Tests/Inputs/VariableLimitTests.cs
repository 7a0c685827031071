using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Automation.Server.Tests.Inputs;

/// <summary>
/// Every path that brings variables into a case refuses more than the configured limit (1 MB by default) with 413,
/// the limit, a German detail and the code <c>variables-too-large</c>, and leaves nothing half-written.
/// </summary>
public sealed class VariableLimitTests(ServerFactory factory) : IClassFixture<ServerFactory>, IAsyncLifetime
{
    private const int Limit = 1024 * 1024;
    private static readonly string OverLimit = new('x', Limit + 1);

    public async Task InitializeAsync() => await TestBpmn.PublishAsync(factory.ApiClient("prozess"), TestBpmn.TwoTasks("grenze"));

    public Task DisposeAsync() => Task.CompletedTask;

    internal static async Task AssertTooLarge(HttpResponseMessage response, long limit)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("variables-too-large", problem.GetProperty("code").GetString());
        Assert.Equal(limit, problem.GetProperty("limit").GetInt64());
        Assert.Contains($"höchstens {limit.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("de-DE"))} Bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(Guid CaseId, long WaitId)> OpenTaskAsync(HttpClient clerk)
    {
        var caseId = await TestBpmn.StartAsync(clerk, "grenze");
        return (caseId, await TestBpmn.FirstTaskAsync(clerk, caseId));
    }

    [Fact]
    public async Task A_case_start_over_the_limit_is_413_and_starts_nothing()
    {
        var clerk = factory.ApiClient("sachbearbeitung");

        var response = await clerk.PostAsJsonAsync("/api/cases", new { processId = "grenze", businessKey = "AZ-GROSS", variables = new { text = OverLimit } });

        await AssertTooLarge(response, Limit);
        var cases = await clerk.GetFromJsonAsync<JsonElement>("/api/cases?businessKey=AZ-GROSS");
        Assert.Equal(0, cases.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_task_completion_over_the_limit_is_413_and_the_task_stays_open()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        var (caseId, waitId) = await OpenTaskAsync(clerk);

        var response = await clerk.PostAsJsonAsync($"/api/tasks/{caseId}/{waitId}/complete", new { values = new { betrag = 5, notiz = OverLimit } });

        await AssertTooLarge(response, Limit);
        var task = await clerk.GetFromJsonAsync<JsonElement>($"/api/tasks/{caseId}/{waitId}");
        Assert.Equal("open", task.GetProperty("task").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/api/signals")]
    public async Task Messages_and_signals_over_the_limit_are_413(string path)
    {
        var response = await factory.ApiClient("sachbearbeitung").PostAsJsonAsync(path, new { name = "Grenze", payload = new { text = OverLimit } });

        await AssertTooLarge(response, Limit);
    }

    [Fact]
    public async Task Sizes_count_utf8_bytes_of_the_values_not_characters_nor_escapes()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        // 600,000 umlauts are 1.2 MB in UTF-8: too large although fewer characters than the limit.
        await AssertTooLarge(await clerk.PostAsJsonAsync("/api/cases", new { processId = "grenze", variables = new { text = new string('ä', 600_000) } }), Limit);

        // 500,000 umlauts are 1 MB: allowed, although the request escapes each as \u00E4 and is 3 MB long.
        var body = JsonSerializer.Serialize(new { processId = "grenze", businessKey = "AZ-UMLAUT", variables = new { text = new string('ä', 500_000) } });
        Assert.True(body.Length > 3_000_000);
        var allowed = await clerk.PostAsync("/api/cases", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        var detail = await allowed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(500_000, detail.GetProperty("variables").GetProperty("text").GetString()!.Length);
    }

    [Fact]
    public async Task A_20_megabyte_body_is_refused_by_its_length_and_a_chunked_one_while_it_is_read()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        var twenty = "{\"processId\":\"grenze\",\"variables\":{\"text\":\"" + new string('x', 20 * 1024 * 1024) + "\"}}";

        await AssertTooLarge(await clerk.PostAsync("/api/cases", new StringContent(twenty, Encoding.UTF8, "application/json")), Limit);

        // Without a Content-Length the body is counted as it is read.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(twenty)));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await AssertTooLarge(await clerk.SendAsync(request), Limit);
    }

    [Fact]
    public async Task The_task_form_refuses_an_oversized_field_with_413_and_a_german_notice()
    {
        var api = factory.ApiClient("sachbearbeitung");
        var (caseId, waitId) = await OpenTaskAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/tasks/{caseId}/{waitId}/claim", null)).StatusCode);
        var browser = await factory.LoginAsync("sachbearbeitung", "demo");
        var page = await browser.GetStringAsync($"/aufgaben/{caseId}/{waitId}");

        var response = await browser.PostAsync($"/aufgaben/{caseId}/{waitId}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page), ["v.betrag"] = OverLimit, ["v.ok"] = "true",
        }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("erlaubt sind höchstens 1.048.576 Bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var task = await api.GetFromJsonAsync<JsonElement>($"/api/tasks/{caseId}/{waitId}");
        Assert.Equal("claimed", task.GetProperty("task").GetProperty("status").GetString());

        var huge = await browser.PostAsync($"/aufgaben/{caseId}/{waitId}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page), ["v.betrag"] = new string('x', 5 * Limit),
        }));
        await AssertTooLarge(huge, Limit);
    }
}

/// <summary>The limit is configuration: one setting moves it for every path.</summary>
public sealed class ConfiguredVariableLimitTests(ConfiguredVariableLimitTests.SmallLimitFactory factory) : IClassFixture<ConfiguredVariableLimitTests.SmallLimitFactory>
{
    /// <summary>The server with Automation:MaxVariableBytes = 2000.</summary>
    public sealed class SmallLimitFactory : ServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Automation:MaxVariableBytes", "2000")];
    }

    [Fact]
    public async Task A_configured_limit_applies_to_starts_and_messages()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        await TestBpmn.PublishAsync(factory.ApiClient("prozess"), TestBpmn.TwoTasks("klein"));

        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/cases", new { processId = "klein", variables = new { text = new string('x', 1500) } })).StatusCode);
        await VariableLimitTests.AssertTooLarge(await clerk.PostAsJsonAsync("/api/cases", new { processId = "klein", variables = new { text = new string('x', 3000) } }), 2000);
        await VariableLimitTests.AssertTooLarge(await clerk.PostAsJsonAsync("/api/messages", new { name = "x", payload = new { text = new string('x', 3000) } }), 2000);
    }
}
