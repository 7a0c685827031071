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
