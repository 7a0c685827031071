using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Server.Connectors;

namespace Automation.Server.Tests.Connectors;

/// <summary>The element templates of the connectors (Camunda 7 schema) and the two endpoints that serve them.</summary>
public sealed class ConnectorTemplatesTests(TemplateServerFactory factory) : IClassFixture<TemplateServerFactory>
{
    private static JsonElement Template() =>
        JsonSerializer.SerializeToElement(ConnectorTemplates.Of([new TemplateTestConnector()]))[0];

    private static JsonElement Property(JsonElement template, string bindingName) =>
        template.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("binding").GetProperty("name").GetString() == bindingName);

    [Fact]
    public void A_template_binds_the_service_task_as_an_external_task_of_the_connectors_topic()
    {
        var template = Template();
        Assert.Equal("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json", template.GetProperty("$schema").GetString());
        Assert.Equal("automation.testversand", template.GetProperty("id").GetString());
        Assert.Equal("Testversand an ein Fachverfahren", template.GetProperty("name").GetString());
        Assert.Equal(3, template.GetProperty("version").GetInt32());
        Assert.Equal(["bpmn:ServiceTask"], template.GetProperty("appliesTo").EnumerateArray().Select(e => e.GetString()));
        var type = Property(template, "camunda:type");
        Assert.Equal(("Hidden", "external", "property"), (type.GetProperty("type").GetString(), type.GetProperty("value").GetString(), type.GetProperty("binding").GetProperty("type").GetString()));
        var topic = Property(template, "camunda:topic");
        Assert.Equal(("Hidden", "testversand", "property"), (topic.GetProperty("type").GetString(), topic.GetProperty("value").GetString(), topic.GetProperty("binding").GetProperty("type").GetString()));
        // Every group a property names exists: the panel drops fields of unknown groups silently.
        var groups = template.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetString()).ToHashSet();
        Assert.All(template.GetProperty("properties").EnumerateArray().Where(p => p.TryGetProperty("group", out _)),
            p => Assert.Contains(p.GetProperty("group").GetString(), groups));
    }

    [Fact]
    public void Every_input_is_an_input_parameter_of_a_fitting_type_and_only_required_ones_must_not_be_empty()
    {
        var template = Template();
        var inputs = template.GetProperty("properties").EnumerateArray().Where(p => p.GetProperty("binding").GetProperty("type").GetString() == "camunda:inputParameter")
            .ToDictionary(p => p.GetProperty("binding").GetProperty("name").GetString()!);
        Assert.Equal(["adresse", "inhalt", "wiederholen", "frist", "resultVariable"], inputs.Keys);
        Assert.Equal(["String", "Text", "Dropdown", "String", "String"], inputs.Values.Select(p => p.GetProperty("type").GetString()));
        bool NotEmpty(string name) => inputs[name].TryGetProperty("constraints", out var c) && c.TryGetProperty("notEmpty", out var n) && n.GetBoolean();
        Assert.True(NotEmpty("adresse"));
        Assert.True(NotEmpty("frist"));
        Assert.False(NotEmpty("inhalt"));
        Assert.False(NotEmpty("wiederholen"));
        Assert.False(NotEmpty("resultVariable"));
        Assert.Equal("Adresse des Fachverfahrens", inputs["adresse"].GetProperty("label").GetString());
        Assert.StartsWith("Wohin gesendet wird.", inputs["adresse"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["true", "false"], inputs["wiederholen"].GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        // A number field refuses text but takes a decimal comma and an expression.
        var pattern = new System.Text.RegularExpressions.Regex(inputs["frist"].GetProperty("constraints").GetProperty("pattern").GetProperty("value").GetString()!);
        Assert.True(pattern.IsMatch("14") && pattern.IsMatch("2,5") && pattern.IsMatch("${tage}"));
        Assert.False(pattern.IsMatch("vierzehn") || pattern.IsMatch("14 Tage"));
        var result = new System.Text.RegularExpressions.Regex(inputs["resultVariable"].GetProperty("constraints").GetProperty("pattern").GetProperty("value").GetString()!);
        Assert.True(result.IsMatch("") && result.IsMatch("antwort_1"));
        Assert.False(result.IsMatch("1antwort") || result.IsMatch("ant wort"));
    }

    [Fact]
    public void Templates_are_ordered_by_name_and_no_connector_gives_no_template()
    {
        Assert.Empty(ConnectorTemplates.Of([]));
        var ids = ConnectorTemplates.Of([new TemplateTestConnector(), new OtherConnector()]).Select(t => t.Id);
        Assert.Equal(["automation.adressprüfung", "automation.testversand"], ids);
    }

    [Fact]
    public async Task The_api_lists_the_connectors_and_their_templates_for_process_owners_only()
    {
        var owner = factory.ApiClient("prozess");
        var list = await owner.GetFromJsonAsync<JsonElement>("/api/connectors");
        var connector = list.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "testversand");
        Assert.Equal(3, connector.GetProperty("version").GetInt32());
        var frist = connector.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "frist");
        Assert.Equal(("number", true), (frist.GetProperty("type").GetString(), frist.GetProperty("required").GetBoolean()));
        Assert.Equal("status", connector.GetProperty("outputs")[0].GetProperty("name").GetString());

        var templates = await owner.GetFromJsonAsync<JsonElement>("/api/connectors/element-templates");
        // The server's own connectors are listed beside the test's.
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("name").GetString() == "http");
        var all = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ConnectorRegistry>(factory.Services).All;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(JsonSerializer.SerializeToNode(ConnectorTemplates.Of(all)),
            System.Text.Json.Nodes.JsonNode.Parse(templates.GetRawText())));

        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient("sachbearbeitung").GetAsync("/api/connectors/element-templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(null).GetAsync("/api/connectors")).StatusCode);
    }

    private sealed class OtherConnector : IConnector
    {
        public string Name => "adressprüfung";
        public int Version => 1;
        public string Label => "Adressprüfung";
        public IReadOnlyList<ConnectorField> Inputs => [];
        public IReadOnlyList<ConnectorField> Outputs => [];
        public Task<ConnectorResult> ExecuteAsync(ConnectorCall call, CancellationToken ct) => throw new NotSupportedException();
    }
}
