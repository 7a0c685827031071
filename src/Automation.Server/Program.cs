using Automation.Server.Connectors;
using Automation.Server.Features.Admin;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Decisions;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Dashboards;
using Automation.Server.Features.Definitions;
using Automation.Server.Features.Drafts;
using Automation.Server.Features.ExternalTasks;
using Automation.Server.Features.Factors;
using Automation.Server.Features.Health;
using Automation.Server.Features.Jobs;
using Automation.Server.Features.Cases;
using Automation.Server.Features.Documents;
using Automation.Server.Features.Connectors;
using Automation.Server.Features.Ledger;
using Automation.Server.Features.LabourMarket;
using Automation.Server.Features.Messages;
using Automation.Server.Features.Register;
using Automation.Server.Features.Reports;
using Automation.Server.Features.Setup;
using Automation.Server.Features.Signals;
using Automation.Server.Features.Simulation;
using Automation.Server.Features.Tasks;
using Automation.Server.Infrastructure;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Automation.Engine.Texts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.WebEncoders;
using Scalar.AspNetCore;

// `--demo` is short for Automation:Demo:Seed=true; the command-line provider itself only takes key=value pairs.
var demo = args.Contains(ServerOptions.DemoSwitch, StringComparer.Ordinal);
// `--setup` sets the database up and exits (Infrastructure/SetupProcess.cs): a server starts itself so for a new database.
var setupOnly = args.Contains(SetupProcess.Switch, StringComparer.Ordinal);
// The slim builder leaves out what a server behind a reverse proxy never uses (IIS, HTTP/3, HTTPS endpoints, regex
// route constraints), which would otherwise be loaded at every start (docs/operator-guide.md, memory).
var builder = WebApplication.CreateSlimBuilder(args.Where(a => a is not ServerOptions.DemoSwitch and not SetupProcess.Switch).ToArray());
if (demo) builder.Configuration.AddInMemoryCollection([new("Automation:Demo:Seed", "true")]);

var section = builder.Configuration.GetSection(ServerOptions.Section);
var settings = section.Get<ServerOptions>() ?? new ServerOptions();
// Settings the server cannot run with stop it here with one German line, before anything starts and logs a stack trace.
Automation.Data.DatabaseOptions database;
try
{
    database = settings.Database.ToOptions();
    _ = TransportSecurity.Parse(settings.Proxy);
    _ = ConnectorServices.KeyCertificate(builder.Configuration);
}
catch (StartupConfigurationException e)
{
    await Console.Error.WriteLineAsync(Texte.Format(Texte.ServerStartFehler, e.Message));
    return 2;
}
builder.Services.Configure<ServerOptions>(section);
// The child (if the database needs one) works while this process builds its services and starts Kestrel.
builder.Services.AddSingleton(setupOnly ? SetupProcess.InThisProcess : SetupProcess.Begin(database, args));
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls(settings.Urls);
}
// A form section holds either a definition upload or a case document (task forms, /api/cases/{id}/documents).
var documentBytes = section.GetSection(Automation.Server.Features.Documents.DocumentSettings.Section).Get<Automation.Server.Features.Documents.DocumentSettings>()?.MaxBytes
    ?? new Automation.Server.Features.Documents.DocumentSettings().MaxBytes;
builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = Math.Max(settings.MaxUploadBytes, documentBytes) + 64 * 1024);
builder.Services.AddCaseDocuments(builder.Configuration);

// One line per log entry, whatever a user typed into a logged value (Infrastructure/LogEncoding.cs).
builder.Logging.AddConsole(o => o.FormatterName = EncodedConsoleFormatter.Name).AddConsoleFormatter<EncodedConsoleFormatter, ConsoleFormatterOptions>();

