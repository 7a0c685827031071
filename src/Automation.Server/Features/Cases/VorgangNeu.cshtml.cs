using Automation.Data;
using Automation.Engine.Runtime;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Forms;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Cases;

/// <summary>
/// Starts a case: choose a process the person may start, fill in its start form and the Aktenzeichen. The start goes
/// through <see cref="StartCaseFromForm"/>, so the same scope and form rules hold as for POST /api/cases.
/// </summary>
[Authorize(Policy = Policies.CasesStart)]
[VariablePayload]
public sealed class VorgangNeuModel(IMediator mediator) : PageModel
{
    /// <summary>The chosen process.</summary>
    [BindProperty(Name = "prozess", SupportsGet = true)]
    public string? ProcessId { get; set; }

    /// <summary>The Aktenzeichen.</summary>
    [BindProperty(Name = "aktenzeichen")]
    public string? BusinessKey { get; set; }

    internal IReadOnlyList<StartableProcess> Processes { get; private set; } = [];

    internal StartFormDto? Form { get; private set; }

    /// <summary>Values as typed, shown again after a refused start.</summary>
    internal Dictionary<string, string> Values { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The field a refused start names (a form field id).</summary>
    public string? ErrorField { get; private set; }

    /// <summary>Why the start was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the process choice and, once a process is chosen, its start form.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    /// <summary>Starts the case and shows it; a refused start shows the form again with the typed values.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        Values = FormFields.Posted(Request.Form);
        try
        {
            var started = await mediator.Send(new StartCaseFromForm(User, ProcessId ?? "", BusinessKey, Values), HttpContext.RequestAborted);
            return Redirect($"/vorgaenge/{started.Id}?meldung=gestartet");
        }
        catch (WorkflowInputException e)
        {
            (ErrorField, Error) = (e.Field, e.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (VariablesTooLargeException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
        catch (BadInputException e)
        {
            (ErrorField, Error) = (e.Field, e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        var statusCode = Response.StatusCode;
        var page = await LoadAsync();
        if (page is PageResult) Response.StatusCode = statusCode;
        return page;
    }

    private async Task<IActionResult> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Processes = await mediator.Send(new ListStartableProcesses(User), ct);
        if (string.IsNullOrWhiteSpace(ProcessId)) return Page();
        try
        {
            Form = await mediator.Send(new GetStartForm(User, ProcessId), ct);
            FormFields.Prefill(Form.Fields, Values);
        }
        catch (NotFoundException)
        {
            // Outside the person's scope or not published: unknown, as the API answers.
            return NotFound();
        }
        return Page();
    }
}
