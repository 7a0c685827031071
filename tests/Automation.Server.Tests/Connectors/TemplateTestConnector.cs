using Automation.Server.Connectors;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Connectors;

/// <summary>
/// A connector of the test project with one field of every type (the real HTTP, e-mail and PDF connectors are added
/// to the server by their own changes). It is only described, never run: the modeler tests need its template.
/// </summary>
internal sealed class TemplateTestConnector : IConnector
{
    public string Name => "testversand";
    public int Version => 3;
    public string Label => "Testversand an ein Fachverfahren";
    public IReadOnlyList<ConnectorField> Inputs { get; } =
    [
        new("adresse", "Adresse des Fachverfahrens", ConnectorFieldType.Text, Required: true, Description: "Wohin gesendet wird."),
        new("inhalt", "Inhalt (JSON)", ConnectorFieldType.Json),
        new("wiederholen", "Bei Fehler wiederholen", ConnectorFieldType.Boolean),
        new("frist", "Frist in Tagen", ConnectorFieldType.Number, Required: true),
    ];
    public IReadOnlyList<ConnectorField> Outputs { get; } = [new("status", "Statuscode", ConnectorFieldType.Number)];

    public Task<ConnectorResult> ExecuteAsync(ConnectorCall call, CancellationToken ct) =>
        Task.FromResult(ConnectorResult.Failure("Nur für Modeler-Tests.", retryable: false));
}

/// <summary>The server with <see cref="TemplateTestConnector"/> registered as the connectors are (an IConnector singleton).</summary>
public sealed class TemplateServerFactory : ServerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IConnector, TemplateTestConnector>());
    }
}

/// <summary>Chromium against <see cref="TemplateServerFactory"/>.</summary>
public sealed class ConnectorBrowserFixture() : BrowserFixture(new TemplateServerFactory());
