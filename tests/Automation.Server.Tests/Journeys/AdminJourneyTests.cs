using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Journeys;

/// <summary>
/// The administration's tasks (docs/operator-guide.md, people, tokens, audit log; docs/jobcenter-guide.md section 1,
/// the labour-data import) walked in Chromium: a person created with a role, a token made for it and revoked (it no
/// longer opens the API), both found in the audit log, an import run as a job; the people list at phone width.
/// </summary>
[Collection(JourneyGroup.Name)]
public sealed class AdminJourneyTests(JourneyFixture fixture)
{
    private const string Person = "reise-sachbearbeitung";

    [Fact]
    public async Task The_admin_creates_a_person_gives_and_revokes_a_token_reads_the_audit_log_and_imports_data()
    {
        var journey = new Journey("admin");
        var page = await fixture.PageAsync("admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Personen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Personen und Rollen");
        await journey.StepAsync(page, "personen");

        await page.GetByLabel("Anmeldename", new() { Exact = true }).FillAsync(Person);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Reise Sachbearbeitung");
        await page.GetByLabel("Erstes Passwort", new() { Exact = false }).FillAsync("reise-passwort-1");
        await page.GetByLabel("Sachbearbeitung", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Person anlegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Die Person „{Person}“ wurde angelegt.");
        await Assertions.Expect(page.Locator("tr", new() { HasText = Person })).ToContainTextAsync("Sachbearbeitung");
        await journey.StepAsync(page, "person-angelegt");

        await page.GetByRole(AriaRole.Link, new() { Name = Person, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Person „{Person}“");
        await Assertions.Expect(page.GetByLabel("Sachbearbeitung", new() { Exact = true })).ToBeCheckedAsync();
        await journey.StepAsync(page, "person");

        await page.GetByRole(AriaRole.Link, new() { Name = "API", Exact = true }).ClickAsync();
        await page.GetByLabel("Person", new() { Exact = true }).SelectOptionAsync(Person);
        await page.GetByLabel("Verwendung", new() { Exact = true }).FillAsync("Fachverfahren Reise");
        await page.GetByRole(AriaRole.Button, new() { Name = "Token erzeugen" }).ClickAsync();
        var token = (await page.Locator("#new-token").InnerTextAsync()).Trim();
        Assert.Equal(HttpStatusCode.OK, (await GetTasksAsync(token)).StatusCode);
        await journey.StepAsync(page, "token-erzeugt");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Token „Fachverfahren Reise“ von {Person} widerrufen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Das Token wurde widerrufen.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetTasksAsync(token)).StatusCode);
        await journey.StepAsync(page, "token-widerrufen");

        await page.GetByRole(AriaRole.Link, new() { Name = "Protokoll", Exact = true }).ClickAsync();
        await page.GetByLabel("Art", new() { Exact = true }).SelectOptionAsync("api-token");
        await page.GetByLabel("Objekt", new() { Exact = true }).FillAsync(Person);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        var rows = page.Locator("table.data tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        // The action in German, not the stored code (revoke, create).
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("widerrufen");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("angelegt");
        await Assertions.Expect(rows.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\b(revoke|create)\b") })).ToHaveCountAsync(0);
        await journey.StepAsync(page, "protokoll");

        await page.GetByRole(AriaRole.Link, new() { Name = "Arbeitsmarktdaten", Exact = true }).ClickAsync();
        await page.GetByLabel("Inhalt", new() { Exact = true }).SelectOptionAsync("Offers");
        await page.GetByLabel("Datei", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "angebote.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("id;title;provider;skills;hours;location;start_dates;cost_eur;accreditation\nA;E-Akte und Prozesse;Studieninstitut;e-akte|prozessmanagement;160;online;2030-01-01;1200;AZAV\nB;Datenanalyse;Bildungswerk;datenanalyse;400;online;2030-02-01;3000;AZAV\n"),
        });
        await journey.StepAsync(page, "import-formular");
        await page.GetByRole(AriaRole.Button, new() { Name = "Importieren" }).ClickAsync();
        await Assertions.Expect(page.Locator("#job-summary")).ToHaveTextAsync("2 Zeilen gelesen, 2 gespeichert.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Import von angebote.csv (Bildungsangebote)");
        await journey.StepAsync(page, "import-auftrag");
        await page.Context.DisposeAsync();

        var phone = await fixture.PageAsync("admin", 390);
        await phone.GotoAsync("/verwaltung/benutzer");
        await Assertions.Expect(phone.Locator("tr", new() { HasText = Person })).ToHaveCountAsync(1);
        await journey.StepAsync(phone, "personen-390");
        await phone.Context.DisposeAsync();
        journey.AssertNoProblems();
    }

    private async Task<HttpResponseMessage> GetTasksAsync(string token)
    {
        using var client = fixture.Factory.ApiClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/tasks");
    }
}
