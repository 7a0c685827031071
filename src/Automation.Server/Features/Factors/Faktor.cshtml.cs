using System.Globalization;
using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Automation.Server.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Factors;

/// <summary>One factor's history, and for administrators the form to add a version.</summary>
[Authorize(Policy = Policies.FactorsRead)]
public sealed class FaktorModel(IMediator mediator, IAuthorizationService authorization) : PageModel
{
    /// <summary>Factor key (route).</summary>
    [FromRoute]
    public string Key { get; set; } = "";

    /// <summary>Value as typed (German or invariant decimal).</summary>
    [BindProperty]
    public string? Value { get; set; }

    /// <summary>Unit.</summary>
    [BindProperty]
    public string? Unit { get; set; }

    /// <summary>Source.</summary>
    [BindProperty]
    public string? Source { get; set; }

    /// <summary>Reference year.</summary>
    [BindProperty]
    public int? Year { get; set; }

    /// <summary>Status.</summary>
    [BindProperty]
    public string? Status { get; set; }

    /// <summary>First day.</summary>
    [BindProperty]
    public string? ValidFrom { get; set; }

    /// <summary>Last day.</summary>
    [BindProperty]
    public string? ValidTo { get; set; }

    /// <summary>Note.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Whether the user may add versions.</summary>
    public bool CanWrite { get; private set; }

    /// <summary>Why the version was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>The refused field.</summary>
    public string? ErrorField { get; private set; }

    internal IReadOnlyList<FactorVersionDto> History { get; private set; } = [];

    internal FactorVersionDto? Created { get; private set; }

    /// <summary>German name of a status.</summary>
    public static string StatusLabel(string status) => Automation.Engine.Texts.Texte.Faktorstatus(status);

    /// <summary>A version's validity as people read it ("01.01.2025 – offen"), from the API's ISO dates.</summary>
    public static string PeriodLabel(string validFrom, string? validTo) => Automation.Engine.Accounting.FactorVersion.FormatPeriod(
        Day(validFrom), validTo is null ? null : Day(validTo));

    /// <summary>An ISO date of the API (yyyy-MM-dd) as a day.</summary>
    public static DateOnly Day(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Shows the history.</summary>
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Adds a version through the same handler as the API.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.FactorsWrite)).Succeeded) return Forbid();
        try
        {
            Created = await mediator.Send(new AddFactorVersion(new FactorVersionBody(Key, ParseValue(), Unit, Source, Year, Status, ValidFrom, ValidTo,
                null, Note), User.UserName()), HttpContext.RequestAborted);
            Value = Source = ValidFrom = ValidTo = Note = null;
            Year = null;
        }
        catch (BadInputException e)
        {
            Error = e.Message;
            ErrorField = e.Field;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync();
        return Page();
    }

    private decimal? ParseValue()
    {
        if (string.IsNullOrWhiteSpace(Value)) return null;
        var text = Value.Trim();
        // A German decimal comma is the usual input here; a point is accepted too.
        if (decimal.TryParse(text, NumberStyles.Number, text.Contains(',', StringComparison.Ordinal) ? CultureInfo.GetCultureInfo("de-DE") : CultureInfo.InvariantCulture,
                out var value)) return value;
        throw new BadInputException("value", Texte.Format(Texte.ServerZahl, Value));
    }

    private async Task LoadAsync()
    {
        CanWrite = (await authorization.AuthorizeAsync(User, Policies.FactorsWrite)).Succeeded;
        History = await mediator.Send(new GetFactorHistory(Key), HttpContext.RequestAborted);
        Status ??= History.Count > 0 ? History[^1].Status : null;
    }
}
