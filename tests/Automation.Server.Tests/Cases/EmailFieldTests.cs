using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Cases;

/// <summary>The server with the e-mail form published and one clerk logged in once (logins are rate limited).</summary>
public sealed class EmailFieldServerFactory : ServerFactory
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private HttpClient? clerk;

    /// <summary>Publishes the model, adds the clerk and logs them in, once per server.</summary>
    public async Task<HttpClient> ClerkAsync(string model, string user, string group, string password)
    {
        await gate.WaitAsync();
        try
        {
            if (clerk is not null) return clerk;
            await Services.GetRequiredService<UserStore>().SaveAsync(new ServerUser(user, "Clara Mail", [Roles.Clerk], [group]), password, CancellationToken.None);
            await TestBpmn.PublishAsync(ApiClient("prozess"), model);
            return clerk = await LoginAsync(user, password);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            clerk?.Dispose();
            gate.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// Form fields of type email on the start form and a task form, through the pages and the API: rendered as an e-mail
/// input, every malformed address (header injection included) refused with a German error naming the field, the typed
/// value kept, nothing stored; the API answers Problem Details with the code invalid-email and the field.
/// </summary>
public sealed class EmailFieldTests(EmailFieldServerFactory factory) : IClassFixture<EmailFieldServerFactory>, IAsyncLifetime
{
    private const string Process = "mailformular", Group = "mail-gruppe", Clerk = "mail-clara", Password = "geheim-mail-1";
    private const string StartLabel = "E-Mail für Rückfragen", TaskLabel = "Weiterleiten an";

    private const string Model = $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs_mail" targetNamespace="urn:test">
          <bpmn:process id="{{Process}}" name="Antrag mit E-Mail" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:extensionElements>
              <am:field id="kontakt" label="{{StartLabel}}" type="email" required="true"/>
            </bpmn:extensionElements></bpmn:startEvent>
            <bpmn:userTask id="Task_Weiterleiten" name="Weiterleiten">
              <bpmn:extensionElements><am:role name="{{Group}}"/><am:field id="weiterleitung" label="{{TaskLabel}}" type="email" required="true"/></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Weiterleiten"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Weiterleiten" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private HttpClient clerk = null!;

    public async Task InitializeAsync() => clerk = await factory.ClerkAsync(Model, Clerk, Group, Password);

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Admin => factory.ApiClient("admin");

    private async Task<int> CasesAsync() =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/api/cases?processId={Process}")).GetProperty("total").GetInt32();

    /// <summary>What a person could type (or a hand-made post could send) that is no single deliverable address.</summary>
    public static TheoryData<string> Malformed => new()
    {
        "a@b",                                   // no dot in the domain
        "a b@c.de",                              // a space
        "a@@c.de",                               // two @
        "a@c@d.de",
        "keine-adresse",
        new string('a', 300) + "@c.de",          // longer than SMTP carries
        "x@y.de\r\nBcc: z@w.de",                 // header injection
        "x@y.de\n",                              // a trailing line break is not trimmed away
        "Erika <erika@stadt.de>",                // a display name is not an address
        ".erika@stadt.de",
        "erika..m@stadt.de",
        "erika@stadt..de",
        "erika@-stadt.de",
        "erika@stadt.de.",
        "jürgen@stadt.de",                       // non-ASCII local part: needs SMTPUTF8, which not every server has
    };

    [Fact]
    public async Task The_start_form_shows_an_email_input_with_its_german_label()
    {
        var html = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/neu?prozess={Process}"));
        Assert.Contains("<label for=\"v_kontakt\">" + StartLabel, html, StringComparison.Ordinal);
        var input = Regex.Match(html, "<input [^>]*id=\"v_kontakt\"[^>]*>").Value;
        Assert.Contains("type=\"email\"", input, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"email\"", input, StringComparison.Ordinal);
        Assert.Contains("required", input, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_address_on_the_start_page_is_refused_naming_the_field_keeping_the_value_and_starts_nothing(string address)
    {
        var before = await CasesAsync();
        var page = await clerk.GetStringAsync($"/vorgaenge/neu?prozess={Process}");
        var response = await clerk.PostAsync($"/vorgaenge/neu?prozess={Process}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page), ["prozess"] = Process, ["aktenzeichen"] = "AZ-MAIL-1",
            ["v.kontakt"] = address,
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<p class=\"field-error\" id=\"v_kontakt_fehler\">„{StartLabel}“ muss eine gültige E-Mail-Adresse sein", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{address}\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await CasesAsync());
    }

    [Fact]
    public async Task An_empty_required_email_field_is_a_missing_field()
    {
        var before = await CasesAsync();
        var response = await Admin.PostAsJsonAsync("/api/cases", new { processId = Process, variables = new { kontakt = "" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("kontakt", problem.GetProperty("field").GetString());
        Assert.Equal($"„{StartLabel}“ ist ein Pflichtfeld.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await CasesAsync());
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task The_api_refuses_a_malformed_start_address_with_problem_details_naming_the_field(string address)
    {
        var before = await CasesAsync();
        var response = await Admin.PostAsJsonAsync("/api/cases", new { processId = Process, variables = new { kontakt = address } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-email", problem.GetProperty("code").GetString());
        Assert.Equal("kontakt", problem.GetProperty("field").GetString());
        Assert.StartsWith($"„{StartLabel}“ muss eine gültige E-Mail-Adresse sein", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CasesAsync());
    }

    [Fact]
    public async Task A_task_refuses_a_malformed_address_by_api_and_page_stores_nothing_and_takes_an_umlaut_domain()
    {
        var id = await TestBpmn.StartAsync(Admin, Process, "AZ-MAIL-TASK", new { kontakt = "erika@buerger.example" });
        var wait = await TestBpmn.FirstTaskAsync(Admin, id);

        var api = await Admin.PostAsJsonAsync($"/api/tasks/{id}/{wait}/complete", new { values = new { weiterleitung = "x@y.de\r\nBcc: z@w.de" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-email", problem.GetProperty("code").GetString());
        Assert.Equal("weiterleitung", problem.GetProperty("field").GetString());

        var page = await clerk.GetStringAsync($"/aufgaben/{id}/{wait}");
        var claimed = await clerk.PostAsync($"/aufgaben/{id}/{wait}?handler=Claim",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(page) }));
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        var form = await clerk.GetStringAsync($"/aufgaben/{id}/{wait}");
        Assert.Matches("<input type=\"email\" autocomplete=\"email\" id=\"v_weiterleitung\"", form);

        var refused = await clerk.PostAsync($"/aufgaben/{id}/{wait}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form), ["v.weiterleitung"] = "a@@c.de",
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains($"„{TaskLabel}“ muss eine gültige E-Mail-Adresse sein", html, StringComparison.Ordinal);
        Assert.Contains("value=\"a@@c.de\"", html, StringComparison.Ordinal);
        var detail = await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.False(detail.GetProperty("variables").TryGetProperty("weiterleitung", out _));
        Assert.Contains(detail.GetProperty("waits").EnumerateArray(), w => w.GetProperty("id").GetInt64() == wait);

        // An internationalised domain is a real address (decided: accepted, kept as typed; mail libraries send it as punycode).
        var done = await clerk.PostAsync($"/aufgaben/{id}/{wait}?handler=Complete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form), ["v.weiterleitung"] = "poststelle@bürgeramt-münchen.de",
        }));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await Admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal("poststelle@bürgeramt-münchen.de", after.GetProperty("variables").GetProperty("weiterleitung").GetString());
    }
}

/// <summary>Demo values follow the field's type, not its name; the samples declare their address fields as such.</summary>
public sealed class SeederSampleValueTests
{
    [Fact]
    public void A_field_of_type_email_gets_the_demo_address_whatever_its_name_and_a_string_field_named_mail_gets_text()
    {
        var address = Automation.Server.Infrastructure.Seeder.SampleValue(new("kontakt", "Kontakt", "email", true, []));
        Assert.Equal(Automation.Server.Infrastructure.Seeder.DemoAddress, address);
        Assert.True(Automation.Engine.Runtime.EmailAddress.IsValid(address));
        Assert.Equal("Beispiel", Automation.Server.Infrastructure.Seeder.SampleValue(new("fachbereichEmail", "Notiz", "string", false, [])));
    }

    [Fact]
    public void Every_sample_field_asking_for_an_email_address_is_of_type_email()
    {
        var fields = Directory.GetFiles(Path.Combine(ServerFactory.RepositoryRoot, "workflows"), "*.bpmn")
            .SelectMany(path => Automation.Engine.Reading.DefinitionReader.ReadFile(path).Processes)
            .SelectMany(p => p.Nodes).SelectMany(n => n.FormFields)
            .Where(f => f.Label.Contains("E-Mail", StringComparison.Ordinal)).ToList();
        Assert.True(fields.Count >= 3, $"only {fields.Count} e-mail fields in the samples: the check would prove little");
        Assert.All(fields, f => Assert.Equal("email", f.Type));
    }
}
