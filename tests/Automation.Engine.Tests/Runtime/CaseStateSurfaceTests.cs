using System.Collections;
using System.Reflection;
using System.Text.Json;
using Automation.Engine.Runtime;

namespace Automation.Engine.Tests.Runtime;

/// <summary>
/// A case's state changes only inside the engine: no public setter on it or on any public type it reaches, and its
/// collections are read-only views that a cast cannot turn back into lists. The stored JSON stays what it was.
/// </summary>
public sealed class CaseStateSurfaceTests
{
    private const string Process = """
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start" />
          <bpmn:parallelGateway id="split" />
          <bpmn:userTask id="pruefen" camunda:candidateGroups="Sachbearbeitung" />
          <bpmn:intermediateCatchEvent id="warten"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
          <bpmn:parallelGateway id="join" />
          <bpmn:endEvent id="ende" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
          <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="pruefen" />
          <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="warten" />
          <bpmn:sequenceFlow id="f4" sourceRef="pruefen" targetRef="join" />
          <bpmn:sequenceFlow id="f5" sourceRef="warten" targetRef="join" />
          <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="ende" />
        </bpmn:process>
        """;

    // Written by the engine before its state became read-only outside it (main at f4a1d0e): every field of every part.
    private const string StoredBefore = """{"CaseId":"6f1c9a52-8d5e-4c2a-9a43-2f6f1e0b7c11","ProcessId":"antrag","BusinessKey":"AZ-7","Status":2,"StartedAt":"2026-03-02T08:00:00+01:00","EndedAt":null,"Variables":{"betrag":120.5,"akte":{"az":"W-1","seiten":[1,2]},"ok":true,"leer":null},"Tokens":[{"Id":1,"NodeId":"pruefen","ScopeId":0,"Status":1,"ViaFlowId":"f2","ArrivedAt":"2026-03-02T08:00:00+01:00"},{"Id":5,"NodeId":"rechnen","ScopeId":4,"Status":2,"ViaFlowId":null,"ArrivedAt":"2026-03-02T08:05:00+01:00"}],"Scopes":[{"Id":4,"ProcessId":"antrag","NodeId":"unter","ParentScopeId":0,"ParentTokenId":3,"CallDepth":0,"Variables":null},{"Id":7,"ProcessId":"gebuehr","NodeId":"aufruf","ParentScopeId":0,"ParentTokenId":3,"CallDepth":1,"Variables":{"summe":3}}],"Waits":[{"Id":2,"Kind":0,"NodeId":"pruefen","ScopeId":0,"TokenId":1,"GroupTokenId":null,"IsBoundary":false,"CreatedAt":"2026-03-02T08:00:00+01:00","DueAt":"2026-03-09T08:00:00+01:00","Occurrences":0,"MessageName":null,"CorrelationKey":null,"SignalName":null,"Roles":["Sachbearbeitung","Leitung"],"Assignee":"mueller"},{"Id":8,"Kind":1,"NodeId":"frist","ScopeId":0,"TokenId":1,"GroupTokenId":3,"IsBoundary":true,"CreatedAt":"2026-03-02T08:00:00+01:00","DueAt":"2026-03-02T10:00:00+01:00","Occurrences":2,"MessageName":"Antwort","CorrelationKey":"AZ-7","SignalName":"Sturm","Roles":[],"Assignee":null}],"Joins":[{"ScopeId":0,"GatewayId":"join","Arrived":{"f5":1,"f4":0}}],"Incidents":[{"Id":6,"NodeId":"rechnen","TokenId":5,"Message":"boom","Code":"script-error","CreatedAt":"2026-03-02T08:05:00+01:00"}],"History":[{"CaseId":"6f1c9a52-8d5e-4c2a-9a43-2f6f1e0b7c11","ProcessId":"antrag","Sequence":1,"NodeId":"start","NodeName":"Antrag eingegangen","Kind":1,"Actor":2,"Start":"2026-03-02T08:00:00+01:00","End":"2026-03-02T08:00:00+01:00","Outcome":0,"Detail":"f1"}],"StepCount":3,"LastId":8}""";

