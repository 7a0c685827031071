using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>Format sniffing and file handling of the common entry point.</summary>
public class DefinitionReaderTests
{
    private static MemoryStream Bytes(string text, Encoding? encoding = null) =>
        new([.. (encoding ?? Encoding.UTF8).GetPreamble(), .. (encoding ?? Encoding.UTF8).GetBytes(text)]);

    [Fact]
    public void Xml_after_bom_and_whitespace_is_read_as_bpmn()
    {
        var set = DefinitionReader.Read(Bytes("\r\n  <definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"p\"/></definitions>"), "a.bpmn");

        Assert.Equal(SourceFormat.Bpmn, set.Format);
        Assert.Empty(set.Diagnostics);
        Assert.Equal("p", Assert.Single(set.Processes).Id);
    }

    [Fact]
    public void Utf16_xml_is_read_as_bpmn()
    {
        var set = DefinitionReader.Read(Bytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"ä\"/></definitions>",
            Encoding.Unicode), "u16.bpmn");

        Assert.Empty(set.Diagnostics);
        Assert.Equal("ä", Assert.Single(set.Processes).Id);
    }

    [Fact]
    public void Json_goes_to_the_elsa_reader()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa", "implicit-loop.json"));

        var set = DefinitionReader.Read(stream, "implicit-loop.json");

        Assert.Equal(SourceFormat.ElsaJson, set.Format);
    }

    [Theory]
    [InlineData("name: yaml", "unknown format: the source starts with 'n'")]
    [InlineData("   \n ", "the source is empty")]
    [InlineData("", "the source is empty")]
    public void Other_content_is_an_unknown_format(string text, string message)
    {
        var d = Assert.Single(DefinitionReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "x").Diagnostics);

        Assert.Equal((DiagnosticCodes.UnknownFormat, "x"), (d.Code, d.File));
        Assert.StartsWith(message, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_io_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.bpmn");

        var d = Assert.Single(DefinitionReader.ReadFile(path).Diagnostics);

        Assert.Equal((DiagnosticCodes.IoError, path), (d.Code, d.File));
    }
}
