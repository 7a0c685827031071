using System.Security.Claims;
using System.Text.Json;
using Automation.Engine.Runtime;
using Automation.Server.Features.Forms;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Cases;

/// <summary>A process the person may start.</summary>
internal sealed record StartableProcess(string ProcessId, string? Name, int Version);

/// <summary>The start form of a process: the fields of its start event.</summary>
internal sealed record StartFormDto(StartableProcess Process, IReadOnlyList<FieldDto> Fields);

/// <summary>The processes the person may start (latest published versions within their scope), by name.</summary>
internal sealed record ListStartableProcesses(ClaimsPrincipal User) : IRequest<IReadOnlyList<StartableProcess>>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<ListStartableProcesses, IReadOnlyList<StartableProcess>>
    {
        public async ValueTask<IReadOnlyList<StartableProcess>> Handle(ListStartableProcesses request, CancellationToken cancellationToken)
        {
            var acting = await scope.ForActingAsync(request.User, cancellationToken);
            return (await accessor.Host.Definitions.GetAllLatestPublishedAsync(cancellationToken))
                .Where(d => acting is null || acting.Includes(d.Id))
                .Select(d => new StartableProcess(d.Process.Id, d.Process.Name, d.Version))
                .OrderBy(p => p.Name ?? p.ProcessId, StringComparer.CurrentCulture).ToList();
        }
    }
}

/// <summary>The start form of a process the person may start; 404 for any other (as <see cref="StartCase"/> answers).</summary>
internal sealed record GetStartForm(ClaimsPrincipal User, string ProcessId) : IRequest<StartFormDto>
{
    internal sealed class Handler(WorkflowHostAccessor accessor, DepartmentScope scope) : IRequestHandler<GetStartForm, StartFormDto>
    {
        public async ValueTask<StartFormDto> Handle(GetStartForm request, CancellationToken cancellationToken)
        {
            var definition = await StartCase.Handler.StartableAsync(accessor, scope, request.User, request.ProcessId, cancellationToken);
            var start = definition.Process.DefaultStartEvent;
            // camunda:formField defaultValue shows first, as on a task's form; a read-only field shows only it.
            var defaults = start is { FormFields.Count: > 0 } ? FormValues.StartDefaults(start.FormFields) : null;
            return new StartFormDto(new StartableProcess(definition.Process.Id, definition.Process.Name, definition.Version),
                FormFields.Of(start, defaults));
        }
    }
}

/// <summary>
/// A start from the page: the posted texts of the start form become the start variables (only declared fields), and
/// <see cref="StartCase"/> starts the case, so the API and the page share every rule of a start.
/// </summary>
internal sealed record StartCaseFromForm(ClaimsPrincipal User, string ProcessId, string? BusinessKey, IReadOnlyDictionary<string, string> Posted)
    : IRequest<CaseDetail>, IVariablePayload
{
    public object? VariablePayload => Posted;

    internal sealed class Handler(IMediator mediator) : IRequestHandler<StartCaseFromForm, CaseDetail>
    {
        public async ValueTask<CaseDetail> Handle(StartCaseFromForm request, CancellationToken cancellationToken)
        {
            var form = await mediator.Send(new GetStartForm(request.User, request.ProcessId), cancellationToken);
            var values = FormFields.Values(form.Fields, request.Posted.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal));
            var variables = values.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value), StringComparer.Ordinal);
            var businessKey = string.IsNullOrWhiteSpace(request.BusinessKey) ? null : request.BusinessKey.Trim();
            return await mediator.Send(new StartCase(request.User, request.ProcessId, variables, businessKey), cancellationToken);
        }
    }
}
