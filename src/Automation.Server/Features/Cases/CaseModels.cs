namespace Automation.Server.Features.Cases;

/// <summary>A case in a list; <c>ProcessName</c> as the inbox names processes (latest published version's name, else the id).</summary>
internal sealed record CaseSummary(Guid Id, string ProcessId, long DefinitionId, string? BusinessKey, string Status,
    DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? EndedAt, string ProcessName);

/// <summary>A process of the case list's filter: its id and the name people read.</summary>
internal sealed record CaseProcess(string Id, string Name);

/// <summary>One page of cases.</summary>
internal sealed record CasePage(IReadOnlyList<CaseSummary> Items, int Page, int PageSize, int Total);

/// <summary>A wait state of a case (task, timer, message, signal).</summary>
internal sealed record WaitDto(long Id, string Kind, string NodeId, string? NodeName, DateTimeOffset? DueAt, string? MessageName,
    string? SignalName, IReadOnlyList<string> Roles, string? TaskStatus, string? Assignee, string? Topic = null, string? CorrelationKey = null);

/// <summary>An open incident.</summary>
internal sealed record IncidentDto(long Id, string NodeId, string Message, string? Code, DateTimeOffset CreatedAt);

/// <summary>A history entry (one executed step).</summary>
internal sealed record StepDto(int Sequence, string NodeId, string? NodeName, string Kind, string Actor, string Outcome,
    DateTimeOffset StartedAt, DateTimeOffset EndedAt, string? Detail);

/// <summary>The state of a case.</summary>
internal sealed record CaseDetail(Guid Id, string ProcessId, string? ProcessName, long DefinitionId, int Version, string? BusinessKey,
    string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, IReadOnlyDictionary<string, object?> Variables,
    IReadOnlyList<string> ActiveNodes, IReadOnlyList<string> CompletedNodes, IReadOnlyList<string> FailedNodes,
    IReadOnlyList<WaitDto> Waits, IReadOnlyList<IncidentDto> Incidents, IReadOnlyList<StepDto> History);
