using Automation.Data;

namespace Automation.Server.Infrastructure;

/// <summary>The "Automation" configuration section.</summary>
public sealed class ServerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Automation";

    /// <summary>Command-line switch that turns on the demo data.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>Database settings.</summary>
    public DatabaseSettings Database { get; set; } = new();

    /// <summary>Addresses the server listens on unless <c>urls</c> / <c>ASPNETCORE_URLS</c> is set.</summary>
    public string Urls { get; set; } = "http://localhost:5080";

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
    /// <summary>
    /// Seeds demo users, the default administrator password "admin", the register's sample entries and demo cases into an
    /// empty database. Off unless switched on (<c>--demo</c>, configuration, or appsettings.Development.json).
    /// </summary>
    public bool Seed { get; set; }

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
