using System.Text;
using Automation.Engine.Reading;
using Automation.Server.Connectors;
using Automation.Server.Connectors.Vorlagen;

namespace Automation.Server.Tests.Connectors;

/// <summary>The template library and its placeholders: German formats, no empty holes, unknown templates found at publish.</summary>
public sealed class TemplateTests
{
    private static readonly Dictionary<string, object?> Values = new(StringComparer.Ordinal)
    {
        ["antragsteller"] = "Jürgen Müßig",
        ["betrag"] = 1234.5,
        ["kinder"] = 2d,
        ["eingangsdatum"] = "2026-11-30",
        ["bewilligt"] = true,
        ["adresse"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ort"] = "Köln", ["plz"] = "50667" },
        ["nachweis"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = Guid.NewGuid().ToString(), ["name"] = "Mietvertrag.pdf" },
        ["html"] = "<b>fett</b> & Co",
    };

    [Fact]
    public void Placeholders_are_filled_the_German_way()
    {
        var text = TemplateRenderer.Render("t", "{{antragsteller}}: {{ betrag }} €, {{kinder}} Kinder, seit {{eingangsdatum}}, bewilligt {{bewilligt}}, {{adresse.plz}} {{adresse.ort}}, {{nachweis}}", Values);
        Assert.Equal("Jürgen Müßig: 1.234,50 €, 2 Kinder, seit 30.11.2026, bewilligt ja, 50667 Köln, Mietvertrag.pdf", text);
    }

    [Fact]
    public void Html_templates_encode_the_values_and_text_templates_keep_them()
    {
        Assert.Equal("<p>&lt;b&gt;fett&lt;/b&gt; &amp; Co</p>", TemplateRenderer.Render("t", "<p>{{html}}</p>", Values, html: true));
        Assert.Equal("<b>fett</b> & Co", TemplateRenderer.Render("t", "{{html}}", Values));
    }

    [Theory]
    [InlineData("{{unbekannt}}", "unbekannt")]
    [InlineData("{{adresse.strasse}}", "adresse.strasse")]
    [InlineData("{{antragsteller.name}}", "antragsteller.name")]
    [InlineData("{{leer}}", "leer")]
    public void An_unknown_variable_or_field_names_the_template_and_the_variable(string text, string variable)
    {
        var values = new Dictionary<string, object?>(Values, StringComparer.Ordinal) { ["leer"] = "" };
        var e = Assert.Throws<TemplateException>(() => TemplateRenderer.Render("bescheid", "Vor " + text + " nach", values));
        Assert.Contains("„bescheid“", e.Message, StringComparison.Ordinal);
        Assert.Contains($"„{variable}“", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{secret:smtp}}")]
    [InlineData("{{a b}}")]
    [InlineData("{{}}")]
    [InlineData("{{constructor.prototype}}x{{__proto__ }}")]
    public void Malformed_or_foreign_placeholders_are_refused_not_passed_through(string text)
    {
        var e = Assert.Throws<TemplateException>(() => TemplateRenderer.Render("mail", text, Values));
        Assert.Contains("„mail“", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aktenzeichen_and_heute_are_available_unless_the_case_has_its_own()
    {
        var now = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero);
        var values = TemplateRenderer.Values(Call(Values, "AZ-2026-17"), now);
        // 23:30 UTC is already the first of January in Berlin.
        Assert.Equal("AZ-2026-17 vom 01.01.2027", TemplateRenderer.Render("t", "{{aktenzeichen}} vom {{heute}}", values));
        var own = TemplateRenderer.Values(Call(new Dictionary<string, object?> { ["aktenzeichen"] = "eigenes" }, "AZ-1"), now);
        Assert.Equal("eigenes", TemplateRenderer.Render("t", "{{aktenzeichen}}", own));
    }

    [Fact]
    public void A_steps_input_parameters_are_its_local_variables_and_win_over_the_cases()
    {
        var now = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
        var variables = new Dictionary<string, object?> { ["betrag"] = "aus dem Vorgang", ["name"] = "Erika" };
        var inputs = new Dictionary<string, object?> { ["betrag"] = 123.5, ["template"] = "bescheid" };
        var values = TemplateRenderer.Values(Call(variables, null, inputs), now);
        Assert.Equal("Erika: 123,50", TemplateRenderer.Render("t", "{{name}}: {{betrag}}", values));
        // Without a business key and without a variable of that name there is no Aktenzeichen to fill in: a clear error.
        Assert.Throws<TemplateException>(() => TemplateRenderer.Render("t", "{{aktenzeichen}}", values));
    }

    private static ConnectorCall Call(IReadOnlyDictionary<string, object?> variables, string? businessKey, IReadOnlyDictionary<string, object?>? inputs = null) =>
        new(Guid.NewGuid(), businessKey, "p", "Task", "key", inputs ?? new Dictionary<string, object?>(), variables, 1);

    [Fact]
    public void The_library_has_the_German_templates_and_every_placeholder_in_them_is_well_formed()
    {
        var library = new TemplateLibrary();
        var mail = library.Find("eingangsbestaetigung", TemplateKind.Email);
        Assert.NotNull(mail?.Html);
        Assert.NotNull(mail?.Text);
        Assert.NotNull(library.Find("bescheid", TemplateKind.Pdf)?.Text);
        Assert.Null(library.Find("bescheid", TemplateKind.Email));
        foreach (var template in new[] { mail!.Html!, mail.Text!, library.Find("bescheid", TemplateKind.Pdf)!.Text! })
        {
            Assert.All(TemplateRenderer.Paths(template), p => Assert.Matches(@"^[a-z]+(\.[a-z]+)*$", p));
        }
    }

    private static string Model(string action, string template, bool asInput) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="Versand" name="Bescheid versenden">
              <bpmn:extensionElements>
                {(asInput
                    ? $"<am:action name=\"{action}\"/><camunda:inputOutput><camunda:inputParameter name=\"template\">{template}</camunda:inputParameter></camunda:inputOutput>"
                    : $"<am:action name=\"{action}\" template=\"{template}\"/>")}
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Versand"/>
            <bpmn:sequenceFlow id="f2" sourceRef="Versand" targetRef="e"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static IReadOnlyList<Automation.Engine.Model.Diagnostic> Check(string xml) =>
        TemplateCheck.Check(DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "t.bpmn"), new TemplateLibrary());

    [Theory]
    [InlineData("pdf", "bescheidd", false)]
    [InlineData("pdf:1", "gibtsnicht", true)]
    [InlineData("email", "bescheid", false)]
    [InlineData("pdf", "eingangsbestaetigung", true)]
    public void Publishing_a_step_with_an_unknown_template_names_the_element_and_the_template(string action, string template, bool asInput)
    {
        var finding = Assert.Single(Check(Model(action, template, asInput)));
        Assert.Equal(Automation.Engine.Model.DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal(TemplateCheck.UnknownTemplate, finding.Code);
        Assert.Equal("Versand", finding.ElementId);
        Assert.Contains($"„{template}“", finding.Message, StringComparison.Ordinal);
        Assert.Contains("„Bescheid versenden“", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pdf", "bescheid", false)]
    [InlineData("email", "eingangsbestaetigung", true)]
    [InlineData("http", "gibtsnicht", false)]
    public void Known_templates_and_other_connectors_give_no_finding(string action, string template, bool asInput) =>
        Assert.Empty(Check(Model(action, template, asInput)));
}
