using Automation.Engine.Model;
using Automation.Engine.Validation;
using static Automation.Engine.Tests.Bpmn.BpmnTestSupport;

namespace Automation.Engine.Tests.Bpmn;

/// <summary>
/// Conformance against the BPMN MIWG reference models (Fixtures/bpmn-miwg, see NOTICE.md there). The expected
/// processes, node counts and unsupported elements were written down from reading each file.
/// </summary>
public class MiwgConformanceTests
{
    [Fact]
    public void A_1_0_sequence_of_three_tasks()
    {
        var set = ReadFixture("A.1.0.bpmn");

        Assert.Empty(set.Diagnostics);
        var process = Assert.Single(set.Processes);
        Assert.Equal("WFP-6-", process.Id);
        Assert.False(process.IsExecutable);
        Assert.Equal("EndEvent:1 StartEvent:1 Task:3", KindSummary(process));
        Assert.Equal(4, process.Flows.Count);
        Assert.Equal(["Task 1", "Task 2", "Task 3"], process.Nodes.Where(n => n.Kind == NodeKind.Task).Select(n => n.Name));
        var task1 = process.GetNode("_ec59e164-68b4-4f94-98de-ffb1c58a84af");
        Assert.Equal(["_e16564d7-0c4c-413e-95f6-f668a3f851fb"], task1.Incoming);
        Assert.Equal(["_d77dd5ec-e4e7-420e-bbe7-8ac9cd1df599"], task1.Outgoing);
        Assert.Equal(SourceFormat.Bpmn, set.Format);
        Assert.Contains("BPMNDiagram", set.SourceText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_2_0_exclusive_split_and_merge_keep_flow_order()
    {
        var set = ReadFixture("A.2.0.bpmn");

        Assert.Empty(set.Diagnostics);
        var process = Assert.Single(set.Processes);
        Assert.Equal("EndEvent:1 ExclusiveGateway:2 StartEvent:1 Task:4", KindSummary(process));
        Assert.Equal(9, process.Flows.Count);
        var split = process.GetNode("_35fe57a7-1302-44e2-bf58-032f11af7ecb");
        Assert.Equal("Gateway\n(Split Flow)", split.Name);
        Assert.Equal(["_f1478fb7-98c4-4c01-8c15-68bd04c91535", "_a1570a53-28d2-41b1-a3a2-3e50c00d747e", "_20ebb3c1-5178-4c7c-a91d-23e58f2aa73b"],
            split.Outgoing);
        var merge = process.GetNode("_33c66216-391c-49c2-aa19-d8f0b7f5f91d");
        Assert.Equal(["_e9ebc7c7-995d-46db-86ce-d823bc2b4687", "_698b593f-18eb-42ea-b8cd-bcd51e1514cc"], merge.Incoming);
    }

    [Fact]
    public void A_2_1_default_flows_and_empty_conditions()
    {
        var set = ReadFixture("A.2.1.bpmn");

        // The one non-empty condition declares XPath (over the file's Groovy default): refused, not run as JavaScript.
        var language = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnsupportedExpressionLanguage, "_To9Z7TOCEeSknpIVFCxNIQ"), (language.Code, language.ElementId));
        Assert.Contains("http://www.w3.org/1999/XPath", language.Message, StringComparison.Ordinal);
        var process = Assert.Single(set.Processes);
        Assert.Equal("_To9ZoTOCEeSknpIVFCxNIQ", process.Id);
        Assert.Equal("A.2.1", process.Name);
        Assert.Equal("EndEvent:1 ExclusiveGateway:2 StartEvent:1 Task:4", KindSummary(process));
        Assert.Equal(11, process.Flows.Count);
        Assert.Equal("_To9Z6jOCEeSknpIVFCxNIQ", process.GetNode("_To9ZyjOCEeSknpIVFCxNIQ").DefaultFlowId);
        Assert.Equal("Bpmn_SequenceFlow_edepQQbbEealeL5I4Yl3Dw", process.GetNode("_To9ZtjOCEeSknpIVFCxNIQ").DefaultFlowId);
        Assert.Equal("Gateway\r\n(Split Flow)", process.GetNode("_To9ZyjOCEeSknpIVFCxNIQ").Name);
        Assert.Equal("true", process.GetFlow("_To9Z7TOCEeSknpIVFCxNIQ").Condition);
        // Empty conditionExpression elements mean "no condition".
        Assert.Null(process.GetFlow("_To9Z8zOCEeSknpIVFCxNIQ").Condition);
        Assert.Null(process.GetFlow("_To9Z-TOCEeSknpIVFCxNIQ").Condition);
    }

