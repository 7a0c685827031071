using System.Security.Claims;
using Automation.Data;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;

namespace Automation.Server.Features.ExternalTasks;

/// <summary>What a worker reports for a locked task.</summary>
internal enum ExternalReportKind
{
    /// <summary>Done, with variables.</summary>
    Complete,
    /// <summary>A modelled business error.</summary>
    BpmnError,
    /// <summary>A technical failure, with retries left.</summary>
    Failure,
    /// <summary>More time.</summary>
    ExtendLock,
    /// <summary>Give the task back.</summary>
    Unlock,
}

/// <summary>
/// A worker's report on a task: complete, BPMN error, failure, extend lock, unlock. One use case because all five
/// share the rule that only the lock's holder (this token's user with the worker id it fetched with) may report.
/// </summary>
internal sealed record ReportExternalTask(ClaimsPrincipal User, string TaskId, ExternalReportKind Kind, string? WorkerId,
    IReadOnlyDictionary<string, object?> Variables, IReadOnlyDictionary<string, object?> LocalVariables,
    string? ErrorCode = null, string? ErrorMessage = null, string? ErrorDetails = null, int? Retries = null, long? RetryTimeout = null,
    long? NewDuration = null) : IRequest<CaseSnapshot?>, IVariablePayload
{
    public object? VariablePayload => new[] { Variables, LocalVariables };
}

/// <summary>Hands the report to the host, whose transaction holds it to the lock.</summary>
internal sealed class ReportExternalTaskHandler(WorkflowHostAccessor accessor) : IRequestHandler<ReportExternalTask, CaseSnapshot?>
{
    public async ValueTask<CaseSnapshot?> Handle(ReportExternalTask request, CancellationToken cancellationToken)
    {
        var host = accessor.Host;
        if (request.Kind == ExternalReportKind.Unlock)
        {
            // Unlock names no worker (as in Camunda): only the holder's user or an Admin may give the task back.
            var holder = await host.ExternalTaskHolderAsync(request.TaskId, cancellationToken);
            if (holder is not null && !WorkerIdentity.IsOf(request.User, holder) && !request.User.IsInRole(Roles.Admin))
                throw new ForbiddenException(Texte.Format(Texte.ExternFremdGesperrt, request.TaskId));
            await host.UnlockExternalTaskAsync(request.TaskId, cancellationToken);
            return null;
        }
        var worker = WorkerIdentity.Of(request.User, request.WorkerId);
        switch (request.Kind)
        {
            case ExternalReportKind.Complete:
                return await host.CompleteExternalTaskAsync(request.TaskId, worker, request.Variables, null, request.LocalVariables, null, cancellationToken);
            case ExternalReportKind.BpmnError:
                if (string.IsNullOrWhiteSpace(request.ErrorCode)) throw new WorkflowInputException("errorCode", Texte.ExternFehlercodeFehlt);
                return await host.ThrowExternalTaskErrorAsync(request.TaskId, worker, request.ErrorCode, request.ErrorMessage, request.Variables, null, cancellationToken);
            case ExternalReportKind.Failure:
                if (request.RetryTimeout is < 0) throw new WorkflowInputException("retryTimeout", Texte.ExternRetryTimeout);
                await host.HandleExternalTaskFailureAsync(request.TaskId, worker, request.ErrorMessage, request.ErrorDetails, request.Retries ?? 0,
                    TimeSpan.FromMilliseconds(request.RetryTimeout ?? 0), null, cancellationToken);
                return null;
            default:
                if (request.NewDuration is not > 0) throw new WorkflowInputException("newDuration", Texte.ExternNewDuration);
                await host.ExtendExternalTaskLockAsync(request.TaskId, worker, TimeSpan.FromMilliseconds(request.NewDuration.Value), cancellationToken);
                return null;
        }
    }
}
