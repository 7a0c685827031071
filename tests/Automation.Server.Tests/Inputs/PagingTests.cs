using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests.Inputs;

/// <summary>Page numbers and sizes out of range are a 400 naming the field; a huge page is never quietly page 1.</summary>
public sealed class PagingTests(ServerFactory factory) : IClassFixture<ServerFactory>, IAsyncLifetime
{
    /// <summary>Three cases of "seiten" (xunit runs this before every test, so only the first run starts them).</summary>
    public async Task InitializeAsync()
    {
        await TestBpmn.PublishAsync(factory.ApiClient("prozess"), TestBpmn.TwoTasks("seiten"));
        var clerk = factory.ApiClient("sachbearbeitung");
        var existing = (await clerk.GetFromJsonAsync<JsonElement>("/api/cases?processId=seiten")).GetProperty("total").GetInt32();
        for (var i = existing; i < 3; i++) await TestBpmn.StartAsync(clerk, "seiten", $"AZ-SEITE-{i}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("page=2147483647", "page")]
    [InlineData("page=42949673", "page")]
    [InlineData("page=99999999999999999999999", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=eins", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=2147483647", "pageSize")]
    [InlineData("pageSize=1.5", "pageSize")]
    public async Task Out_of_range_paging_is_400_naming_the_field(string query, string field)
    {
        var response = await factory.ApiClient("sachbearbeitung").GetAsync("/api/cases?processId=seiten&" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.StartsWith(field + " muss", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_largest_valid_page_and_a_page_past_the_end_are_empty_pages_not_page_one()
    {
        var client = factory.ApiClient("sachbearbeitung");

        var last = await client.GetFromJsonAsync<JsonElement>("/api/cases?processId=seiten&pageSize=2&page=1073741823");
        var past = await client.GetFromJsonAsync<JsonElement>("/api/cases?processId=seiten&pageSize=2&page=3");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/cases?processId=seiten&pageSize=2&page=2");

        Assert.Equal((1073741823, 0), (last.GetProperty("page").GetInt32(), last.GetProperty("items").GetArrayLength()));
        Assert.Equal((3, 0), (past.GetProperty("page").GetInt32(), past.GetProperty("items").GetArrayLength()));
        Assert.Equal((2, 1), (second.GetProperty("page").GetInt32(), second.GetProperty("items").GetArrayLength()));
    }

    [Fact]
    public async Task The_case_list_page_answers_a_huge_page_number_with_400_and_a_german_notice()
    {
        var browser = await factory.LoginAsync("sachbearbeitung", "demo");

        var huge = await browser.GetAsync("/vorgaenge?seite=2147483647");
        var valid = await browser.GetStringAsync("/vorgaenge?processId=seiten&seite=2");

        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("Diese Seite gibt es nicht: seite muss zwischen 1 und 85.899.345 liegen.", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("3 Vorgänge, Seite 2 von 1", valid, StringComparison.Ordinal);
    }
}
