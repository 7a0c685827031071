using Automation.Data;

namespace Automation.Server.Infrastructure;

/// <summary>The "Automation" configuration section.</summary>
public sealed class ServerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Automation";

    /// <summary>Database settings.</summary>
    public DatabaseSettings Database { get; set; } = new();

    /// <summary>Largest accepted definition upload in bytes (default 5 MB).</summary>
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>First administrator.</summary>
    public AdminSettings Admin { get; set; } = new();

    /// <summary>Demo data.</summary>
    public DemoSettings Demo { get; set; } = new();

    /// <summary>OpenID Connect (switched on when <see cref="OidcSettings.Authority"/> is set).</summary>
    public OidcSettings Oidc { get; set; } = new();

    /// <summary>Folder whose BPMN/JSON files are published on first start; found by walking up from the content root when empty.</summary>
    public string? WorkflowsPath { get; set; }

    /// <summary>Folder of the keys that protect session cookies and anti-forgery tokens.</summary>
    public string DataProtectionKeysPath { get; set; } = Path.Combine("data", "keys");

    /// <summary>Whether the host runs Quartz timers and the job worker (tests of pure API behaviour may switch it off).</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>
    /// Days the person who worked a task stays recorded after the task ended (tasks table and the ledger's keyed
    /// pseudonym); afterwards both are removed. Agree it with the staff council.
    /// </summary>
    public int AssigneeRetentionDays { get; set; } = 30;

    /// <summary>Limits and threads of scripts and conditions.</summary>
    public ScriptSettings Scripts { get; set; } = new();

    /// <summary>Limits of the what-if simulation.</summary>
    public SimulationSettings Simulation { get; set; } = new();
}

/// <summary>Database provider and connection.</summary>
public sealed class DatabaseSettings
{
    /// <summary>Sqlite or Postgres.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite, empty means the file ./data/automation.db.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite only: a size cap in megabytes; reaching it is handled like a full disk (see the operator guide).</summary>
    public long? MaxSizeMegabytes { get; set; }

    /// <summary>The options the host is started with.</summary>
    public DatabaseOptions ToOptions() => Provider == DatabaseProvider.Sqlite
        ? (string.IsNullOrWhiteSpace(ConnectionString)
            ? DatabaseOptions.SqliteFile(Path.Combine("data", "automation.db"))
            : new DatabaseOptions(DatabaseProvider.Sqlite, ConnectionString)) with { MaxSizeBytes = MaxSizeMegabytes * 1024 * 1024 }
        : new DatabaseOptions(DatabaseProvider.Postgres,
            string.IsNullOrWhiteSpace(ConnectionString)
                ? throw new InvalidOperationException("Automation:Database:ConnectionString is required for PostgreSQL.")
                : ConnectionString);
}

/// <summary>First administrator account.</summary>
public sealed class AdminSettings
{
    /// <summary>User name (default "admin").</summary>
    public string User { get; set; } = "admin";

    /// <summary>Password; from configuration or the environment variable AUTOMATION__ADMIN__PASSWORD.</summary>
    public string? Password { get; set; }
}

/// <summary>Demo data switch.</summary>
public sealed class DemoSettings
{
    /// <summary>Seeds demo users and demo cases into an empty database.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>With <see cref="Seed"/>: also start demo cases (tests switch this off to start from an empty case list).</summary>
    public bool SeedCases { get; set; } = true;
}

/// <summary>OpenID Connect settings, e.g. a municipality's Keycloak realm.</summary>
public sealed class OidcSettings
{
    /// <summary>Issuer URL; OpenID Connect is on when this is set.</summary>
    public string? Authority { get; set; }

    /// <summary>Client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Client secret (never logged).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Claim that carries the roles (Admin, ProcessOwner, …) for users not in the server's own table.</summary>
    public string RoleClaim { get; set; } = "roles";
}

/// <summary>Script limits and threads; unset values keep the host's defaults (<see cref="WorkflowHostOptions"/>).</summary>
public sealed class ScriptSettings
{
    /// <summary>Time limit of one script or condition, regular expressions included (default 1,000 ms).</summary>
    public int? TimeoutMilliseconds { get; set; }

    /// <summary>How long a run's scripts may take on a timer, job or request thread before the run moves to the script threads (default 100 ms).</summary>
    public int? InlineBudgetMilliseconds { get; set; }

    /// <summary>Script threads for the runs that need longer (default one per core, at least 2).</summary>
    public int? Threads { get; set; }

    /// <summary>How long all scripts of one run may take together on a script thread before the case gets an incident (default 10 s).</summary>
    public int? RunBudgetSeconds { get; set; }

    /// <summary>Refuses a value that is not positive, naming its key.</summary>
    /// <exception cref="InvalidOperationException">A value is zero or negative.</exception>
    public void Validate()
    {
        foreach (var (key, value) in new (string, int?)[]
        {
            ("TimeoutMilliseconds", TimeoutMilliseconds), ("InlineBudgetMilliseconds", InlineBudgetMilliseconds),
            ("Threads", Threads), ("RunBudgetSeconds", RunBudgetSeconds),
        })
        {
            if (value is <= 0) throw new InvalidOperationException($"Automation:Scripts:{key} muss größer als 0 sein (ist {value}).");
        }
    }
}

/// <summary>Limits of the what-if simulation.</summary>
public sealed class SimulationSettings
{
    /// <summary>Processor time one simulation request may use before it is stopped with a 422 (default 60 s; 0 = no limit).</summary>
    public double CpuBudgetSeconds { get; set; } = 60;

    /// <summary>The budget the simulator gets, null for none.</summary>
    public TimeSpan? CpuBudget => CpuBudgetSeconds > 0 ? TimeSpan.FromSeconds(CpuBudgetSeconds) : null;
}
