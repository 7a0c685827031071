using System.Text.Json;
using Automation.Data;
using Automation.Engine.Runtime;
using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Cases;

/// <summary>
/// Case detail: the diagram with active and completed nodes highlighted, open steps, entered values and the history;
/// cancelling and retrying for the roles of <see cref="Policies.CasesManage"/> (through the API's handlers).
/// </summary>
[Authorize(Policy = Policies.CasesRead)]
public sealed class VorgangModel(IMediator mediator, IAuthorizationService authorization) : PageModel
{
    /// <summary>Status messages after an action, by the code the redirect carries.</summary>
    public static readonly IReadOnlyDictionary<string, string> Notices = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gestartet"] = "Der Vorgang wurde gestartet.",
        ["abgebrochen"] = "Der Vorgang wurde abgebrochen.",
        ["wiederholt"] = "Der fehlgeschlagene Schritt wurde erneut versucht.",
    };

    internal CaseDetail? Detail { get; private set; }

    internal IReadOnlyList<CaseValue> Values { get; private set; } = [];

    /// <summary>The case's documents (same access rule as the case: the page is only shown to those who see it).</summary>
    internal IReadOnlyList<Automation.Server.Features.Documents.DocumentDto> Documents { get; private set; } = [];

    /// <summary>Whether the person may cancel the case and retry its incidents.</summary>
    public bool CanManage { get; private set; }

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
    public static string WaitLabel(string kind) => kind switch
    {
        "UserTask" => "Aufgabe",
        "Timer" => "Frist",
        "Message" => "wartet auf Nachricht",
        "Signal" => "wartet auf Signal",
        "Conditional" => "wartet auf Bedingung",
        "ExternalTask" => "automatisiert, wartet auf Bearbeiter",
        _ => kind,
    };

    /// <summary>German label of who did a step.</summary>
    public static string ActorLabel(string actor) => actor switch
    {
        "Human" => "Person",
        "System" => "System",
        "Automated" => "automatisiert",
        "AiAssisted" => "KI-gestützt",
        _ => actor,
    };

    /// <summary>German label of a step outcome.</summary>
    public static string OutcomeLabel(string outcome) => outcome switch
    {
        "Completed" => "erledigt",
        "Interrupted" => "unterbrochen",
        "Failed" => "fehlgeschlagen",
        _ => outcome,
    };

    /// <summary>A document's size in German (kB up to one MB, then MB with one decimal).</summary>
    public static string SizeLabel(long bytes) => bytes < 1024 * 1024
        ? string.Format(System.Globalization.CultureInfo.GetCultureInfo("de-DE"), "{0:N0} kB", Math.Max(1, (bytes + 1023) / 1024))
        : string.Format(System.Globalization.CultureInfo.GetCultureInfo("de-DE"), "{0:N1} MB", bytes / (1024d * 1024d));

    /// <summary>Loads the case.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id);

    /// <summary>Cancels the case (roles of <see cref="Policies.CasesManage"/> only) and shows it again.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id) =>
        await ManageAsync(id, () => mediator.Send(new CancelCase(User, id), HttpContext.RequestAborted).AsTask(), "abgebrochen");

    /// <summary>Retries the failed step of an incident (roles of <see cref="Policies.CasesManage"/> only) and shows the case again.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, long incidentId) =>
        await ManageAsync(id, () => mediator.Send(new RetryIncident(User, id, incidentId), HttpContext.RequestAborted).AsTask(), "wiederholt");

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
                ? "Der Vorgang ist schon beendet."
                : "Der Vorgang wurde inzwischen geändert. Bitte prüfen Sie den aktuellen Stand und versuchen Sie es erneut.";
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
        Values = await mediator.Send(new GetCaseValues(Detail.DefinitionId, Detail.Variables), ct);
        Documents = await mediator.Send(new Automation.Server.Features.Documents.ListDocuments(User, id), ct);
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
