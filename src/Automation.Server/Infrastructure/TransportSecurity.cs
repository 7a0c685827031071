using System.Net;
using Automation.Engine.Texts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Automation.Server.Infrastructure;

/// <summary>
/// Behind a TLS-terminating reverse proxy: the proxy's <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are
/// believed only from <see cref="ProxySettings"/>' addresses, so cookies get <c>Secure</c> and browsers get HSTS when
/// the client came over HTTPS. API answers are never stored by browsers or proxies.
/// </summary>
internal static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ServerOptions>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var (proxies, networks) = Parse(settings.Value.Proxy);
            // Configured proxies replace the default (loopback only), so a proxy elsewhere is the only one trusted.
            if (proxies.Count + networks.Count == 0) return;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
        services.AddOptions<HstsOptions>().Configure<IOptions<ServerOptions>>((o, settings) =>
        {
            o.MaxAge = TimeSpan.FromDays(Math.Max(0, settings.Value.Proxy.HstsMaxAgeDays));
            o.IncludeSubDomains = false;
        });
        return services;
    }

    /// <summary>The configured proxies and networks; anything unparsable stops the start with a German message.</summary>
    public static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) Parse(ProxySettings proxy)
    {
        var proxies = new List<IPAddress>();
        foreach (var text in proxy.KnownProxies)
        {
            proxies.Add(IPAddress.TryParse(text.Trim(), out var address) ? address
                : throw new StartupConfigurationException(Texte.Format(Texte.ServerStartProxyKeineAdresse, text)));
        }
        var networks = new List<System.Net.IPNetwork>();
        foreach (var text in proxy.KnownNetworks)
        {
            networks.Add(System.Net.IPNetwork.TryParse(text.Trim(), out var network) ? network
                : throw new StartupConfigurationException(Texte.Format(Texte.ServerStartProxyKeinNetz, text)));
        }
        return (proxies, networks);
    }

    /// <summary>Every API answer (the one-time token included) carries <c>Cache-Control: no-store</c>, error answers too.</summary>
    public static IApplicationBuilder UseApiNoStore(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (Features.Auth.AuthSetup.IsApi(context.Request))
        {
            // OnStarting callbacks run last-registered first, so this one, registered before the exception handler's
            // own cache headers, has the final word.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
                context.Response.Headers.Remove("Expires");
                return Task.CompletedTask;
            });
        }
        return next(context);
    });
}

/// <summary>Configuration the server cannot start with; reported as one German line, without a stack trace.</summary>
internal sealed class StartupConfigurationException(string message) : Exception(message);
