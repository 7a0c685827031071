using System.Security.Claims;
using Automation.Engine.Runtime;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Automation.Server.Features.Cases;

/// <summary>The state of one case the person sees: active nodes, waits, incidents and history.</summary>
internal sealed record GetCase(ClaimsPrincipal User, Guid Id) : IRequest<CaseDetail>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<GetCase, CaseDetail>
    {
        public async ValueTask<CaseDetail> Handle(GetCase request, CancellationToken cancellationToken) =>
            await ReadAsync(accessor, scope, request.User, request.Id, cancellationToken);

        /// <summary>The case as the API shows it; also the answer of the commands that change a case.</summary>
        internal static async Task<CaseDetail> ReadAsync(WorkflowHostAccessor accessor, DepartmentScope scope, ClaimsPrincipal user, Guid caseId,
            CancellationToken ct)
        {
            var host = accessor.Host;
            var snapshot = await host.GetCaseAsync(caseId, ct);
            // A case outside the scope is answered exactly like a missing one.
            if (snapshot is null || !await scope.ReadsAsync(user, snapshot.DefinitionId, ct))
            {
                throw new NotFoundException(Texte.Format(Texte.ServerVorgangUnbekannt, caseId));
            }
            var definition = await host.Definitions.GetAsync(snapshot.DefinitionId, ct);
            var state = snapshot.State;
            var id = caseId.ToString();
            await using var context = host.Database.CreateContext();
            var steps = await context.Steps.AsNoTracking().Where(s => s.CaseId == id).OrderBy(s => s.Sequence).ToListAsync(ct);
            var tasks = await context.Tasks.AsNoTracking().Where(t => t.CaseId == id).ToDictionaryAsync(t => t.WaitId, ct);
            var waits = state.Waits.Select(w =>
            {
                tasks.TryGetValue(w.Id, out var task);
                return new WaitDto(w.Id, w.Kind.ToString(), w.NodeId, definition.Set.ProcessOf(w.NodeId)?.FindNode(w.NodeId)?.Name, w.DueAt, w.MessageName,
                    w.SignalName, w.Roles, task?.Status, task?.Assignee, w.Topic, w.CorrelationKey);
            }).ToList();
            var failed = state.Tokens.Where(t => t.Status == TokenStatus.Failed).Select(t => t.NodeId)
                .Concat(state.Incidents.Select(i => i.NodeId)).Distinct(StringComparer.Ordinal).ToList();
            var active = state.Tokens.Where(t => t.Status != TokenStatus.Failed).Select(t => t.NodeId)
                .Concat(state.Waits.Where(w => !w.IsBoundary && !w.StartsEventSubProcess).Select(w => w.NodeId)).Distinct(StringComparer.Ordinal).Except(failed).ToList();
            var completed = steps.Where(s => s.Outcome == nameof(StepOutcome.Completed)).Select(s => s.NodeId).Distinct(StringComparer.Ordinal).ToList();
            return new CaseDetail(caseId, state.ProcessId, definition.Process.Name, snapshot.DefinitionId, definition.Version, state.BusinessKey,
                snapshot.Status.ToString(), state.StartedAt, state.EndedAt, state.Variables, active, completed, failed, waits,
                state.Incidents.Select(i => new IncidentDto(i.Id, i.NodeId, i.Message, i.Code, i.CreatedAt)).ToList(),
                steps.Select(s => new StepDto(s.Sequence, s.NodeId, s.NodeName, s.Kind, s.Actor, s.Outcome, CaseAccess.Time(s.StartedAt),
                    CaseAccess.Time(s.EndedAt), s.Detail)).ToList());
        }
    }
}
