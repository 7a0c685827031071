using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Automation.Server.Tests.Upload;

namespace Automation.Server.Tests.Drafts;

/// <summary>
/// Drafts of the modeler as an adversary tries them: another process owner guesses the id and reads, overwrites, discards
/// or lists it; a browser session posts without the anti-forgery token; a body one byte over the upload limit; not XML.
/// </summary>
public sealed class DraftApiTests(SmallUploadServerFactory factory) : IClassFixture<SmallUploadServerFactory>
{
    private static string Diagram(string name, string padding = "") =>
        $"""<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="p" name="{name}"/><!--{padding}--></bpmn:definitions>""";

    private static StringContent Xml(string text) => new(text, Encoding.UTF8, "application/xml");

    private static async Task<long> CreateAsync(HttpClient client, string xml, string? processId = null)
    {
        var response = await client.PostAsync("/api/drafts" + (processId is null ? "" : "?processId=" + processId), Xml(xml));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Another_user_can_neither_read_overwrite_discard_nor_list_a_draft_by_its_id()
    {
        var owner = factory.ApiClient("prozess");
        var other = factory.ApiClient("admin");
        var id = await CreateAsync(owner, Diagram("Geheimer Entwurf"), "urlaubsantrag");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/drafts/{id}")).StatusCode);
        var overwrite = await other.PutAsync($"/api/drafts/{id}", Xml(Diagram("Übernommen")));
        Assert.Equal(HttpStatusCode.NotFound, overwrite.StatusCode);
        Assert.Equal("not-found", (await overwrite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/drafts/{id}")).StatusCode);
        var othersList = await other.GetFromJsonAsync<JsonElement>("/api/drafts");
        Assert.DoesNotContain(othersList.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);

        // Untouched for its owner, with the name and a de-DE time stamp.
        Assert.Contains("Geheimer Entwurf", await owner.GetStringAsync($"/api/drafts/{id}"), StringComparison.Ordinal);
        var mine = (await owner.GetFromJsonAsync<JsonElement>("/api/drafts?processId=urlaubsantrag")).EnumerateArray()
            .Single(d => d.GetProperty("id").GetInt64() == id);
        Assert.Equal("Geheimer Entwurf", mine.GetProperty("name").GetString());
        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr$", mine.GetProperty("savedAtText").GetString());

        // The owner overwrites and discards; afterwards the id is gone for the owner too.
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync($"/api/drafts/{id}", Xml(Diagram("Zweiter Stand")))).StatusCode);
        Assert.Contains("Zweiter Stand", await owner.GetStringAsync($"/api/drafts/{id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/drafts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/drafts/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_list_page_refuses_to_discard_another_users_draft()
    {
        var id = await CreateAsync(factory.ApiClient("prozess"), Diagram("Entwurf von Paula"));
        var admin = await factory.LoginAsync("admin", "admin-secret-1");
        var page = await admin.GetStringAsync("/entwuerfe");
        Assert.DoesNotContain("Entwurf von Paula", page, StringComparison.Ordinal);
        var response = await admin.PostAsync($"/entwuerfe?handler=Verwerfen&id={id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("prozess").GetAsync($"/api/drafts/{id}")).StatusCode);

        // The owner's own session without the form token discards nothing either.
        var paula = await factory.LoginAsync("prozess", "demo");
        Assert.Contains("Entwurf von Paula", await paula.GetStringAsync("/entwuerfe"), StringComparison.Ordinal);
        var forged = await paula.PostAsync($"/entwuerfe?handler=Verwerfen&id={id}", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("prozess").GetAsync($"/api/drafts/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_browser_session_needs_the_anti_forgery_token_to_save_or_discard()
    {
        var browser = await factory.LoginAsync("prozess", "demo");
        var before = (await factory.ApiClient("prozess").GetFromJsonAsync<JsonElement>("/api/drafts")).GetArrayLength();
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/api/drafts", Xml(Diagram("Ohne Token")))).StatusCode);
        Assert.Equal(before, (await factory.ApiClient("prozess").GetFromJsonAsync<JsonElement>("/api/drafts")).GetArrayLength());

        var id = await CreateAsync(factory.ApiClient("prozess"), Diagram("Mit Token gespeichert"));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.DeleteAsync($"/api/drafts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient("prozess").GetAsync($"/api/drafts/{id}")).StatusCode);

        var token = ServerFactory.AntiforgeryToken(await browser.GetStringAsync("/modeler"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/drafts") { Content = Xml(Diagram("Mit Token")) };
        request.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_draft_over_the_upload_limit_is_refused_and_nothing_is_written()
    {
        var owner = factory.ApiClient("prozess");
        var id = await CreateAsync(owner, Diagram("Kleiner Stand"));
        var atLimit = Diagram("Am Limit", "");
        atLimit = Diagram("Am Limit", new string('x', SmallUploadServerFactory.Limit - Encoding.UTF8.GetByteCount(atLimit)));
        Assert.Equal(SmallUploadServerFactory.Limit, Encoding.UTF8.GetByteCount(atLimit));
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync($"/api/drafts/{id}", Xml(atLimit))).StatusCode);

        var over = Diagram("Zu groß", new string('x', SmallUploadServerFactory.Limit));
        var put = await owner.PutAsync($"/api/drafts/{id}", Xml(over));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
        Assert.Contains("Am Limit", await owner.GetStringAsync($"/api/drafts/{id}"), StringComparison.Ordinal);
        var count = (await owner.GetFromJsonAsync<JsonElement>("/api/drafts")).GetArrayLength();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await owner.PostAsync("/api/drafts", Xml(over))).StatusCode);
        Assert.Equal(count, (await owner.GetFromJsonAsync<JsonElement>("/api/drafts")).GetArrayLength());
    }

    [Fact]
    public async Task A_draft_that_is_not_well_formed_xml_is_refused_with_line_and_code()
    {
        var response = await factory.ApiClient("prozess").PostAsync("/api/drafts", Xml("<bpmn:definitions>\n<bpmn:process>\n</bpmn:definitions>"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("draft-not-xml", problem.GetProperty("code").GetString());
        Assert.Contains("Zeile", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_has_no_drafts()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient("sachbearbeitung").PostAsync("/api/drafts", Xml(Diagram("Nein")))).StatusCode);
    }

    [Fact]
    public async Task Publishing_deletes_the_publishers_draft_on_the_server_but_never_another_users_nor_after_a_failed_publish()
    {
        var owner = factory.ApiClient("prozess");
        var other = factory.ApiClient("admin");
        var own = await CreateAsync(owner, Diagram("Mein Entwurf"), "draft-publish");
        var foreign = await CreateAsync(other, Diagram("Fremder Entwurf"), "draft-publish");

        // A definition with errors is not published, so the draft is still the only copy of the work.
        var failed = await owner.PostAsync($"/api/definitions?publish=true&fileName=p.bpmn&draftId={own}", Xml("<kaputt"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/drafts/{own}")).StatusCode);

        // Naming another user's draft publishes, but leaves that draft alone.
        var withForeign = await owner.PostAsync($"/api/definitions?publish=true&fileName=p.bpmn&draftId={foreign}", Xml(TestBpmn.TwoTasks("draft-publish")));
        Assert.Equal(HttpStatusCode.Created, withForeign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/drafts/{foreign}")).StatusCode);

        // Saving without publishing keeps the draft; publishing deletes it.
        var saved = await owner.PostAsync($"/api/definitions?fileName=p.bpmn&draftId={own}", Xml(TestBpmn.TwoTasks("draft-publish")));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/drafts/{own}")).StatusCode);
        var published = await owner.PostAsync($"/api/definitions?publish=true&fileName=p.bpmn&draftId={own}", Xml(TestBpmn.TwoTasks("draft-publish")));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/drafts/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/drafts/{foreign}")).StatusCode);
    }
}
