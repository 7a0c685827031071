using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Automation.Server.Tests.Pages;
using Microsoft.Playwright;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// The modeler offers the server's connectors as element templates on a service task (Chromium): choosing one binds the
/// task to the connector's topic and adds its inputs, the panel says which required input is empty, and the XML carries
/// what the engine reads. The page passes axe with the template's fields open.
/// </summary>
public sealed class ConnectorTemplateBrowserTests(ConnectorBrowserFixture fixture) : IClassFixture<ConnectorBrowserFixture>
{
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    [Fact]
    public async Task A_process_owner_applies_a_connector_to_a_service_task_fills_its_required_inputs_and_the_xml_binds_it()
    {
        var owner = fixture.Factory.ApiClient("prozess");
        var created = await owner.PostAsync("/api/drafts", new StringContent(ServiceTaskWithDiagram, System.Text.Encoding.UTF8, "application/xml"));
        var draftId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var page = await PageSweepBrowserTests.PageAsync(fixture, "prozess", "demo", 1400);
        await page.AddInitScriptAsync("document.addEventListener('modeler-ready', e => { window.testModeler = e.detail; });");
        await page.GotoAsync($"/modeler?entwurf={draftId}");
        await Assertions.Expect(page.Locator("#draft-button")).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => !!window.testModeler");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.testModeler.templateErrors.length"));

        await page.Locator(".djs-element[data-element-id='Task_Senden']").DispatchEventAsync("click");
        var templateGroup = page.Locator("[data-group-id='group-ElementTemplates__Template']");
        await Assertions.Expect(templateGroup).ToContainTextAsync("Konnektor (Vorlage)");
        await templateGroup.GetByRole(AriaRole.Button, new() { Name = "Auswählen" }).ClickAsync();
        var chooser = page.Locator(".djs-popup");
        await Assertions.Expect(chooser).ToContainTextAsync("Konnektor wählen");
        await chooser.GetByText("Testversand an ein Fachverfahren", new() { Exact = true }).ClickAsync();

        // The inputs are there; the two required ones say they are empty, the one left optional does not.
        var inputs = page.Locator("[data-group-id='group-ElementTemplates__CustomProperties-eingaben']");
        var header = inputs.Locator(".bio-properties-panel-group-header");
        if (!((await header.GetAttributeAsync("class")) ?? "").Contains("open", StringComparison.Ordinal)) await header.ClickAsync();
        var address = inputs.GetByLabel("Adresse des Fachverfahrens");
        var deadline = inputs.GetByLabel("Frist in Tagen");
        await Assertions.Expect(address).ToBeVisibleAsync();
        await Assertions.Expect(inputs.Locator(".bio-properties-panel-error")).ToHaveCountAsync(2);
        await Assertions.Expect(inputs.Locator(".bio-properties-panel-error").First).ToHaveTextAsync("Darf nicht leer sein.");

        // axe with the panel open on the template's fields (CSP bypassed only to inject axe).
        var problems = await PageSweepBrowserTests.ProblemsAsync(page, "Modeler mit Konnektor");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        await address.FillAsync("https://fachverfahren.example/eingang");
        await address.PressAsync("Tab");
        await deadline.FillAsync("vierzehn");
        await deadline.PressAsync("Tab");
        await Assertions.Expect(inputs.Locator(".bio-properties-panel-error")).ToHaveTextAsync(["Bitte eine Zahl (z. B. 12 oder 3,5) oder einen Ausdruck ${…} eingeben."]);
        await deadline.FillAsync("${fristTage}");
        await deadline.PressAsync("Tab");
        await Assertions.Expect(inputs.Locator(".bio-properties-panel-error")).ToHaveCountAsync(0);

        // The server checks the diagram: no error but the register entry an automated step needs before publishing.
        var validate = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Prüfen" }).ClickAsync(),
            r => r.Url.Contains("/api/definitions/validate", StringComparison.Ordinal));
        Assert.Equal(200, validate.Status);
        var diagnostics = (await validate.JsonAsync())!.Value.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("severity").GetString() == "error" && d.GetProperty("code").GetString() != "register-incomplete")
            .Select(d => d.GetProperty("code").GetString() + ": " + d.GetProperty("message").GetString()).ToList();
        Assert.True(diagnostics.Count == 0, string.Join(Environment.NewLine, diagnostics));

        var xml = XDocument.Parse(await page.EvaluateAsync<string>("() => window.testModeler.getXml()"));
        var task = xml.Descendants().Single(e => e.Name.LocalName == "serviceTask");
        Assert.Equal("external", (string?)task.Attribute(Camunda + "type"));
        Assert.Equal("testversand", (string?)task.Attribute(Camunda + "topic"));
        Assert.Equal("automation.testversand", (string?)task.Attribute(Camunda + "modelerTemplate"));
        var parameters = task.Descendants(Camunda + "inputParameter").ToDictionary(p => (string)p.Attribute("name")!, p => p.Value);
        Assert.Equal("https://fachverfahren.example/eingang", parameters["adresse"]);
        Assert.Equal("${fristTage}", parameters["frist"]);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "modeler-connector.png"), FullPage = true });
        // On a phone the template's fields fit the screen.
        await page.SetViewportSizeAsync(390, 900);
        var overflow = await PageSweepBrowserTests.OverflowAsync(page, "390 px");
        Assert.True(overflow.Count == 0, string.Join(Environment.NewLine, overflow));
        await page.Context.CloseAsync();
    }

    /// <summary>A plain service task (no binding yet), with the diagram (DI) the modeler needs to show it.</summary>
    private const string ServiceTaskWithDiagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs" targetNamespace="urn:test">
          <bpmn:process id="konnektor-modeler" name="Konnektor im Modeler" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:serviceTask id="Task_Senden" name="An Fachverfahren senden">
              <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Senden"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Senden" targetRef="End"/>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="Diagram"><bpmndi:BPMNPlane id="Plane" bpmnElement="konnektor-modeler">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="152" y="102" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Task_Senden_di" bpmnElement="Task_Senden"><dc:Bounds x="240" y="80" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="392" y="102" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="188" y="120"/><di:waypoint x="240" y="120"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="340" y="120"/><di:waypoint x="392" y="120"/></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}
