using Automation.Server.Connectors.Vorlagen;
using Automation.Server.Features.Documents;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Automation.Server.Connectors;

/// <summary>Registration of case documents, the template library and the <c>pdf</c>, <c>email</c> and <c>ai</c> connectors.</summary>
internal static class DocumentConnectors
{
    public static IServiceCollection AddCaseDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DocumentSettings>(configuration.GetSection(Infrastructure.ServerOptions.Section).GetSection(DocumentSettings.Section));
        services.Configure<EmailSettings>(configuration.GetSection(EmailSettings.Section));
        // A demo has no SMTP server: its e-mails go to a pickup folder rather than becoming incidents. Only in the demo
        // mode and only when the operator configured neither, so a real server never writes mail to disk unasked.
        services.AddOptions<EmailSettings>().PostConfigure<Microsoft.Extensions.Options.IOptions<Infrastructure.ServerOptions>>((email, server) =>
        {
            if (!server.Value.Demo.Seed || !string.IsNullOrWhiteSpace(email.Host) || !string.IsNullOrWhiteSpace(email.PickupDirectory)) return;
            email.PickupDirectory = EmailSettings.DemoPickupDirectory;
            if (string.IsNullOrWhiteSpace(email.From)) email.From = EmailSettings.DemoFrom;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<TemplateLibrary>();
        services.AddSingleton<IConnector, PdfConnector>();
        services.AddSingleton<IConnector, EmailConnector>();
        services.Configure<Ai.AiSettings>(configuration.GetSection(Ai.AiSettings.Section));
        services.AddSingleton<IConnector, Ai.AiConnector>();
        return services;
    }
}
