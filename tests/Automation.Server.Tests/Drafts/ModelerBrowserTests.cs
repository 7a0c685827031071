using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Drafts;

/// <summary>
/// The modeler as a process owner works in it (Chromium): the draft survives a reload and is gone once published; leaving
/// with unsaved changes asks first; a form field added in the panel reaches the published XML and the start page; palette,
/// context pad and panel speak German; download and upload use a file name from the process name.
/// </summary>
public sealed partial class ModelerBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly XNamespace Am = "urn:automation:bpmn:1";

    // One login per user and server: the login throttle counts every attempt; later contexts reuse the session cookie.
    private static readonly SemaphoreSlim Sessions = new(1, 1);
    private static readonly Dictionary<string, string> SessionStates = new(StringComparer.Ordinal);

    private async Task<IPage> LoginAsync(string user = "prozess", string password = "demo", int width = 1400)
    {
        await Sessions.WaitAsync();
        try
        {
            var key = fixture.BaseUrl + "|" + user;
            SessionStates.TryGetValue(key, out var state);
            var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = fixture.BaseUrl, Locale = "de-DE", AcceptDownloads = true, StorageState = state,
                ViewportSize = new ViewportSize { Width = width, Height = 1000 },
            });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            if (state is null)
            {
                await page.GotoAsync("/anmelden");
                await page.GetByLabel("Benutzername").FillAsync(user);
                await page.GetByLabel("Passwort").FillAsync(password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Willkommen");
                SessionStates[key] = await context.StorageStateAsync();
            }
            return page;
        }
        finally
        {
            Sessions.Release();
        }
    }

    private static async Task OpenModelerAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        // Generous: the machine's two cores are shared with other test classes; the bundle takes a while to start.
        await Assertions.Expect(page.Locator("#draft-button")).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#modeler-notice")).ToBeHiddenAsync();
    }

    // A click event on the shape, as diagram-js handles it: a start event at the left edge lies under the palette.
    private static async Task SelectAsync(IPage page, string elementId) =>
        await page.Locator($".djs-element[data-element-id='{elementId}']").DispatchEventAsync("click");

    private static async Task OpenGroupAsync(IPage page, string label)
    {
        var header = page.Locator(".bio-properties-panel-group-header", new() { HasText = label });
        if (!((await header.GetAttributeAsync("class")) ?? "").Contains("open", StringComparison.Ordinal)) await header.ClickAsync();
    }

    private static async Task SetOccupationAsync(IPage page, string code)
    {
        await SelectAsync(page, "Task_Entscheiden");
        await OpenGroupAsync(page, "Aufwand und Automatisierung");
        var occupation = page.GetByLabel("Berufskennziffer (KldB)");
        await occupation.FillAsync(code);
        await occupation.PressAsync("Tab");
    }

    [Fact]
    public async Task A_draft_survives_a_reload_is_offered_with_a_german_date_and_is_deleted_when_published()
    {
        var page = await LoginAsync();
        await OpenModelerAsync(page, "/modeler/wohngeldantrag");
        await SelectAsync(page, "Task_VollstaendigkeitPruefen");
        await OpenGroupAsync(page, "Aufwand und Automatisierung");
        var occupation = page.GetByLabel("Berufskennziffer (KldB)");
        await occupation.FillAsync("71402");
        await occupation.PressAsync("Tab");
        // Saved without a click, after a pause in editing.
        await Assertions.Expect(page.Locator("#draft-status")).ToContainTextAsync("Entwurf gespeichert am");

        await page.ReloadAsync();
        var offer = page.Locator("#draft-offer");
        await Assertions.Expect(offer).ToContainTextAsync(DateStamp());
        await page.GetByRole(AriaRole.Link, new() { Name = "Entwurf fortsetzen" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/modeler/wohngeldantrag\?entwurf=\d+$"));
        await Assertions.Expect(page.Locator("#draft-button")).ToBeEnabledAsync();
        await SelectAsync(page, "Task_VollstaendigkeitPruefen");
        await OpenGroupAsync(page, "Aufwand und Automatisierung");
        await Assertions.Expect(page.GetByLabel("Berufskennziffer (KldB)")).ToHaveValueAsync("71402");

        // The list of drafts shows it; publishing deletes it.
        var owner = fixture.Factory.ApiClient("prozess");
        Assert.Single((await owner.GetFromJsonAsync<JsonElement>("/api/drafts?processId=wohngeldantrag")).EnumerateArray());
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#modeler-status")).ToContainTextAsync("wohngeldantrag Version");
        await Assertions.Expect(page.Locator("#draft-status")).ToContainTextAsync("der Entwurf ist gelöscht");
        Assert.Empty((await owner.GetFromJsonAsync<JsonElement>("/api/drafts?processId=wohngeldantrag")).EnumerateArray());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Leaving_with_unsaved_changes_asks_first_and_after_a_saved_draft_it_does_not()
    {
        var page = await LoginAsync();
        // The server cannot be reached for drafts: the change stays unsaved.
        await page.RouteAsync("**/api/drafts**", route => route.AbortAsync());
        await OpenModelerAsync(page, "/modeler/urlaubsantrag");
        await SetOccupationAsync(page, "73203");
        await Assertions.Expect(page.Locator("#draft-status")).ToContainTextAsync("Entwurf nicht gespeichert");
        var asked = new TaskCompletionSource<string>();
        var left = new TaskCompletionSource();
        page.Close += (_, _) => left.TrySetResult();
        page.Dialog += (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type);
            _ = dialog.AcceptAsync();
        };
        await page.CloseAsync(new() { RunBeforeUnload = true });
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await left.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.Context.CloseAsync();

        // Saved as a draft: nothing to lose, no question.
        var saved = await LoginAsync();
        await OpenModelerAsync(saved, "/modeler/urlaubsantrag");
        await SetOccupationAsync(saved, "73204");
        await saved.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Assertions.Expect(saved.Locator("#draft-status")).ToContainTextAsync("Entwurf gespeichert am");
        var dialogs = 0;
        saved.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.AcceptAsync();
        };
        var closed = new TaskCompletionSource();
        saved.Close += (_, _) => closed.TrySetResult();
        await saved.CloseAsync(new() { RunBeforeUnload = true });
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, dialogs);
        await saved.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_field_added_in_the_panel_is_published_and_shown_on_the_start_page()
    {
        var page = await LoginAsync();
        await OpenModelerAsync(page, "/modeler/urlaubsantrag");
        await SelectAsync(page, "Start_Antrag");
        var group = page.Locator("[data-group-id='group-am-form-fields']");
        // The sample's start form has fields of its own (the applicant's e-mail); the new ones come after them.
        var before = await group.Locator(".bio-properties-panel-list-item").CountAsync();
        await group.Locator(".bio-properties-panel-add-entry").ClickAsync();
        await group.Locator(".bio-properties-panel-add-entry").ClickAsync();
        // Two new fields; the first becomes a required choice, the second is removed again.
        await Assertions.Expect(group.Locator(".bio-properties-panel-list-item")).ToHaveCountAsync(before + 2);
        // The applicant's address is of type email: the panel shows that type by its German name.
        var email = group.Locator(".bio-properties-panel-list-item").Nth(0);
        if (!await email.GetByLabel("Beschriftung").IsVisibleAsync()) await email.Locator(".bio-properties-panel-collapsible-entry-header").ClickAsync();
        var emailType = email.GetByLabel("Art", new() { Exact = true });
        await Assertions.Expect(emailType).ToHaveValueAsync("email");
        Assert.Equal("E-Mail-Adresse", await emailType.Locator("option:checked").TextContentAsync());
        var first = group.Locator(".bio-properties-panel-list-item").Nth(before);
        if (!await first.GetByLabel("Beschriftung").IsVisibleAsync()) await first.Locator(".bio-properties-panel-collapsible-entry-header").ClickAsync();
        await first.GetByLabel("ID (Variablenname)").FillAsync("reiseart");
        await first.GetByLabel("Beschriftung").FillAsync("Art der Reise");
        await first.GetByLabel("Art", new() { Exact = true }).SelectOptionAsync("enum");
        await first.GetByLabel("Optionen").FillAsync("Dienstreise, Privat");
        await first.GetByLabel("Pflichtfeld").CheckAsync();
        await first.GetByLabel("Optionen").PressAsync("Tab");
        await group.Locator(".bio-properties-panel-list-item").Nth(before + 1).GetByTitle("Eintrag löschen").ClickAsync();
        await Assertions.Expect(group.Locator(".bio-properties-panel-list-item")).ToHaveCountAsync(before + 1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#modeler-status")).ToContainTextAsync("urlaubsantrag Version");

        var owner = fixture.Factory.ApiClient("prozess");
        var latest = (await owner.GetFromJsonAsync<JsonElement>("/api/definitions/urlaubsantrag/versions"))[0];
        var source = XDocument.Parse(await owner.GetStringAsync($"/api/definitions/{latest.GetProperty("id").GetInt64()}/source"));
        var start = source.Descendants().Single(e => e.Name.LocalName == "startEvent" && (string?)e.Attribute("id") == "Start_Antrag");
        Assert.Equal(before + 1, start.Descendants(Am + "field").Count());
        var field = Assert.Single(start.Descendants(Am + "field"), f => (string?)f.Attribute("id") == "reiseart");
        Assert.Equal("Art der Reise", (string?)field.Attribute("label"));
        Assert.Equal("enum", (string?)field.Attribute("type"));
        Assert.Equal("true", (string?)field.Attribute("required"));
        Assert.Equal("Dienstreise, Privat", (string?)field.Attribute("options"));

        await page.GotoAsync("/vorgaenge/neu?prozess=urlaubsantrag");
        var select = page.GetByLabel("Art der Reise");
        await Assertions.Expect(select).ToBeVisibleAsync();
        await Assertions.Expect(select.Locator("option")).ToContainTextAsync(["– bitte wählen –", "Dienstreise", "Privat"]);
        await Assertions.Expect(page.Locator("#v_email")).ToHaveAttributeAsync("type", "email");
        await page.Context.CloseAsync();
    }

    /// <summary>English words that a German modeler must not show (bpmn-js and the panel say them untranslated).</summary>
    private static readonly string[] EnglishWords =
        ["Create", "General", "Documentation", "Append", "Delete", "Connect", "Change", "Activate", "Toggle", "Section", "Element documentation", "Executable"];

    [Fact]
    public async Task Palette_context_pad_and_panel_are_german()
    {
        var page = await LoginAsync();
        await OpenModelerAsync(page, "/modeler/urlaubsantrag");
        await SelectAsync(page, "Task_Entscheiden");
        await Assertions.Expect(page.Locator(".djs-context-pad .entry").First).ToBeVisibleAsync();
        var texts = new List<string>();
        const string Titles = "els => els.flatMap(e => [e.title, e.getAttribute('aria-label') || ''])";
        texts.AddRange(await page.Locator(".djs-palette .entry").EvaluateAllAsync<string[]>(Titles));
        texts.AddRange(await page.Locator(".djs-context-pad .entry").EvaluateAllAsync<string[]>(Titles));
        texts.AddRange(await page.Locator(".bio-properties-panel-group-header").EvaluateAllAsync<string[]>(
            "els => els.flatMap(e => [e.textContent, ...[...e.querySelectorAll('[title]')].map(t => t.title)])"));
        texts.Add(await page.Locator("#properties").InnerTextAsync());

        Assert.Contains("Startereignis erzeugen", texts);
        Assert.Contains(texts, t => t.Contains("Allgemein", StringComparison.Ordinal));
        var hits = texts.SelectMany(t => EnglishWords.Where(w => Regex.IsMatch(t, $@"\b{Regex.Escape(w)}\b")).Select(w => $"{w} in \"{t}\"")).ToList();
        Assert.True(hits.Count == 0, string.Join("\n", hits));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Download_title_and_upload_name_follow_the_process_name()
    {
        var page = await LoginAsync();
        await OpenModelerAsync(page, "/modeler");
        // With nothing selected the panel shows the process itself; its name is the first entry of "Allgemein".
        await OpenGroupAsync(page, "Allgemein");
        var name = page.Locator("#bio-properties-panel-name");
        await name.FillAsync("Änderung der Straße");
        await name.PressAsync("Tab");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Modeler: Änderung der Straße");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Herunterladen" }).ClickAsync());
        Assert.Equal("aenderung-der-strasse.bpmn", download.SuggestedFilename);
        var validate = await page.RunAndWaitForRequestAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Prüfen" }).ClickAsync(),
            r => r.Url.Contains("/api/definitions/validate", StringComparison.Ordinal));
        Assert.Contains("fileName=aenderung-der-strasse.bpmn", validate.Url, StringComparison.Ordinal);
        // The toolbar wraps at phone width instead of widening the page.
        await page.SetViewportSizeAsync(390, 900);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_incomplete_register_is_a_link_and_the_message_fits_a_phone()
    {
        // The diagram comes in as a draft of the owner (the modeler continues it); its automated step has no register entry.
        var owner = fixture.Factory.ApiClient("prozess");
        var created = await owner.PostAsync("/api/drafts", new StringContent(AutoStepWithDiagram, System.Text.Encoding.UTF8, "application/xml"));
        var draftId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var page = await LoginAsync(width: 390);
        await OpenModelerAsync(page, $"/modeler?entwurf={draftId}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Modeler: Registertest modeler-register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();

        var link = page.Locator("#modeler-notice a");
        await Assertions.Expect(link).ToHaveTextAsync("die Registereinträge ausfüllen");
        var version = (await owner.GetFromJsonAsync<JsonElement>("/api/definitions/modeler-register/versions"))[0].GetProperty("id").GetInt64();
        Assert.Equal($"/register/{version}", await link.GetAttributeAsync("href"));
        Assert.True(await page.Locator("#modeler-notice").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the message is clipped");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/register/{version}$"));
        await page.Context.CloseAsync();
    }

    /// <summary>An automated script step without a register entry, with the diagram (DI) the modeler needs to show it.</summary>
    private const string AutoStepWithDiagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:am="urn:automation:bpmn:1" id="Defs" targetNamespace="urn:test">
          <bpmn:process id="modeler-register" name="Registertest modeler-register" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:scriptTask id="Task_Auto" name="Betrag berechnen" scriptFormat="javascript">
              <bpmn:extensionElements><am:automation level="automated" cpuSeconds="0.5"/></bpmn:extensionElements>
              <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
              <bpmn:script>1 + 1</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Auto"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Auto" targetRef="End"/>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="Diagram"><bpmndi:BPMNPlane id="Plane" bpmnElement="modeler-register">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="152" y="102" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Task_Auto_di" bpmnElement="Task_Auto"><dc:Bounds x="240" y="80" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="392" y="102" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="188" y="120"/><di:waypoint x="240" y="120"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="340" y="120"/><di:waypoint x="392" y="120"/></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    private static Regex DateStamp() => new(@"\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr");
}
