namespace Automation.Server.Infrastructure;

/// <summary>OpenAPI declarations for downloads: a file result carries no type the document could derive its body from.</summary>
internal static class FileResponses
{
    /// <summary>Declares a 200 whose body is a binary file of <paramref name="contentType"/>.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType);
}
