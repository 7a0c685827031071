using Automation.Engine.Model;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Runtime;

/// <summary>A file field holds only a stored document's description {id, name, size, mediaType}; anything else is refused.</summary>
public sealed class FileFieldTests
{
    private static readonly FormField Field = new("nachweis", "Nachweis", "file", true, []);

    private static Dictionary<string, object?> Document(object? id = null) => new(StringComparer.Ordinal)
    {
        ["id"] = id ?? Guid.NewGuid().ToString(), ["name"] = "Nachweis.pdf", ["size"] = 1234d, ["mediaType"] = "application/pdf",
    };

    [Fact]
    public void A_document_description_is_kept_as_it_is()
    {
        var document = Document();
        var values = FormValues.Check([Field], [new("nachweis", document)]);
        Assert.Equal(document, values["nachweis"]);
    }

    public static TheoryData<object?> Forged => new()
    {
        "../../etc/passwd",
        42d,
        true,
        new List<object?> { "a" },
        new Dictionary<string, object?> { ["id"] = "keine-guid", ["name"] = "a.pdf", ["size"] = 1d, ["mediaType"] = "application/pdf" },
        new Dictionary<string, object?> { ["id"] = Guid.NewGuid().ToString(), ["name"] = "a.pdf" },
        new Dictionary<string, object?> { ["id"] = Guid.NewGuid().ToString(), ["name"] = "a.pdf", ["size"] = "groß", ["mediaType"] = "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(Forged))]
    public void Anything_else_is_refused_naming_the_field(object? value)
    {
        var e = Assert.Throws<WorkflowInputException>(() => FormValues.Check([Field], [new("nachweis", value)]));
        Assert.Equal("nachweis", e.Field);
        Assert.Equal("„Nachweis“ muss ein hochgeladenes Dokument sein.", e.Message);
    }

    [Fact]
    public void A_required_file_field_without_a_value_is_a_missing_field()
    {
        var e = Assert.Throws<WorkflowInputException>(() => FormValues.Check([Field], []));
        Assert.Equal("„Nachweis“ ist ein Pflichtfeld.", e.Message);
    }
}
