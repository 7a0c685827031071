using Automation.Engine.Texts;
using Automation.Server.Features.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Automation.Server.Infrastructure;

/// <summary>Security headers and cross-site request protection for cookie-authenticated API calls.</summary>
internal static class Middleware
{
    // The bpmn-js diagrams set style attributes on SVG elements, hence 'unsafe-inline' for styles only; scripts are
    // from this origin only, so markup that slipped into a name could not run.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Scalar's API browser boots from an inline script; it gets its own, page-local allowance.
    private const string DocsContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // With single sign-on the logout form is redirected to the identity provider, which form-action must allow.
        var provider = OidcClaims.ProviderOrigin(app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.Oidc);
        var policy = provider is null ? ContentSecurityPolicy : ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {provider}", StringComparison.Ordinal);
        return app.UseSecurityHeaders(policy);
    }

    private static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string policy) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs") ? DocsContentSecurityPolicy : policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        await next();
    });

    /// <summary>
    /// A browser session calling the API (the modeler's buttons) must send the anti-forgery header; bearer-token
    /// callers are not exposed to cross-site requests and need none.
    /// </summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.Request.Method;
        if (AuthSetup.IsApi(context.Request) && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)
            && context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme })
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
        }
        await next();
    });

    /// <summary>Reads the login form before the rate limiter partitions by user name (its partitioner is synchronous).</summary>
    public static IApplicationBuilder UseLoginFormBuffering(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/anmelden", StringComparison.OrdinalIgnoreCase)
            && context.Request.HasFormContentType)
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
        }
        await next();
    });
}

/// <summary>Reads request bodies within the upload limit.</summary>
internal static class BodyReader
{
    /// <summary>Reads the upload as text: a multipart file field, or the raw body. Over the limit → 413.</summary>
    public static async Task<(string Text, string? FileName)> ReadUploadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) throw new PayloadTooLargeException(limit);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = (form.Files.Count > 0 ? form.Files[0] : null) ?? throw new BadInputException("file", Texte.ServerFormularEnthaeltDatei);
            if (file.Length > limit) throw new PayloadTooLargeException(limit);
            using var fileReader = new StreamReader(file.OpenReadStream());
            return (await fileReader.ReadToEndAsync(ct), file.FileName);
        }
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw new PayloadTooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        using var reader = new StreamReader(buffer);
        return (await reader.ReadToEndAsync(ct), null);
    }
}
