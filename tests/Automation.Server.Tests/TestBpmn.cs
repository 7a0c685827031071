using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Automation.Server.Tests;

/// <summary>Small definitions for the tests.</summary>
public static class TestBpmn
{
    /// <summary>Start → two human tasks of the sachbearbeitung inbox → end. The first declares two form fields.</summary>
    public static string TwoTasks(string processId = "pruefung", string name = "Prüfung", string occupation = "73203") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs" targetNamespace="urn:test">
          <bpmn:process id="{processId}" name="{System.Security.SecurityElement.Escape(name)}" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="Task_Pruefen" name="Antrag prüfen">
              <bpmn:extensionElements>
                <am:role name="sachbearbeitung"/>
                <am:effort activity="5" complexity="medium" payLevel="gehoben" occupation="{occupation}"/>
                <am:field id="betrag" label="Betrag" type="long" required="true"/>
                <am:field id="ok" label="In Ordnung?" type="boolean"/>
              </bpmn:extensionElements>
              <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:userTask id="Task_Zwei" name="Bescheid schreiben">
              <bpmn:extensionElements><am:role name="sachbearbeitung"/></bpmn:extensionElements>
              <bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:endEvent id="End"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Pruefen"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Pruefen" targetRef="Task_Zwei"/>
            <bpmn:sequenceFlow id="F3" sourceRef="Task_Zwei" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>
    /// A process of one group (Postkorb): after the start a case waits at once for a task of that group, for the message
    /// <c>{processId} Nachweis</c> (or <paramref name="messageName"/>; correlated by business key) and for the signal
    /// <c>{processId} Stichtag</c>.
    /// </summary>
    public static string Department(string processId, string group, string? messageName = null) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs_{processId}" targetNamespace="urn:test">
          <bpmn:message id="Message_{processId}" name="{messageName ?? processId + " Nachweis"}"/>
          <bpmn:signal id="Signal_{processId}" name="{processId} Stichtag"/>
          <bpmn:process id="{processId}" name="Abteilung {group}" isExecutable="true">
            <bpmn:startEvent id="Start"/>
            <bpmn:parallelGateway id="Split"/>
            <bpmn:userTask id="Task_Bearbeiten" name="Antrag bearbeiten">
              <bpmn:extensionElements><am:role name="{group}"/><am:field id="notiz" label="Notiz" type="string"/></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:receiveTask id="Wait_Nachweis" messageRef="Message_{processId}"/>
            <bpmn:intermediateCatchEvent id="Wait_Stichtag"><bpmn:signalEventDefinition signalRef="Signal_{processId}"/></bpmn:intermediateCatchEvent>
            <bpmn:parallelGateway id="Join"/>
            <bpmn:endEvent id="End"/>
            <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Split"/>
            <bpmn:sequenceFlow id="F1" sourceRef="Split" targetRef="Task_Bearbeiten"/>
            <bpmn:sequenceFlow id="F2" sourceRef="Split" targetRef="Wait_Nachweis"/>
            <bpmn:sequenceFlow id="F3" sourceRef="Split" targetRef="Wait_Stichtag"/>
            <bpmn:sequenceFlow id="F4" sourceRef="Task_Bearbeiten" targetRef="Join"/>
            <bpmn:sequenceFlow id="F5" sourceRef="Wait_Nachweis" targetRef="Join"/>
            <bpmn:sequenceFlow id="F6" sourceRef="Wait_Stichtag" targetRef="Join"/>
            <bpmn:sequenceFlow id="F7" sourceRef="Join" targetRef="End"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A flow pointing to a node that does not exist: invalid.</summary>
    public const string Invalid = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="urn:test">
          <bpmn:process id="kaputt" isExecutable="true">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Nirgendwo"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static StringContent Xml(string text) => new(text, Encoding.UTF8, "application/xml");

    /// <summary>Uploads and publishes; returns the JSON answer.</summary>
    public static async Task<JsonElement> PublishAsync(HttpClient client, string xml)
    {
        var response = await client.PostAsync("/api/definitions?publish=true&fileName=test.bpmn", Xml(xml));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Starts a case; returns its id.</summary>
    public static async Task<Guid> StartAsync(HttpClient client, string processId, string? businessKey = null, object? variables = null)
    {
        var response = await client.PostAsJsonAsync("/api/cases", new { processId, businessKey, variables });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The open user-task wait ids of a case.</summary>
    public static async Task<long> FirstTaskAsync(HttpClient client, Guid caseId)
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        return detail.GetProperty("waits").EnumerateArray().First(w => w.GetProperty("kind").GetString() == "UserTask").GetProperty("id").GetInt64();
    }
}
