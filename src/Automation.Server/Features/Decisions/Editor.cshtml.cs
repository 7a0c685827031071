using System.Text.Json;
using Automation.Data;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Decisions;

/// <summary>
/// The decision editor (dmn-js): a new decision from the German template, or a published version (<c>?version=</c>, else
/// the latest) opened for editing. "Prüfen", "Testlauf" and "Veröffentlichen" call the API with the page's anti-forgery token.
/// </summary>
[Authorize(Policy = Policies.DefinitionsWrite)]
public sealed class EditorModel(IMediator mediator) : PageModel
{
    /// <summary>The version to open; the latest published one without.</summary>
    [BindProperty(Name = "version", SupportsGet = true)]
    public int? RequestedVersion { get; set; }

    /// <summary>The decision opened, or null for a new one.</summary>
    public string? DecisionKey { get; private set; }

    /// <summary>The version opened.</summary>
    public int? Version { get; private set; }

    /// <summary>Data for the page script (escaped JSON, see <see cref="Cases.VorgangModel.DiagramJson"/>).</summary>
    public string DataJson { get; private set; } = "{}";

    /// <summary>Loads the XML of the decision version to edit, if any.</summary>
    public async Task<IActionResult> OnGetAsync(string? decisionKey)
    {
        string? xml = null;
        if (decisionKey is not null)
        {
            var version = RequestedVersion ?? (await mediator.Send(new ListDecisions(), HttpContext.RequestAborted))
                .Where(v => v.DecisionKey == decisionKey).Select(v => (int?)v.Version).Max();
            if (version is null) return NotFound();
            try
            {
                xml = (await mediator.Send(new GetDecisionSource(decisionKey, version.Value), HttpContext.RequestAborted)).Xml;
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            (DecisionKey, Version) = (decisionKey, version);
        }
        DataJson = JsonSerializer.Serialize(new { decisionKey = DecisionKey, version = Version, xml });
        return Page();
    }
}
