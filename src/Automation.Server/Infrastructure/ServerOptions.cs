using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Texts;

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

    /// <summary>The server's connector worker.</summary>
    public Connectors.ConnectorSettings Connectors { get; set; } = new();

    /// <summary>Addresses the server listens on unless <c>urls</c> / <c>ASPNETCORE_URLS</c> is set.</summary>
    public string Urls { get; set; } = "http://localhost:5080";

    /// <summary>Largest accepted definition upload in bytes (default 5 MB).</summary>
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// Largest variable payload one request may bring (case start, task completion, message, signal, task form), as
    /// UTF-8 JSON bytes (default 1 MB). Larger payloads are refused with 413.
    /// </summary>
    public long MaxVariableBytes { get; set; } = 1024 * 1024;

    /// <summary>Hours an <c>Idempotency-Key</c> of a case start is remembered (default 24).</summary>
    public int IdempotencyKeyHours { get; set; } = 24;

    /// <summary>The reverse proxy that terminates TLS in front of the server.</summary>
    public ProxySettings Proxy { get; set; } = new();

    /// <summary>First administrator.</summary>
    public AdminSettings Admin { get; set; } = new();

    /// <summary>Demo data.</summary>
    public DemoSettings Demo { get; set; } = new();

    /// <summary>Login rate limit and account lockout.</summary>
    public LoginSettings Login { get; set; } = new();

    /// <summary>API token lifetimes.</summary>
    public TokenSettings Tokens { get; set; } = new();

    /// <summary>OpenID Connect (switched on when <see cref="OidcSettings.Authority"/> is set).</summary>
    public OidcSettings Oidc { get; set; } = new();

    /// <summary>Folder whose BPMN/JSON files are published on first start; found by walking up from the content root when empty.</summary>
    public string? WorkflowsPath { get; set; }

    /// <summary>Folder of the keys that protect session cookies and anti-forgery tokens.</summary>
    public string DataProtectionKeysPath { get; set; } = Path.Combine("data", "keys");

    /// <summary>Whether the host runs the job worker, which fires timers and delivers jobs (tests of pure API behaviour may switch it off).</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>
    /// Days the person who worked a task stays recorded after the task ended (tasks table and the ledger's keyed
    /// pseudonym); afterwards both are removed. Agree it with the staff council.
    /// </summary>
    public int AssigneeRetentionDays { get; set; } = 30;

    /// <summary>
    /// How long a case's data is kept after it ended when its process states no <c>am:retention</c> (Aufbewahrungsfrist),
    /// as an ISO 8601 duration of whole years, months, weeks or days; default P10Y.
    /// </summary>
    public string CaseRetention { get; set; } = "P10Y";

    /// <summary>The parsed <see cref="CaseRetention"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is not a retention period; the message names the key.</exception>
    public RetentionPeriod CaseRetentionPeriod() => RetentionPeriod.TryParse(CaseRetention, out var period, out var error)
        ? period
        : throw new InvalidOperationException($"{Section}:{nameof(CaseRetention)}: {error}");

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

    /// <summary>
    /// Connection string. For SQLite also a bare file path; empty means the file ./data/automation.db. For
    /// PostgreSQL a Npgsql connection string.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite only: a size cap in megabytes; reaching it is handled like a full disk (see the operator guide).</summary>
    public long? MaxSizeMegabytes { get; set; }

    /// <summary>
    /// SQLite only: Full (default) syncs every commit, so an acknowledged write survives a power loss; Normal syncs only
    /// at checkpoints (faster, but a power loss can drop the last acknowledged writes; see the operator guide).
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>The options the host is started with.</summary>
    /// <exception cref="StartupConfigurationException">The connection string is missing or malformed.</exception>
    public DatabaseOptions ToOptions()
    {
        var text = ConnectionString?.Trim();
        if (Provider == DatabaseProvider.Sqlite)
        {
            var options = string.IsNullOrEmpty(text) ? DatabaseOptions.SqliteFile(Path.Combine("data", "automation.db")) : Sqlite(text);
            return options with { MaxSizeBytes = MaxSizeMegabytes * 1024 * 1024, Synchronous = Synchronous };
        }
        if (string.IsNullOrEmpty(text))
            throw new StartupConfigurationException(Texte.ServerStartVerbindungFehlt);
        CheckPostgres(text);
        return new DatabaseOptions(DatabaseProvider.Postgres, text);
    }

    // Apart, so a SQLite start never loads Npgsql (precompiled code loads the types a method names when it is entered).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void CheckPostgres(string text)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException)
        {
            // The connection string may hold a password, so it is not repeated.
            throw new StartupConfigurationException(Texte.ServerStartVerbindungPostgresUngueltig);
        }
    }

    /// <summary>A bare path (no '=') is the database file; anything else must be a SQLite connection string naming one.</summary>
    private static DatabaseOptions Sqlite(string text)
    {
        if (!text.Contains('=', StringComparison.Ordinal)) return DatabaseOptions.SqliteFile(text);
        Microsoft.Data.Sqlite.SqliteConnectionStringBuilder builder;
        try
        {
            builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new StartupConfigurationException(Texte.ServerStartVerbindungSqliteUngueltig);
        }
        return string.IsNullOrWhiteSpace(builder.DataSource)
            ? throw new StartupConfigurationException(Texte.ServerStartVerbindungOhneDatei)
            : new DatabaseOptions(DatabaseProvider.Sqlite, text);
    }
}

