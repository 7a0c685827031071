using System.Text.Json;
using Automation.Data;
using Automation.Server.Connectors;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Drafts;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Definitions;

/// <summary>The bpmn-js modeler with validate and publish buttons; it saves drafts of the signed-in user as they edit.</summary>
[Authorize(Policy = Policies.DefinitionsWrite)]
public sealed class ModelerModel(IMediator mediator) : PageModel
{
    /// <summary>The draft to continue (<c>?entwurf=</c>): the modeler opens its XML and saves into it.</summary>
    [BindProperty(Name = "entwurf", SupportsGet = true)]
    public long? DraftId { get; set; }

    /// <summary>The draft being continued.</summary>
    internal DraftDto? Draft { get; private set; }

    /// <summary>The newest own draft of this process (or of new diagrams), offered to continue.</summary>
    internal DraftDto? Offer { get; private set; }

    /// <summary>Process being edited, or null for a new one.</summary>
    public string? ProcessId { get; private set; }

    /// <summary>Version the diagram was loaded from.</summary>
    public int? Version { get; private set; }

    /// <summary>Data for the page script (escaped JSON, see <see cref="Cases.VorgangModel.DiagramJson"/>).</summary>
    public string DataJson { get; private set; } = "{}";

    /// <summary>Loads the latest version's BPMN, if any.</summary>
    public async Task<IActionResult> OnGetAsync(string? processId)
    {
        var drafts = HttpContext.RequestServices.GetRequiredService<ModelerDrafts>();
        string? xml = null;
        if (DraftId is { } draftId)
        {
            try
            {
                var content = await drafts.GetAsync(User.UserName(), draftId, HttpContext.RequestAborted);
                (Draft, xml) = (content.Draft, content.Xml);
                processId = content.Draft.ProcessId;
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
        }
        else
        {
            var own = await drafts.ListAsync(User.UserName(), forProcess: true, processId, HttpContext.RequestAborted);
            Offer = own.Count > 0 ? own[0] : null;
        }
        if (processId is not null)
        {
            IReadOnlyList<VersionDto> versions;
            try
            {
                versions = await mediator.Send(new ListVersions(processId), HttpContext.RequestAborted);
            }
            catch (NotFoundException) when (Draft is not null)
            {
                // A draft of a process that has no version (any more): the draft alone is the diagram.
                versions = [];
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
            var latest = versions.FirstOrDefault(v => v.Format == "bpmn");
            if (latest is not null)
            {
                xml ??= (await mediator.Send(new GetSource(latest.Id), HttpContext.RequestAborted)).Text;
                Version = latest.Version;
            }
            ProcessId = processId;
        }
        // The connectors' element templates travel with the page: the modeler needs no second request.
        DataJson = JsonSerializer.Serialize(new
        {
            processId = ProcessId, version = Version, xml, draftId = Draft?.Id, elementTemplates = ConnectorTemplates.Of(HttpContext.RequestServices.GetServices<IConnector>()),
        });
        return Page();
    }
}
