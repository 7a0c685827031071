namespace Automation.Server.Features.Auth;

/// <summary>The server's roles. A user may hold several.</summary>
internal static class Roles
{
    public const string Admin = "Admin";
    public const string ProcessOwner = "ProcessOwner";
    public const string Manager = "Manager";
    public const string JobCentre = "JobCentre";
    public const string Clerk = "Clerk";

    public static readonly IReadOnlyList<string> All = [Admin, ProcessOwner, Manager, JobCentre, Clerk];

    /// <summary>German display names for the UI.</summary>
    public static string Display(string role) => role switch
    {
        Admin => "Administration",
        ProcessOwner => "Prozessverantwortung",
        Manager => "Leitung",
        JobCentre => "Jobcenter",
        Clerk => "Sachbearbeitung",
        _ => role,
    };
}

/// <summary>Authorization policies: each names the set of roles allowed. Every endpoint carries one.</summary>
internal static class Policies
{
    public const string SignedIn = "signed-in";
    public const string DefinitionsRead = "definitions.read";
    public const string DefinitionsWrite = "definitions.write";
    public const string CasesRead = "instances.read";
    public const string CasesStart = "instances.start";
    public const string CasesManage = "instances.manage";
    public const string TasksWork = "tasks.work";
    public const string TasksReassign = "tasks.reassign";
    public const string Events = "events";
    public const string ExternalTasks = "external-tasks";
    public const string Administration = "administration";
    public const string RegisterRead = "register.read";
    public const string RegisterWrite = "register.write";
    public const string FactorsRead = "factors.read";
    public const string FactorsWrite = "factors.write";
    public const string LedgerRead = "ledger.read";
    public const string LabourData = "labour.data";
    public const string LabourImpact = "labour.impact";
    public const string LabourMatching = "labour.matching";
    public const string LabourReport = "labour.report";
    public const string Simulation = "simulation";
    public const string Dashboards = "dashboards";

    /// <summary>Policy name → roles that satisfy it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Map = new Dictionary<string, string[]>
    {
        [SignedIn] = [.. Roles.All],
        [DefinitionsRead] = [Roles.Admin, Roles.ProcessOwner, Roles.Manager],
        [DefinitionsWrite] = [Roles.Admin, Roles.ProcessOwner],
        [CasesRead] = [Roles.Admin, Roles.ProcessOwner, Roles.Manager, Roles.Clerk],
        [CasesStart] = [Roles.Admin, Roles.ProcessOwner, Roles.Clerk],
        [CasesManage] = [Roles.Admin, Roles.ProcessOwner],
        [TasksWork] = [Roles.Admin, Roles.Manager, Roles.JobCentre, Roles.Clerk],
        [TasksReassign] = [Roles.Admin, Roles.Manager],
        // Messages and signals come from integrations (tokens of technical users) and from clerks recording receipts.
        [Events] = [Roles.Admin, Roles.ProcessOwner, Roles.Clerk],
        // External task workers are integrations: technical users' tokens; the step's groups decide their topics.
        [ExternalTasks] = [Roles.Admin, Roles.ProcessOwner, Roles.Clerk],
        [Administration] = [Roles.Admin],
        [RegisterRead] = [Roles.Admin, Roles.ProcessOwner, Roles.Manager],
        [RegisterWrite] = [Roles.Admin, Roles.ProcessOwner],
        [FactorsRead] = [Roles.Admin, Roles.ProcessOwner, Roles.Manager],
        [FactorsWrite] = [Roles.Admin],
        // Aggregates only; measured working times inside them are suppressed below 5 cases and 5 people.
        [LedgerRead] = [Roles.Admin, Roles.ProcessOwner, Roles.Manager],
        // Labour market: imports by administrators; aggregates for leadership and the job centre; person-level
        // matches (pseudonymous, consented only) for job-centre staff alone, never for managers.
        [LabourData] = [Roles.Admin],
        [LabourImpact] = [Roles.Admin, Roles.ProcessOwner, Roles.Manager, Roles.JobCentre],
        [LabourMatching] = [Roles.JobCentre],
        [LabourReport] = [Roles.Admin, Roles.Manager, Roles.JobCentre],
        [Simulation] = [Roles.Admin, Roles.ProcessOwner, Roles.Manager],
        [Dashboards] = [Roles.Admin, Roles.Manager],
    };
}

/// <summary>Claim types of the server.</summary>
internal static class ServerClaims
{
    /// <summary>A candidate-group key (the <c>am:role</c> of tasks) whose inbox the user sees.</summary>
    public const string Group = "am:group";

    /// <summary>The user's security stamp when the session cookie was issued; compared with the table on every request.</summary>
    public const string SecurityStamp = "am:stamp";
}
