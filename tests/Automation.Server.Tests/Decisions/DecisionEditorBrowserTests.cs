using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Tests.Pages;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Decisions;

/// <summary>
/// The decision editor in chromium: a new table from the German template, a cell edited, "Prüfen" naming the broken rule,
/// a test run, publishing new versions through the decision upload, axe at 1366 and 390 px; a manager may not publish.
/// And "Warum?" on the case page after a business rule task: inputs, matched rule and outputs in German with de-DE numbers.
/// </summary>
public sealed class DecisionEditorBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static async Task EditCellAsync(IPage page, string rowId, string columnId, string text)
    {
        var cell = page.Locator($"#dmn-editor td[data-row-id='{rowId}'][data-col-id='{columnId}'] [contenteditable='true']");
        await cell.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
        // Leaves the cell so dmn-js commits the edit.
        await page.Locator("#dmn-editor .decision-table-name [contenteditable='true']").ClickAsync();
        await Assertions.Expect(cell).ToHaveTextAsync(text);
    }

    [Fact]
    public async Task A_new_table_is_edited_checked_test_run_and_published_as_new_versions()
    {
        var page = await PageSweepBrowserTests.PageAsync(fixture, "prozess", "demo", 1366);
        await page.GotoAsync("/entscheidungen/editor");
        await Assertions.Expect(page.Locator("html[data-dmn-editor-ready='true']")).ToHaveCountAsync(1);
        // German labels from the ClientApp's dictionary, the template's German content.
        var table = page.Locator("#dmn-editor");
        await Assertions.Expect(table.Locator(".hit-policy")).ToContainTextAsync("Trefferrichtlinie:");
        await Assertions.Expect(table.Locator(".hit-policy")).ToContainTextAsync("Eindeutig (UNIQUE)");
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("Wenn");
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("Dann");
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("Anmerkungen");
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("Betrag");
        // The column drag handles, whose titles dmn-js writes in English past its translate service.
        await Assertions.Expect(table.Locator(".dmn-icon-drag[title='Eingabe verschieben']").First).ToBeAttachedAsync();
        await Assertions.Expect(table.Locator(".dmn-icon-drag[title='Ausgabe verschieben']").First).ToBeAttachedAsync();
        await Assertions.Expect(table.Locator("[title^='Move ']")).ToHaveCountAsync(0);

        // FEEL types by their German names, in the head and in the column editor's type select; the XML keeps the FEEL name.
        var inputHead = table.Locator("th.input-cell[data-col-id='Eingabe_1']");
        await Assertions.Expect(inputHead.Locator(".input-variable")).ToHaveTextAsync("Zahl");
        await inputHead.DblClickAsync();
        var typeSelect = page.Locator(".type-ref-edit-select");
        await Assertions.Expect(typeSelect).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Typ:", new() { Exact = true })).ToHaveCountAsync(1);
        Assert.Equal("Zahl", await typeSelect.EvaluateAsync<string>("s => s.selectedOptions[0].text"));
        var typeNames = await typeSelect.Locator("option").AllTextContentsAsync();
        Assert.Subset(typeNames.ToHashSet(), new HashSet<string> { "Text", "Zahl", "Wahrheitswert", "Datum", "Uhrzeit", "Datum und Uhrzeit" });
        Assert.DoesNotContain(typeNames, n => n is "string" or "number" or "boolean" or "date" or "time" or "dateTime" or "Any");
        await typeSelect.SelectOptionAsync(new SelectOptionValue { Label = "Wahrheitswert" });
        await Assertions.Expect(inputHead.Locator(".input-variable")).ToHaveTextAsync("Wahrheitswert");
        Assert.Contains("typeRef=\"boolean\"", await page.EvaluateAsync<string>("() => window.dmnEditor.getXml()"), StringComparison.Ordinal);
        await typeSelect.SelectOptionAsync(new SelectOptionValue { Label = "Zahl" });
        await Assertions.Expect(inputHead.Locator(".input-variable")).ToHaveTextAsync("Zahl");
        var xml = await page.EvaluateAsync<string>("() => window.dmnEditor.getXml()");
        Assert.Contains("typeRef=\"number\"", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("typeRef=\"Zahl\"", xml, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Escape");

        // Edit a cell: rule 1's output.
        await EditCellAsync(page, "Regel_1", "Ausgabe_1", "\"gering\"");

        // Broken FEEL in rule 2: "Prüfen" names the decision and the rule, with the line.
        await EditCellAsync(page, "Regel_2", "Eingabe_1", "> 100 +");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen" }).ClickAsync();
        var findings = page.Locator("#diagnostics");
        await Assertions.Expect(findings).ToContainTextAsync("Fehler: Entscheidung „Neue Entscheidung“, Regel 2");
        await Assertions.Expect(findings).ToContainTextAsync("> 100 +");
        await Assertions.Expect(findings).ToContainTextAsync("Zeile");
        await Assertions.Expect(page.Locator("#editor-status")).ToContainTextAsync("Fehler");
        await Assertions.Expect(page.Locator("#dmn-editor td.dmn-diagnostic-error[data-row-id='Regel_2']").First).ToBeVisibleAsync();

        await EditCellAsync(page, "Regel_2", "Eingabe_1", "> 100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prüfen" }).ClickAsync();
        await Assertions.Expect(findings).ToContainTextAsync("Keine Befunde.");

        // Test run from the generated form: German number input, rule and output shown, nothing stored.
        await page.GetByLabel("Betrag (Zahl)").FillAsync("1.500,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Testlauf starten" }).ClickAsync();
        var result = page.Locator("#testrun-result");
        await Assertions.Expect(result).ToContainTextAsync("Regel 2 (Regel_2): über 100 → stufe = hoch");
        await Assertions.Expect(result).ToContainTextAsync("1.500,5");
        await page.GetByLabel("Betrag (Zahl)").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Testlauf starten" }).ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("stufe = gering");
        using var owner = fixture.Factory.ApiClient("prozess");
        Assert.DoesNotContain("neue_entscheidung", await owner.GetStringAsync("/api/decisions"), StringComparison.Ordinal);

        // Unsaved changes: leaving asks first.
        Assert.True(await page.EvaluateAsync<bool>("() => window.dmnEditor.isDirty()"));

        // Publishing goes through the decision upload: version 1, then a changed table is version 2.
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#editor-status")).ToContainTextAsync("Veröffentlicht: neue_entscheidung Version 1");
        Assert.False(await page.EvaluateAsync<bool>("() => window.dmnEditor.isDirty()"));
        await EditCellAsync(page, "Regel_1", "Ausgabe_1", "\"klein\"");
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#editor-status")).ToContainTextAsync("Veröffentlicht: neue_entscheidung Version 2");
        var versions = (await owner.GetFromJsonAsync<JsonElement>("/api/decisions")).EnumerateArray()
            .Where(v => v.GetProperty("decisionKey").GetString() == "neue_entscheidung").Select(v => v.GetProperty("version").GetInt32()).Order().ToList();
        Assert.Equal([1, 2], versions);
        var stored = await owner.GetStringAsync("/api/decisions/neue_entscheidung/versions/2/source");
        Assert.Contains("\"klein\"", stored, StringComparison.Ordinal);

        // The published version opens again for editing, at 1366 and 390 px without axe findings or sideways scrolling.
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync("/entscheidungen/editor/neue_entscheidung");
            await Assertions.Expect(page.Locator("html[data-dmn-editor-ready='true']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Entscheidungseditor: neue_entscheidung");
            await Assertions.Expect(page.Locator("#dmn-editor td[data-row-id='Regel_1'][data-col-id='Ausgabe_1']")).ToContainTextAsync("\"klein\"");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Grundlage: Version 2");
            var problems = await PageSweepBrowserTests.ProblemsAsync(page, $"{width} px Entscheidungseditor");
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
        await page.GotoAsync("/entscheidungen/editor/gibt_es_nicht");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nicht gefunden");
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task A_manager_cannot_open_the_editor_nor_publish_a_decision_with_a_valid_session()
    {
        var page = await PageSweepBrowserTests.PageAsync(fixture, "leitung", "demo", 1366);
        await page.GotoAsync("/entscheidungen/editor");
        Assert.NotEqual("/entscheidungen/editor", new Uri(page.Url).AbsolutePath);
        // With the session's own anti-forgery token (the logout form's), so only the role decides.
        var status = await page.EvaluateAsync<int>("""
            async xml => (await fetch('/api/definitions?publish=true&fileName=verboten_leitung.dmn', { method: 'POST', credentials: 'same-origin',
              headers: { 'Content-Type': 'application/xml', 'RequestVerificationToken': document.querySelector('input[name=__RequestVerificationToken]').value },
              body: xml })).status
            """, DecisionEditorApiTests.Fees("verboten_leitung"));
        Assert.Equal((int)HttpStatusCode.Forbidden, status);
        using var owner = fixture.Factory.ApiClient("prozess");
        Assert.DoesNotContain("verboten_leitung", await owner.GetStringAsync("/api/decisions"), StringComparison.Ordinal);
        await page.Context.DisposeAsync();
    }

    private static string Process(string processId, string decisionKey) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{processId}" targetNamespace="urn:test">
          <bpmn:process id="{processId}" name="Gebühr {processId}" isExecutable="true">
            <bpmn:startEvent id="Start"/>
            <bpmn:businessRuleTask id="Regel" name="Gebühr bestimmen" camunda:decisionRef="{decisionKey}" camunda:resultVariable="gebuehr"
                camunda:mapDecisionResult="singleResult">
              <bpmn:extensionElements><am:automation level="automated" cpuSeconds="0.1"/></bpmn:extensionElements>
            </bpmn:businessRuleTask>
            <bpmn:userTask id="Pruefen" name="Bescheid prüfen"><bpmn:extensionElements><am:role name="sachbearbeitung"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Regel"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Regel" targetRef="Pruefen"/>
            <bpmn:sequenceFlow id="F3" sourceRef="Pruefen" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Warum_on_the_case_page_shows_inputs_the_matched_rule_and_outputs_in_german_and_passes_axe()
    {
        using var owner = fixture.Factory.ApiClient("prozess");
        using var admin = fixture.Factory.ApiClient("admin");
        var dmn = await owner.PostAsync("/api/definitions?publish=true&fileName=warum.dmn", TestBpmn.Xml(DecisionEditorApiTests.Fees("warum_gebuehr")));
        Assert.True(dmn.StatusCode == HttpStatusCode.Created, await dmn.Content.ReadAsStringAsync());
        var bpmn = await admin.PostAsync("/api/definitions?publish=true&fileName=warum.bpmn&overrideReason=Test", TestBpmn.Xml(Process("warum-fall", "warum_gebuehr")));
        Assert.True(bpmn.IsSuccessStatusCode, await bpmn.Content.ReadAsStringAsync());
        var started = await admin.PostAsJsonAsync("/api/cases", new { processId = "warum-fall", variables = new { betrag = 12345.5 }, businessKey = "AZ-WARUM-1" });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var width in new[] { 1366, 390 })
        {
            var page = await PageSweepBrowserTests.PageAsync(fixture, "sachbearbeitung", "demo", width);
            await page.GotoAsync($"/vorgaenge/{id}");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Warum?" })).ToBeVisibleAsync();
            var why = page.Locator("section.decision").First;
            await Assertions.Expect(why.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("Schritt „Gebühr bestimmen“: Entscheidung „Gebühr“, Version 1");
            var inputs = why.GetByRole(AriaRole.Table, new() { Name = "Eingaben" });
            await Assertions.Expect(inputs.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Betrag");
            await Assertions.Expect(inputs.GetByRole(AriaRole.Cell)).ToHaveTextAsync("12.345,5");
            await Assertions.Expect(why.GetByRole(AriaRole.Listitem)).ToHaveTextAsync("Regel 3 (r3): über 1000 Euro → stufe = hoch; faktor = 1.234,5");
            await Assertions.Expect(why).ToContainTextAsync("Zutreffende Regeln:");
            await Assertions.Expect(why).ToContainTextAsync("Ergebnis:");
            await Assertions.Expect(why).ToContainTextAsync("1.234,5");
            var problems = await PageSweepBrowserTests.ProblemsAsync(page, $"{width} px Vorgang mit Warum?");
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            await page.Context.DisposeAsync();
        }
    }
}
