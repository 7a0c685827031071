using System.Text.Json;
using Automation.Data;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Cases;

/// <summary>
/// Case detail: the diagram with active and completed nodes highlighted, open steps, entered values and the history;
/// cancelling and retrying for the roles of <see cref="Policies.CasesManage"/>, reporting a message or sending a signal
/// the case waits for for the roles of <see cref="Policies.Events"/> (all through the API's handlers).
/// </summary>
[Authorize(Policy = Policies.CasesRead)]
public sealed class VorgangModel(IMediator mediator, IAuthorizationService authorization) : PageModel
{
    /// <summary>Status messages after an action, by the code the redirect carries.</summary>
    public static readonly IReadOnlyDictionary<string, string> Notices = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gestartet"] = Texte.ServerVorgangWurdeGestartet,
        ["abgebrochen"] = Texte.ServerVorgangWurdeAbgebrochen,
        ["wiederholt"] = Texte.ServerFehlgeschlageneSchrittWurdeErneutVersucht,
        ["nachricht"] = Texte.EreignisNachrichtZugestellt,
    };

    /// <summary>How many optional variables the message and signal forms offer.</summary>
    public const int EventFields = 3;

    internal CaseDetail? Detail { get; private set; }

    internal IReadOnlyList<CaseValue> Values { get; private set; } = [];

    /// <summary>The case's documents (same access rule as the case: the page is only shown to those who see it).</summary>
    internal IReadOnlyList<Automation.Server.Features.Documents.DocumentDto> Documents { get; private set; } = [];

    /// <summary>"Warum?" per business rule step (same access rule as the case).</summary>
    internal IReadOnlyList<DecisionExplanationDto> Decisions { get; private set; } = [];

    /// <summary>Whether the person may cancel the case and retry its incidents.</summary>
    public bool CanManage { get; private set; }

    /// <summary>Whether the person may report messages and send signals (<see cref="Policies.Events"/>).</summary>
    public bool CanSendEvents { get; private set; }

    /// <summary>Cases a signal just reached (from the redirect's <c>anzahl</c>).</summary>
    [BindProperty(Name = "anzahl", SupportsGet = true)]
    public int? SignalReached { get; set; }

    /// <summary>The status message of the action just done (from the redirect's <c>meldung</c>).</summary>
    [BindProperty(Name = "meldung", SupportsGet = true)]
    public string? NoticeCode { get; set; }

    /// <summary>Why an action was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Diagram data for the page script. System.Text.Json escapes &lt;, &gt; and &amp;, so the JSON cannot end the
    /// script element or inject markup whatever the definition contains.
    /// </summary>
    public string DiagramJson { get; private set; } = "{}";

    /// <summary>German label of a wait kind.</summary>
    public static string WaitLabel(string kind) => Texte.Find("VorgangWarten_" + kind) ?? kind;

    /// <summary>German label of a step outcome.</summary>
    public static string OutcomeLabel(string outcome) => Texte.Find("VorgangErgebnis_" + outcome) ?? outcome;

    /// <summary>A document's size in German (kB up to one MB, then MB with one decimal).</summary>
    public static string SizeLabel(long bytes) => bytes < 1024 * 1024
        ? Texte.Format(Texte.VorgangKilobyte, Math.Max(1, (bytes + 1023) / 1024))
        : Texte.Format(Texte.VorgangMegabyte, bytes / (1024d * 1024d));

    /// <summary>Loads the case.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id);

    /// <summary>Cancels the case (roles of <see cref="Policies.CasesManage"/> only) and shows it again.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id) =>
        await ManageAsync(id, () => mediator.Send(new CancelCase(User, id), HttpContext.RequestAborted).AsTask(), "abgebrochen");

    /// <summary>Retries the failed step of an incident (roles of <see cref="Policies.CasesManage"/> only) and shows the case again.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, long incidentId) =>
        await ManageAsync(id, () => mediator.Send(new RetryIncident(User, id, incidentId), HttpContext.RequestAborted).AsTask(), "wiederholt");

    /// <summary>
    /// Reports the message a catch event of the case waits for: the name comes from the wait, never from the form, and the
    /// key is the wait's correlation key (else the Aktenzeichen), so it reaches this case; the API's handler applies the
    /// sender's inboxes. Optional variables are plain texts.
    /// </summary>
    public async Task<IActionResult> OnPostMessageAsync(Guid id, long waitId, string?[]? variableName, string?[]? variableValue) =>
        await EventAsync(id, waitId, "Message", variableName, variableValue, async (wait, detail, values) =>
        {
            await mediator.Send(new Messages.CorrelateMessage(User, wait.MessageName!, wait.CorrelationKey ?? detail.BusinessKey, values), HttpContext.RequestAborted);
            return $"/vorgaenge/{id}?meldung=nachricht";
        });

    /// <summary>Sends the signal a catch event of the case waits for; like the API it reaches every waiting case of the sender's inboxes.</summary>
    public async Task<IActionResult> OnPostSignalAsync(Guid id, long waitId, string?[]? variableName, string?[]? variableValue) =>
        await EventAsync(id, waitId, "Signal", variableName, variableValue, async (wait, _, values) =>
        {
            var sent = await mediator.Send(new Signals.BroadcastSignal(User, wait.SignalName!, values), HttpContext.RequestAborted);
            return $"/vorgaenge/{id}?anzahl={sent.Cases}";
        });

    private async Task<IActionResult> EventAsync(Guid id, long waitId, string kind, string?[]? names, string?[]? texts,
        Func<WaitDto, CaseDetail, IReadOnlyDictionary<string, object?>, Task<string>> send)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Events)).Succeeded) return Forbid();
        CaseDetail detail;
        try
        {
            // The case as the sender may read it: a case outside their inboxes is 404 here as everywhere.
            detail = await mediator.Send(new GetCase(User, id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var wait = detail.Waits.FirstOrDefault(w => w.Id == waitId && w.Kind == kind);
        var (values, problem) = Messages.EventVariables.Read(names, texts);
        if (wait is null || problem is not null)
        {
            Error = problem ?? Texte.EreignisWartetNicht;
            var page = await LoadAsync(id);
            Response.StatusCode = problem is null ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return page;
        }
        try
        {
            return Redirect(await send(wait, detail, values));
        }
        catch (Exception e) when (e is NotFoundException or BadInputException or VariablesTooLargeException or WorkflowInputException or ConcurrencyConflictException)
        {
            Error = e.Message;
            var page = await LoadAsync(id);
            Response.StatusCode = e is NotFoundException or WorkflowInputException or ConcurrencyConflictException
                ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return page;
        }
    }

    private async Task<IActionResult> ManageAsync(Guid id, Func<Task> action, string notice)
    {
        // The page is open to every case reader; its commands carry the API's policy.
        if (!(await authorization.AuthorizeAsync(User, Policies.CasesManage)).Succeeded) return Forbid();
        try
        {
            await action();
            return Redirect($"/vorgaenge/{id}?meldung={notice}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception e) when (e is WorkflowInputException or ConcurrencyConflictException)
        {
            Error = e is WorkflowInputException { Field: "caseId" }
                ? Texte.ServerVorgangSchonBeendet
                : Texte.ServerVorgangWurdeInzwischenGeaendertBitte;
            var page = await LoadAsync(id);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return page;
        }
    }

    private async Task<IActionResult> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        try
        {
            Detail = await mediator.Send(new GetCase(User, id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        CanManage = (await authorization.AuthorizeAsync(User, Policies.CasesManage)).Succeeded;
        CanSendEvents = (await authorization.AuthorizeAsync(User, Policies.Events)).Succeeded;
        Values = await mediator.Send(new GetCaseValues(Detail.DefinitionId, Detail.Variables), ct);
        Documents = await mediator.Send(new Automation.Server.Features.Documents.ListDocuments(User, id), ct);
        Decisions = await mediator.Send(new GetCaseDecisions(User, id), ct);
        var source = await mediator.Send(new Definitions.GetSource(Detail.DefinitionId), ct);
        var xml = source.Format == "bpmn" ? source.Text : null;
        DiagramJson = JsonSerializer.Serialize(new
        {
            processId = Detail.ProcessId,
            xml,
            active = Detail.ActiveNodes,
            completed = Detail.CompletedNodes,
            failed = Detail.FailedNodes,
        });
        return Page();
    }
}
