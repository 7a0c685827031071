using System.Security.Claims;
using System.Text.Json;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Cases;

/// <summary>Starts a case; <paramref name="CaseId"/> is given when an Idempotency-Key chose it before.</summary>
internal sealed record StartCase(ClaimsPrincipal User, string ProcessId, IReadOnlyDictionary<string, JsonElement>? Variables, string? BusinessKey,
    Guid? CaseId = null) : IRequest<CaseDetail>, IVariablePayload, IValidated
{
    public object? VariablePayload => Variables;

    public IEnumerable<InputProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(ProcessId)) yield return new InputProblem("processId", Texte.ServerProzessIdFehlt);
    }

    /// <summary>Starts on the latest published version the person may act on.</summary>
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<StartCase, CaseDetail>
    {
        public async ValueTask<CaseDetail> Handle(StartCase request, CancellationToken cancellationToken)
        {
            var variables = request.Variables?.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value));
            var host = accessor.Host;
            // Started on the version checked against the scope, so a newer version cannot slip in between.
            var definition = await StartableAsync(accessor, scope, request.User, request.ProcessId, cancellationToken);
            // The person starting it is the case's initiator (camunda:initiator), on the page and over the API alike.
            var snapshot = await host.StartCaseAsync(definition, variables, request.BusinessKey, caseId: request.CaseId,
                startedBy: request.User.UserName(), ct: cancellationToken);
            return await GetCase.Handler.ReadAsync(accessor, scope, request.User, snapshot.CaseId, cancellationToken);
        }

        /// <summary>
        /// The one rule of who may start what: the latest published version of the process, if the person may act on
        /// its cases; otherwise the process is answered as unknown (404), like a case outside the scope.
        /// </summary>
        internal static async Task<StoredDefinition> StartableAsync(WorkflowHostAccessor accessor, DepartmentScope scope, ClaimsPrincipal user,
            string processId, CancellationToken ct)
        {
            var definition = await accessor.Host.Definitions.GetLatestPublishedAsync(processId, ct);
            if (definition is null || (await scope.ForActingAsync(user, ct) is { } acting && !acting.Includes(definition.Id)))
            {
                throw new NotFoundException(Texte.Format(Texte.ServerProzessHatVeroeffentlichteVersion, processId));
            }
            return definition;
        }
    }
}