    [Fact]
    public void A_3_0_escalation_boundary_is_read_and_collapsed_subprocess_kept()
    {
        var set = ReadFixture("A.3.0.bpmn");

        Assert.DoesNotContain(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        // The message boundary names no message: it is known by its own name, which the reader says in a warning.
        Assert.Equal(DiagnosticCodes.MessageNameFromEvent, Assert.Single(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning).Code);
        var escalation = set.Processes[0].GetNode("_178e16eb-4c9e-4ea0-9644-7c5fb2b71825");
        Assert.Equal((NodeKind.BoundaryEvent, EventTrigger.Escalation, true), (escalation.Kind, escalation.Trigger, escalation.CancelActivity));
        Assert.Null(escalation.EscalationCode);

        var process = Assert.Single(set.Processes);
        Assert.Equal("BoundaryEvent:2 EndEvent:2 StartEvent:1 SubProcess:1 Task:4", KindSummary(process));
        Assert.Equal(8, process.Flows.Count);
        var collapsed = process.GetNode("_1ae31d1b-2559-4f78-a3ec-47986a49db48");
        Assert.Equal(NodeKind.SubProcess, collapsed.Kind);
        Assert.Equal("Collapsed\nSub-Process", collapsed.Name);
        Assert.DoesNotContain(process.Nodes, n => n.ParentId == collapsed.Id);
        var boundary = process.BoundaryEventsOf(collapsed.Id).Single(b => b.Trigger != EventTrigger.Escalation);
        Assert.Equal("_428dcbf5-8e5e-48e0-9c0c-d93003fa8c82", boundary.Id);
        Assert.Equal(EventTrigger.Message, boundary.Trigger);
        Assert.False(boundary.CancelActivity);
    }

    [Fact]
    public void A_4_0_pools_lanes_subprocesses_and_message_flows()
    {
        var set = ReadFixture("A.4.0.bpmn");

        Assert.Empty(set.Diagnostics);
        Assert.Equal(["WFP-6-1", "WFP-6-2"], set.Processes.Select(p => p.Id));
        var pool = set.Processes[0];
        Assert.Equal("Pool", pool.Name);
        Assert.Equal("EndEvent:1 StartEvent:1 Task:2", KindSummary(pool));
        Assert.Equal(3, pool.Flows.Count);

        var lanes = set.Processes[1];
        Assert.Null(lanes.Name);
        Assert.Equal("EndEvent:4 StartEvent:3 SubProcess:2 Task:4", KindSummary(lanes));
        Assert.Equal(10, lanes.Flows.Count);
        Assert.Equal(["Lane 1", "Lane 2"], lanes.Lanes.Select(l => l.Name));
        Assert.Equal(5, lanes.Lanes[0].NodeIds.Count);
        Assert.Equal(["Lane 1"], lanes.GetNode("_1c347d0d-750b-4c09-980d-6877caae409b").Roles);
        Assert.Equal(["Lane 2"], lanes.GetNode("_f52b6ad0-4dcc-4053-b696-b924dda01db5").Roles);
        var inner = lanes.GetNode("_09532ad3-e571-4214-b580-7bebf4bb68b1");
        Assert.Equal("_ee35fa2c-dfea-40cf-a469-845b765a7b50", inner.ParentId);
        Assert.Empty(inner.Roles);
        Assert.Equal(["_1ffaa550-3225-4c6a-a391-3aaf224723af"], lanes.StartEventsIn("_ee35fa2c-dfea-40cf-a469-845b765a7b50").Select(n => n.Id));

        Assert.Equal(2, set.MessageFlows.Count);
        var flow = set.MessageFlows[0];
        Assert.Equal(new MessageFlow("_b467921a-ef7b-44c5-bf78-fd624c400d17", "Message Flow 1", "_ab851300-b5de-4ad3-bbec-215553757fc8",
            "_6fed62c8-8241-4a1d-ae67-266fda7dcead", null), flow);
    }

    [Fact]
    public void B_1_0_descriptive_conformance_elements()
    {
        var set = ReadFixture("B.1.0.bpmn");

        // Its message start and end events name no message; they are known by their own names.
        Assert.Equal([("_2ee553a1-cb03-41e3-b285-345c826fc88d", "End Event Message"), ("_a38484e2-7bdb-48b1-b62e-139d51d6a147", "Start Event Message")],
            set.Diagnostics.Select(d => (d.ElementId!, set.Processes.SelectMany(p => p.Nodes).Single(n => n.Id == d.ElementId).MessageName!)));
        Assert.All(set.Diagnostics, d => Assert.Equal(DiagnosticCodes.MessageNameFromEvent, d.Code));
        Assert.Equal(["Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450", "WFP-6-1", "WFP-6-2", "WFP-0-"], set.Processes.Select(p => p.Id));
        Assert.Equal([null, "Participant", "Pool", null], set.Processes.Select(p => p.Name));
        Assert.Equal("EndEvent:1 StartEvent:1 Task:1", KindSummary(set.Processes[0]));
        Assert.Equal("EndEvent:1 ServiceTask:1 StartEvent:1 Task:1 UserTask:1", KindSummary(set.Processes[1]));
        Assert.Equal("CallActivity:3 EndEvent:3 ExclusiveGateway:4 ParallelGateway:1 ServiceTask:1 StartEvent:2 SubProcess:2 Task:1 UserTask:1",
            KindSummary(set.Processes[2]));
        Assert.Equal("EndEvent:1 StartEvent:1 Task:1", KindSummary(set.Processes[3]));
        Assert.Equal([2, 4, 18, 2], set.Processes.Select(p => p.Flows.Count));

        var timerStart = set.Processes[1].GetNode("_e314751e-5c3a-41f2-a1ae-4cb99efa0916");
        Assert.Equal(EventTrigger.Timer, timerStart.Trigger);
        Assert.Equal(new TimerDefinition(TimerKind.Date, ""), timerStart.Timer);

        var main = set.Processes[2];
        Assert.Equal(EventTrigger.Message, main.GetNode("_a38484e2-7bdb-48b1-b62e-139d51d6a147").Trigger);
        Assert.Equal(EventTrigger.Message, main.GetNode("_2ee553a1-cb03-41e3-b285-345c826fc88d").Trigger);
        Assert.Equal(EventTrigger.Terminate, main.GetNode("_ae916437-d9aa-4e3d-a7c3-34998c410beb").Trigger);
        Assert.Equal(["global-task", "Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450", "WFP-0-"],
            main.Nodes.Where(n => n.Kind == NodeKind.CallActivity).Select(n => n.CalledProcessId));
        Assert.DoesNotContain(main.Nodes, n => n.ParentId == "_1eb62392-1f21-4a63-bbcb-c78880c3165e");
        Assert.Equal(3, main.Nodes.Count(n => n.ParentId == "_7e6ccf38-e740-4537-a439-a8e984d066de"));
        Assert.Equal(["Lane 1", "Lane 2"], main.Lanes.Select(l => l.Name));
        Assert.Equal(["Lane 2"], main.GetNode("_7706e700-2aed-4b94-8070-961f118aab8f").Roles);
        Assert.Equal(["_5d195b1c-ffea-4b53-b98f-78d9616a5038", "_9428f666-fc8a-41be-8a77-9b280e14e7ae"], set.MessageFlows.Select(f => f.Id));
    }

    [Fact]
    public void C_1_0_invoice_collaboration_with_roles_conditions_and_service()
    {
        var set = ReadFixture("C.1.0.bpmn");

        // definitions declares XPath, so the JUEL-looking conditions are refused instead of being run as JavaScript.
        Assert.Equal(["invoiceApproved", "invoiceNotApproved", "reviewSuccessful", "reviewNotSuccessful"],
            set.Diagnostics.Where(d => d.Code == DiagnosticCodes.UnsupportedExpressionLanguage).Select(d => d.ElementId));
        Assert.All(set.Diagnostics, d => Assert.Contains(d.Code, new[] { DiagnosticCodes.UnsupportedExpressionLanguage, DiagnosticCodes.MessageNameFromEvent, DiagnosticCodes.JavaDelegate }));
        // The archive step's Java bean does not run here: it waits as an external task of the suggested topic.
        Assert.Equal(["archiveInvoice"], set.Diagnostics.Where(d => d.Code == DiagnosticCodes.JavaDelegate).Select(d => d.ElementId));
        Assert.Contains(set.Processes.SelectMany(p => p.Nodes), n => n.Id == "sid-36EA43D1-0FE6-4197-AC57-7A43785B784B" && n.MessageName == "Invoice received");
        Assert.Equal(["sid-5FBB6CB3-8A7C-42B5-9024-15BB2684EC57", "bpmn-miwg-test-case-c.1.0"], set.Processes.Select(p => p.Id));
        var assistant = set.Processes[0];
        Assert.Equal("Team-Assistant", assistant.Name);
        Assert.False(assistant.IsExecutable);
        Assert.Equal("EndEvent:2 EventBasedGateway:1 IntermediateCatchEvent:3 StartEvent:1 Task:4", KindSummary(assistant));
        Assert.Equal(10, assistant.Flows.Count);
        Assert.Empty(assistant.Lanes);
        var sevenDays = assistant.GetNode("sid-0E349B8B-14A7-4565-988A-38F3A9B624D2");
        Assert.Equal(EventTrigger.Timer, sevenDays.Trigger);
        Assert.Null(sevenDays.Timer);

        var engine = set.Processes[1];
        Assert.Equal("BPMN MIWG Test Case C.1.0", engine.Name);
        Assert.True(engine.IsExecutable);
        Assert.Equal("EndEvent:2 ExclusiveGateway:2 ServiceTask:1 StartEvent:1 UserTask:4", KindSummary(engine));
        Assert.Equal(10, engine.Flows.Count);
        Assert.Equal(["Approver", "Team Assistant", "Accountant"], engine.Lanes.Select(l => l.Name));
        Assert.Equal(["Approver"], engine.GetNode("approveInvoice").Roles);
        Assert.Equal(["Team Assistant"], engine.GetNode("reviewInvoice").Roles);
        Assert.Equal(["Accountant", "accounting"], engine.GetNode("prepareBankTransfer").Roles);
        Assert.Equal("${approver}", engine.GetNode("approveInvoice").Assignee);
        Assert.Equal("demo", engine.GetNode("assignApprover").Assignee);
        Assert.Equal("Rechnung klären", engine.GetNode("reviewInvoice").Name);
        Assert.Equal("invoice-received-C.1.0", engine.GetNode("StartEvent_1").MessageName);
        Assert.Equal("approved", engine.GetFlow("invoiceApproved").Condition);
        Assert.Equal("!approved", engine.GetFlow("invoiceNotApproved").Condition);
        Assert.Equal("clarified == 'yes'", engine.GetFlow("reviewSuccessful").Condition);

        var archive = engine.GetNode("archiveInvoice").Service;
        Assert.NotNull(archive);
        Assert.Equal("archive-service", archive.ActionName);
        Assert.Equal("Hello World", archive.Parameters["text0"]);
        Assert.Equal("<p>Hello World</p><br>", archive.Parameters["text4"]);
        Assert.False(archive.Parameters.ContainsKey("text1"));

        Assert.Equal(5, set.MessageFlows.Count);
        Assert.Contains(set.MessageFlows, f => f.SourceId == "reviewInvoice" && f.TargetId == "sid-B548B980-12E3-408E-9AC4-7031B85A8F2D");
    }

    [Fact]
    public void C_1_1_potential_owners_and_xpath_conditions_kept_as_written()
    {
        var set = ReadFixture("C.1.1.bpmn");

        Assert.All(set.Diagnostics.Where(d => d.Code != DiagnosticCodes.JavaDelegate), d => Assert.Equal(DiagnosticCodes.UnsupportedExpressionLanguage, d.Code));
        Assert.Equal(["archiveInvoice"], set.Diagnostics.Where(d => d.Code == DiagnosticCodes.JavaDelegate).Select(d => d.ElementId));
        var process = Assert.Single(set.Processes);
        Assert.Equal("handle-invoice", process.Id);
        Assert.Equal("Invoice Handling (OMG BPMN MIWG Demo)", process.Name);
        Assert.Equal("EndEvent:2 ExclusiveGateway:2 ServiceTask:1 StartEvent:1 UserTask:4", KindSummary(process));
        Assert.Equal(10, process.Flows.Count);
        Assert.Equal(EventTrigger.None, process.GetNode("StartEvent_1").Trigger);
        Assert.Equal(["Approver"], process.GetNode("approveInvoice").Roles);
        Assert.Equal(["Team Assistant"], process.GetNode("assignApprover").Roles);
        Assert.Equal(["Accountant", "accounting"], process.GetNode("prepareBankTransfer").Roles);
        Assert.Equal("bpmn:getDataObject('approved')", process.GetFlow("invoiceApproved").Condition);
        Assert.Empty(set.MessageFlows);

        // XPath is declared and not run: each such condition is named once, as an unsupported language, never parsed as JavaScript.
        var diagnostics = DefinitionValidator.Validate(set);
        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCodes.InvalidExpression);
        var unsupported = diagnostics.Where(d => d.Code == DiagnosticCodes.UnsupportedExpressionLanguage).Select(d => d.ElementId);
        Assert.Equal(["invoiceApproved", "invoiceNotApproved", "reviewSuccessful", "reviewNotSuccessful"], unsupported);
    }

