using System.Security.Claims;
using System.Text.Json;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Cases;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.Tasks;

/// <summary>Body of a completion.</summary>
/// <param name="Values">Form values by field id.</param>
internal sealed record CompleteBody(Dictionary<string, JsonElement>? Values);

/// <summary>Result of completing a task: the case after it moved on.</summary>
internal sealed record CompleteResult(Guid CaseId, string Status);

/// <summary>
/// Completes a task with its form values. <paramref name="FromForm"/>: the values are the page's posted strings by field
/// id, read against the task's declared fields (an unticked checkbox sends nothing: "no" for a yes/no field).
/// </summary>
internal sealed record CompleteTask(ClaimsPrincipal User, Guid CaseId, long WaitId, IReadOnlyDictionary<string, object?> Values, bool FromForm = false)
    : IRequest<TaskCompleted>, IVariablePayload
{
    public object? VariablePayload => Values;
}

/// <summary>The case after the completion and the definition version it runs on (whose cases the person may or may not see).</summary>
internal sealed record TaskCompleted(Guid CaseId, string Status, long DefinitionId);

/// <summary>
/// Reads the task and its case once (<see cref="TaskAccess.ReadVisibleAsync"/>) and hands that read to the host, which
/// decides whether it is still open and whose store transaction holds the completion to it.
/// </summary>
internal sealed class CompleteTaskHandler(WorkflowHostAccessor accessor, DepartmentScope scope, Documents.DocumentStore documents) : IRequestHandler<CompleteTask, TaskCompleted>
{
    public async ValueTask<TaskCompleted> Handle(CompleteTask request, CancellationToken cancellationToken)
    {
        var host = accessor.Host;
        var read = await TaskAccess.ReadVisibleAsync(host, scope, request.User, request.CaseId, request.WaitId, cancellationToken);
        var values = request.Values;
        if (request.FromForm)
        {
            var detail = await TaskAccess.DetailAsync(host, read, request.User, cancellationToken);
            values = Forms.FormFields.Values(detail.Fields, request.Values);
        }
        if (Documents.DocumentReferences.AnyIn(values))
        {
            var fields = (await TaskAccess.DetailAsync(host, read, request.User, cancellationToken)).Fields;
            await Documents.DocumentReferences.CheckAsync(documents, request.CaseId, fields, values, cancellationToken);
        }
        var snapshot = await host.CompleteTaskAsync(read, values, request.User.UserName(), cancellationToken);
        return new TaskCompleted(snapshot.CaseId, snapshot.Status.ToString(), snapshot.DefinitionId);
    }
}
