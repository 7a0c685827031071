using System.Diagnostics;
using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;
using Xunit.Abstractions;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>
/// Hostile and broken input ends in one clear diagnostic, never an exception. Durations are printed, not asserted.
/// </summary>
public class BadInputTests(ITestOutputHelper output)
{
    private const string ModelNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private T Timed<T>(string what, Func<T> action)
    {
        var watch = Stopwatch.StartNew();
        var result = action();
        output.WriteLine($"{what}: {watch.ElapsedMilliseconds} ms");
        return result;
    }

    [Fact]
    public void Malformed_xml_reports_the_parser_position()
    {
        var xml = $"<definitions xmlns=\"{ModelNs}\">\n  <process id=\"p\">\n    <task id=\"t\">\n  </process>\n</definitions>";

        var set = BpmnReader.ReadText(xml, "broken.bpmn");

        var d = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.MalformedXml, DiagnosticSeverity.Error, "broken.bpmn"), (d.Code, d.Severity, d.File));
        Assert.Equal(new SourcePosition(4, 5), d.Position);
        Assert.Empty(set.Processes);
        Assert.Equal(xml, set.SourceText);
    }

    [Fact]
    public void Billion_laughs_dtd_is_refused()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">\n");
        for (var i = 1; i <= 9; i++)
            entities.Append("<!ENTITY lol").Append(i).Append(" \"").Append(string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))).Append("\">\n");
        var xml = $"<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [\n{entities}]>\n<definitions xmlns=\"{ModelNs}\">&lol9;</definitions>";

        var set = Timed("billion laughs", () => BpmnReader.ReadText(xml, "lol.bpmn"));

        var d = Assert.Single(set.Diagnostics);
        Assert.Equal(DiagnosticCodes.DtdProhibited, d.Code);
        Assert.Contains("DTD is not allowed", d.Message, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition(2, 1), d.Position);
    }

    [Fact]
    public void External_entity_dtd_is_refused()
    {
        var xml = $"<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><definitions xmlns=\"{ModelNs}\">&x;</definitions>";

        Assert.Equal(DiagnosticCodes.DtdProhibited, Assert.Single(BpmnReader.ReadText(xml).Diagnostics).Code);
    }

    [Fact]
    public void Fifty_megabyte_stream_is_refused_by_its_length()
    {
        var bytes = new byte[50 * 1024 * 1024];
        Encoding.ASCII.GetBytes("<definitions/>").CopyTo(bytes, 0);

        var set = Timed("50 MB stream", () => BpmnReader.Read(new MemoryStream(bytes), "big.bpmn"));

        var d = Assert.Single(set.Diagnostics);
        Assert.Equal(DiagnosticCodes.FileTooLarge, d.Code);
        Assert.Contains("52428800 bytes", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fifty_megabyte_file_is_refused_before_it_is_opened()
    {
        var path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.bpmn");
        try
        {
            using (var file = File.Create(path)) file.SetLength(50L * 1024 * 1024);

            var set = Timed("50 MB file", () => DefinitionReader.ReadFile(path));

            Assert.Equal(DiagnosticCodes.FileTooLarge, Assert.Single(set.Diagnostics).Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Endless_unseekable_stream_is_read_only_up_to_the_limit()
    {
        var stream = new EndlessStream();
        var limits = new ReaderLimits { MaxBytes = 1024 * 1024 };

        var set = Timed("endless stream", () => DefinitionReader.Read(stream, "pipe", limits));

        Assert.Equal(DiagnosticCodes.FileTooLarge, Assert.Single(set.Diagnostics).Code);
        Assert.True(stream.Served <= limits.MaxBytes + 128 * 1024, $"read {stream.Served} bytes");
    }

    [Fact]
    public void Oversized_text_is_refused()
    {
        var set = BpmnReader.ReadText(new string(' ', 2000) + "<definitions/>", limits: new ReaderLimits { MaxBytes = 1000 });

        Assert.Equal(DiagnosticCodes.FileTooLarge, Assert.Single(set.Diagnostics).Code);
    }

    [Fact]
    public void Ten_thousand_deep_nesting_is_refused()
    {
        const int depth = 10_000;
        var xml = new StringBuilder($"<definitions xmlns=\"{ModelNs}\">\n");
        for (var i = 0; i < depth; i++) xml.Append("<subProcess id=\"s").Append(i).Append("\">");
        for (var i = 0; i < depth; i++) xml.Append("</subProcess>");
        xml.Append("\n</definitions>");

        var set = Timed("10,000-deep nesting", () => BpmnReader.ReadText(xml.ToString(), "deep.bpmn"));

        var d = Assert.Single(set.Diagnostics);
        Assert.Equal(DiagnosticCodes.NestingTooDeep, d.Code);
        Assert.Contains("200", d.Message, StringComparison.Ordinal);
        Assert.Equal("s199", d.ElementId);
        Assert.Equal(2, d.Position?.Line);
    }

    [Fact]
    public void Too_many_elements_are_refused()
    {
        var xml = $"<definitions xmlns=\"{ModelNs}\"><process id=\"p\">{string.Concat(Enumerable.Range(0, 50).Select(i => $"<task id=\"t{i}\"/>"))}</process></definitions>";

        var set = BpmnReader.ReadText(xml, limits: new ReaderLimits { MaxElements = 20 });

        var d = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.TooManyElements, "t18"), (d.Code, d.ElementId));
    }

    [Fact]
    public void Gateway_with_ten_thousand_outgoing_flows_is_named()
    {
        const int flows = 10_000;
        var xml = new StringBuilder($"<definitions xmlns=\"{ModelNs}\"><process id=\"p\">\n<startEvent id=\"s\"/>\n<parallelGateway id=\"fanout\"/>\n");
        xml.Append("<sequenceFlow id=\"in\" sourceRef=\"s\" targetRef=\"fanout\"/>\n");
        for (var i = 0; i < flows; i++)
            xml.Append("<endEvent id=\"e").Append(i).Append("\"/><sequenceFlow id=\"f").Append(i).Append("\" sourceRef=\"fanout\" targetRef=\"e").Append(i).Append("\"/>\n");
        xml.Append("</process></definitions>");

        var set = Timed("10,000 outgoing flows", () => BpmnReader.ReadText(xml.ToString(), "fan.bpmn"));
        var diagnostics = Timed("validation", () => DefinitionValidator.Validate(set));

        var d = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.TooManyFlows, "fanout", 3), (d.Code, d.ElementId, d.Position?.Line));
        Assert.Equal("parallelGateway fanout has 10000 outgoing sequence flows, more than the limit of 1000", d.Message);
        Assert.Equal([DiagnosticCodes.TooManyFlows], diagnostics.Select(x => x.Code));
    }

    [Fact]
    public void Unknown_encoding_declaration_is_reported()
    {
        var bytes = Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"klingon-1\"?><definitions/>");

        var d = Assert.Single(BpmnReader.Read(new MemoryStream(bytes)).Diagnostics);

        Assert.Equal(DiagnosticCodes.InvalidEncoding, d.Code);
        Assert.Contains("klingon-1", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_1252_declaration_is_honoured()
    {
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var bytes = windows1252.GetBytes($"<?xml version=\"1.0\" encoding=\"windows-1252\"?><definitions xmlns=\"{ModelNs}\"><process id=\"p\" name=\"Gebühr €\"/></definitions>");
        Assert.Contains((byte)0x80, bytes);

        var set = BpmnReader.Read(new MemoryStream(bytes));

        Assert.Empty(set.Diagnostics);
        Assert.Equal("Gebühr €", set.Processes[0].Name);
    }

    /// <summary>An unseekable stream that never ends, counting what it served.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            Served += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
