using System.Text;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Journeys;

/// <summary>
/// The process owner's guide (docs/process-owner-guide.md, sections 10 and 11) walked in Chromium: the process list,
/// a BPMN file uploaded, checked and published, a process opened in the modeler and kept as a draft, the draft found
/// under "Entwürfe" and published from there (the server deletes it with the publication), the register of the
/// version; the process list at phone width.
/// </summary>
[Collection(JourneyGroup.Name)]
public sealed class ProcessOwnerJourneyTests(JourneyFixture fixture)
{
    [Fact]
    public async Task The_process_owner_uploads_and_publishes_keeps_a_draft_and_publishing_it_removes_the_draft()
    {
        var journey = new Journey("prozess");
        var page = await fixture.PageAsync("prozess");

        await page.GetByRole(AriaRole.Link, new() { Name = "Prozesse", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Prozesse");
        await journey.StepAsync(page, "prozesse");

        await page.GetByRole(AriaRole.Link, new() { Name = "Datei hochladen" }).ClickAsync();
        await page.GetByLabel("Datei", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "reise.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(TestBpmn.TwoTasks("reise_pruefung", "Reiseprüfung")),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prüfbericht: reise.bpmn" })).ToBeVisibleAsync();
        await journey.StepAsync(page, "pruefbericht");
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "ist veröffentlicht" }))
            .ToContainTextAsync("„Reiseprüfung“ (reise_pruefung) Version 1 ist veröffentlicht.");
        await journey.StepAsync(page, "veroeffentlicht");

        // A process with its diagram (BPMNDI): the sample published on first start.
        await page.GotoAsync("/modeler/urlaubsantrag");
        await Assertions.Expect(page.Locator("#modeler-notice")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Assertions.Expect(page.Locator("#draft-status")).ToContainTextAsync("Entwurf gespeichert am");
        await journey.StepAsync(page, "modeler-entwurf");

        await page.GetByRole(AriaRole.Link, new() { Name = "Entwürfe", Exact = true }).ClickAsync();
        var draft = page.Locator("#drafts tr", new() { HasText = "urlaubsantrag" });
        await Assertions.Expect(draft).ToHaveCountAsync(1);
        await journey.StepAsync(page, "entwuerfe");

        await draft.GetByRole(AriaRole.Link, new() { Name = "Fortsetzen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#modeler-notice")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#draft-status")).ToContainTextAsync("geöffnet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#modeler-status")).ToContainTextAsync("Veröffentlicht: urlaubsantrag Version");
        await journey.StepAsync(page, "modeler-veroeffentlicht");

        // Deleted by the server with the publication, not by the page's script: the list is read afresh.
        await page.GotoAsync("/entwuerfe");
        await Assertions.Expect(page.Locator("#drafts tr", new() { HasText = "urlaubsantrag" })).ToHaveCountAsync(0);

        await page.GotoAsync("/prozesse");
        await page.GetByRole(AriaRole.Link, new() { Name = "Transparenzregister (Version 1)" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await journey.StepAsync(page, "register");
        await page.Context.DisposeAsync();

        var phone = await fixture.PageAsync("prozess", 390);
        await phone.GotoAsync("/prozesse");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("Reiseprüfung");
        await journey.StepAsync(phone, "prozesse-390");
        await phone.Context.DisposeAsync();
        journey.AssertNoProblems();
    }
}
