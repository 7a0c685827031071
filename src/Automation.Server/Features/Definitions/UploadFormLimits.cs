using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Automation.Server.Features.Definitions;

/// <summary>
/// Lets the upload page read a form somewhat over the upload limit, before the anti-forgery check reads the form: a file
/// just too large then reaches the page, which names the limit in German, instead of failing the form read with a bare 400.
/// A body announced beyond that is refused unread: back to the upload page, which names the limit.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class UploadFormLimitsAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>How many times the upload limit the form may carry before it is refused unread.</summary>
    private const int Headroom = 4;

    // Before the anti-forgery filter (order 1000), as MVC's own RequestFormLimitsAttribute.
    public int Order => 900;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var features = context.HttpContext.Features;
        if (features.Get<IFormFeature>()?.Form is not null || !context.HttpContext.Request.HasFormContentType) return;
        var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.MaxUploadBytes;
        var ceiling = Headroom * limit + 64 * 1024;
        if (context.HttpContext.Request.ContentLength > ceiling)
        {
            context.Result = new RedirectResult(HochladenModel.TooLargePath);
            return;
        }
        features.Set<IFormFeature>(new FormFeature(context.HttpContext.Request, new FormOptions { MultipartBodyLengthLimit = ceiling }));
    }
}