    [Fact]
    public void C_3_0_boundary_timer_duration_documentation_and_collapsed_subprocess()
    {
        var set = ReadFixture("C.3.0.bpmn");

        var language = Assert.Single(set.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnsupportedExpressionLanguage, "_be893987-caec-4605-b078-bd96b7cd6c12"), (language.Code, language.ElementId));
        var process = Assert.Single(set.Processes);
        Assert.Equal("Fridge Repair Process", process.Name);
        Assert.Equal("BoundaryEvent:2 EndEvent:3 ExclusiveGateway:3 StartEvent:1 SubProcess:1 UserTask:4", KindSummary(process));
        Assert.Equal(15, process.Flows.Count);
        Assert.Equal("Service Level", process.GetNode("_cc9778bd-edd8-4df2-ba15-56c310f90e62").MessageName);
        var analyse = process.GetNode("_c73a5f4a-72f1-4e11-bb40-2f98da75fb9a");
        Assert.Equal(["User"], analyse.Roles);
        Assert.Equal("First contact with customer", analyse.Documentation);

        var timer = process.GetNode("Bpmn_BoundaryEvent_sS9gABqGEeWDuOtG0oS24A");
        Assert.Equal(new TimerDefinition(TimerKind.Duration, "PT2H"), timer.Timer);
        Assert.Equal("_6a34496f-8cf7-42e5-88a9-d1af98cc3cba", timer.AttachedToId);
        Assert.True(timer.CancelActivity);
        Assert.Equal("Service Level", process.GetNode("Bpmn_BoundaryEvent_LwKtwhqHEeWDuOtG0oS24A").MessageName);

