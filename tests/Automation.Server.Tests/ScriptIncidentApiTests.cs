using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests;

/// <summary>A script that runs into a limit shows as an incident with a German message and a stable code in the API.</summary>
public sealed class ScriptIncidentApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task A_catastrophic_regular_expression_gives_an_incident_with_code_and_German_message_instead_of_a_hanging_request()
    {
        var admin = factory.ApiClient("admin");
        var xml = RegisterTests.AutoStep("regex-pruefung").Replace("<bpmn:script>1 + 1</bpmn:script>",
            "<bpmn:script>gueltig = /^(a+)+$/.test(eingabe)</bpmn:script>", StringComparison.Ordinal);
        var published = await admin.PostAsync("/api/definitions?publish=true&fileName=regex.bpmn&overrideReason=Test", TestBpmn.Xml(xml));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        var id = await TestBpmn.StartAsync(admin, "regex-pruefung", variables: new { eingabe = new string('a', 35) + "!" });
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/instances/{id}");
        var incident = detail.GetProperty("incidents")[0];
        Assert.Equal("Task_Auto", incident.GetProperty("nodeId").GetString());
        Assert.Equal("script-regex-timeout", incident.GetProperty("code").GetString());
        Assert.StartsWith("Skript fehlgeschlagen: Ein regulärer Ausdruck hat das Zeitlimit des Skripts von 1 s überschritten",
            incident.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
