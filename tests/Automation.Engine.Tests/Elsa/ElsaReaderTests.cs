using System.Text;
using Automation.Engine.Model;
using Automation.Engine.Reading;
using Automation.Engine.Validation;

namespace Automation.Engine.Tests.Elsa;

public partial class ElsaReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa", name);

    private static DefinitionSet ReadFixture(string name)
    {
        using var stream = File.OpenRead(Fixture(name));
        return ElsaReader.Read(stream, name);
    }

    /// <summary>A workflow around the given activities and connections (JSON arrays).</summary>
    private static DefinitionSet Read(string activities, string connections = "[]", string variables = "[]", ReaderLimits? limits = null) =>
        ElsaReader.ReadText($$"""
            {
              "definitionId": "test-workflow",
              "name": "Test",
              "variables": {{variables}},
              "root": {
                "id": "Flowchart1",
                "type": "Elsa.Flowchart",
                "activities": {{activities}},
                "connections": {{connections}}
              }
            }
            """, "test.json", limits);

    private static string Input(string value, string language = "Literal", string typeName = "String") =>
        $$"""{ "typeName": "{{typeName}}", "expression": { "type": "{{language}}", "value": {{System.Text.Json.JsonSerializer.Serialize(value)}} } }""";

    private static string Flat(string source, string target, string port = "Done") =>
        $$"""{ "source": "{{source}}", "target": "{{target}}", "sourcePort": "{{port}}", "targetPort": "In" }""";

    private static ProcessDefinition Single(DefinitionSet set)
    {
        Assert.Equal(SourceFormat.ElsaJson, set.Format);
        return Assert.Single(set.Processes);
    }

    private static void NoErrors(DefinitionSet set) =>
        Assert.False(set.HasErrors, string.Join("\n", set.Diagnostics));

    private static SequenceFlow FlowBetween(ProcessDefinition process, string source, string target) =>
        Assert.Single(process.Flows, f => f.SourceId == source && f.TargetId == target);

    [Fact]
    public void ImplicitLoopMapsToTheExpectedGraph()
    {
        var set = ReadFixture("implicit-loop.json");
        Assert.Empty(set.Diagnostics);
        var process = Single(set);
        Assert.Equal("68e6bca3d86c4a5a8dfb825f1d5c0875", process.Id);
        Assert.Equal("Looping construct", process.Name);
        Assert.Equal(SourceFormat.ElsaJson, process.Format);

        Assert.Equal(
            ["SetVariable1:ScriptTask", "WriteLine3:ScriptTask", "WriteLine2:ScriptTask", "WriteLine1:ScriptTask",
             "FlowDecision1:ExclusiveGateway", "Start1:StartEvent"],
            process.Nodes.Select(n => $"{n.Id}:{n.Kind}"));
        Assert.All(process.Nodes, n => Assert.Null(n.ParentId));

        var start = process.GetNode("Start1");
        Assert.Equal(EventTrigger.None, start.Trigger);
        Assert.Equal("Start", start.Name);
        Assert.Equal("writeLine(\"Do something\")", process.GetNode("WriteLine1").Script);
        Assert.Equal("writeLine(\"Retry\")", process.GetNode("WriteLine2").Script);
        Assert.Equal("writeLine(\"Done\")", process.GetNode("WriteLine3").Script);
        Assert.Equal("Do something", process.GetNode("WriteLine1").Name);

        var increment = process.GetNode("SetVariable1");
        Assert.Equal("Increment counter", increment.Name);
        Assert.Equal("getCounter() + 1", increment.Script);
        Assert.Equal("Counter", increment.ResultVariable);

        var decision = process.GetNode("FlowDecision1");
        Assert.Equal("Counter > 1", decision.Name);
        var onTrue = FlowBetween(process, "FlowDecision1", "WriteLine3");
        Assert.Equal("getCounter() > 1", onTrue.Condition);
        Assert.Equal("True", onTrue.Name);
        var onFalse = FlowBetween(process, "FlowDecision1", "WriteLine2");
        Assert.Null(onFalse.Condition);
        Assert.Equal(onFalse.Id, decision.DefaultFlowId);
        Assert.Equal([onTrue.Id, onFalse.Id], decision.Outgoing);

        Assert.Equal(6, process.Flows.Count);
        Assert.All(process.Flows.Where(f => f.SourceId != "FlowDecision1"), f => Assert.Null(f.Condition));
        Assert.Equal("Start1-Done-WriteLine1", FlowBetween(process, "Start1", "WriteLine1").Id);
        FlowBetween(process, "WriteLine1", "SetVariable1");
        FlowBetween(process, "SetVariable1", "FlowDecision1");
        var loop = FlowBetween(process, "WriteLine2", "WriteLine1");
        Assert.Equal(["Start1-Done-WriteLine1", loop.Id], process.GetNode("WriteLine1").Incoming);

        var counter = Assert.Single(process.Variables);
        Assert.Equal("Counter", counter.Name);
        Assert.Equal(0.0, Assert.IsType<double>(counter.InitialValue));

        // Positions point at the activity's opening brace.
        Assert.Equal(new SourcePosition(33, 7), increment.Position);
        Assert.Equal(185, start.Position!.Value.Line);
        Assert.Equal(set.SourceText, File.ReadAllText(Fixture("implicit-loop.json")));
    }

    [Fact]
    public void NestedConnectionFormReadsLikeTheFlatForm()
    {
        var nested = ReadFixture("implicit-loop-nested.json");
        var flat = ReadFixture("implicit-loop.json");
        Assert.Empty(nested.Diagnostics);
        var a = Single(flat);
        var b = Single(nested);
        Assert.Equal(a.Id, b.Id);
        static string Node(FlowNode n) =>
            $"{n.Id}|{n.Kind}|{n.Name}|{n.Script}|{n.ResultVariable}|{n.DefaultFlowId}|{string.Join(",", n.Incoming)}|{string.Join(",", n.Outgoing)}";
        static string Flow(SequenceFlow f) => $"{f.Id}|{f.SourceId}|{f.TargetId}|{f.Name}|{f.Condition}";
        Assert.Equal(a.Nodes.Select(Node), b.Nodes.Select(Node));
        Assert.Equal(a.Flows.Select(Flow), b.Flows.Select(Flow));
        Assert.Equal(a.Variables, b.Variables);
    }

    [Fact]
    public void StreamAndTextReadTheSame()
    {
        var text = File.ReadAllText(Fixture("implicit-loop.json"));
        var fromText = Single(ElsaReader.ReadText(text));
        var fromBom = Single(ElsaReader.Read(new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)])));
        Assert.Equal(fromText.Nodes.Select(n => (n.Id, n.Position)), fromBom.Nodes.Select(n => (n.Id, n.Position)));
    }

    [Fact]
    public void RootMayBeTheFlowchartItself()
    {
        var set = ElsaReader.ReadText("""
            {
              "id": "Flowchart9",
              "type": "Flowchart",
              "activities": [ { "id": "W", "type": "WriteLine", "text": "hi" } ],
              "connections": []
            }
            """);
        NoErrors(set);
        var process = Single(set);
        Assert.Equal("Flowchart9", process.Id);
        // No Start activity: a generated start event leads to the activities without incoming connections.
        var start = Assert.Single(process.StartEventsIn(null));
        Assert.Equal("Flowchart9-start", start.Id);
        Assert.Equal("writeLine(\"hi\")", process.GetNode("W").Script);
        FlowBetween(process, "Flowchart9-start", "W");
    }

    [Fact]
    public void SequenceRootIsAChainAfterAGeneratedStart()
    {
        var set = ElsaReader.ReadText("""
            {
              "definitionId": "seq",
              "root": { "id": "Seq1", "type": "Elsa.Sequence", "activities": [
                { "id": "A", "type": "Elsa.WriteLine", "text": "a" },
                { "id": "B", "type": "Elsa.Event", "eventName": "Weiter", "canStartWorkflow": true },
                { "id": "C", "type": "Elsa.Finish" }
              ] }
            }
            """);
        var process = Single(set);
        Assert.Equal(["A:ScriptTask", "B:IntermediateCatchEvent", "C:EndEvent", "Seq1-start:StartEvent"],
            process.Nodes.Select(n => $"{n.Id}:{n.Kind}"));
        FlowBetween(process, "Seq1-start", "A");
        FlowBetween(process, "A", "B");
        FlowBetween(process, "B", "C");
        Assert.Equal(DiagnosticCodes.TriggerNotStart, Assert.Single(set.Diagnostics).Code);
    }

    [Fact]
    public void GeneratedStartLeadsToTheFlowchartStartActivity()
    {
        var set = ElsaReader.ReadText("""
            {
              "definitionId": "d",
              "root": {
                "id": "F", "type": "Elsa.Flowchart", "start": "B",
                "activities": [
                  { "id": "A", "type": "Elsa.WriteLine", "text": "a" },
                  { "id": "B", "type": "Elsa.WriteLine", "text": "b" }
                ],
                "connections": []
              }
            }
            """);
        var process = Single(set);
        var start = Assert.Single(process.StartEventsIn(null));
        Assert.Equal(["B"], start.Outgoing.Select(f => process.GetFlow(f).TargetId));
    }

    [Fact]
    public void ScriptActivitiesBecomeScriptTasks()
    {
        var set = Read($$"""
            [
              { "id": "Start1", "type": "Elsa.Start" },
              { "id": "W1", "type": "Elsa.WriteLine", "text": {{Input("Er sagte \"Grüß Gott\"\n\\ok")}} },
              { "id": "W2", "type": "Elsa.WriteLine", "text": {{Input("`Counter is ${getCounter()}`;", "JavaScript")}} },
              { "id": "W3", "type": "Elsa.WriteLine", "text": { "typeName": "Object", "expression": { "type": "Variable", "value": { "id": "v2" } } } },
              { "id": "S1", "type": "Elsa.SetVariable", "variable": { "id": "v1" }, "value": {{Input("42", typeName: "Object")}} },
              { "id": "S2", "type": "Elsa.SetVariable", "variable": { "id": "v2", "name": "Greeting", "typeName": "String" }, "value": {{Input("42")}} },
              { "id": "S3", "type": "Elsa.SetVariable", "variable": { "id": "v3", "name": "Approved", "typeName": "Boolean", "value": "False" }, "value": {{Input("True", typeName: "Object")}} },
              { "id": "J1", "type": "Elsa.RunJavaScript", "script": {{Input("setCounter(getCounter() * 2); getCounter()")}},
                "result": { "typeName": "Object", "memoryReference": { "id": "v1" } } }
            ]
            """,
            variables: """
            [
              { "id": "v1", "name": "Counter", "typeName": "Int32", "value": "7" },
              { "id": "v2", "name": "Greeting", "typeName": "String", "value": "Hallo" }
            ]
            """);
        NoErrors(set);
        var process = Single(set);
        Assert.All(process.Nodes.Where(n => n.Id != "Start1"), n => Assert.Equal(NodeKind.ScriptTask, n.Kind));
        Assert.Equal("writeLine(\"Er sagte \\\"Grüß Gott\\\"\\n\\\\ok\")", process.GetNode("W1").Script);
        Assert.Equal("writeLine(`Counter is ${getCounter()}`)", process.GetNode("W2").Script);
        Assert.Equal("writeLine(getGreeting())", process.GetNode("W3").Script);
        Assert.Equal(("42", "Counter"), (process.GetNode("S1").Script, process.GetNode("S1").ResultVariable));
        Assert.Equal(("\"42\"", "Greeting"), (process.GetNode("S2").Script, process.GetNode("S2").ResultVariable));
        Assert.Equal(("true", "Approved"), (process.GetNode("S3").Script, process.GetNode("S3").ResultVariable));
        var js = process.GetNode("J1");
        Assert.Equal("setCounter(getCounter() * 2); getCounter()", js.Script);
        Assert.Equal("Counter", js.ResultVariable);
        Assert.Equal("RunJavaScript", js.Name);
        // The variable only declared on S3 is still a workflow variable.
        Assert.Equal(
            [new DeclaredVariable("Counter", 7.0), new DeclaredVariable("Greeting", "Hallo"), new DeclaredVariable("Approved", false)],
            process.Variables);
    }

    [Fact]
    public void EndAndFinishAreEndEvents()
    {
        var process = Single(Read("""
            [ { "id": "E", "type": "Elsa.End" }, { "id": "F", "type": "Finish", "metadata": { "displayText": "Abbruch" } } ]
            """));
        Assert.Equal((NodeKind.EndEvent, EventTrigger.None, "End"), (process.GetNode("E").Kind, process.GetNode("E").Trigger, process.GetNode("E").Name));
        Assert.Equal((NodeKind.EndEvent, EventTrigger.Terminate, "Abbruch"), (process.GetNode("F").Kind, process.GetNode("F").Trigger, process.GetNode("F").Name));
    }

    [Fact]
    public void FlowSwitchCasesBecomeConditionsInCaseOrder()
    {
        var set = Read("""
            [
              { "id": "Start1", "type": "Elsa.Start" },
              { "id": "Sw", "type": "Elsa.FlowSwitch",
                "cases": [
                  { "label": "Gross", "condition": { "type": "JavaScript", "value": "getAmount() > 1000" } },
                  { "label": "Mittel", "condition": { "type": "JavaScript", "value": "getAmount() > 100" } },
                  { "label": "Immer", "condition": { "type": "Literal", "value": "true" } }
                ] },
              { "id": "A", "type": "Elsa.WriteLine", "text": "a" },
              { "id": "B", "type": "Elsa.WriteLine", "text": "b" },
              { "id": "D", "type": "Elsa.WriteLine", "text": "d" }
            ]
            """, $"[{Flat("Start1", "Sw")}, {Flat("Sw", "D", "Default")}, {Flat("Sw", "B", "Mittel")}, {Flat("Sw", "A", "Gross")}]");
        NoErrors(set);
        var process = Single(set);
        var gateway = process.GetNode("Sw");
        Assert.Equal(NodeKind.ExclusiveGateway, gateway.Kind);
        Assert.Equal("getAmount() > 1000", FlowBetween(process, "Sw", "A").Condition);
        Assert.Equal("getAmount() > 100", FlowBetween(process, "Sw", "B").Condition);
        var toDefault = FlowBetween(process, "Sw", "D");
        Assert.Null(toDefault.Condition);
        Assert.Equal(toDefault.Id, gateway.DefaultFlowId);
        // The unconnected case still wins in Elsa when it matches first: it ends the path.
        var ended = FlowBetween(process, "Sw", "Sw-Immer-end");
        Assert.Equal("true", ended.Condition);
        Assert.Equal(NodeKind.EndEvent, process.GetNode("Sw-Immer-end").Kind);
        Assert.Equal(
            ["A", "B", "Sw-Immer-end", "D"],
            gateway.Outgoing.Select(f => process.GetFlow(f).TargetId));
    }

    [Fact]
    public void FlowSwitchMatchAnyIsInclusive()
    {
        var process = Single(Read($$"""
            [ { "id": "Sw", "type": "Elsa.FlowSwitch", "mode": {{Input("MatchAny", typeName: "Elsa.Workflows.Activities.Flowchart.Models.SwitchMode")}},
                "cases": [ { "label": "X", "condition": { "type": "JavaScript", "value": "true" } } ] } ]
            """));
        Assert.Equal(NodeKind.InclusiveGateway, process.GetNode("Sw").Kind);
    }

    [Fact]
    public void DecisionWithoutFalseConnectionEndsThatPath()
    {
        var process = Single(Read($$"""
            [ { "id": "D", "type": "Elsa.FlowDecision", "condition": {{Input("false", typeName: "Boolean")}} },
              { "id": "A", "type": "Elsa.WriteLine", "text": "a" } ]
            """, $"[{Flat("D", "A", "True")}]"));
        var decision = process.GetNode("D");
        Assert.Equal("false", FlowBetween(process, "D", "A").Condition);
        var toEnd = process.GetFlow(decision.DefaultFlowId!);
        Assert.Equal("D-False-end", toEnd.TargetId);
        Assert.Equal(NodeKind.EndEvent, process.GetNode(toEnd.TargetId).Kind);
    }

    [Fact]
    public void FlowForkAndJoinAreParallelGateways()
    {
        var set = Read("""
            [
              { "id": "Fk", "type": "Elsa.FlowFork",
                "branches": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\u0022One\u0022,\u0022Two\u0022]" } } },
              { "id": "A", "type": "Elsa.WriteLine", "text": "a" },
              { "id": "B", "type": "Elsa.WriteLine", "text": "b" },
              { "id": "C", "type": "Elsa.WriteLine", "text": "c" },
              { "id": "JAll", "type": "Elsa.FlowJoin", "mode": { "typeName": "FlowJoinMode", "expression": { "type": "Literal", "value": "WaitAll" } } },
              { "id": "JAny", "type": "Elsa.FlowJoin" }
            ]
            """,
            $"[{Flat("Fk", "A", "One")}, {Flat("Fk", "B", "Two")}, {Flat("Fk", "C", "Three")}, {Flat("A", "JAll")}, {Flat("B", "JAll")}, {Flat("JAll", "JAny")}]");
        var process = Single(set);
        Assert.Equal(NodeKind.ParallelGateway, process.GetNode("Fk").Kind);
        Assert.Equal(["A", "B"], process.GetNode("Fk").Outgoing.Select(f => process.GetFlow(f).TargetId));
        var unknown = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnknownPort, DiagnosticSeverity.Warning, "Fk"), (unknown.Code, unknown.Severity, unknown.ElementId));
        Assert.Equal((NodeKind.ParallelGateway, JoinMode.Standard), (process.GetNode("JAll").Kind, process.GetNode("JAll").JoinMode));
        // Elsa's FlowJoin defaults to WaitAny.
        Assert.Equal((NodeKind.ParallelGateway, JoinMode.FirstArrival), (process.GetNode("JAny").Kind, process.GetNode("JAny").JoinMode));
    }

    [Fact]
    public void ForkBecomesAnEmbeddedSubProcessWithSplitAndJoin()
    {
        var set = Read("""
            [
              { "id": "Start1", "type": "Elsa.Start" },
              { "id": "Fork1", "type": "Elsa.Fork", "joinMode": "WaitAny",
                "metadata": { "displayText": "Warten auf Antwort oder Frist" },
                "branches": [
                  { "id": "Ask", "type": "Elsa.RunTask", "taskName": { "typeName": "String", "expression": { "type": "Literal", "value": "sachbearbeitung" } } },
                  { "id": "Seq1", "type": "Elsa.Sequence", "activities": [
                      { "id": "Wait", "type": "Elsa.Delay", "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "7.00:00:00" } } },
                      { "id": "Remind", "type": "Elsa.WriteLine", "text": "Frist abgelaufen" }
                  ] },
                  { "id": "Inner", "type": "Elsa.Flowchart",
                    "activities": [ { "id": "Note", "type": "Elsa.WriteLine", "text": "innen" } ],
                    "connections": [] }
                ] },
              { "id": "After", "type": "Elsa.WriteLine", "text": "weiter" }
            ]
            """, $"[{Flat("Start1", "Fork1")}, {Flat("Fork1", "After")}]");
        NoErrors(set);
        var process = Single(set);
        var fork = process.GetNode("Fork1");
        Assert.Equal((NodeKind.SubProcess, "Warten auf Antwort oder Frist", (string?)null), (fork.Kind, fork.Name, fork.ParentId));
        FlowBetween(process, "Start1", "Fork1");
        FlowBetween(process, "Fork1", "After");

        var inside = process.Nodes.Where(n => n.ParentId == "Fork1").Select(n => $"{n.Id}:{n.Kind}").ToList();
        Assert.Equal(
            ["Fork1-start:StartEvent", "Fork1-split:ParallelGateway", "Ask:UserTask", "Wait:IntermediateCatchEvent",
             "Remind:ScriptTask", "Inner:SubProcess", "Fork1-join:ParallelGateway", "Fork1-end:EndEvent"],
            inside);
        Assert.Equal(JoinMode.FirstArrival, process.GetNode("Fork1-join").JoinMode);
        FlowBetween(process, "Fork1-start", "Fork1-split");
        Assert.Equal(["Ask", "Wait", "Inner"], process.GetNode("Fork1-split").Outgoing.Select(f => process.GetFlow(f).TargetId));
        FlowBetween(process, "Wait", "Remind");
        Assert.Equal(["Ask", "Remind", "Inner"], process.GetNode("Fork1-join").Incoming.Select(f => process.GetFlow(f).SourceId));
        FlowBetween(process, "Fork1-join", "Fork1-end");

        Assert.Equal(new TimerDefinition(TimerKind.Duration, "P7D"), process.GetNode("Wait").Timer);
        Assert.Equal(["sachbearbeitung"], process.GetNode("Ask").Roles);
        Assert.Equal("sachbearbeitung", process.GetNode("Ask").Name);
        // The nested flowchart is its own scope with a generated start.
        Assert.Equal("Inner", process.GetNode("Note").ParentId);
        FlowBetween(process, "Inner-start", "Note");
        Assert.Equal("Inner", process.GetNode("Inner-start").ParentId);
    }

    [Fact]
    public void ForkJoinModeWaitAllIsAStandardJoin()
    {
        var process = Single(Read("""
            [ { "id": "F", "type": "Elsa.Fork", "joinMode": { "typeName": "ForkJoinMode", "expression": { "type": "Literal", "value": "WaitAll" } },
                "branches": [] } ]
            """));
        Assert.Equal(JoinMode.Standard, process.GetNode("F-join").JoinMode);
        FlowBetween(process, "F-split", "F-join");
    }

    [Theory]
    [InlineData("00:00:05", "PT5S")]
    [InlineData("01:30:00", "PT1H30M")]
    [InlineData("1.02:03:04.5", "P1DT2H3M4.5S")]
    [InlineData("2.00:00:00", "P2D")]
    [InlineData("00:00:00", "PT0S")]
    [InlineData("PT10M", "PT10M")]
    public void DelayBecomesATimerCatchEventWithAnIsoDuration(string timeSpan, string iso)
    {
        var set = Read($$"""[ { "id": "D", "type": "Elsa.Delay", "timeSpan": {{Input(timeSpan, typeName: "TimeSpan")}} } ]""");
        NoErrors(set);
        var delay = Single(set).GetNode("D");
        Assert.Equal((NodeKind.IntermediateCatchEvent, EventTrigger.Timer), (delay.Kind, delay.Trigger));
        Assert.Equal(new TimerDefinition(TimerKind.Duration, iso), delay.Timer);
    }

    [Fact]
    public void InvalidDelayIsReported()
    {
        var set = Read("""[ { "id": "D", "type": "Elsa.Delay", "timeSpan": "bald" } ]""");
        var error = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.InvalidTimer, "D"), (error.Code, error.ElementId));
        Assert.Contains("'bald'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TriggersStartTheWorkflowOnlyWithoutIncomingConnections()
    {
        var set = Read($$"""
            [
              { "id": "Cron1", "type": "Elsa.Cron", "cronExpression": {{Input("0 0 * * * *")}}, "customProperties": { "canStartWorkflow": true } },
              { "id": "Timer1", "type": "Elsa.Timer", "interval": {{Input("01:00:00", typeName: "TimeSpan")}} },
              { "id": "Event1", "type": "Elsa.Event", "eventName": {{Input("AntragEingegangen")}} },
              { "id": "At1", "type": "Elsa.StartAt", "dateTime": {{Input("2025-03-01T08:00:00+01:00", typeName: "DateTimeOffset")}} },
              { "id": "Timer2", "type": "Elsa.Timer", "interval": {{Input("00:10:00", typeName: "TimeSpan")}} },
              { "id": "Cron2", "type": "Elsa.Cron", "cronExpression": {{Input("0 8 * * 1-5")}} },
              { "id": "Event2", "type": "Elsa.Event", "eventName": {{Input("Rueckmeldung")}}, "canStartWorkflow": true },
              { "id": "At2", "type": "Elsa.StartAt", "dateTime": {{Input("2025-03-01T08:00:00")}} },
              { "id": "Pub", "type": "Elsa.PublishEvent", "eventName": {{Input("Erledigt")}} }
            ]
            """,
            $"[{Flat("Cron1", "Timer2")}, {Flat("Timer2", "Cron2")}, {Flat("Cron2", "Event2")}, {Flat("Event2", "At2")}, {Flat("At2", "Pub")}]");
        var process = Single(set);
        FlowNode Node(string id) => process.GetNode(id);

        Assert.Equal((NodeKind.StartEvent, EventTrigger.Timer), (Node("Cron1").Kind, Node("Cron1").Trigger));
        Assert.Equal(new TimerDefinition(TimerKind.Cron, "0 0 * * * *"), Node("Cron1").Timer);
        Assert.Equal(NodeKind.StartEvent, Node("Timer1").Kind);
        Assert.Equal(new TimerDefinition(TimerKind.Cycle, "R/PT1H"), Node("Timer1").Timer);
        Assert.Equal((NodeKind.StartEvent, EventTrigger.Message, "AntragEingegangen"), (Node("Event1").Kind, Node("Event1").Trigger, Node("Event1").MessageName));
        Assert.Equal(NodeKind.StartEvent, Node("At1").Kind);
        Assert.Equal(new TimerDefinition(TimerKind.Date, "2025-03-01T08:00:00+01:00"), Node("At1").Timer);

        Assert.Equal(NodeKind.IntermediateCatchEvent, Node("Timer2").Kind);
        Assert.Equal(new TimerDefinition(TimerKind.Duration, "PT10M"), Node("Timer2").Timer);
        Assert.Equal((NodeKind.IntermediateCatchEvent, TimerKind.Cron), (Node("Cron2").Kind, Node("Cron2").Timer!.Kind));
        Assert.Equal((NodeKind.IntermediateCatchEvent, EventTrigger.Message, "Rueckmeldung"), (Node("Event2").Kind, Node("Event2").Trigger, Node("Event2").MessageName));
        Assert.Equal((NodeKind.IntermediateCatchEvent, TimerKind.Date), (Node("At2").Kind, Node("At2").Timer!.Kind));
        Assert.Equal((NodeKind.IntermediateThrowEvent, EventTrigger.Message, "Erledigt"), (Node("Pub").Kind, Node("Pub").Trigger, Node("Pub").MessageName));

        // Start events exist, so no start is generated.
        Assert.Equal(["Cron1", "Timer1", "Event1", "At1"], process.StartEventsIn(null).Select(n => n.Id));
        var warning = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.TriggerNotStart, DiagnosticSeverity.Warning, "Event2"), (warning.Code, warning.Severity, warning.ElementId));
    }

    [Fact]
    public void RunTaskIsAUserTaskForTheNamedRole()
    {
        var process = Single(Read($$"""
            [ { "id": "T1", "type": "Elsa.RunTask", "taskName": {{Input("Buergerbuero")}}, "payload": { "typeName": "ObjectDictionary" },
                "metadata": { "displayText": "Antrag prüfen" } } ]
            """));
        var task = process.GetNode("T1");
        Assert.Equal((NodeKind.UserTask, "Antrag prüfen"), (task.Kind, task.Name));
        Assert.Equal(["Buergerbuero"], task.Roles);
        Assert.Equal(ActorKind.Human, task.ActorKind);
    }

    [Fact]
    public void UnsupportedActivityIsReportedWithIdAndLine()
    {
        var set = Read("""
            [
              { "id": "Start1", "type": "Elsa.Start" },
              {
                "id": "Http1", "type": "Elsa.BulkDispatchWorkflows", "url": "https://example.org" },
              { "id": "Corr", "type": "Elsa.Correlate" }
            ]
            """, $"[{Flat("Start1", "Http1")}, {Flat("Http1", "Corr")}]");
        var process = Single(set);
        Assert.Equal(2, set.Diagnostics.Count);
        var http = set.Diagnostics[0];
        Assert.Equal((DiagnosticSeverity.Error, DiagnosticCodes.UnsupportedElement, "unsupported: Elsa activity type Elsa.BulkDispatchWorkflows", "Http1", "test.json"),
            (http.Severity, http.Code, http.Message, http.ElementId, http.File));
        Assert.Equal(new SourcePosition(10, 3), http.Position);
        Assert.Equal("test.json:10:3: error unsupported-element: unsupported: Elsa activity type Elsa.BulkDispatchWorkflows id=Http1 line 10", http.ToString());
        Assert.Equal(("Corr", "unsupported: Elsa activity type Elsa.Correlate"), (set.Diagnostics[1].ElementId, set.Diagnostics[1].Message));
        // The rest of the definition still reads, connections included.
        Assert.Equal(NodeKind.Task, process.GetNode("Http1").Kind);
        FlowBetween(process, "Http1", "Corr");
    }
}