builder.Services.AddSingleton<WorkflowHostAccessor>();
builder.Services.AddSingleton<Seeder>();
builder.Services.AddSingleton<DepartmentScope>();
builder.Services.AddSingleton<FirstAdminSetup>();
builder.Services.AddSingleton<HostRunner>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<HostRunner>());
builder.Services.AddSingleton<Automation.Server.Connectors.ConnectorWorker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Automation.Server.Connectors.ConnectorWorker>());
builder.Services.AddHostedService<IdleMemory>();
// Kestrel and the page routes get ready while the workflow host migrates and loads; /health says "starting" meanwhile.
builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
builder.Services.AddSingleton<VariablePayloadLimit>();
builder.Services.AddSingleton<ExternalTopics>();
builder.Services.AddSingleton<Automation.Server.Features.Definitions.PendingUploads>();
builder.Services.AddSingleton<Automation.Server.Features.Drafts.ModelerDrafts>();
builder.Services.AddSingleton<Automation.Server.Features.Jobs.BackgroundJobs>();
builder.Services.AddMediator(o =>
{
    o.ServiceLifetime = ServiceLifetime.Scoped;
    o.PipelineBehaviors =
    [
        typeof(RequestTiming<,>),
        typeof(ValidationCheck<,>),
        typeof(VariablePayloadCheck<,>),
    ];
});
builder.Services.AddServerAuth(settings);
builder.Services.AddAuditLog();
builder.Services.AddTransparencyRegister();
builder.Services.AddLabourMarket(builder.Configuration);
builder.Services.AddDashboards();
builder.Services.AddReports(builder.Configuration);
builder.Services.AddAntiforgery(o =>
{
    o.HeaderName = "RequestVerificationToken";
    // Secure whenever the request came over HTTPS, also through a trusted proxy (the default never sets it).
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddTransportSecurity();
builder.Services.AddFileCompression();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi();
// No controllers here: without their feature provider MVC does not load every type of this assembly at the start.
builder.Services.AddRazorPages(o => o.RootDirectory = "/Features")
    .ConfigureApplicationPartManager(parts => parts.FeatureProviders.Remove(parts.FeatureProviders.OfType<ControllerFeatureProvider>().Single()));
// German text stays readable in the HTML source; markup characters are still encoded.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
// Session cookies and secrets survive a restart and are read on every node: the key ring is in the database
// (Connectors/DatabaseXmlRepository.cs; keys of the former folder are taken over once).
builder.Services.AddDatabaseDataProtection(settings.DataProtectionKeysPath, builder.Configuration);
builder.Services.AddConnectors(builder.Configuration);

var app = builder.Build();
if (setupOnly) return await SetupProcess.RunHereAsync(app.Services);

app.UseForwardedHeaders();
app.UseApiNoStore();
app.UseExceptionHandler();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseGermanStatusPages();
app.UseSecurityHeaders();
app.UseFileCompression();
app.UseStaticFiles();
app.UseRouting();
app.UseVariablePayloadLimit();
app.UseLoginFormBuffering();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseApiAntiforgery();

app.MapHealthEndpoints();
app.MapDefinitionEndpoints();
app.MapDecisionEndpoints();
app.MapDraftEndpoints();
app.MapCaseEndpoints();
app.MapDocumentEndpoints();
app.MapTaskEndpoints();
app.MapExternalTaskEndpoints();
app.MapConnectorEndpoints();
app.MapMessageEndpoints();
app.MapSignalEndpoints();
app.MapSimulationEndpoints();
app.MapJobEndpoints();
app.MapAdminEndpoints();
app.MapAuditEndpoints();
app.MapRegisterEndpoints();
app.MapFactorEndpoints();
app.MapLedgerEndpoints();
app.MapLabourEndpoints();
app.MapDashboardEndpoints();
app.MapReportEndpoints();
app.MapLoginEndpoints();
app.MapOpenApi().RequireAuthorization(Policies.SignedIn);
// Scalar would load its fonts from its CDN, which the CSP (and an offline intranet) refuses: system fonts instead.
app.MapScalarApiReference("/api/docs", o => o.WithTitle("Automation-Server API").DisableDefaultFonts()).RequireAuthorization(Policies.SignedIn);
app.MapRazorPages();

var workflowHost = app.Services.GetRequiredService<WorkflowHostAccessor>();
await app.RunAsync();
// 1 when the workflow host could not start (Infrastructure/HostRunner.cs).
return workflowHost.Failed ? 1 : 0;

/// <summary>Entry point; partial and public so tests can host the server with WebApplicationFactory.</summary>
public partial class Program;
