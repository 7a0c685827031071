using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Tasks;

/// <summary>One task: claim, complete with the form built from its declared fields, or release.</summary>
[Authorize(Policy = Policies.TasksWork)]
[Infrastructure.VariablePayload(Files = true)]
public sealed class AufgabeModel(IMediator mediator) : PageModel
{
    internal TaskDetail? Detail { get; private set; }

    /// <summary>Values entered before a failed completion, shown again.</summary>
    internal Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The people the task can be given to (empty for someone without the right to reassign).</summary>
    internal IReadOnlyList<Reassignee> Reassignees { get; private set; } = [];

    /// <summary>Notice after a failed action.</summary>
    public string? Message { get; private set; }

    /// <summary>Notice after a successful action, carried over the redirect.</summary>
    [TempData]
    public string? Status { get; set; }

    /// <summary>Shows the task.</summary>
    public async Task<IActionResult> OnGetAsync(Guid caseId, long waitId) => await LoadAsync(caseId, waitId);

    /// <summary>Claims the task.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid caseId, long waitId) =>
        await RunAsync(caseId, waitId, () => mediator.Send(new ClaimTask(User, caseId, waitId), HttpContext.RequestAborted).AsTask(),
            () => Redirect($"/aufgaben/{caseId}/{waitId}"));

    /// <summary>Gives the task back to the inbox.</summary>
    public async Task<IActionResult> OnPostReleaseAsync(Guid caseId, long waitId) =>
        await RunAsync(caseId, waitId, () => mediator.Send(new ReleaseTask(User, caseId, waitId), HttpContext.RequestAborted).AsTask(),
            () => Redirect("/aufgaben"));

    /// <summary>Gives the task to a member of its groups (Leitung, Administration); back to the task page with a notice.</summary>
    public async Task<IActionResult> OnPostReassignAsync(Guid caseId, long waitId, [FromForm(Name = "to")] string? to)
    {
        try
        {
            var detail = await mediator.Send(new ReassignTask(User, caseId, waitId, to ?? ""), HttpContext.RequestAborted);
            Status = Texte.Format(Texte.ServerAufgabeZugewiesen, detail.Task.Assignee);
            return Redirect($"/aufgaben/{caseId}/{waitId}");
        }
        catch (Exception e) when (TaskPageErrors.IsExpected(e))
        {
            Message = TaskPageErrors.Describe(e);
            var page = await LoadAsync(caseId, waitId);
            if (page is PageResult)
            {
                Response.StatusCode = e switch
                {
                    Infrastructure.ForbiddenException => StatusCodes.Status403Forbidden,
                    Infrastructure.BadInputException => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status409Conflict,
                };
            }
            return page;
        }
    }

    /// <summary>
    /// Completes the task and shows the case it moved on. Files of the form's file fields are stored as documents of the
    /// case first (the field's value is then their description); a refused file or a refused completion leaves none of
    /// them behind.
    /// </summary>
    public async Task<IActionResult> OnPostCompleteAsync(Guid caseId, long waitId)
    {
        // The posted values go as they are: the completion reads the task once and takes its declared fields from there.
        var posted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in Forms.FormFields.Posted(Request.Form))
        {
            Values[key] = value;
            posted[key] = value;
        }
        var uploads = new TaskUploads(HttpContext.RequestServices.GetRequiredService<Documents.DocumentStore>(), caseId);
        TaskCompleted? done = null;
        try
        {
            if (Request.Form.Files.Count > 0)
            {
                try
                {
                    await uploads.StoreAsync(User, waitId, mediator, Request.Form.Files, posted, HttpContext.RequestAborted);
                }
                catch (Data.Documents.DocumentRefusedException e)
                {
                    Message = e.Message;
                    var page = await LoadAsync(caseId, waitId);
                    if (page is PageResult) Response.StatusCode = e.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status422UnprocessableEntity;
                    return page;
                }
                catch (Exception e) when (TaskPageErrors.IsExpected(e))
                {
                    Message = TaskPageErrors.Describe(e);
                    return await LoadAsync(caseId, waitId);
                }
            }
            var result = await RunAsync(caseId, waitId,
                async () => done = await mediator.Send(new CompleteTask(User, caseId, waitId, posted, FromForm: true), HttpContext.RequestAborted),
                () => Redirect($"/vorgaenge/{caseId}"));
            // A task without a group, or a job-centre task, can be done by someone who does not see its case: back to the inbox then.
            return done is not null && !await SeesCasesOfAsync(done.DefinitionId) ? Redirect("/aufgaben") : result;
        }
        finally
        {
            if (done is null) await uploads.RemoveAsync();
        }
    }

    private async Task<bool> SeesCasesOfAsync(long definitionId) =>
        Policies.Map[Policies.CasesRead].Any(User.IsInRole)
        && await HttpContext.RequestServices.GetRequiredService<Cases.DepartmentScope>().ReadsAsync(User, definitionId, HttpContext.RequestAborted);

    private async Task<IActionResult> RunAsync(Guid caseId, long waitId, Func<Task> action, Func<IActionResult> onSuccess)
    {
        try
        {
            await action();
            return onSuccess();
        }
        catch (Exception e) when (TaskPageErrors.IsExpected(e))
        {
            Message = TaskPageErrors.Describe(e);
            if (e is Infrastructure.VariablesTooLargeException) Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return await LoadAsync(caseId, waitId);
        }
    }

    private async Task<IActionResult> LoadAsync(Guid caseId, long waitId)
    {
        try
        {
            Detail = await mediator.Send(new GetTask(User, caseId, waitId), HttpContext.RequestAborted);
            Forms.FormFields.Prefill(Detail.Fields, Values);
            Reassignees = await mediator.Send(new ListReassignees(User, caseId, waitId), HttpContext.RequestAborted);
            return Page();
        }
        catch (Exception e) when (e is Automation.Data.NotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is Infrastructure.ForbiddenException)
        {
            return Forbid();
        }
    }
}
