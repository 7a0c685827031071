using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Tasks;

/// <summary>
/// A Camunda 7 model on the server: camunda:candidateUsers admit exactly the named people besides the groups (inbox,
/// task, claim, complete — API and pages), the person starting a case is its camunda:initiator, and the task form shows
/// defaults and read-only fields whose value a hand-made post cannot change.
/// </summary>
public sealed partial class CamundaTaskAccessTests(ServerFactory factory) : IClassFixture<ServerFactory>, IAsyncLifetime
{
    private const string Password = "geheim-genug-1";
    private const string Group = "cam-gruppe";

    private static readonly (string Name, string[] Groups)[] People =
    [
        ("cam-bert", ["cam-andere"]),       // a candidate user, in none of the task's groups
        ("cam-anna", ["cam-andere"]),       // the model names "Cam-Anna": another spelling is another person
        ("cam-bert2", ["cam-andere"]),      // a longer name starting like a candidate
        ("cam-mitglied", [Group]),          // in the task's group
        ("cam-fremd", ["cam-andere"]),      // neither
        ("cam-clara", [Group]),             // starts cases through the page
    ];

    private const string Model = $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="Defs_cam" targetNamespace="urn:test">
          <bpmn:process id="cam-antrag" name="Camunda-Antrag" isExecutable="true">
            <bpmn:startEvent id="Start" camunda:initiator="starter" />
            <bpmn:userTask id="Pruefen" name="Antrag prüfen" camunda:candidateUsers="Cam-Anna, cam-bert" camunda:candidateGroups="{{Group}}">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="betrag" label="Betrag" type="long" defaultValue="${summe}" />
                  <camunda:formField id="eingang" label="Eingangsnummer" type="string" defaultValue="E-${summe}">
                    <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="Eigen" name="Eigene Aufgabe" camunda:assignee="${starter}" camunda:candidateGroups="{{Group}}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Pruefen" />
            <bpmn:sequenceFlow id="F2" sourceRef="Pruefen" targetRef="Eigen" />
            <bpmn:sequenceFlow id="F3" sourceRef="Eigen" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public async Task InitializeAsync()
    {
        var store = factory.Services.GetRequiredService<UserStore>();
        foreach (var (name, groups) in People) await store.SaveAsync(new ServerUser(name, name, [Roles.Clerk], groups), Password, CancellationToken.None);
        await TestBpmn.PublishAsync(factory.ApiClient("prozess"), Model);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Admin => factory.ApiClient("admin");

    private async Task<(Guid Id, long Wait)> StartAsync()
    {
        var id = await TestBpmn.StartAsync(Admin, "cam-antrag", "AZ-CAM-" + Guid.NewGuid().ToString("N")[..8], new { summe = 1250 });
        return (id, await TestBpmn.FirstTaskAsync(Admin, id));
    }

    private static async Task<bool> InboxHasAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Any(t => t.GetProperty("caseId").GetGuid() == id);

    [Fact]
    public async Task A_candidate_user_outside_the_groups_sees_claims_and_completes_the_task_over_the_api()
    {
        var (id, wait) = await StartAsync();
        var bert = factory.ApiClient("cam-bert");
        Assert.True(await InboxHasAsync(bert, id));
        Assert.Equal(HttpStatusCode.OK, (await bert.GetAsync($"/api/tasks/{id}/{wait}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bert.PostAsync($"/api/tasks/{id}/{wait}/claim", null)).StatusCode);
        var done = await bert.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { betrag = 1300 } });
        Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        var state = await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal(1300, state.GetProperty("variables").GetProperty("betrag").GetDouble());
    }

    [Fact]
    public async Task People_in_neither_the_groups_nor_the_candidates_and_near_misses_of_a_candidate_get_nothing()
    {
        var (id, wait) = await StartAsync();
        foreach (var name in new[] { "cam-fremd", "cam-anna", "cam-bert2" })
        {
            var api = factory.ApiClient(name);
            Assert.False(await InboxHasAsync(api, id), name);
            // They see neither the case nor the task: 404 everywhere, so the ids cannot be probed.
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/tasks/{id}/{wait}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/tasks/{id}/{wait}/claim", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { } })).StatusCode);

            var page = await factory.LoginAsync(name, Password);
            Assert.DoesNotContain(id.ToString(), await page.GetStringAsync("/aufgaben"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync($"/aufgaben/{id}/{wait}")).StatusCode);
            var token = ServerFactory.AntiforgeryToken(await page.GetStringAsync("/aufgaben"));
            foreach (var handler in new[] { "Claim", "Complete" })
            {
                var post = await page.PostAsync($"/aufgaben/{id}/{wait}?handler={handler}",
                    new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["v.betrag"] = "1" }));
                Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{name} {handler}: {post.StatusCode}");
            }
        }
        // Nothing changed: the task is open and unclaimed.
        var task = await Admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/{wait}");
        Assert.Equal("open", task.GetProperty("task").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_candidate_user_works_the_task_on_the_pages_and_the_form_shows_defaults_and_a_read_only_field()
    {
        var (id, wait) = await StartAsync();
        var bert = await factory.LoginAsync("cam-bert", Password);
        Assert.Contains($"/aufgaben/{id}/{wait}", await bert.GetStringAsync("/aufgaben"), StringComparison.Ordinal);
        var page = await bert.GetStringAsync($"/aufgaben/{id}/{wait}");
        var claimed = await bert.PostAsync($"/aufgaben/{id}/{wait}?handler=Claim",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page) }));
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);

        var form = await bert.GetStringAsync($"/aufgaben/{id}/{wait}");
        // The JUEL defaults are the initial values; the read-only field is shown but not editable.
        Assert.Matches(InputOf("betrag"), form);
        Assert.Equal("1250", Value(form, "betrag"));
        Assert.Equal("E-1250", Value(form, "eingang"));
        Assert.Contains("readonly", InputOf("eingang").Match(form).Value, StringComparison.Ordinal);
        Assert.DoesNotContain("readonly", InputOf("betrag").Match(form).Value, StringComparison.Ordinal);

        // A hand-made post changing the read-only field is refused with a German error naming it, and changes nothing.
        var forged = await bert.PostAsync($"/aufgaben/{id}/{wait}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form), ["v.betrag"] = "1250", ["v.eingang"] = "E-9999",
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Contains("„Eingangsnummer“ ist schreibgeschützt", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var api = factory.ApiClient("cam-bert");
        var forgedApi = await api.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { eingang = "E-9999" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forgedApi.StatusCode);
        var problem = await forgedApi.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("eingang", problem.GetProperty("field").GetString());
        Assert.Equal("claimed", (await Admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/{wait}")).GetProperty("task").GetProperty("status").GetString());

        // The form as shown (the read-only value sent back unchanged) completes; the read-only value is never written.
        var done = await bert.PostAsync($"/aufgaben/{id}/{wait}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form), ["v.betrag"] = "1250", ["v.eingang"] = "E-1250",
        }));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var variables = (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("variables");
        Assert.Equal(1250, variables.GetProperty("betrag").GetDouble());
        Assert.False(variables.TryGetProperty("eingang", out _));
    }

    [Fact]
    public async Task A_case_started_on_the_page_gives_the_starter_s_task_to_the_starter_only()
    {
        var clara = await factory.LoginAsync("cam-clara", Password);
        var form = await clara.GetStringAsync("/vorgaenge/neu?prozess=cam-antrag");
        var started = await clara.PostAsync("/vorgaenge/neu", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form), ["prozess"] = "cam-antrag", ["aktenzeichen"] = "AZ-CAM-START",
        }));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var id = Guid.Parse(CaseIdInLocation().Match(started.Headers.Location!.OriginalString).Groups[1].Value);
        Assert.Equal("cam-clara", (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("variables").GetProperty("starter").GetString());

        // Pruefen is done by a member of the group; Eigen then belongs to the starter.
        var member = factory.ApiClient("cam-mitglied");
        var pruefen = await TestBpmn.FirstTaskAsync(Admin, id);
        Assert.Equal(HttpStatusCode.OK, (await member.PostAsJsonAsync($"/api/tasks/{id}/{pruefen}/complete", new { values = new { } })).StatusCode);
        var eigen = await TestBpmn.FirstTaskAsync(Admin, id);
        var task = (await Admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/{eigen}")).GetProperty("task");
        Assert.Equal(("claimed", "cam-clara"), (task.GetProperty("status").GetString(), task.GetProperty("assignee").GetString()));
        Assert.True(await InboxHasAsync(factory.ApiClient("cam-clara"), id));
        // Another member of the same group does not get it, nor can they complete it.
        Assert.False(await InboxHasAsync(member, id));
        Assert.Equal(HttpStatusCode.Conflict, (await member.PostAsJsonAsync($"/api/tasks/{id}/{eigen}/complete", new { values = new { } })).StatusCode);
    }

    [Fact]
    public async Task A_case_started_over_the_api_has_the_token_s_person_as_initiator()
    {
        var id = await TestBpmn.StartAsync(factory.ApiClient("cam-clara"), "cam-antrag", "AZ-CAM-API");
        Assert.Equal("cam-clara", (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("variables").GetProperty("starter").GetString());
    }

    private static Regex InputOf(string field) => new($"<input[^>]*name=\"v\\.{field}\"[^>]*>");

    private static string Value(string html, string field) =>
        Regex.Match(InputOf(field).Match(html).Value, "value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("/vorgaenge/([0-9a-f-]{36})")]
    private static partial Regex CaseIdInLocation();
}
