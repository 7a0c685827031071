using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Definitions;

/// <summary>Two versions compared: BPMN elements added, removed and changed by id, then the unified diff coloured by line.</summary>
[Authorize(Policy = Policies.DefinitionsRead)]
public sealed class DiffModel(IMediator mediator) : PageModel
{
    /// <summary>Process id.</summary>
    public string ProcessId { get; private set; } = "";

    /// <summary>Older version.</summary>
    [BindProperty(SupportsGet = true)]
    public int From { get; set; } = 1;

    /// <summary>Newer version.</summary>
    [BindProperty(SupportsGet = true)]
    public int To { get; set; } = 2;

    /// <summary>Diff lines.</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <summary>BPMN elements added, removed or changed; null for Elsa JSON.</summary>
    internal IReadOnlyList<ElementChange>? Elements { get; private set; }

    /// <summary>German label of a BPMN element type (the type itself when it has none).</summary>
    public static string TypeLabel(string type) => Texte.Find("DiffTyp_" + type) ?? type;

    /// <summary>German label of a change.</summary>
    public static string ChangeLabel(string change) => change switch
    {
        "added" => Texte.DiffNeu,
        "removed" => Texte.DiffEntfallen,
        _ => Texte.DiffGeaendert,
    };

    /// <summary>A value as shown in the change list.</summary>
    public static string Shown(string? value) => value is null ? Texte.DiffFehlt : $"„{value}“";

    /// <summary>Compares the versions.</summary>
    public async Task<IActionResult> OnGetAsync(string processId)
    {
        ProcessId = processId;
        try
        {
            var comparison = await mediator.Send(new CompareVersions(processId, From, To), HttpContext.RequestAborted);
            Lines = comparison.Diff.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Elements = comparison.Elements;
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
