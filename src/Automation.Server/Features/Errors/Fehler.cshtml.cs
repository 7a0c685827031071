using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Automation.Server.Features.Errors;

/// <summary>The German page for an answer without a body (unknown address, object not found, expired form).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // A refused form post is re-executed here with its method; the page must still render.
public sealed class FehlerModel : PageModel
{
    /// <summary>The HTTP status shown.</summary>
    public int Status { get; private set; }

    /// <summary>Its German wording.</summary>
    internal StatusText Text { get; private set; } = StatusText.For(StatusCodes.Status404NotFound);

    /// <summary>Re-executed after a status without a body, or opened directly.</summary>
    public void OnGet(int status) => Show(status);

    /// <summary>A refused POST (e.g. an expired anti-forgery token) is re-executed as POST.</summary>
    public void OnPost(int status) => Show(status);

    private void Show(int status)
    {
        // Only error statuses; anything else shows the not-found text rather than a page that claims a success is an error.
        Status = status is >= 400 and <= 599 ? status : StatusCodes.Status404NotFound;
        Text = StatusText.For(Status);
        // Re-executed: the original status stays; opened directly: answer with the status shown.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null) Response.StatusCode = Status;
    }
}
