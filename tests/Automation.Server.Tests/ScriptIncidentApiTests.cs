using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests;

/// <summary>A server whose scripts may run 300 ms (configured, not the default).</summary>
public sealed class ShortScriptServerFactory : ServerFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Automation:Scripts:TimeoutMilliseconds", "300")];
}

/// <summary>A script that runs into a limit shows as an incident with a German message and a stable code in the API.</summary>
public sealed class ScriptIncidentApiTests(ShortScriptServerFactory factory) : IClassFixture<ShortScriptServerFactory>
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
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        var incident = detail.GetProperty("incidents")[0];
        Assert.Equal("Task_Auto", incident.GetProperty("nodeId").GetString());
        Assert.Equal("script-regex-timeout", incident.GetProperty("code").GetString());
        Assert.StartsWith("Skript fehlgeschlagen: Ein regulärer Ausdruck hat das Zeitlimit des Skripts von 0,3 s überschritten",
            incident.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TimeoutMilliseconds")]
    [InlineData("InlineBudgetMilliseconds")]
    [InlineData("Threads")]
    [InlineData("RunBudgetSeconds")]
    public void A_script_setting_of_zero_is_refused_naming_its_key(string key)
    {
        var settings = new Infrastructure.ScriptSettings();
        typeof(Infrastructure.ScriptSettings).GetProperty(key)!.SetValue(settings, 0);
        var e = Assert.Throws<InvalidOperationException>(settings.Validate);
        Assert.Contains($"Automation:Scripts:{key} muss größer als 0 sein", e.Message, StringComparison.Ordinal);
    }
}
