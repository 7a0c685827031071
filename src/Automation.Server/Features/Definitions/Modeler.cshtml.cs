using System.Text.Json;
using Automation.Data;
using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Definitions;

/// <summary>The bpmn-js modeler with validate and publish buttons.</summary>
[Authorize(Policy = Policies.DefinitionsWrite)]
public sealed class ModelerModel(IMediator mediator) : PageModel
{
    /// <summary>Process being edited, or null for a new one.</summary>
    public string? ProcessId { get; private set; }

    /// <summary>Version the diagram was loaded from.</summary>
    public int? Version { get; private set; }

    /// <summary>Data for the page script (escaped JSON, see <see cref="Cases.VorgangModel.DiagramJson"/>).</summary>
    public string DataJson { get; private set; } = "{}";

    /// <summary>Loads the latest version's BPMN, if any.</summary>
    public async Task<IActionResult> OnGetAsync(string? processId)
    {
        string? xml = null;
        if (processId is not null)
        {
            IReadOnlyList<VersionDto> versions;
            try
            {
                versions = await mediator.Send(new ListVersions(processId), HttpContext.RequestAborted);
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            var latest = versions.FirstOrDefault(v => v.Format == "bpmn");
            if (latest is not null)
            {
                xml = (await mediator.Send(new GetSource(latest.Id), HttpContext.RequestAborted)).Text;
                Version = latest.Version;
            }
            ProcessId = processId;
        }
        DataJson = JsonSerializer.Serialize(new { processId = ProcessId, version = Version, xml });
        return Page();
    }
}