        var collapsed = process.GetNode("_cd6f230f-13c3-4027-aa3e-57de601a1ab2");
        Assert.Equal(NodeKind.SubProcess, collapsed.Kind);
        Assert.DoesNotContain(process.Nodes, n => n.ParentId == collapsed.Id);
        Assert.StartsWith("This is a special case", collapsed.Documentation, StringComparison.Ordinal);
    }

    [Fact]
    public void C_9_1_zeebe_cycle_correlation_and_task_type()
    {
        var set = ReadFixture("C.9.1.bpmn");

        // Its camunda:async flags are transaction boundaries, read onto the nodes without a finding.
        Assert.Empty(set.Diagnostics);
        var process = Assert.Single(set.Processes);
        Assert.Equal(4, process.Nodes.Count(n => n.AsyncBefore || n.AsyncAfter));
        Assert.Equal("requestDocument_en", process.Id);
        Assert.Equal("Document Request", process.Name);
        Assert.Equal("BoundaryEvent:2 EndEvent:3 ReceiveTask:1 SendTask:2 StartEvent:1 UserTask:1", KindSummary(process));
        Assert.Equal(7, process.Flows.Count);

        var wait = process.GetNode("ReceiveTask_WaitForDocument");
        Assert.Equal("MESSAGE_documentReceived", wait.MessageName);
        Assert.Equal("documentReferenceId", wait.CorrelationKey);
        Assert.Equal(new SourcePosition(33, 5), wait.Position);

        var daily = process.GetNode("BoundaryEvent_1");
        Assert.Equal(new TimerDefinition(TimerKind.Cycle, "R6/P1D"), daily.Timer);
        Assert.False(daily.CancelActivity);
        Assert.Equal(new TimerDefinition(TimerKind.Duration, "P7D"), process.GetNode("BoundaryEvent_2").Timer);
        Assert.True(process.GetNode("BoundaryEvent_2").CancelActivity);
        // The file names a Zeebe type (email) and a Camunda 7 external topic (emailService): the explicit topic wins.
        Assert.Equal(["emailService", "emailService"], process.Nodes.Where(n => n.Kind == NodeKind.SendTask).Select(n => n.Service?.ActionName));
    }
}
