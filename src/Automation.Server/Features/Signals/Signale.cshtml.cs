using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Messages;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Signals;

/// <summary>
/// Sends a signal by name (docs/clerk-guide.md, "Nachrichten und Signale") through the API's <see cref="BroadcastSignal"/>:
/// it reaches the waiting cases and signal start events of the sender's inboxes only. Redirect after POST with the count.
/// </summary>
[Authorize(Policy = Policies.Events)]
public sealed class SignaleModel(IMediator mediator) : PageModel
{
    /// <summary>How many optional variables the form offers.</summary>
    public const int Fields = 3;

    /// <summary>The signal name (kept in the form after a refusal; named in the result after sending).</summary>
    [BindProperty(Name = "signal", SupportsGet = true)]
    public string? SignalName { get; set; }

    /// <summary>Cases the signal just reached (from the redirect).</summary>
    [BindProperty(Name = "anzahl", SupportsGet = true)]
    public int? Reached { get; set; }

    /// <summary>Why the signal was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form (and the result of the last signal).</summary>
    public void OnGet()
    {
    }

    /// <summary>Sends the signal.</summary>
    public async Task<IActionResult> OnPostAsync(string?[]? variableName, string?[]? variableValue)
    {
        var (values, problem) = EventVariables.Read(variableName, variableValue);
        if (problem is null && string.IsNullOrWhiteSpace(SignalName)) problem = Texte.SignalNameFehlt;
        if (problem is not null) return Refused(problem);
        try
        {
            var sent = await mediator.Send(new BroadcastSignal(User, SignalName!.Trim(), values), HttpContext.RequestAborted);
            return Redirect($"/signale?signal={Uri.EscapeDataString(SignalName.Trim())}&anzahl={sent.Cases}");
        }
        catch (Exception e) when (e is BadInputException or VariablesTooLargeException or WorkflowInputException)
        {
            return Refused(e.Message);
        }
    }

    private PageResult Refused(string problem)
    {
        Error = problem;
        Reached = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
