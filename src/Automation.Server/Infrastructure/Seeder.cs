using System.Globalization;
using Automation.Data;
using Automation.Engine.Model;
using Automation.Server.Features.Audit;
using Automation.Server.Features.Auth;
using Automation.Server.Features.Decisions;
using Automation.Server.Features.Register;
using Automation.Server.Features.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Automation.Server.Infrastructure;

/// <summary>
/// Fills an empty database: deploys the workflows/ folder once and creates the first administrator from configuration,
/// or else arms the one-time setup link. Only in demo mode (docs/operator-guide.md): the register's sample entries,
/// the administrator password "admin", one user per role and some cases with a few tasks done, so that every page
/// shows something real.
/// </summary>
internal sealed partial class Seeder(
    IOptions<ServerOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    UserStore users,
    RegisterService register,
    FirstAdminSetup setup,
    IAuditLog audit,
    ILogger<Seeder> logger)
{
    /// <summary>Demo users: name, display name, roles, candidate groups. All have the password "demo".</summary>
    private static readonly (string Name, string Display, string[] Roles, string[] Groups)[] DemoUsers =
    [
        ("prozess", "Paula Prozess", [Roles.ProcessOwner], []),
        ("leitung", "Lena Leitung", [Roles.Manager], ["vorgesetzte", "dienststellenleitung", "fachbereichsleitung", "kaemmerei"]),
        ("jobcenter", "Jonas Jobcenter", [Roles.JobCentre], []),
        ("sachbearbeitung", "Sam Sachbearbeitung", [Roles.Clerk],
            ["sachbearbeitung", "sachbearbeitung-wohngeld", "posteingang", "buergerservice", "meldewesen", "empfang", "gewerbeamt", "buchhaltung",
             "fachbereich", "kasse", "personalstelle", "beschaeftigte"]),
    ];

    /// <summary>Fills what a new database lacks; <paramref name="armSetupLink"/> only in the serving process (the link lives in its memory).</summary>
    /// <returns>Whether demo cases were started.</returns>
    public async Task<bool> SeedAsync(WorkflowHost host, bool armSetupLink, CancellationToken ct)
    {
        var settings = options.Value;
        var stored = await host.Database.ReadContentsAsync(ct);
        // Only on the first start: later versions published from the modeler must not be overwritten by the files.
        // The users' password hashes (PBKDF2, about 0.1 s each) are computed on the second core while the sample
        // processes are read, checked and stored: a first start with demo data is that much shorter.
        var seedingUsers = stored.Users == 0 ? Task.Run(() => SeedUsersAsync(settings, armSetupLink, ct), ct) : Task.CompletedTask;
        if (!stored.HasDefinitions) await DeployWorkflowsAsync(host, ct);
        await seedingUsers;
        var noCases = !stored.HasCases;
        if (!settings.Demo.Seed || !settings.Demo.SeedCases || !noCases) return false;
        await SeedCasesAsync(host, ct);
        return true;
    }

    private async Task DeployWorkflowsAsync(WorkflowHost host, CancellationToken ct)
    {
        var folder = options.Value.WorkflowsPath is { Length: > 0 } configured ? configured : FindWorkflowsFolder(environment.ContentRootPath);
        if (folder is null || !Directory.Exists(folder))
        {
            LogNoWorkflows(logger);
            return;
        }
        // Decisions first: publishing a process checks that the decisions its business rule tasks call are published.
        foreach (var file in Directory.EnumerateFiles(folder, "*.dmn").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var published = await PublishDecisions.PublishAsync(host, audit, await File.ReadAllTextAsync(file, ct), name, "system", ct);
            if (published.Succeeded) LogDecisionsPublished(logger, name, published.Versions.Count);
            else LogInvalid(logger, name, string.Join("; ", published.Model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase)
                     || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file, ct);
            var name = Path.GetFileName(file);
            var demo = options.Value.Demo.Seed;
            // The sample entries name invented offices, e-mail addresses and phone numbers: never in a real register.
            // Outside the demo the publish rule holds for the first start too: the process owner completes the entries.
            var deployment = await register.DeployAsync(text, name, publish: true,
                _ => demo ? "Demo: Beispielprozess aus workflows/ ohne vollständigen Registereintrag" : null,
                demo ? versions => RegisterSeed.SeedAsync(register, versions, ct) : null, ct);
            var result = deployment.Result;
            if (result.Succeeded)
            {
                if (deployment.Published) LogDeployed(logger, name, result.Versions.Count);
                else LogStoredUnpublished(logger, name, deployment.Missing.Count);
            }
            else
            {
                var errors = string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
                LogInvalid(logger, name, errors);
            }
        }
    }

    /// <summary>The first configured address, with a wildcard host replaced by localhost, for the setup link in the log.</summary>
    private string PublicBase()
    {
        var urls = configuration["urls"] is { Length: > 0 } configured ? configured : options.Value.Urls;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return WildcardHost().Replace(first, "//localhost").TrimEnd('/');
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"//(\*|\+|0\.0\.0\.0|\[::\])(?=[:/]|$)")]
    private static partial System.Text.RegularExpressions.Regex WildcardHost();

    /// <summary>The nearest folder named workflows/ at or above the content root (the repository's sample processes).</summary>
    internal static string? FindWorkflowsFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    private async Task SeedUsersAsync(ServerOptions settings, bool armSetupLink, CancellationToken ct)
    {
        var adminPassword = settings.Admin.Password;
        if (string.IsNullOrEmpty(adminPassword) && settings.Demo.Seed)
        {
            adminPassword = "admin";
            LogDefaultAdmin(logger, settings.Admin.User);
        }
        if (!string.IsNullOrEmpty(adminPassword))
        {
            var admin = new ServerUser(settings.Admin.User, "Administration", [Roles.Admin], []);
            await users.SaveAsync(admin, adminPassword, ct);
            await audit.RecordAsync(AuditKinds.User, admin.UserName, "create", null, admin, ct: ct);
        }
        else if (armSetupLink)
        {
            LogSetupLink(logger, settings.Admin.User, $"{PublicBase()}/einrichtung/{setup.Arm()}");
        }
        if (!settings.Demo.Seed) return;
        foreach (var (name, display, roles, groups) in DemoUsers)
        {
            var user = new ServerUser(name, display, roles, groups);
            await users.SaveAsync(user, "demo", ct);
            await audit.RecordAsync(AuditKinds.User, name, "create", null, user, ct: ct);
            var roleList = string.Join(", ", roles);
            LogDemoUser(logger, name, roleList);
        }
    }

    private async Task SeedCasesAsync(WorkflowHost host, CancellationToken ct)
    {
        // The processes' cases are started side by side, so the group committer writes them in a few commits, not one each.
        var seeded = await Task.WhenAll((await host.Definitions.GetAllLatestPublishedAsync(ct)).Select(d => SeedCasesAsync(host, d, ct)));
        var started = seeded.Sum(s => s.Started);
        var completed = seeded.Sum(s => s.Completed);
        LogDemoCases(logger, started, completed);
    }

    private async Task<(int Started, int Completed)> SeedCasesAsync(WorkflowHost host, StoredDefinition definition, CancellationToken ct)
    {
        var started = 0;
        var completed = 0;
        for (var i = 1; i <= 3; i++)
        {
            try
            {
                var businessKey = string.Create(CultureInfo.InvariantCulture, $"DEMO-{definition.Process.Id.ToUpperInvariant()}-{i}");
                // A start form is filled as a person would, so a demo case carries e.g. the address its e-mails go to.
                var start = definition.Process.DefaultStartEvent;
                var startValues = (start?.FormFields ?? []).Where(f => !f.ReadOnly).ToDictionary(f => f.Id, f => (object?)SampleValue(f), StringComparer.Ordinal);
                var snapshot = await host.StartCaseAsync(definition, startValues, businessKey: businessKey, ct: ct);
                started++;
                // Every second case gets its first task done, so history and inbox differ between cases.
                if (i % 2 == 1 && await CompleteFirstTaskAsync(host, definition, snapshot, ct)) completed++;
            }
            catch (Exception e) when (e is Automation.Engine.Runtime.WorkflowInputException or NotFoundException or ConcurrencyConflictException)
            {
                // Processes that start only by message or timer have no case to start by hand.
                LogNotStarted(logger, definition.Process.Id, e.Message);
                break;
            }
        }
        return (started, completed);
    }

    private static async Task<bool> CompleteFirstTaskAsync(WorkflowHost host, StoredDefinition definition, CaseSnapshot snapshot, CancellationToken ct)
    {
        var wait = snapshot.State.Waits.FirstOrDefault(w => w.Kind == Automation.Engine.Runtime.WaitKind.UserTask);
        if (wait is null) return false;
        var node = definition.Process.FindNode(wait.NodeId);
        // Read-only fields show what the process set (a model's suggestion); they take no value.
        var values = (node?.FormFields ?? []).Where(f => !f.ReadOnly).ToDictionary(f => f.Id, f => (object?)SampleValue(f), StringComparer.Ordinal);
        await host.CompleteTaskAsync(snapshot.CaseId, wait.Id, values, null, ct);
        return true;
    }

    /// <summary>The address demo cases give in their e-mail fields (a reserved example domain: nothing is ever delivered there).</summary>
    internal const string DemoAddress = Automation.Engine.Runtime.EmailAddress.Example;

    /// <summary>A plausible value for a declared form field.</summary>
    internal static string SampleValue(FormField field) => field.Type switch
    {
        "boolean" => "true",
        "long" => "1",
        "double" => "1.5",
        "date" => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "enum" => field.Options.Count > 0 ? field.Options[0] : "",
        // Its e-mail goes to the demo's pickup folder.
        "email" => DemoAddress,
        _ => field.Id == "aktenzeichen" ? "AZ-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant() : "Beispiel",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "No workflows/ folder found; nothing was published on first start")]
    private static partial void LogNoWorkflows(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {File} ({Count} process(es))")]
    private static partial void LogDeployed(ILogger logger, string file, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {File} ({Count} decision(s))")]
    private static partial void LogDecisionsPublished(ILogger logger, string file, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped invalid workflow file {File}: {Errors}")]
    private static partial void LogInvalid(ILogger logger, string file, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user and no administrator password configured (Automation:Admin:Password). "
        + "Open {Link} once to set the password of '{User}'; the link works once and a restart makes a new one")]
    private static partial void LogSetupLink(ILogger logger, string user, string link);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {File} unpublished: {Count} register entries are missing; publish it after completing them")]
    private static partial void LogStoredUnpublished(ILogger logger, string file, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: created administrator '{User}' with the default password \"admin\". Set Automation:Admin:Password for any real use")]
    private static partial void LogDefaultAdmin(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo user '{User}' (password \"demo\"), roles: {Roles}")]
    private static partial void LogDemoUser(ILogger logger, string user, string roles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo case of {Process} not started: {Reason}")]
    private static partial void LogNotStarted(ILogger logger, string process, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Started} cases started, {Completed} tasks completed")]
    private static partial void LogDemoCases(ILogger logger, int started, int completed);
}
