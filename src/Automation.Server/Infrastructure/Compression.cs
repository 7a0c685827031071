using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Automation.Server.Infrastructure;

/// <summary>
/// Brotli or gzip for files: scripts (the modeler bundle is ≈ 1.7 MB), styles, SVG, maps, and the public register's
/// JSON, CSV and Atom. Pages and API answers are not compressed, also not over HTTPS: they may carry a secret (form
/// token, a new API token) next to text a visitor chose, which compression would leak (BREACH).
/// </summary>
internal static class Compression
{
    /// <summary>Endings of the addresses that are compressed.</summary>
    private static readonly string[] Extensions = [".js", ".mjs", ".css", ".svg", ".map", ".json", ".csv", ".atom", ".txt"];

    public static IServiceCollection AddFileCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Safe for HTTPS because only the addresses above, which hold no secrets, reach the middleware.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "text/csv", "application/atom+xml", "text/javascript"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseFileCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => Compressible(context.Request.Path), files => files.UseResponseCompression());

    /// <summary>Whether an address is a file that may be compressed.</summary>
    public static bool Compressible(PathString path) =>
        Extensions.Contains(Path.GetExtension(path.Value ?? ""), StringComparer.OrdinalIgnoreCase);
}
