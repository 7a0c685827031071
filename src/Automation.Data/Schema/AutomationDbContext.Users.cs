using Microsoft.EntityFrameworkCore;

namespace Automation.Data.Schema;

/// <summary>The server's users, API tokens and failed-login counters.</summary>
public abstract partial class AutomationDbContext
{
    /// <summary>Users.</summary>
    public DbSet<UserRecord> Users => Set<UserRecord>();

    /// <summary>API tokens (hashed).</summary>
    public DbSet<ApiTokenRecord> ApiTokens => Set<ApiTokenRecord>();

    /// <summary>Failed logins per typed name.</summary>
    public DbSet<LoginFailureRecord> LoginFailures => Set<LoginFailureRecord>();
}
