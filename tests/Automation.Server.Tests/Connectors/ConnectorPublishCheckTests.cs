using System.Net;
using System.Text;
using System.Text.Json;
using Automation.Server.Connectors;

namespace Automation.Server.Tests.Connectors;

/// <summary>Publishing checks steps bound to a connector: required inputs, literal types and the asked version, naming element, label and field.</summary>
public sealed class ConnectorPublishCheckTests(ConnectorServerFactory factory) : IClassFixture<ConnectorServerFactory>
{
    private static string Process(string id, string binding, string extensions = "", string topic = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{id}" targetNamespace="urn:test">
          <bpmn:process id="{id}" name="Auszahlung {id}" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:serviceTask id="Task_Zahlung" name="Zahlung anweisen"{topic}>
              <bpmn:extensionElements>
                <am:automation level="automated" cpuSeconds="0.5"/>
                {binding}
                {extensions}
              </bpmn:extensionElements>
              <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Zahlung"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Zahlung" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<(HttpStatusCode Status, JsonElement Body)> DeployAsync(string xml)
    {
        using var client = factory.ApiClient("prozess");
        var response = await client.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static JsonElement Finding(JsonElement body, string code) =>
        body.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == code);

    [Fact]
    public async Task A_step_without_the_required_url_is_refused_naming_element_label_and_field()
    {
        var (status, body) = await DeployAsync(Process("connector-ohne-url", """<am:action name="http" method="POST"/>"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var finding = Finding(body, ConnectorPublishCheck.InputMissing);
        Assert.Equal("Task_Zahlung", finding.GetProperty("elementId").GetString());
        Assert.Equal("Zahlung anweisen", finding.GetProperty("label").GetString());
        var message = finding.GetProperty("message").GetString()!;
        Assert.Contains("„url“", message, StringComparison.Ordinal);
        Assert.Contains("Zahlung anweisen", message, StringComparison.Ordinal);
        Assert.Contains("HTTP-Aufruf (JSON)", message, StringComparison.Ordinal);
        // Nothing stored: the process has no version.
        using var client = factory.ApiClient("prozess");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/definitions/connector-ohne-url/versions")).StatusCode);
    }

    [Fact]
    public async Task The_check_behind_validate_reports_the_same_finding()
    {
        using var client = factory.ApiClient("prozess");
        var response = await client.PostAsync("/api/definitions/validate",
            new StringContent(Process("connector-pruefen", """<am:action name="http"/>"""), Encoding.UTF8, "application/xml"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(ConnectorPublishCheck.InputMissing, text, StringComparison.Ordinal);
        Assert.Contains("Task_Zahlung", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_version_and_a_literal_of_the_wrong_type_are_refused()
    {
        var (status, body) = await DeployAsync(Process("connector-version", "",
            """<camunda:inputOutput><camunda:inputParameter name="url">https://zahlung.example/api</camunda:inputParameter></camunda:inputOutput>""",
            """ camunda:type="external" camunda:topic="http:7" """));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("„7“", Finding(body, ConnectorPublishCheck.UnknownVersion).GetProperty("message").GetString(), StringComparison.Ordinal);

        (status, body) = await DeployAsync(Process("connector-typ", """<am:action name="http" url="https://zahlung.example/api" timeoutSeconds="bald"/>"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var message = Finding(body, ConnectorPublishCheck.InputInvalid).GetProperty("message").GetString()!;
        Assert.Contains("timeoutSeconds", message, StringComparison.Ordinal);
        Assert.Contains("Zahl", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_inputs_given_as_literal_or_as_camunda_input_parameter_are_accepted()
    {
        var (literal, body) = await DeployAsync(Process("connector-literal", """<am:action name="http:1" url="https://zahlung.example/api/{{aktenzeichen}}"/>"""));
        Assert.True(literal is HttpStatusCode.OK or HttpStatusCode.Created, body.ToString());
        var (parameter, body2) = await DeployAsync(Process("connector-parameter", "",
            """<camunda:inputOutput><camunda:inputParameter name="url">${basisAdresse}</camunda:inputParameter></camunda:inputOutput>""",
            """ camunda:type="external" camunda:topic="http" """));
        Assert.True(parameter is HttpStatusCode.OK or HttpStatusCode.Created, body2.ToString());
    }

    [Fact]
    public async Task Topics_that_are_no_connector_are_left_to_the_engine()
    {
        var (status, body) = await DeployAsync(Process("connector-fremd", """<am:action name="noop"/>"""));
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, body.ToString());
    }
}
