using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests.ExternalTasks;

/// <summary>Cases of the published samples driven to an external step, and worker users of a group, for the worker tests.</summary>
internal static class SampleCases
{
    /// <summary>Plausible form values for every human task on the way to the samples' external steps.</summary>
    public static readonly IReadOnlyDictionary<string, object> Values = new Dictionary<string, object>
    {
        // wohngeldantrag
        ["aktenzeichen"] = "WG-2026-31", ["eingangsdatum"] = "2026-12-01", ["unterlagenVollstaendig"] = true, ["einkommen"] = 900.0,
        ["haushaltsmitglieder"] = 2, ["miete"] = 550.0, ["wohngeld"] = 187.5, ["bescheidart"] = "bewilligung", ["bewilligungszeitraumMonate"] = 12,
        // eingangsrechnung
        ["rechnungsnummer"] = "RE-4711", ["betrag"] = 7500.0, ["faelligAm"] = "2026-12-30", ["sachlichRichtig"] = true, ["rechnerischRichtig"] = true,
        ["freigegeben"] = true, ["angeordnet"] = true, ["haushaltsstelle"] = "1.1.1.01",
        ["fachbereichEmail"] = "fachbereich@stadt.example",
        // gewerbeanmeldung
        ["erlaubnispflichtig"] = false, ["handwerk"] = true, ["betriebsbeginn"] = "2027-01-01", ["gewerbekennziffer"] = "43.22",
    };

    /// <summary>A technical user with the role Clerk in <paramref name="group"/> and an API client with its token.</summary>
    public static async Task<HttpClient> WorkerAsync(ServerFactory factory, string userName, string group)
    {
        var admin = factory.ApiClient("admin");
        var user = await admin.PostAsJsonAsync("/api/admin/users", new { userName, displayName = "Dienst " + userName, password = "dienst-passwort-1", roles = new[] { "Clerk" }, groups = new[] { group } });
        Assert.True(user.IsSuccessStatusCode || user.StatusCode == HttpStatusCode.Conflict, await user.Content.ReadAsStringAsync());
        return factory.ApiClient(userName);
    }

    /// <summary>Starts a case of the sample and completes its human tasks until it waits at <paramref name="nodeId"/> only for a worker.</summary>
    public static async Task<Guid> StartUntilAsync(ServerFactory factory, string processId, string businessKey, string nodeId,
        IReadOnlyDictionary<string, object>? values = null)
    {
        var admin = factory.ApiClient("admin");
        var caseId = await TestBpmn.StartAsync(admin, processId, businessKey);
        for (var round = 0; round < 20; round++)
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
            Assert.Equal(0, detail.GetProperty("incidents").GetArrayLength());
            var task = detail.GetProperty("waits").EnumerateArray().FirstOrDefault(w => w.GetProperty("kind").GetString() == "UserTask");
            if (task.ValueKind == JsonValueKind.Undefined)
            {
                Assert.Contains(detail.GetProperty("waits").EnumerateArray(),
                    w => w.GetProperty("nodeId").GetString() == nodeId && w.GetProperty("kind").GetString() == "ExternalTask");
                return caseId;
            }
            var response = await admin.PostAsJsonAsync($"/api/tasks/{caseId}/{task.GetProperty("id").GetInt64()}/complete", new { values = values ?? Values });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        throw new Xunit.Sdk.XunitException($"{processId} did not reach {nodeId}");
    }

    /// <summary>
    /// Publishes a process of one external step of the sample topics (as a Camunda 7 migration might model it) and
    /// starts a case with <paramref name="variables"/>: data the samples' forms would never let through.
    /// </summary>
    public static async Task<Guid> StartOneStepAsync(ServerFactory factory, string processId, string nodeId, string group, string action, object variables)
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="Defs_{processId}" targetNamespace="urn:test">
              <bpmn:process id="{processId}" name="Schritt {processId}" isExecutable="true">
                <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:serviceTask id="{nodeId}" name="Externer Schritt">
                  <bpmn:extensionElements><am:role name="{group}"/>{action}</bpmn:extensionElements>
                  <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
                </bpmn:serviceTask>
                <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="{nodeId}"/>
                <bpmn:sequenceFlow id="F2" sourceRef="{nodeId}" targetRef="End"/>
              </bpmn:process>
            </bpmn:definitions>
            """;
        var admin = factory.ApiClient("admin");
        var published = await admin.PostAsync($"/api/definitions?publish=true&fileName={processId}.bpmn&overrideReason=Test", TestBpmn.Xml(xml));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return await TestBpmn.StartAsync(admin, processId, variables: variables);
    }
}
