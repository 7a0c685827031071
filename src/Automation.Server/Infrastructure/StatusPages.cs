using Automation.Server.Features.Auth;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Automation.Server.Infrastructure;

/// <summary>German wording of an HTTP status that carries no body of its own: title, stable code, explanation.</summary>
/// <param name="Title">Short German title (Problem Details title, page heading).</param>
/// <param name="Code">Stable code for programs.</param>
/// <param name="Explanation">One German sentence for people.</param>
internal sealed record StatusText(string Title, string Code, string Explanation)
{
    /// <summary>The wording of a status; unknown ones get a general text.</summary>
    public static StatusText For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => new("Ungültige Anfrage", "bad-request", "Die Anfrage ist unvollständig oder fehlerhaft, zum Beispiel ein abgelaufenes Formular. Laden Sie die Seite neu und versuchen Sie es noch einmal."),
        StatusCodes.Status401Unauthorized => new("Nicht angemeldet", "unauthenticated", "Für diese Adresse ist eine Anmeldung oder ein gültiges API-Token nötig."),
        StatusCodes.Status403Forbidden => new("Kein Zugriff", "forbidden", "Für diese Adresse fehlt Ihnen die nötige Rolle. Wenden Sie sich an die Administration."),
        StatusCodes.Status404NotFound => new("Nicht gefunden", "not-found", "Unter dieser Adresse gibt es nichts, oder es wurde gelöscht. Prüfen Sie die Adresse oder beginnen Sie auf der Startseite."),
        StatusCodes.Status405MethodNotAllowed => new("Methode nicht erlaubt", "method-not-allowed", "Diese Adresse nimmt die verwendete HTTP-Methode nicht an."),
        StatusCodes.Status406NotAcceptable => new("Format nicht verfügbar", "not-acceptable", "Die Adresse liefert das verlangte Format nicht."),
        StatusCodes.Status415UnsupportedMediaType => new("Format nicht unterstützt", "unsupported-media-type", "Der Inhalt der Anfrage hat ein Format, das hier nicht angenommen wird."),
        StatusCodes.Status429TooManyRequests => new("Zu viele Anfragen", "too-many-requests", "Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal."),
        _ => new("Fehler", "http-" + status, "Die Anfrage konnte nicht bearbeitet werden."),
    };
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