    [Fact]
    public void Case_state_and_every_public_type_it_reaches_have_no_public_setter()
    {
        var offenders = new List<string>();
        foreach (var type in ReachableStateTypes())
        {
            // A record's init-only properties make a new value ("with"); they cannot change the one the case holds.
            var isRecord = type.GetMethod("<Clone>$") is not null;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (p.SetMethod is { IsPublic: true } setter && !(isRecord && IsInitOnly(setter)))
                    offenders.Add($"{type.Name}.{p.Name} has a public setter");
                if (IsMutableCollection(p.PropertyType)) offenders.Add($"{type.Name}.{p.Name} is a mutable {p.PropertyType.Name}");
            }
            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (!f.IsInitOnly && !f.IsLiteral) offenders.Add($"{type.Name}.{f.Name} is a public field");
            }
        }
        Assert.Empty(offenders);
        // The walk reached the parts a caller reads, so an empty list means something.
        Assert.Superset(new HashSet<Type> { typeof(CaseState), typeof(TokenState), typeof(WaitState), typeof(IncidentState), typeof(StepEvent) },
            ReachableStateTypes().ToHashSet());
    }

    [Fact]
    public void A_cast_cannot_change_a_case_from_outside_the_engine()
    {
        using var p = new TestProcess(Process);
        var state = p.Start(("betrag", 5d)).State;
        Assert.NotEmpty(state.Tokens);
        Assert.NotEmpty(state.Waits);
        Assert.NotEmpty(state.History);

        Assert.Throws<NotSupportedException>(() => ((IList<TokenState>)state.Tokens).Clear());
        Assert.Throws<NotSupportedException>(() => ((ICollection<WaitState>)state.Waits).Remove(state.Waits[0]));
        Assert.Throws<NotSupportedException>(() => ((IList<IncidentState>)state.Incidents).Add(null!));
        Assert.Throws<NotSupportedException>(() => ((IList<StepEvent>)state.History).RemoveAt(0));
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, object?>)state.Variables)["betrag"] = 1_000_000d);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)state.Waits.Single(w => w.NodeId == "pruefen").Roles).Clear());
        Assert.Equal(5d, state.Variables["betrag"]);
        Assert.Equal(["Sachbearbeitung"], state.Waits.Single(w => w.NodeId == "pruefen").Roles);
    }

    [Fact]
    public void A_stored_document_reads_and_writes_back_byte_for_byte()
    {
        var state = JsonSerializer.Deserialize<CaseState>(StoredBefore)!;
        Assert.Equal(StoredBefore, JsonSerializer.Serialize(state));

        // Every part landed where callers and the engine read it, not only in the round trip.
        Assert.Equal(("AZ-7", CaseStatus.Incident, 3, 8L), (state.BusinessKey, state.Status, state.StepCount, state.LastId));
        Assert.Equal("W-1", Assert.IsType<Dictionary<string, object?>>(state.Variables["akte"])["az"]);
        Assert.Equal([1L, 5L], state.Tokens.Select(t => t.Id));
        Assert.Equal(["Sachbearbeitung", "Leitung"], state.Waits[0].Roles);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)state.Waits[0].Roles).Clear());
        Assert.Equal(("AZ-7", 2, true), (state.Waits[1].CorrelationKey, state.Waits[1].Occurrences, state.Waits[1].IsBoundary));
        Assert.Equal("script-error", Assert.Single(state.Incidents).Code);
        Assert.Equal("Antrag eingegangen", Assert.Single(state.History).NodeName);
        Assert.Equal(3d, state.Scopes[1].Variables!["summe"]);
        Assert.Equal(1, Assert.Single(state.Joins).Arrived["f5"]);
    }

    [Fact]
    public void A_case_continues_identically_after_a_round_trip_through_its_stored_form()
    {
        using var p = new TestProcess(Process);
        var state = p.Start().State;
        p.Complete(state, "pruefen");
        var copy = JsonSerializer.Deserialize<CaseState>(JsonSerializer.Serialize(state))!;
        // Mid-run: one arrival waits at the join, the timer still waits.
        Assert.Equal(1, Assert.Single(copy.Joins).Arrived["f4"]);
        p.FireTimer(state, "warten");
        p.FireTimer(copy, "warten");
        Assert.Equal(CaseStatus.Completed, copy.Status);
        Assert.Equal(JsonSerializer.Serialize(state), JsonSerializer.Serialize(copy));
    }

    [Fact]
    public void Without_data_keeps_identity_status_and_counters_and_drops_everything_else()
    {
        var state = JsonSerializer.Deserialize<CaseState>(StoredBefore)!;
        var stripped = state.WithoutData();
        Assert.Equal((state.CaseId, state.ProcessId, state.Status, state.StartedAt, state.EndedAt, state.StepCount, state.LastId),
            (stripped.CaseId, stripped.ProcessId, stripped.Status, stripped.StartedAt, stripped.EndedAt, stripped.StepCount, stripped.LastId));
        Assert.Null(stripped.BusinessKey);
        Assert.Empty(stripped.Variables);
        Assert.Empty(stripped.Tokens);
        Assert.Empty(stripped.Scopes);
        Assert.Empty(stripped.Waits);
        Assert.Empty(stripped.Joins);
        Assert.Empty(stripped.Incidents);
        Assert.Empty(stripped.History);
        // The original is untouched.
        Assert.Equal(StoredBefore, JsonSerializer.Serialize(state));
    }

    private static IEnumerable<Type> ReachableStateTypes()
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([typeof(CaseState)]);
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type)) continue;
            yield return type;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var t in Unwrap(p.PropertyType).Where(t => t.Assembly == typeof(CaseState).Assembly && t.IsPublic && !t.IsEnum))
                    queue.Enqueue(t);
            }
        }
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        yield return underlying;
        if (underlying.IsArray) yield return underlying.GetElementType()!;
        foreach (var argument in underlying.IsGenericType ? underlying.GetGenericArguments() : []) yield return argument;
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit));

    private static bool IsMutableCollection(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)
        && (type.IsArray || !type.IsInterface || !type.Name.StartsWith("IReadOnly", StringComparison.Ordinal));
}
