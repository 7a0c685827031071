using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Elsa;

// Diagnostics, limits and variables of the Elsa reader.
public partial class ElsaReaderTests
{
    [Fact]
    public void UnsupportedExpressionLanguageNamesActivityAndInput()
    {
        var set = Read($$"""[ { "id": "W", "type": "Elsa.WriteLine", "text": {{Input("\"x\"", "CSharp")}} } ]""");
        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnsupportedExpression, "W"), (error.Code, error.ElementId));
        Assert.Equal("expression language CSharp is not supported (input 'text' of activity W)", error.Message);
        Assert.NotNull(error.Position);
    }

    [Fact]
    public void ConnectionToMissingActivityIsReported()
    {
        var set = ElsaReader.ReadText("""
            { "definitionId": "d", "root": { "type": "Elsa.Flowchart", "id": "F",
              "activities": [ { "id": "A", "type": "Elsa.WriteLine", "text": "a" } ],
              "connections": [ { "source": { "activity": "A", "port": "Done" }, "target": { "activity": "Ghost", "port": "In" } } ] } }
            """, "missing.json");
        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.MissingReference, "Ghost", 3), (error.Code, error.ElementId, error.Position!.Value.Line));
        Assert.Equal("connection A:Done -> Ghost references missing activity 'Ghost'", error.Message);
        Assert.Single(set.Processes);
    }

    [Fact]
    public void DuplicateActivityIdIsAnError()
    {
        var set = Read("""[ { "id": "A", "type": "Elsa.End" }, { "id": "A", "type": "Elsa.End" } ]""");
        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.DuplicateId, "A"), (error.Code, error.ElementId));
        Assert.Equal(["A", "A-2"], Single(set).Nodes.Where(n => n.Kind == NodeKind.EndEvent).Select(n => n.Id));
    }

    [Fact]
    public void ActivityWithoutIdGetsAGeneratedOne()
    {
        var set = Read("""[ { "type": "Elsa.WriteLine", "text": "a" }, { "type": "Elsa.WriteLine", "text": "b" } ]""");
        Assert.Equal(["activity-WriteLine", "activity-WriteLine-2"], set.Diagnostics.Select(d => d.ElementId));
        Assert.All(set.Diagnostics, d => Assert.Equal((DiagnosticCodes.MissingId, DiagnosticSeverity.Warning), (d.Code, d.Severity)));
        Assert.Equal(["activity-WriteLine", "activity-WriteLine-2"], Single(set).Nodes.Where(n => n.Kind == NodeKind.ScriptTask).Select(n => n.Id));
    }

    [Fact]
    public void MalformedJsonIsReportedWithLineAndByte()
    {
        var set = ElsaReader.ReadText("{\n  \"definitionId\": \"x\",\n  \"root\": {\n    \"type\": }\n}", "broken.json");
        Assert.Empty(set.Processes);
        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.MalformedJson, DiagnosticSeverity.Error, "broken.json"), (error.Code, error.Severity, error.File));
        Assert.Equal(4, error.Position!.Value.Line);
        Assert.StartsWith("malformed JSON at line 4, byte 13: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyInputIsMalformed()
    {
        Assert.Equal(DiagnosticCodes.MalformedJson, Assert.Single(ElsaReader.ReadText("").Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.NotElsa, Assert.Single(ElsaReader.ReadText("[1, 2]").Diagnostics).Code);
    }

    [Fact]
    public void TooDeepJsonIsRejected()
    {
        var deep = "{\"definitionId\":\"d\",\"x\":" + new string('[', 300) + new string(']', 300) + "}";
        var set = ElsaReader.ReadText(deep);
        Assert.Empty(set.Processes);
        var error = Assert.Single(set.Diagnostics);
        Assert.Equal(DiagnosticCodes.NestingTooDeep, error.Code);
        Assert.Equal("JSON is nested deeper than 200 levels at line 1", error.Message);

        var shallowLimit = ReadFixtureWith(new ReaderLimits { MaxDepth = 5 });
        Assert.Equal(DiagnosticCodes.NestingTooDeep, Assert.Single(shallowLimit.Diagnostics).Code);
    }

    [Fact]
    public void TooLargeInputIsRejected()
    {
        var limits = new ReaderLimits { MaxBytes = 100 };
        var fromStream = ReadFixtureWith(limits);
        Assert.Empty(fromStream.Processes);
        Assert.Equal(DiagnosticCodes.FileTooLarge, Assert.Single(fromStream.Diagnostics).Code);
        var fromText = ElsaReader.ReadText(File.ReadAllText(Fixture("implicit-loop.json")), "x.json", limits);
        Assert.Equal((DiagnosticCodes.FileTooLarge, "x.json"), (Assert.Single(fromText.Diagnostics).Code, fromText.Diagnostics[0].File));
    }

    [Fact]
    public void TooManyElementsAreRejected()
    {
        var set = ReadFixtureWith(new ReaderLimits { MaxElements = 50 });
        Assert.Equal(DiagnosticCodes.TooManyElements, Assert.Single(set.Diagnostics).Code);
    }

    [Fact]
    public void TooManyFlowsOnOneNodeAreRejected()
    {
        var set = Read("""[ { "id": "A", "type": "Elsa.WriteLine", "text": "a" }, { "id": "B", "type": "Elsa.End" } ]""",
            $"[{Flat("A", "B")}, {Flat("A", "B")}, {Flat("A", "B")}]", limits: new ReaderLimits { MaxFlowsPerNode = 2 });
        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.TooManyFlows, "A"), (error.Code, error.ElementId));
        Assert.Equal(2, Single(set).GetNode("A").Outgoing.Count);
    }

    [Fact]
    public void VariablesGetTypedInitialValues()
    {
        var process = Single(Read("[]", variables: """
            [
              { "id": "1", "name": "Count", "typeName": "Int64", "value": "12" },
              { "id": "2", "name": "Rate", "typeName": "System.Decimal, System.Private.CoreLib", "value": "0.25" },
              { "id": "3", "name": "Done", "typeName": "Boolean", "value": "true" },
              { "id": "4", "name": "Text", "typeName": "String", "value": "0" },
              { "id": "5", "name": "Unset", "typeName": "Int32" },
              { "id": "6", "name": "Number", "typeName": "Double", "value": 1.5 }
            ]
            """));
        Assert.Equal(
            [new DeclaredVariable("Count", 12.0), new DeclaredVariable("Rate", 0.25), new DeclaredVariable("Done", true),
             new DeclaredVariable("Text", "0"), new DeclaredVariable("Unset", null), new DeclaredVariable("Number", 1.5)],
            process.Variables);
    }

    [Fact]
    public void InvalidVariableValueIsReported()
    {
        var set = Read("[]", variables: """[ { "id": "1", "name": "Count", "typeName": "Int32", "value": "zwölf" } ]""");
        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.InvalidValue, "Count"), (error.Code, error.ElementId));
    }

    private static DefinitionSet ReadFixtureWith(ReaderLimits limits)
    {
        using var stream = File.OpenRead(Fixture("implicit-loop.json"));
        return ElsaReader.Read(stream, "implicit-loop.json", limits);
    }
}
