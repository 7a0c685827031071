using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Cases;

/// <summary>Case list with filters and paging.</summary>
[Authorize(Policy = Policies.CasesRead)]
public sealed class VorgaengeModel(IMediator mediator) : PageModel
{
    private const int PageSize = 25;

    /// <summary>Status values of a case and their German labels (Texte.resx).</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> StatusLabels =
        [.. Enum.GetNames<Automation.Engine.Runtime.CaseStatus>().Select(s => (s, Automation.Engine.Texts.Texte.Get("Vorgangsstand_" + s)))];

    /// <summary>Filter: process id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ProcessId { get; set; }

    /// <summary>Filter: status.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Filter: business key.</summary>
    [BindProperty(SupportsGet = true)]
    public string? BusinessKey { get; set; }

    /// <summary>Page number as given (checked by <see cref="Infrastructure.Paging"/>, so a number too large is an error, not page 1).</summary>
    [BindProperty(Name = "seite", SupportsGet = true)]
    public string? PageNumber { get; set; }

    internal CasePage? Result { get; private set; }

    /// <summary>Why no list is shown (a page number out of range).</summary>
    public string? Message { get; private set; }

    internal IReadOnlyList<CaseProcess> Processes { get; private set; } = [];

    /// <summary>German label of a status.</summary>
    public static string StatusLabel(string status) => StatusLabels.FirstOrDefault(s => s.Value == status).Label ?? status;

    /// <summary>Link to another page with the same filters.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["processId"] = ProcessId, ["status"] = Status, ["businessKey"] = BusinessKey, ["seite"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent() is var q ? "/vorgaenge" + q : "/vorgaenge";

    /// <summary>Loads the page; a page number out of range is answered with 400 and the reason.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Processes = await mediator.Send(new ListCaseProcesses(User), ct);
        var status = StatusLabels.Any(s => s.Value == Status) ? Status : null;
        try
        {
            var paging = Infrastructure.Paging.Parse(PageNumber, null, PageSize, PageSize, pageField: "seite");
            Result = await mediator.Send(new ListCases(User, ProcessId, status, BusinessKey, paging.Page, paging.PageSize), ct);
            return Page();
        }
        catch (Infrastructure.BadInputException e)
        {
            Message = Texte.Format(Texte.ServerSeiteGibtEsNicht, e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
