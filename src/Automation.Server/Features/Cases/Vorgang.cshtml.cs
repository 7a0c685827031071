using System.Text.Json;
using Automation.Data;
using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Cases;

/// <summary>Case detail: the diagram with active and completed nodes highlighted, open steps and the history.</summary>
[Authorize(Policy = Policies.CasesRead)]
public sealed class VorgangModel(IMediator mediator) : PageModel
{
    internal CaseDetail? Detail { get; private set; }

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

    /// <summary>Loads the case.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Detail = await mediator.Send(new GetCase(User, id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var source = await mediator.Send(new Definitions.GetSource(Detail.DefinitionId), HttpContext.RequestAborted);
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
