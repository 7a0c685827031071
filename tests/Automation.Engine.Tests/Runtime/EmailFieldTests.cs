using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Tests.Bpmn;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// The form field type email: read from am:field (Camunda has no such type, so a Camunda string field stays a string
/// whatever its constraints say), and one address rule in FormValues that refuses anything but a single bare address.
/// </summary>
public sealed class EmailFieldTests
{
    private static readonly FormField Field = new("kontakt", "E-Mail für Rückfragen", "email", true, []);

    private static object? Checked(object? value) => FormValues.Check([Field], [new("kontakt", value)])["kontakt"];

    [Fact]
    public void The_reader_accepts_am_field_type_email_and_still_reports_an_unknown_type()
    {
        var set = BpmnTestSupport.ReadProcess("""
            <bpmn:userTask id="u"><bpmn:extensionElements>
              <am:field id="kontakt" label="E-Mail" type="email" required="true"/>
              <am:field id="fax" label="Fax" type="telefax"/>
            </bpmn:extensionElements></bpmn:userTask>
            """);

        var fields = set.Processes[0].GetNode("u").FormFields;
        Assert.Equal("email", fields.Single(f => f.Id == "kontakt").Type);
        var finding = Assert.Single(set.Diagnostics);
        Assert.Contains("telefax", finding.Message, StringComparison.Ordinal);
        Assert.Contains("email", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_camunda_string_field_is_not_guessed_to_be_an_address()
    {
        var set = BpmnTestSupport.ReadProcess("""
            <bpmn:userTask id="u"><bpmn:extensionElements><camunda:formData>
              <camunda:formField id="email" label="E-Mail" type="string">
                <camunda:properties><camunda:property id="inputType" value="email"/></camunda:properties>
                <camunda:validation><camunda:constraint name="maxlength" config="254"/></camunda:validation>
              </camunda:formField>
            </camunda:formData></bpmn:extensionElements></bpmn:userTask>
            """);

        Assert.Equal("string", Assert.Single(set.Processes[0].GetNode("u").FormFields).Type);
    }

    [Theory]
    [InlineData("erika.mustermann@stadt.de")]
    [InlineData("poststelle+antrag@verwaltung.musterstadt.de")]
    [InlineData("o'brien@example.org")]
    [InlineData("poststelle@bürgeramt-münchen.de")]  // decided: an internationalised domain is accepted as typed
    public void A_single_bare_address_is_kept_as_typed(string address) => Assert.Equal(address, Checked(address));

    [Fact]
    public void Surrounding_spaces_are_dropped_as_a_browser_does()
    {
        Assert.Equal("erika@stadt.de", Checked("  erika@stadt.de "));
    }

    [Fact]
    public void The_longest_address_smtp_carries_is_accepted_one_character_more_is_refused()
    {
        // RFC 5321: 64 characters before the @, 254 in all; no domain label longer than 63.
        var local = new string('a', 64);
        var longest = local + "@" + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 58) + ".de";
        Assert.Equal(254, longest.Length);
        Assert.Equal(longest, Checked(longest));
        Assert.Throws<WorkflowInputException>(() => Checked(longest.Replace("@b", "@bb", StringComparison.Ordinal)));
        Assert.Throws<WorkflowInputException>(() => Checked(new string('a', 65) + "@stadt.de"));
        Assert.Throws<WorkflowInputException>(() => Checked("a@" + new string('b', 64) + ".de"));
    }

    public static TheoryData<object> Refused => new()
    {
        "a@b",
        "a b@c.de",
        "a@@c.de",
        "a@c@d.de",
        "@stadt.de",
        "erika@",
        "keine-adresse",
        new string('a', 300) + "@c.de",
        "x@y.de\r\nBcc: z@w.de",
        "x@y.de\n",
        "x@y.de\t",
        "x\u0000@y.de",
        "Erika <erika@stadt.de>",
        "erika@stadt.de, fritz@stadt.de",
        ".erika@stadt.de",
        "erika.@stadt.de",
        "erika..m@stadt.de",
        "erika@stadt..de",
        "erika@.stadt.de",
        "erika@stadt.de.",
        "erika@-stadt.de",
        "erika@stadt_amt.de",
        "erika@192.168.0.1",
        "jürgen@stadt.de",
        42d,
        true,
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_refused_in_german_naming_the_field_with_a_stable_code(object value)
    {
        var e = Assert.Throws<WorkflowInputException>(() => Checked(value));
        Assert.Equal("kontakt", e.Field);
        Assert.Equal("invalid-email", e.Code);
        Assert.StartsWith("„E-Mail für Rückfragen“ muss eine gültige E-Mail-Adresse sein", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_required_email_field_is_a_missing_field_and_an_empty_optional_one_is_left_out()
    {
        var e = Assert.Throws<WorkflowInputException>(() => Checked(""));
        Assert.Equal("„E-Mail für Rückfragen“ ist ein Pflichtfeld.", e.Message);
        var optional = Field with { Required = false };
        Assert.False(FormValues.Check([optional], [new("kontakt", "")]).ContainsKey("kontakt"));
    }

    [Fact]
    public void The_example_address_of_demo_and_dry_runs_passes_the_rule()
    {
        Assert.Equal(EmailAddress.Example, Checked(EmailAddress.Example));
    }
}
