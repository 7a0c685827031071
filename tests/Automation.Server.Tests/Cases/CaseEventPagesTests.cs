using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Automation.Server.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Cases;

/// <summary>
/// "Nachrichten und Signale" of the clerk guide from the pages (case page and /signale) instead of the API, tried as the
/// people who must be refused: a clerk of another inbox, a manager (reads cases, sends no events), a forged POST without
/// the anti-forgery token, a form with a value but no name. Each refusal is checked on the case, not only on the answer.
/// </summary>
public sealed class CaseEventPagesTests(ServerFactory factory) : IClassFixture<ServerFactory>, IAsyncLifetime
{
    private const string Password = "geheim-genug-1";
    private const string Own = "ev-wohngeld", Foreign = "ev-gewerbe";
    private const string OwnGroup = "ev-wg-gruppe", ForeignGroup = "ev-gw-gruppe";
    private const string Clerk = "ev-clerk", OtherClerk = "ev-other", Lead = "ev-lead";

    public async Task InitializeAsync()
    {
        var store = factory.Services.GetRequiredService<UserStore>();
        await store.SaveAsync(new ServerUser(Clerk, "Clara", [Roles.Clerk], [OwnGroup]), Password, CancellationToken.None);
        await store.SaveAsync(new ServerUser(OtherClerk, "Otto", [Roles.Clerk], [ForeignGroup]), Password, CancellationToken.None);
        await store.SaveAsync(new ServerUser(Lead, "Lea", [Roles.Manager], [OwnGroup]), Password, CancellationToken.None);
        using var owner = factory.ApiClient("prozess");
        await TestBpmn.PublishAsync(owner, TestBpmn.Department(Own, OwnGroup));
        await TestBpmn.PublishAsync(owner, TestBpmn.Department(Foreign, ForeignGroup));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(Guid Id, string Key)> StartAsync(string process)
    {
        var key = "AZ-EV-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = factory.ApiClient("admin");
        return (await TestBpmn.StartAsync(admin, process, key, new { iban = "DE02" }), key);
    }

    private async Task<JsonElement> CaseAsync(Guid id)
    {
        using var admin = factory.ApiClient("admin");
        return await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
    }

    private static long WaitId(JsonElement detail, string kind) =>
        detail.GetProperty("waits").EnumerateArray().Single(w => w.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt64();

    /// <summary>Signals reach waiting cases as jobs of the job worker: the jobs queued for a case show whom a signal reached.</summary>
    private async Task<long> SignalJobsAsync(Guid caseId)
    {
        var host = factory.Services.GetRequiredService<Automation.Server.Infrastructure.WorkflowHostAccessor>().Host;
        await using var connection = await host.Database.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM jobs WHERE case_id = @c AND kind = 'signal'";
        var p = cmd.CreateParameter();
        p.ParameterName = "@c";
        p.Value = caseId.ToString();
        cmd.Parameters.Add(p);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool Waits(JsonElement detail, string kind) => detail.GetProperty("waits").EnumerateArray().Any(w => w.GetProperty("kind").GetString() == kind);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string pagePath, Dictionary<string, string> values, bool withToken = true)
    {
        if (withToken) values["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(await client.GetStringAsync(pagePath));
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    private static Dictionary<string, string> Variables(params (string Name, string Value)[] rows)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Length; i++)
        {
            values[$"variableName[{i}]"] = rows[i].Name;
            values[$"variableValue[{i}]"] = rows[i].Value;
        }
        return values;
    }

    [Fact]
    public async Task A_clerk_reports_the_awaited_message_on_the_case_page_with_its_name_preselected_and_a_variable()
    {
        var (id, key) = await StartAsync(Own);
        using var clerk = await factory.LoginAsync(Clerk, Password);
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{id}"));
        Assert.Contains("Nachricht melden", page, StringComparison.Ordinal);
        Assert.Contains($"„{Own} Nachweis“</strong> mit dem Schlüssel „{key}“ an diesen Vorgang.", page, StringComparison.Ordinal);
        Assert.Contains("Signal senden", page, StringComparison.Ordinal);

        var waitId = WaitId(await CaseAsync(id), "Message");
        var sent = await PostAsync(clerk, $"/vorgaenge/{id}?handler=Message&waitId={waitId}", $"/vorgaenge/{id}", Variables(("iban", "DE11 NEU"), ("", "")));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/vorgaenge/{id}?meldung=nachricht", sent.Headers.Location!.OriginalString);
        var after = await CaseAsync(id);
        Assert.False(Waits(after, "Message"));
        Assert.Equal("DE11 NEU", after.GetProperty("variables").GetProperty("iban").GetString());
        var shown = WebUtility.HtmlDecode(await clerk.GetStringAsync(sent.Headers.Location.OriginalString));
        Assert.Contains("Die Nachricht wurde dem Vorgang zugestellt.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Nachricht melden", shown, StringComparison.Ordinal);

        // The same form again: the case no longer waits, so nothing is sent and the page says why.
        var again = await PostAsync(clerk, $"/vorgaenge/{id}?handler=Message&waitId={waitId}", $"/vorgaenge/{id}", Variables(("iban", "DE99 NOCHMAL")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Der Vorgang wartet nicht mehr darauf.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("DE11 NEU", (await CaseAsync(id)).GetProperty("variables").GetProperty("iban").GetString());
    }

    [Fact]
    public async Task A_clerk_of_another_inbox_a_manager_and_a_post_without_token_are_refused_and_the_case_still_waits()
    {
        var (id, _) = await StartAsync(Own);
        var waitId = WaitId(await CaseAsync(id), "Message");
        var path = $"/vorgaenge/{id}?handler=Message&waitId={waitId}";

        using var other = await factory.LoginAsync(OtherClerk, Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/vorgaenge/{id}")).StatusCode);
        // The other clerk's own token from a page they may open: the POST itself must be refused.
        var otherToken = ServerFactory.AntiforgeryToken(await other.GetStringAsync("/signale"));
        var foreign = await other.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = otherToken, ["variableName[0]"] = "iban", ["variableValue[0]"] = "DE99 ANGREIFER",
        }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var foreignSignal = await other.PostAsync($"/vorgaenge/{id}?handler=Signal&waitId={WaitId(await CaseAsync(id), "Signal")}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = otherToken }));
        Assert.Equal(HttpStatusCode.NotFound, foreignSignal.StatusCode);

        using var lead = await factory.LoginAsync(Lead, Password);
        var leadPage = await lead.GetStringAsync($"/vorgaenge/{id}");
        Assert.DoesNotContain("Nachricht melden", leadPage, StringComparison.Ordinal);
        var byLead = await PostAsync(lead, path, $"/vorgaenge/{id}", Variables(("iban", "DE99 LEITUNG")));
        Assert.Equal(HttpStatusCode.Redirect, byLead.StatusCode);
        Assert.Equal("/kein-zugriff", new Uri(new Uri("http://localhost"), byLead.Headers.Location!).AbsolutePath);

        using var clerk = await factory.LoginAsync(Clerk, Password);
        var forged = await PostAsync(clerk, path, $"/vorgaenge/{id}", Variables(("iban", "DE99 GEFAELSCHT")), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var unnamed = await PostAsync(clerk, path, $"/vorgaenge/{id}", Variables(("", "DE99 OHNE NAME")));
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Contains("Zum Wert in Zeile 1 der Angaben fehlt der Name.", WebUtility.HtmlDecode(await unnamed.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var after = await CaseAsync(id);
        Assert.True(Waits(after, "Message"));
        Assert.Equal(0, await SignalJobsAsync(id));
        Assert.Equal("DE02", after.GetProperty("variables").GetProperty("iban").GetString());
    }

    [Fact]
    public async Task A_signal_from_the_case_page_or_from_signale_reaches_the_clerks_cases_only()
    {
        var (own, _) = await StartAsync(Own);
        var (second, _) = await StartAsync(Own);
        var (foreign, _) = await StartAsync(Foreign);
        using var clerk = await factory.LoginAsync(Clerk, Password);
        var sent = await PostAsync(clerk, $"/vorgaenge/{own}?handler=Signal&waitId={WaitId(await CaseAsync(own), "Signal")}", $"/vorgaenge/{own}", Variables(("stichtag", "31.12.")));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var location = sent.Headers.Location!.OriginalString;
        var reached = int.Parse(Regex.Match(location, $"^/vorgaenge/{own}\\?anzahl=(\\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(reached >= 2, location);
        Assert.Equal(1, await SignalJobsAsync(own));
        Assert.Equal(1, await SignalJobsAsync(second));
        Assert.Contains($"Das Signal wurde gesendet. Erreichte wartende Vorgänge: {reached}.", WebUtility.HtmlDecode(await clerk.GetStringAsync(location)), StringComparison.Ordinal);

        // The other inbox's signal, sent by name from /signale by this clerk, reaches nothing: the case of the other inbox still waits.
        var byName = await PostAsync(clerk, "/signale", "/signale", new Dictionary<string, string>(Variables(("grund", "Test"))) { ["signal"] = $"{Foreign} Stichtag" });
        Assert.Equal(HttpStatusCode.Redirect, byName.StatusCode);
        Assert.Equal($"/signale?signal={Uri.EscapeDataString($"{Foreign} Stichtag")}&anzahl=0", byName.Headers.Location!.OriginalString);
        Assert.Equal(0, await SignalJobsAsync(foreign));
        var result = WebUtility.HtmlDecode(await clerk.GetStringAsync(byName.Headers.Location.OriginalString));
        Assert.Contains($"Das Signal „{Foreign} Stichtag“ wurde gesendet. Erreichte Vorgänge: 0.", result, StringComparison.Ordinal);

        // The other inbox's own clerk reaches it; a POST without a token or without a name sends nothing.
        using var other = await factory.LoginAsync(OtherClerk, Password);
        var withoutToken = await PostAsync(other, "/signale", "/signale", new Dictionary<string, string> { ["signal"] = $"{Foreign} Stichtag" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        var withoutName = await PostAsync(other, "/signale", "/signale", new Dictionary<string, string> { ["signal"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, withoutName.StatusCode);
        Assert.Contains("Der Signalname fehlt.", WebUtility.HtmlDecode(await withoutName.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await SignalJobsAsync(foreign));
        var theirs = await PostAsync(other, "/signale", "/signale", new Dictionary<string, string> { ["signal"] = $"{Foreign} Stichtag" });
        Assert.Equal(HttpStatusCode.Redirect, theirs.StatusCode);
        Assert.Equal(1, await SignalJobsAsync(foreign));

        using var lead = await factory.LoginAsync(Lead, Password);
        var leadGet = await lead.GetAsync("/signale");
        Assert.Equal(HttpStatusCode.Redirect, leadGet.StatusCode);
        Assert.Equal("/kein-zugriff", new Uri(new Uri("http://localhost"), leadGet.Headers.Location!).AbsolutePath);
    }
}
