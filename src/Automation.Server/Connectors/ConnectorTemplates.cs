using System.Text.Json.Serialization;
using Automation.Engine.Texts;

namespace Automation.Server.Connectors;

/// <summary>
/// The server's connectors as Camunda 7 element templates for the modeler (bpmn-js-element-templates): choosing one on
/// a service task binds it as an external task of the connector's topic (which the server's connector worker serves)
/// and adds one <c>camunda:inputParameter</c> per input, required ones checked by the panel. A pure function: the same
/// connectors give the same templates.
/// </summary>
internal static class ConnectorTemplates
{
    /// <summary>The JSON schema the templates follow.</summary>
    public const string Schema = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";

    /// <summary>Prefix of every template id; the rest is the connector's name.</summary>
    public const string IdPrefix = "automation.";

    /// <summary>The input the worker stores the whole result under (see <see cref="ConnectorWorker"/>).</summary>
    public const string ResultVariable = "resultVariable";

    private const string InputsGroup = "eingaben", ResultGroup = "ergebnis";

    // German texts of the templates (the modeler's labels), from the one resource set.
    private static string InputsLabel => Texte.VorlageEingaben;
    private static string ResultLabel => Texte.VorlageErgebnis;
    private static string ResultVariableLabel => Texte.VorlageErgebnisVariable;
    private static string ResultVariableHelp => Texte.VorlageErgebnisVariableHilfe;
    private static string ExpressionHint => Texte.VorlageAusdruckHinweis;
    private static string Yes => Texte.VorlageJa;
    private static string No => Texte.VorlageNein;
    private static string NumberMessage => Texte.VorlageZahl;

    /// <summary>A number with point or comma, or a JUEL expression.</summary>
    private const string NumberPattern = @"^(-?\d+([.,]\d+)?|\$\{.+\})$";

    /// <summary>One template per connector, ordered by name.</summary>
    public static IReadOnlyList<ElementTemplate> Of(IEnumerable<IConnector> connectors) =>
        connectors.OrderBy(c => c.Name, StringComparer.Ordinal).Select(Of).ToList();

    /// <summary>The template of one connector.</summary>
    public static ElementTemplate Of(IConnector connector)
    {
        var properties = new List<TemplateProperty>
        {
            new() { Type = "Hidden", Value = "external", Binding = new("property", "camunda:type") },
            new() { Type = "Hidden", Value = connector.Name, Binding = new("property", "camunda:topic") },
        };
        properties.AddRange(connector.Inputs.Select(Input));
        properties.Add(new()
        {
            Label = ResultVariableLabel, Type = "String", Group = ResultGroup, Description = ResultVariableHelp,
            Binding = new("camunda:inputParameter", ResultVariable),
            Constraints = new() { Pattern = new(@"^([A-Za-z_][A-Za-z0-9_]*)?$", Texte.VorlageVariablenname) },
        });
        return new ElementTemplate
        {
            Id = IdPrefix + connector.Name,
            Name = connector.Label,
            Version = connector.Version,
            Description = Description(connector),
            Groups = [new(InputsGroup, InputsLabel), new(ResultGroup, ResultLabel)],
            Properties = properties,
        };
    }

    private static TemplateProperty Input(ConnectorField field)
    {
        var help = string.IsNullOrWhiteSpace(field.Description) ? ExpressionHint : field.Description + " " + ExpressionHint;
        var property = new TemplateProperty
        {
            Label = field.Label,
            Group = InputsGroup,
            Description = help,
            Binding = new("camunda:inputParameter", field.Name),
            Type = field.Type switch
            {
                ConnectorFieldType.Json => "Text",
                // Camunda 7 templates have no Boolean control for input parameters: a choice writes "true" or "false".
                ConnectorFieldType.Boolean => "Dropdown",
                _ => "String",
            },
        };
        if (field.Type == ConnectorFieldType.Boolean)
        {
            property = property with { Choices = [new(Yes, "true"), new(No, "false")], Value = "false", Description = field.Description };
        }
        var constraints = new TemplateConstraints
        {
            NotEmpty = field.Required ? true : null,
            Pattern = field.Type == ConnectorFieldType.Number ? new(NumberPattern, NumberMessage) : null,
        };
        return constraints.NotEmpty is null && constraints.Pattern is null ? property : property with { Constraints = constraints };
    }

    private static string Description(IConnector connector)
    {
        var text = Texte.Format(Texte.VorlageBeschreibung, connector.Name, connector.Version);
        return connector.Outputs.Count == 0 ? text
            : text + Texte.Format(Texte.VorlageBeschreibungErgebnis, string.Join(", ", connector.Outputs.Select(o => $"{o.Name} ({o.Label})")));
    }
}

/// <summary>A Camunda 7 element template (the subset the connectors use).</summary>
internal sealed record ElementTemplate
{
    [JsonPropertyName("$schema")] public string Schema { get; init; } = ConnectorTemplates.Schema;
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("version")] public required int Version { get; init; }
    [JsonPropertyName("description")] public required string Description { get; init; }
    [JsonPropertyName("appliesTo")] public IReadOnlyList<string> AppliesTo { get; init; } = ["bpmn:ServiceTask"];
    /// <summary>True: the panel keeps its other groups (name, the am: annotations) beside the template's.</summary>
    [JsonPropertyName("entriesVisible")] public bool EntriesVisible { get; init; } = true;
    [JsonPropertyName("groups")] public required IReadOnlyList<TemplateGroup> Groups { get; init; }
    [JsonPropertyName("properties")] public required IReadOnlyList<TemplateProperty> Properties { get; init; }
}

/// <summary>A group of the properties panel.</summary>
internal sealed record TemplateGroup([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("label")] string Label);

/// <summary>A field of the template.</summary>
internal sealed record TemplateProperty
{
    [JsonPropertyName("label"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Label { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("value"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Value { get; init; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; init; }
    [JsonPropertyName("group"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Group { get; init; }
    [JsonPropertyName("choices"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<TemplateChoice>? Choices { get; init; }
    [JsonPropertyName("binding")] public required TemplateBinding Binding { get; init; }
    [JsonPropertyName("constraints"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TemplateConstraints? Constraints { get; init; }
}

/// <summary>Where the field's value goes in the BPMN XML.</summary>
internal sealed record TemplateBinding([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("name")] string Name);

/// <summary>A choice of a dropdown.</summary>
internal sealed record TemplateChoice([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("value")] string Value);

/// <summary>What the panel checks.</summary>
internal sealed record TemplateConstraints
{
    [JsonPropertyName("notEmpty"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? NotEmpty { get; init; }
    [JsonPropertyName("pattern"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TemplatePattern? Pattern { get; init; }
}

/// <summary>A regular expression with the German message shown when it does not match.</summary>
internal sealed record TemplatePattern([property: JsonPropertyName("value")] string Value, [property: JsonPropertyName("message")] string Message);
