using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Tasks;

/// <summary>The task inbox: filter, search, order and page as GET parameters, so a filtered inbox can be bookmarked.</summary>
[Authorize(Policy = Policies.TasksWork)]
public sealed class AufgabenModel(IMediator mediator) : PageModel
{
    /// <summary>The deadline filter's URL values and labels.</summary>
    internal static readonly IReadOnlyList<(string Value, InboxDue Due, string Label)> DueOptions =
    [
        ("ueberfaellig", InboxDue.Overdue, Texte.AufgabenUeberschritten),
        ("heute", InboxDue.Today, Texte.ServerHeuteFaellig),
        ("woche", InboxDue.Week, Texte.ServerDieseWocheFaellig),
    ];

    /// <summary>The order's URL values and labels; the first is the default.</summary>
    internal static readonly IReadOnlyList<(string Value, InboxSort Sort, string Label)> SortOptions =
    [
        ("eingang", InboxSort.Created, Texte.ServerEingangAeltesteZuerst),
        ("frist", InboxSort.Due, Texte.ServerFristNaechsteZuerst),
        ("prozess", InboxSort.Process, Texte.SeitenProzess),
    ];

    internal InboxPage? Result { get; private set; }

    /// <summary>Process id to filter by.</summary>
    [BindProperty(SupportsGet = true, Name = "prozess")]
    public string? Prozess { get; set; }

    /// <summary>Deadline filter (<see cref="DueOptions"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "frist")]
    public string? Frist { get; set; }

    /// <summary>Text searched in Aktenzeichen and task name.</summary>
    [BindProperty(SupportsGet = true, Name = "suche")]
    public string? Suche { get; set; }

    /// <summary>Order (<see cref="SortOptions"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "sortierung")]
    public string? Sortierung { get; set; }

    /// <summary>Page, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "seite")]
    public int Seite { get; set; } = 1;

    /// <summary>Notice after an action.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Why the filter could not be applied.</summary>
    public string? FilterError { get; private set; }

    /// <summary>Lists the inbox.</summary>
    public async Task OnGetAsync()
    {
        var due = InboxDue.Any;
        var sort = InboxSort.Created;
        if (!string.IsNullOrEmpty(Frist))
        {
            var match = DueOptions.FirstOrDefault(o => o.Value == Frist);
            if (match.Value is null)
            {
                FilterError = Texte.Format(Texte.ServerFristfilterUnbekannt, Frist, string.Join(", ", DueOptions.Select(o => o.Value)));
                return;
            }
            due = match.Due;
        }
        if (!string.IsNullOrEmpty(Sortierung))
        {
            var match = SortOptions.FirstOrDefault(o => o.Value == Sortierung);
            if (match.Value is null)
            {
                FilterError = Texte.Format(Texte.ServerSortierungUnbekannt, Sortierung, string.Join(", ", SortOptions.Select(o => o.Value)));
                return;
            }
            sort = match.Sort;
        }
        try
        {
            Result = await mediator.Send(new ListInbox(User, new InboxQuery(Prozess, due, Suche, sort, Seite)), HttpContext.RequestAborted);
        }
        catch (BadInputException e)
        {
            FilterError = e.Message;
        }
    }

    /// <summary>The address of this inbox view on another page.</summary>
    internal string PageLink(int page) => "/aufgaben" + QueryString.Create(new Dictionary<string, string?>
    {
        ["prozess"] = string.IsNullOrEmpty(Prozess) ? null : Prozess,
        ["frist"] = string.IsNullOrEmpty(Frist) ? null : Frist,
        ["suche"] = string.IsNullOrEmpty(Suche) ? null : Suche,
        ["sortierung"] = string.IsNullOrEmpty(Sortierung) ? null : Sortierung,
        ["seite"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => kv.Value is not null)).ToUriComponent();

    /// <summary>Claims a task and opens it.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid caseId, long waitId)
    {
        try
        {
            await mediator.Send(new ClaimTask(User, caseId, waitId), HttpContext.RequestAborted);
            return Redirect($"/aufgaben/{caseId}/{waitId}");
        }
        catch (Exception e) when (TaskPageErrors.IsExpected(e))
        {
            Message = TaskPageErrors.Describe(e);
            return RedirectToPage();
        }
    }
}
