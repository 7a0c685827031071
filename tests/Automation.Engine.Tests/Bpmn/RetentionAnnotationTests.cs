using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;
using static Automation.Engine.Tests.Bpmn.BpmnTestSupport;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>The process-level <c>am:retention</c> annotation (Aufbewahrungsfrist) and every way to get it wrong.</summary>
public sealed class RetentionAnnotationTests
{
    private const string Body = """
        <bpmn:startEvent id="s" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" />
        """;

    private static DefinitionSet Read(string processAttributes = "", string extensions = "") =>
        BpmnReader.ReadText(Process((extensions.Length > 0 ? $"<bpmn:extensionElements>{extensions}</bpmn:extensionElements>\n" : "") + Body,
            processAttributes), "frist.bpmn");

    [Theory]
    [InlineData("am:retention=\"P10Y\"", "", 120, 0)]
    [InlineData("am:retention=\"p6m\"", "", 6, 0)]
    [InlineData("am:retention=\"P2W\"", "", 0, 14)]
    [InlineData("", "<am:retention days=\"3650\" />", 0, 3650)]
    [InlineData("", "<am:retention period=\"P1Y6M\" />", 18, 0)]
    public void A_process_states_its_retention_as_an_iso_duration_or_in_days(string attributes, string extensions, int months, int days)
    {
        var set = Read(attributes, extensions);
        Assert.Empty(set.Diagnostics);
        Assert.Equal(new RetentionPeriod(months, days), Assert.Single(set.Processes).Retention);
    }

    [Fact]
    public void Without_the_annotation_the_process_leaves_it_to_the_server()
    {
        var set = Read();
        Assert.Empty(set.Diagnostics);
        Assert.Null(Assert.Single(set.Processes).Retention);
    }

    [Theory]
    [InlineData("am:retention=\"PT12H\"", "", "not a retention period")]
    [InlineData("am:retention=\"zehn Jahre\"", "", "not a retention period")]
    [InlineData("am:retention=\"P0D\"", "", "not a retention period")]
    [InlineData("am:retention=\"P1.5Y\"", "", "not a retention period")]
    [InlineData("am:retention=\"P101Y\"", "", "longer than 100 years")]
    [InlineData("", "<am:retention days=\"0\" />", "invalid am:retention days \"0\"")]
    [InlineData("", "<am:retention days=\"-5\" />", "invalid am:retention days")]
    [InlineData("", "<am:retention days=\"365\" period=\"P1Y\" />", "exactly one of")]
    [InlineData("", "<am:retention />", "exactly one of")]
    [InlineData("", "<am:retention days=\"30\" years=\"1\" />", "unknown attribute years on am:retention")]
    [InlineData("am:retention=\"P1Y\"", "<am:retention days=\"30\" />", "given more than once")]
    [InlineData("am:aufbewahrung=\"P1Y\"", "", "unknown annotation attribute am:aufbewahrung on the process")]
    [InlineData("", "<am:loeschen nach=\"P1Y\" />", "unknown annotation am:loeschen on the process")]
    public void A_wrong_retention_is_an_error_naming_the_process_and_its_line(string attributes, string extensions, string message)
    {
        var set = Read(attributes, extensions);
        var error = Assert.Single(set.Diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidAnnotation, error.Code);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("p", error.ElementId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Position);
        Assert.InRange(error.Position!.Value.Line, 4, 5);
    }

    [Fact]
    public void Every_sample_process_states_how_long_its_cases_are_kept()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Automation.sln"))) dir = dir.Parent;
        var processes = Directory.GetFiles(Path.Combine(dir.FullName, "workflows"), "*.bpmn")
            .SelectMany(f => DefinitionReader.ReadFile(f).Processes).ToList();
        Assert.True(processes.Count >= 7);
        Assert.All(processes, p => Assert.True(p.Retention is not null, $"{p.Id} has no am:retention"));
    }

    [Fact]
    public void The_cut_off_follows_the_calendar()
    {
        var now = new DateTimeOffset(2036, 3, 3, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), new RetentionPeriod(120, 0).EndedBefore(now));
        Assert.Equal(new DateTimeOffset(2036, 2, 2, 10, 0, 0, TimeSpan.Zero), RetentionPeriod.FromDays(30).EndedBefore(now));
        Assert.Equal("P10Y", new RetentionPeriod(120, 0).ToString());
        Assert.Equal("P1Y6M", new RetentionPeriod(18, 0).ToString());
        Assert.Equal("P90D", RetentionPeriod.FromDays(90).ToString());
    }
}
