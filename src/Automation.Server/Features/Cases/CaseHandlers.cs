using System.Security.Claims;
using System.Text.Json;
using Automation.Data;
using Automation.Engine.Runtime;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Cases;

/// <summary>A case in a list.</summary>
internal sealed record CaseSummary(Guid Id, string ProcessId, long DefinitionId, string? BusinessKey, string Status,
    DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? EndedAt);

/// <summary>One page of cases.</summary>
internal sealed record CasePage(IReadOnlyList<CaseSummary> Items, int Page, int PageSize, int Total);

/// <summary>A wait state of a case (task, timer, message, signal).</summary>
internal sealed record WaitDto(long Id, string Kind, string NodeId, string? NodeName, DateTimeOffset? DueAt, string? MessageName,
    string? SignalName, IReadOnlyList<string> Roles, string? TaskStatus, string? Assignee);

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

/// <summary>Starts a case; <paramref name="CaseId"/> is given when an Idempotency-Key chose it before.</summary>
internal sealed record StartCase(ClaimsPrincipal User, string ProcessId, IReadOnlyDictionary<string, JsonElement>? Variables, string? BusinessKey,
    Guid? CaseId = null) : IRequest<CaseDetail>, IVariablePayload
{
    public object? VariablePayload => Variables;
}
internal sealed record ListCases(ClaimsPrincipal User, string? ProcessId, string? Status, string? BusinessKey, int Page, int PageSize) : IRequest<CasePage>;
internal sealed record GetCase(ClaimsPrincipal User, Guid Id) : IRequest<CaseDetail>;
internal sealed record CancelCase(ClaimsPrincipal User, Guid Id) : IRequest<CaseDetail>;
internal sealed record RetryIncident(ClaimsPrincipal User, Guid Id, long IncidentId) : IRequest<CaseDetail>;

/// <summary>Process ids whose cases the person sees (the process filter of the case list).</summary>
internal sealed record ListCaseProcesses(ClaimsPrincipal User) : IRequest<IReadOnlyList<string>>;