/// <summary>
/// Which reverse proxies are trusted with <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>. Only requests from
/// these addresses may say that the client came over HTTPS (then cookies are Secure and HSTS is sent) or name the
/// client's address (the login rate limit counts per address).
/// </summary>
public sealed class ProxySettings
{
    /// <summary>Proxy IP addresses, e.g. "10.0.0.5". Without any proxy or network only loopback is trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Days browsers keep to HTTPS after an HTTPS answer (Strict-Transport-Security max-age; default 365).</summary>
    public int HstsMaxAgeDays { get; set; } = 365;
}

/// <summary>First administrator account.</summary>
public sealed class AdminSettings
{
    /// <summary>User name (default "admin").</summary>
    public string User { get; set; } = "admin";

    /// <summary>Password; from configuration or the environment variable AUTOMATION__ADMIN__PASSWORD.</summary>
    public string? Password { get; set; }
}

/// <summary>Login rate limit and progressive lockout (per typed user name in normal form).</summary>
public sealed class LoginSettings
{
    /// <summary>Login form posts per minute for one address and user name; more are answered with 429.</summary>
    public int AttemptsPerMinute { get; set; } = 5;

    /// <summary>Consecutive failures that lock a user name (0 switches the lockout off).</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>Length of the first lock; every further failure after a lock doubles it.</summary>
    public double LockoutMinutes { get; set; } = 1;

    /// <summary>Longest lock.</summary>
    public double LockoutMaxMinutes { get; set; } = 15;

    /// <summary>Hours without a failure after which a name's failures are forgotten.</summary>
    public double ForgetFailuresAfterHours { get; set; } = 24;
}

/// <summary>Lifetimes of API tokens.</summary>
public sealed class TokenSettings
{
    /// <summary>Days a new token is valid when its creator names no expiry.</summary>
    public int DefaultLifetimeDays { get; set; } = 90;

    /// <summary>Longest lifetime a token may be given, in days.</summary>
    public int MaxLifetimeDays { get; set; } = 365;
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

    /// <summary>
    /// Where the ID token carries the roles (Admin, ProcessOwner, …) of users not in the server's own table: a claim
    /// ("roles") or a path into a JSON claim. Default: Keycloak's realm roles, "realm_access.roles"; client roles are
    /// "resource_access.&lt;client id&gt;.roles".
    /// </summary>
    public string RoleClaim { get; set; } = "realm_access.roles";
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
            if (value is <= 0) throw new InvalidOperationException(Texte.Format(Texte.ServerStartSkriptgrenzePositiv, key, value));
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
