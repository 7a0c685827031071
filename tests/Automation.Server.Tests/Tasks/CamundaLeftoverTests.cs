using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Tasks;

/// <summary>
/// Camunda 7 leftovers on the server (issue 19 item 4): reassignment offers and accepts a task's candidate users besides
/// its group's members and refuses anyone else; a signal start makes the sender the initiator; the start page shows
/// camunda:formField defaults and read-only fields whose value a hand-made post cannot change.
/// </summary>
public sealed partial class CamundaLeftoverTests(ServerFactory factory) : IClassFixture<ServerFactory>, IAsyncLifetime
{
    private const string Password = "geheim-genug-1";
    private const string Group = "cl-gruppe";
    private const string Signal = "cl Sperre aufgehoben";

    private static readonly (string Name, string Role, string[] Groups)[] People =
    [
        ("cl-leitung", Roles.Manager, [Group]),
        ("cl-mitglied", Roles.Clerk, [Group]),
        ("cl-kandidat", Roles.Clerk, ["cl-andere"]),   // a candidate user, in none of the task's groups
        ("cl-kandidat2", Roles.Clerk, ["cl-andere"]),  // a longer name starting like the candidate
        ("cl-fremd", Roles.Clerk, ["cl-andere"]),      // neither
    ];

    private const string Model = $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="Defs_cl" targetNamespace="urn:test">
          <bpmn:signal id="Sig" name="{{Signal}}" />
          <bpmn:process id="cl-antrag" name="Rest-Antrag" isExecutable="true">
            <bpmn:startEvent id="Start" camunda:initiator="starter">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="art" label="Antragsart" type="string" defaultValue="Neuantrag" />
                  <camunda:formField id="anzahl" label="Anzahl" type="long" defaultValue="3" />
                  <camunda:formField id="quelle" label="Eingangsweg" type="string" defaultValue="Schalter">
                    <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            <bpmn:userTask id="Pruefen" name="Antrag prüfen" camunda:candidateUsers="cl-kandidat" camunda:candidateGroups="{{Group}}" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Pruefen" />
            <bpmn:sequenceFlow id="F2" sourceRef="Pruefen" targetRef="End" />
          </bpmn:process>
          <bpmn:process id="cl-freigabe" name="Rest-Freigabe" isExecutable="true">
            <bpmn:startEvent id="SigStart" camunda:initiator="starter"><bpmn:signalEventDefinition signalRef="Sig" /></bpmn:startEvent>
            <bpmn:userTask id="Eigen" name="Eigene Aufgabe" camunda:assignee="${starter}" camunda:candidateGroups="{{Group}}" />
            <bpmn:endEvent id="End2" />
            <bpmn:sequenceFlow id="G1" sourceRef="SigStart" targetRef="Eigen" />
            <bpmn:sequenceFlow id="G2" sourceRef="Eigen" targetRef="End2" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public async Task InitializeAsync()
    {
        var store = factory.Services.GetRequiredService<UserStore>();
        foreach (var (name, role, groups) in People) await store.SaveAsync(new ServerUser(name, name, [role], groups), Password, CancellationToken.None);
        await TestBpmn.PublishAsync(factory.ApiClient("prozess"), Model);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Admin => factory.ApiClient("admin");

    private async Task<(Guid Id, long Wait)> StartAsync()
    {
        var id = await TestBpmn.StartAsync(Admin, "cl-antrag", "AZ-CL-" + Guid.NewGuid().ToString("N")[..8]);
        return (id, await TestBpmn.FirstTaskAsync(Admin, id));
    }

    private async Task<JsonElement> TaskAsync(Guid id, long wait) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/{wait}")).GetProperty("task");

    [Fact]
    public async Task The_leitung_is_offered_the_group_s_members_and_the_candidate_users_but_nobody_else()
    {
        var (id, wait) = await StartAsync();
        var lead = await factory.LoginAsync("cl-leitung", Password);
        var html = await lead.GetStringAsync($"/aufgaben/{id}/{wait}");
        var select = html[html.IndexOf("<select id=\"reassign-to\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        var offered = Options().Matches(select).Select(m => m.Groups[1].Value).Where(v => v.Length > 0).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["cl-kandidat", "cl-leitung", "cl-mitglied"], offered);
    }

    [Fact]
    public async Task A_candidate_user_can_be_given_the_task_and_then_works_it()
    {
        var (id, wait) = await StartAsync();
        var lead = factory.ApiClient("cl-leitung");
        var given = await lead.PostAsJsonAsync($"/api/tasks/{id}/{wait}/reassign", new { user = "cl-kandidat" });
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        var task = await TaskAsync(id, wait);
        Assert.Equal(("claimed", "cl-kandidat"), (task.GetProperty("status").GetString(), task.GetProperty("assignee").GetString()));

        var done = await factory.ApiClient("cl-kandidat").PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Theory]
    [InlineData("cl-fremd")]
    [InlineData("cl-kandidat2")]
    public async Task Someone_neither_in_the_group_nor_a_candidate_is_refused_and_nothing_changes(string outsider)
    {
        var (id, wait) = await StartAsync();
        var lead = factory.ApiClient("cl-leitung");
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsJsonAsync($"/api/tasks/{id}/{wait}/reassign", new { user = "cl-mitglied" })).StatusCode);

        var refused = await lead.PostAsJsonAsync($"/api/tasks/{id}/{wait}/reassign", new { user = outsider });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("user", problem.GetProperty("field").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(outsider, detail, StringComparison.Ordinal);
        Assert.Contains("keine der für sie vorgesehenen Personen (cl-kandidat)", detail, StringComparison.Ordinal);
        Assert.Equal("cl-mitglied", (await TaskAsync(id, wait)).GetProperty("assignee").GetString());
    }

    [Fact]
    public async Task A_signal_sent_over_the_api_makes_the_sender_the_initiator_of_the_case_it_starts()
    {
        var sent = await Admin.PostAsJsonAsync("/api/signals", new { name = Signal });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.True((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cases").GetInt32() >= 1);

        var cases = await Admin.GetFromJsonAsync<JsonElement>("/api/cases?processId=cl-freigabe");
        var id = Assert.Single(cases.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();
        var variables = (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("variables");
        Assert.Equal("admin", variables.GetProperty("starter").GetString());
    }

    [Fact]
    public async Task The_start_page_prefills_defaults_and_shows_the_read_only_field_as_such()
    {
        var member = await factory.LoginAsync("cl-mitglied", Password);
        var html = await member.GetStringAsync("/vorgaenge/neu?prozess=cl-antrag");
        Assert.Equal("Neuantrag", Value(html, "art"));
        Assert.Equal("3", Value(html, "anzahl"));
        Assert.Equal("Schalter", Value(html, "quelle"));
        Assert.Contains("readonly", InputOf("quelle").Match(html).Value, StringComparison.Ordinal);
        Assert.DoesNotContain("readonly", InputOf("art").Match(html).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_post_that_changes_a_read_only_field_is_refused_and_starts_nothing_the_default_is_kept()
    {
        var member = await factory.LoginAsync("cl-mitglied", Password);
        var key = "AZ-CL-RO-" + Guid.NewGuid().ToString("N")[..6];
        var form = await member.GetStringAsync("/vorgaenge/neu?prozess=cl-antrag");
        var forged = await member.PostAsync("/vorgaenge/neu", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form), ["prozess"] = "cl-antrag", ["aktenzeichen"] = key,
            ["v.art"] = "Neuantrag", ["v.anzahl"] = "3", ["v.quelle"] = "Online",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.Contains("schreibgeschützt", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var none = await Admin.GetFromJsonAsync<JsonElement>($"/api/cases?businessKey={key}");
        Assert.Empty(none.GetProperty("items").EnumerateArray());

        var started = await member.PostAsync("/vorgaenge/neu", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form), ["prozess"] = "cl-antrag", ["aktenzeichen"] = key,
            ["v.art"] = "Widerspruch", ["v.anzahl"] = "3", ["v.quelle"] = "Schalter",
        }));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var id = Guid.Parse(CaseIdInLocation().Match(started.Headers.Location!.OriginalString).Groups[1].Value);
        var variables = (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("variables");
        Assert.Equal("Widerspruch", variables.GetProperty("art").GetString());
        Assert.Equal("Schalter", variables.GetProperty("quelle").GetString());
        Assert.Equal("cl-mitglied", variables.GetProperty("starter").GetString());
    }

    [Fact]
    public async Task An_api_start_without_the_read_only_field_gets_its_default()
    {
        var (id, _) = await StartAsync();
        var variables = (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("variables");
        Assert.Equal("Schalter", variables.GetProperty("quelle").GetString());
        Assert.False(variables.TryGetProperty("art", out _));
    }

    private static Regex InputOf(string field) => new($"<input[^>]*name=\"v\\.{field}\"[^>]*>");

    private static string Value(string html, string field) =>
        Regex.Match(InputOf(field).Match(html).Value, "value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex Options();

    [GeneratedRegex("/vorgaenge/([0-9a-f-]{36})")]
    private static partial Regex CaseIdInLocation();
}
