using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Automation.Server.Tests.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Pages;

/// <summary>
/// The inbox and the task page in Chromium at phone width: a clerk filters the inbox and reaches "Übernehmen" without
/// sideways scrolling; a manager finds a task by its Aktenzeichen and reassigns it to a member of its group; a Camunda 7
/// form shows its defaults and read-only fields. The pages
/// pass axe (WCAG 2.1 AA) and fit 390 px.
/// </summary>
public sealed class InboxBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "geheim-genug-1";
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static bool ready;

    private async Task SetUpAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (ready) return;
            var store = fixture.Factory.Services.GetRequiredService<UserStore>();
            await store.SaveAsync(new ServerUser("br-lead", "Berta Leitung", [Roles.Manager], ["br-team"]), Password, CancellationToken.None);
            await store.SaveAsync(new ServerUser("br-clerk", "Bruno Sachbearbeitung", [Roles.Clerk], ["br-team"]), Password, CancellationToken.None);
            await store.SaveAsync(new ServerUser("br-other", "Otto Anderswo", [Roles.Clerk], ["br-anderes"]), Password, CancellationToken.None);
            using var owner = fixture.Factory.ApiClient("prozess");
            await TestBpmn.PublishAsync(owner, InboxFixture.Process("br-zuweisung", "Zuweisung im Browser", "br-team", "Team Bürgerdienste"));
            await TestBpmn.PublishAsync(owner, InboxFixture.Process("br-zweiter", "Zweiter Prozess mit langem Namen für die Spaltenbreite", "br-team"));
            await TestBpmn.PublishAsync(owner, CamundaForm);
            ready = true;
        }
        finally
        {
            Setup.Release();
        }
    }

    // A Camunda 7 form: a JUEL default and a read-only field.
    private const string CamundaForm = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="Defs_br_form" targetNamespace="urn:test">
          <bpmn:process id="br-formular" name="Formular im Browser" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Erfassen" name="Betrag erfassen" camunda:candidateGroups="br-team">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="betrag" label="Betrag" type="long" defaultValue="${summe}" />
                  <camunda:formField id="eingang" label="Eingangsnummer" type="string" defaultValue="E-${summe}">
                    <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="geprueft" label="Geprüft" type="boolean" defaultValue="true">
                    <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Erfassen" />
            <bpmn:sequenceFlow id="F2" sourceRef="Erfassen" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<Guid> StartAsync(string processId, string key)
    {
        using var admin = fixture.Factory.ApiClient("admin");
        return await TestBpmn.StartAsync(admin, processId, key);
    }

    [Fact]
    public async Task A_camunda_task_form_shows_its_defaults_and_read_only_fields_at_390_px_and_completes_with_them()
    {
        await SetUpAsync();
        var key = "AZ-BR-FORM-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Guid caseId;
        using (var admin = fixture.Factory.ApiClient("admin")) caseId = await TestBpmn.StartAsync(admin, "br-formular", key, new { summe = 1250 });
        var page = await PageSweepBrowserTests.PageAsync(fixture, "br-clerk", Password, 390);
        await page.GotoAsync("/aufgaben?suche=" + Uri.EscapeDataString(key));
        await page.Locator($"tr[data-business-key='{key}']").GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();

        var betrag = page.GetByLabel("Betrag");
        var eingang = page.GetByLabel("Eingangsnummer");
        var geprueft = page.GetByLabel("Geprüft");
        await Assertions.Expect(betrag).ToHaveValueAsync("1250");
        await Assertions.Expect(betrag).ToBeEditableAsync();
        await Assertions.Expect(eingang).ToHaveValueAsync("E-1250");
        await Assertions.Expect(eingang).Not.ToBeEditableAsync();
        await Assertions.Expect(geprueft).ToBeCheckedAsync();
        await Assertions.Expect(geprueft).ToBeDisabledAsync();
        var problems = await PageSweepBrowserTests.ProblemsAsync(page, "Camunda-Formular (390 px)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "task-camunda-form-390.png"), FullPage = true });

        await betrag.FillAsync("1300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abschließen" }).ClickAsync();
        await page.WaitForURLAsync($"**/vorgaenge/{caseId}");
        using var check = fixture.Factory.ApiClient("admin");
        var variables = (await check.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("variables");
        Assert.Equal(1300, variables.GetProperty("betrag").GetDouble());
        Assert.False(variables.TryGetProperty("eingang", out _));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task A_clerk_filters_the_inbox_at_390_px_and_reaches_Uebernehmen_without_scrolling_sideways()
    {
        await SetUpAsync();
        var key = "AZ-BR-%_-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() + "-MIT-EINEM-LANGEN-AKTENZEICHEN";
        await StartAsync("br-zweiter", key);
        await StartAsync("br-zuweisung", key + "-B");
        var page = await PageSweepBrowserTests.PageAsync(fixture, "br-clerk", Password, 390);
        await page.GotoAsync("/aufgaben");
        var problems = await PageSweepBrowserTests.ProblemsAsync(page, "/aufgaben (390 px)");

        await page.GetByLabel("Suche (Aktenzeichen, Aufgabe)").FillAsync(key);
        await page.GetByLabel("Prozess").SelectOptionAsync(new SelectOptionValue { Label = "Zweiter Prozess mit langem Namen für die Spaltenbreite" });
        await page.GetByLabel("Sortierung").SelectOptionAsync("frist");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#inbox tbody tr")).ToHaveCountAsync(1);
        // The filter is in the address: a bookmark opens the same view.
        Assert.Contains("prozess=br-zweiter", page.Url, StringComparison.Ordinal);
        Assert.Contains("sortierung=frist", page.Url, StringComparison.Ordinal);
        problems.AddRange(await PageSweepBrowserTests.ProblemsAsync(page, "/aufgaben gefiltert (390 px)"));

        var claim = page.Locator($"tr[data-business-key='{key}']").GetByRole(AriaRole.Button, new() { Name = "Übernehmen" });
        var box = await claim.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"Übernehmen lies at x={box.X}..{box.X + box.Width}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "inbox-390-filtered.png"), FullPage = true });
        await claim.ClickAsync();
        await Assertions.Expect(page.Locator("#task-business-key")).ToHaveTextAsync(key);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task A_manager_finds_a_task_by_its_aktenzeichen_and_reassigns_it_to_a_member_of_its_group_at_390_px()
    {
        await SetUpAsync();
        var key = "AZ-BR-LEITUNG-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var caseId = await StartAsync("br-zuweisung", key);
        var page = await PageSweepBrowserTests.PageAsync(fixture, "br-lead", Password, 390);
        await page.GotoAsync("/aufgaben?suche=" + Uri.EscapeDataString(key));
        var link = page.Locator($"tr[data-business-key='{key}'] a");
        await Assertions.Expect(link).ToHaveTextAsync(InboxFixture.TaskName);
        await Assertions.Expect(page.Locator($"tr[data-business-key='{key}'] td[data-label='Postkorb']")).ToHaveTextAsync("Team Bürgerdienste");
        await link.ClickAsync();

        await Assertions.Expect(page.Locator("#task-process")).ToHaveTextAsync("Zuweisung im Browser");
        var problems = await PageSweepBrowserTests.ProblemsAsync(page, "Aufgabe (390 px)");
        var select = page.GetByLabel("Person aus dem Postkorb der Aufgabe");
        var offered = await select.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value).filter(v => v)");
        Assert.Equal(["br-clerk", "br-lead"], offered.Order(StringComparer.Ordinal));
        await select.SelectOptionAsync("br-clerk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zuweisen" }).ClickAsync();

        await Assertions.Expect(page.Locator("#task-notice")).ToHaveTextAsync("Die Aufgabe ist jetzt br-clerk zugewiesen.");
        await Assertions.Expect(page.Locator("#task-status")).ToHaveTextAsync("übernommen von br-clerk");
        Assert.EndsWith($"/aufgaben/{caseId}/", page.Url[..(page.Url.LastIndexOf('/') + 1)], StringComparison.Ordinal);
        problems.AddRange(await PageSweepBrowserTests.ProblemsAsync(page, "Aufgabe nach Zuweisung (390 px)"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "task-reassigned-390.png"), FullPage = true });

        using var admin = fixture.Factory.ApiClient("admin");
        var wait = (await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("waits").EnumerateArray()
            .Single(w => w.GetProperty("kind").GetString() == "UserTask");
        Assert.Equal("br-clerk", wait.GetProperty("assignee").GetString());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.DisposeAsync();
    }
}
