using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Automation.Engine.Texts;
using Automation.Server.Connectors.Http;
using Automation.Server.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Automation.Server.Connectors;

/// <summary>Registers the connector framework: registry, publish check, secrets, the outbound guard and the built-in connectors.</summary>
internal static class ConnectorServices
{
    /// <summary>
    /// Data Protection with its key ring in the database (shared by every node, kept over restarts); keys from the
    /// former key folder are taken over once.
    /// </summary>
    public static IServiceCollection AddDatabaseDataProtection(this IServiceCollection services, string formerKeyFolder, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName("Automation.Server");
        // With a certificate the keys are stored encrypted, so a copy of the database alone opens no secret.
        if (KeyCertificate(configuration) is { } certificate) builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        services.AddOptions<KeyManagementOptions>().Configure<WorkflowHostAccessor>((o, accessor) =>
            o.XmlRepository = new DatabaseXmlRepository(DatabaseXmlRepository.FromHost(accessor), formerKeyFolder));
        // ASP.NET Core's hosted service that reads the key ring at the start would wait for the database, and Kestrel
        // starts only after it (hosted services start in order): while a first start sets the database up, the server
        // would not even answer /health. The key ring is read at its first use instead.
        foreach (var preload in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
            services.Remove(preload);
        return services;
    }

    /// <summary>Configuration key of the PKCS#12 file whose certificate encrypts the key ring.</summary>
    public const string CertificatePathKey = "Automation:DataProtection:CertificatePath";

    /// <summary>Configuration key of its password.</summary>
    public const string CertificatePasswordKey = "Automation:DataProtection:CertificatePassword";

    /// <summary>The certificate that encrypts the key ring, or null when none is configured.</summary>
    /// <exception cref="StartupConfigurationException">The file is missing, unreadable or holds no private key.</exception>
    public static X509Certificate2? KeyCertificate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[CertificatePathKey];
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path)) throw new StartupConfigurationException(Texte.Format(Texte.SchluesselZertifikatFehlt, CertificatePathKey, path));
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]);
            return certificate.HasPrivateKey ? certificate : throw new StartupConfigurationException(Texte.Format(Texte.SchluesselZertifikatUnlesbar, CertificatePathKey, path));
        }
        catch (CryptographicException)
        {
            throw new StartupConfigurationException(Texte.Format(Texte.SchluesselZertifikatUnlesbar, CertificatePathKey, path));
        }
    }

    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(HttpConnectorOptions.Section);
        services.Configure<HttpConnectorOptions>(section);
        var http = section.Get<HttpConnectorOptions>() ?? new HttpConnectorOptions();
        services.AddSingleton<OutboundGuard>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<ISecretStore>(sp => sp.GetRequiredService<SecretStore>());
        services.AddSingleton<IConnector, HttpConnector>();
        services.AddSingleton<ConnectorRegistry>();
        services.AddSingleton<ConnectorPublishCheck>();
        services.AddTransient<WireMeasuringHandler>();

        var client = services.AddHttpClient(HttpConnector.ClientName)
            // The call's own time limit governs (HttpConnector); the client's 100 s default would cut longer ones.
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Redirects are followed by the connector, each target checked; a proxy would hide the real target from the guard.
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<OutboundGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        client.AddStandardResilienceHandler(o =>
            {
                // Polly requires at least one retry attempt: zero retries is one attempt whose outcome is never handled.
                var retries = Math.Max(0, http.RetryAttempts);
                o.Retry.MaxRetryAttempts = Math.Max(1, retries);
                o.Retry.Delay = TimeSpan.FromMilliseconds(Math.Max(0, http.RetryDelayMilliseconds));
                o.Retry.ShouldHandle = args => ValueTask.FromResult(retries > 0 && Transient(args.Outcome));
                o.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(Transient(args.Outcome));
                // The step's timeoutSeconds bounds the whole call; the pipeline's limits only catch a call without one.
                var longest = TimeSpan.FromSeconds(Math.Max(1, http.MaxTimeoutSeconds));
                o.AttemptTimeout.Timeout = longest;
                o.TotalRequestTimeout.Timeout = longest * 2;
                o.CircuitBreaker.SamplingDuration = longest * 2;
            })
            // One pipeline (and circuit breaker) per target: a failing service does not block calls to the others.
            .SelectPipelineByAuthority();
        client.AddHttpMessageHandler<WireMeasuringHandler>();
        return services;
    }

    /// <summary>The standard transient outcomes, except the guard's refusal: a refused target stays refused.</summary>
    private static bool Transient(Outcome<HttpResponseMessage> outcome) =>
        OutboundGuard.Refusal(outcome.Exception) is null && HttpClientResiliencePredicates.IsTransient(outcome);
}