/// <summary>Case requests; every one is limited to the person's cases by <see cref="DepartmentScope"/>.</summary>
internal sealed class CaseHandlers(WorkflowHostAccessor accessor, DepartmentScope scope) :
    IRequestHandler<StartCase, CaseDetail>,
    IRequestHandler<ListCases, CasePage>,
    IRequestHandler<GetCase, CaseDetail>,
    IRequestHandler<CancelCase, CaseDetail>,
    IRequestHandler<RetryIncident, CaseDetail>,
    IRequestHandler<ListCaseProcesses, IReadOnlyList<string>>
{
    public const int MaxPageSize = 200;

    public async ValueTask<CaseDetail> Handle(StartCase request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ProcessId)) throw new BadInputException("processId", "processId fehlt.");
        var variables = request.Variables?.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value));
        var host = accessor.Host;
        // Started on the version checked against the scope, so a newer version cannot slip in between.
        var definition = await host.Definitions.GetLatestPublishedAsync(request.ProcessId, cancellationToken);
        if (definition is null || (await scope.ForActingAsync(request.User, cancellationToken) is { } acting && !acting.Includes(definition.Id)))
        {
            throw new NotFoundException($"Der Prozess '{request.ProcessId}' hat keine veröffentlichte Version.");
        }
        var snapshot = await host.StartCaseAsync(definition, variables, request.BusinessKey, caseId: request.CaseId, ct: cancellationToken);
        return await Handle(new GetCase(request.User, snapshot.CaseId), cancellationToken);
    }

    public async ValueTask<CasePage> Handle(ListCases request, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(request.Page, request.PageSize, MaxPageSize);
        await using var context = accessor.Host.Database.CreateContext();
        var query = context.Cases.AsNoTracking();
        if (await scope.ForReadingAsync(request.User, cancellationToken) is { } reading)
        {
            List<long> visible = [.. reading.DefinitionIds];
            query = query.Where(c => visible.Contains(c.DefinitionId));
        }
        if (!string.IsNullOrWhiteSpace(request.ProcessId)) query = query.Where(c => c.ProcessId == request.ProcessId);
        if (!string.IsNullOrWhiteSpace(request.Status))
        {
            if (!Enum.TryParse<CaseStatus>(request.Status, ignoreCase: true, out var status))
            {
                throw new BadInputException("status", $"Unbekannter Status '{request.Status}'. Erlaubt: {string.Join(", ", Enum.GetNames<CaseStatus>())}.");
            }
            var name = status.ToString();
            query = query.Where(c => c.Status == name);
        }
        if (!string.IsNullOrWhiteSpace(request.BusinessKey)) query = query.Where(c => c.BusinessKey == request.BusinessKey);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id).Skip(paging.Offset).Take(paging.PageSize)
            .Select(c => new { c.Id, c.ProcessId, c.DefinitionId, c.BusinessKey, c.Status, c.StartedAt, c.UpdatedAt, c.EndedAt })
            .ToListAsync(cancellationToken);
        return new CasePage(rows.Select(r => new CaseSummary(Guid.Parse(r.Id), r.ProcessId, r.DefinitionId, r.BusinessKey, r.Status,
            Time(r.StartedAt), Time(r.UpdatedAt), r.EndedAt is { } e ? Time(e) : null)).ToList(), paging.Page, paging.PageSize, total);
    }

    public async ValueTask<CaseDetail> Handle(GetCase request, CancellationToken cancellationToken)
    {
        var host = accessor.Host;
        var snapshot = await host.GetCaseAsync(request.Id, cancellationToken);
        // A case outside the scope is answered exactly like a missing one.
        if (snapshot is null || !await scope.ReadsAsync(request.User, snapshot.DefinitionId, cancellationToken))
        {
            throw new NotFoundException($"Vorgang {request.Id} ist unbekannt.");
        }
        var definition = await host.Definitions.GetAsync(snapshot.DefinitionId, cancellationToken);
        var state = snapshot.State;
        var id = request.Id.ToString();
        await using var context = host.Database.CreateContext();
        var steps = await context.Steps.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.Sequence).ToListAsync(cancellationToken);
        var tasks = await context.Tasks.AsNoTracking().Where(t => t.CaseId == id).ToDictionaryAsync(t => t.WaitId, cancellationToken);
        var waits = state.Waits.Select(w =>
        {
            tasks.TryGetValue(w.Id, out var task);
            return new WaitDto(w.Id, w.Kind.ToString(), w.NodeId, definition.Process.FindNode(w.NodeId)?.Name, w.DueAt, w.MessageName,
                w.SignalName, w.Roles, task?.Status, task?.Assignee);
        }).ToList();
        var failed = state.Tokens.Where(t => t.Status == TokenStatus.Failed).Select(t => t.NodeId)
            .Concat(state.Incidents.Select(i => i.NodeId)).Distinct(StringComparer.Ordinal).ToList();
        var active = state.Tokens.Where(t => t.Status != TokenStatus.Failed).Select(t => t.NodeId)
            .Concat(state.Waits.Where(w => !w.IsBoundary).Select(w => w.NodeId)).Distinct(StringComparer.Ordinal).Except(failed).ToList();
        var completed = steps.Where(s => s.Outcome == nameof(StepOutcome.Completed)).Select(s => s.NodeId).Distinct(StringComparer.Ordinal).ToList();
        return new CaseDetail(request.Id, state.ProcessId, definition.Process.Name, snapshot.DefinitionId, definition.Version, state.BusinessKey,
            snapshot.Status.ToString(), state.StartedAt, state.EndedAt, state.Variables, active, completed, failed, waits,
            state.Incidents.Select(i => new IncidentDto(i.Id, i.NodeId, i.Message, i.Code, i.CreatedAt)).ToList(),
            steps.Select(s => new StepDto(s.Sequence, s.NodeId, s.NodeName, s.Kind, s.Actor, s.Outcome, Time(s.StartedAt), Time(s.EndedAt), s.Detail)).ToList());
    }

    public async ValueTask<CaseDetail> Handle(CancelCase request, CancellationToken cancellationToken)
    {
        await ActedOnAsync(request.User, request.Id, cancellationToken);
        await accessor.Host.CancelCaseAsync(request.Id, "cancelled", cancellationToken);
        return await Handle(new GetCase(request.User, request.Id), cancellationToken);
    }

    public async ValueTask<CaseDetail> Handle(RetryIncident request, CancellationToken cancellationToken)
    {
        var snapshot = await ActedOnAsync(request.User, request.Id, cancellationToken);
        if (snapshot.State.Incidents.All(i => i.Id != request.IncidentId))
        {
            throw new NotFoundException($"Vorgang {request.Id} hat keinen offenen Fehler {request.IncidentId}.");
        }
        await accessor.Host.RetryIncidentAsync(request.Id, request.IncidentId, cancellationToken);
        return await Handle(new GetCase(request.User, request.Id), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<string>> Handle(ListCaseProcesses request, CancellationToken cancellationToken)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var query = context.Definitions.AsNoTracking();
        if (await scope.ForReadingAsync(request.User, cancellationToken) is { } reading)
        {
            List<long> visible = [.. reading.DefinitionIds];
            query = query.Where(d => visible.Contains(d.Id));
        }
        return await query.Select(d => d.ProcessId).Distinct().OrderBy(p => p).ToListAsync(cancellationToken);
    }

    /// <summary>Loads a case the person may act on; a case outside the scope is answered like a missing one.</summary>
    private async Task<CaseSnapshot> ActedOnAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var snapshot = await accessor.Host.GetCaseAsync(id, ct);
        if (snapshot is null || (await scope.ForActingAsync(user, ct) is { } acting && !acting.Includes(snapshot.DefinitionId)))
        {
            throw new NotFoundException($"Vorgang {id} ist unbekannt.");
        }
        return snapshot;
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
