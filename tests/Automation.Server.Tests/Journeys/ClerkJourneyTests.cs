using Microsoft.Playwright;

namespace Automation.Server.Tests.Journeys;

/// <summary>
/// The clerk's guide (docs/clerk-guide.md) walked in Chromium: start a case on its page, find its task in the inbox
/// by the file number, take it, fill in the form, complete it, and see the case advance; the inbox at phone width.
/// </summary>
[Collection(JourneyGroup.Name)]
public sealed class ClerkJourneyTests(JourneyFixture fixture)
{
    [Fact]
    public async Task The_clerk_starts_a_case_completes_its_first_task_and_sees_the_case_advance()
    {
        var journey = new Journey("sachbearbeitung");
        var page = await fixture.PageAsync("sachbearbeitung");

        await page.GetByRole(AriaRole.Link, new() { Name = "Vorgänge", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vorgang starten" }).ClickAsync();
        await page.GetByLabel("Prozess", new() { Exact = true }).SelectOptionAsync("wohngeldantrag");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prozess wählen" }).ClickAsync();
        await page.GetByLabel("Aktenzeichen", new() { Exact = true }).FillAsync("AZ-REISE-1");
        await journey.StepAsync(page, "vorgang-starten");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorgang starten" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Der Vorgang wurde gestartet.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#open-steps")).ToContainTextAsync("Antragseingang bestätigen");
        await journey.StepAsync(page, "vorgang-gestartet");

        await page.GetByRole(AriaRole.Link, new() { Name = "Aufgaben", Exact = true }).ClickAsync();
        await page.GetByLabel("Suche (Aktenzeichen, Aufgabe)", new() { Exact = true }).FillAsync("AZ-REISE-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        var row = page.Locator("tr[data-business-key='AZ-REISE-1']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Antragseingang bestätigen");
        await journey.StepAsync(page, "postkorb");

        await row.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        // Required fields carry a "*" in their label.
        await page.GetByLabel("Aktenzeichen").FillAsync("AZ-REISE-1");
        await page.GetByLabel("Eingangsdatum").FillAsync("2026-11-20");
        await journey.StepAsync(page, "formular");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abschließen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("Antragseingang bestätigen");
        await Assertions.Expect(page.Locator("#open-steps")).ToContainTextAsync("Vollständigkeit prüfen");
        await page.WaitForFunctionAsync("() => document.querySelector('#diagram[data-rendered]') || !document.querySelector('#diagram-notice').hidden");
        await journey.StepAsync(page, "vorgang-weiter");
        await page.Context.DisposeAsync();

        var phone = await fixture.PageAsync("sachbearbeitung", 390);
        await phone.GotoAsync("/aufgaben");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync(phone, "postkorb-390");
        await phone.Context.DisposeAsync();
        journey.AssertNoProblems();
    }

    [Fact]
    public async Task The_clerk_reports_an_awaited_message_on_the_case_page_and_sends_a_signal()
    {
        var journey = new Journey("sachbearbeitung-nachricht");
        using (var owner = fixture.Factory.ApiClient("prozess")) await TestBpmn.PublishAsync(owner, TestBpmn.Department("reise-nachweis", "sachbearbeitung"));
        Guid id;
        using (var admin = fixture.Factory.ApiClient("admin")) id = await TestBpmn.StartAsync(admin, "reise-nachweis", "AZ-REISE-NACHWEIS");
        foreach (var width in new[] { 1366, 390 })
        {
            var page = await fixture.PageAsync("sachbearbeitung", width);
            await page.GotoAsync($"/vorgaenge/{id}");
            var form = page.Locator("details.event-form").Filter(new() { HasText = "Nachricht melden" });
            await form.Locator("summary").ClickAsync();
            await Assertions.Expect(form).ToContainTextAsync("Nachricht „reise-nachweis Nachweis“ mit dem Schlüssel „AZ-REISE-NACHWEIS“ an diesen Vorgang.");
            await journey.StepAsync(page, $"nachricht-formular-{width}");
            await page.Context.DisposeAsync();
        }
        var clerk = await fixture.PageAsync("sachbearbeitung");
        await clerk.GotoAsync($"/vorgaenge/{id}");
        var message = clerk.Locator("details.event-form").Filter(new() { HasText = "Nachricht melden" });
        await message.Locator("summary").ClickAsync();
        await message.GetByLabel("Name 1", new() { Exact = true }).FillAsync("nachweis");
        await message.GetByLabel("Wert 1", new() { Exact = true }).FillAsync("Mietvertrag");
        await message.GetByRole(AriaRole.Button, new() { Name = "Nachricht melden", Exact = true }).ClickAsync();
        await Assertions.Expect(clerk.Locator("p.notice.ok")).ToHaveTextAsync("Die Nachricht wurde dem Vorgang zugestellt.");
        await Assertions.Expect(clerk.Locator("#open-steps")).Not.ToContainTextAsync("wartet auf Nachricht");
        await journey.StepAsync(clerk, "nachricht-zugestellt");

        await clerk.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Vorgänge", Exact = true }).ClickAsync();
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Signal senden" }).ClickAsync();
        await clerk.GetByLabel("Signalname", new() { Exact = true }).FillAsync("reise-nachweis Stichtag");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Signal senden" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#signal-result")).ToContainTextAsync("Das Signal „reise-nachweis Stichtag“ wurde gesendet. Erreichte Vorgänge: 1.");
        await journey.StepAsync(clerk, "signal-gesendet");
        await clerk.Context.DisposeAsync();
        journey.AssertNoProblems();
    }

    [Fact]
    public async Task The_clerk_finds_cases_by_process_name_and_works_a_task_of_a_called_process()
    {
        // Issue 17 re-walk: the case list named processes by id, and a task of a process the case calls from the same file
        // (the demo Anwohnerparkausweis calls "Gebühr erheben") showed its node id, its mailbox twice and no form.
        var journey = new Journey("sachbearbeitung-aufgerufen");
        var page = await fixture.PageAsync("sachbearbeitung");
        await page.GotoAsync("/vorgaenge?businessKey=DEMO-ANWOHNERPARKAUSWEIS-1");
        var row = page.Locator("table.data tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("Anwohnerparkausweis");
        await Assertions.Expect(page.Locator("#processId option[value='wohngeldantrag']")).ToHaveTextAsync("Wohngeldantrag (Papier)");
        await journey.StepAsync(page, "vorgaenge");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("#case-process")).ToHaveTextAsync("Anwohnerparkausweis, Version 1");
        await Assertions.Expect(page.Locator("#open-steps")).ToContainTextAsync("Gebühr kassieren");
        await Assertions.Expect(page.Locator("#open-steps")).Not.ToContainTextAsync("Task_Kassieren");
        await journey.StepAsync(page, "vorgang-aufgerufen");

        await page.Locator("#open-steps").GetByRole(AriaRole.Link, new() { Name = "Gebühr kassieren" }).ClickAsync();
        await Assertions.Expect(page.Locator("#task-mailboxes")).ToHaveTextAsync("Stadtkasse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Zahlart")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Zahlung erfolgt?")).ToBeVisibleAsync();
        await journey.StepAsync(page, "aufgabe-aufgerufen");
        await page.Context.DisposeAsync();
        journey.AssertNoProblems();
    }
}
