using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Automation.Server.Infrastructure;

/// <summary>German wording of a problem: title, stable code, explanation (texts from the resource set, Texte.resx).</summary>
/// <param name="Title">Short German title (Problem Details title, page heading).</param>
/// <param name="Code">Stable code for programs.</param>
/// <param name="Explanation">One German sentence for people.</param>
internal sealed record StatusText(string Title, string Code, string Explanation)
{
    /// <summary>The wording of a status that carries no body of its own; unknown ones get a general text.</summary>
    public static StatusText For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Of("bad-request"),
        StatusCodes.Status401Unauthorized => Of("unauthenticated"),
        StatusCodes.Status403Forbidden => Of("forbidden"),
        StatusCodes.Status404NotFound => Of("not-found"),
        StatusCodes.Status405MethodNotAllowed => Of("method-not-allowed"),
        StatusCodes.Status406NotAcceptable => Of("not-acceptable"),
        StatusCodes.Status415UnsupportedMediaType => Of("unsupported-media-type"),
        StatusCodes.Status429TooManyRequests => Of("too-many-requests"),
        _ => new(Texte.ProblemTitel("error"), "http-" + status, Texte.ProblemText("error")),
    };

    /// <summary>The wording of a stable problem code.</summary>
    public static StatusText Of(string code) => new(Texte.ProblemTitel(code), code, Texte.ProblemText(code));
}

/// <summary>
/// Answers without a body: under /api (and /openapi) Problem Details with a German title and a stable code; anywhere
/// else the German error page in the layout (Features/Errors/Fehler.cshtml), so no visitor sees raw JSON or an empty page.
/// </summary>
internal static class StatusPages
{
    /// <summary>Route of the error page; the status is the last segment.</summary>
    public const string PagePath = "/fehler/";

    public static IApplicationBuilder UseGermanStatusPages(this IApplicationBuilder app)
    {
        app.UseWhen(context => AuthSetup.IsApi(context.Request), api => api.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var text = StatusText.For(http.Response.StatusCode);
            var problem = new ProblemDetails { Status = http.Response.StatusCode, Title = text.Title, Detail = text.Explanation };
            problem.Extensions["code"] = text.Code;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        }));
        app.UseWhen(context => !AuthSetup.IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute(PagePath + "{0}"));
        return app;
    }
}
