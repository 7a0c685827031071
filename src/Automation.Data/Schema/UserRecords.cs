using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// A person or technical user of the server. Cookie sessions carry the <see cref="SecurityStamp"/> they were issued
/// with; every change that must end sessions (logout, password, roles, groups, deactivation) replaces it.
/// </summary>
public sealed class UserRecord
{
    /// <summary>Login name as stored (the identity in tasks, audit rows and cookies).</summary>
    public string UserName { get; set; } = "";

    /// <summary>The login name in the server's normal form (trimmed, case-folded); what a typed name is matched against.</summary>
    public string NormalizedName { get; set; } = "";

    /// <summary>Shown name.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>PBKDF2 hash; null when the user cannot log in with a password (single sign-on or tokens only).</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Roles, comma-separated.</summary>
    public string Roles { get; set; } = "";

    /// <summary>Candidate-group keys (Postkörbe), comma-separated.</summary>
    public string CandidateGroups { get; set; } = "";

    /// <summary>Random value every session cookie must match; replaced to end all of the user's sessions.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>False: no login, no session, no token works.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Created on first single sign-on; roles and groups follow the identity provider's claims.</summary>
    public bool External { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Last change, Unix milliseconds.</summary>
    public long? UpdatedAt { get; set; }
}

/// <summary>An API token: only its SHA-256 is stored; it acts with its user's current roles until it expires or is revoked.</summary>
public sealed class ApiTokenRecord
{
    /// <summary>Row id (what lists and revocations name; never the token).</summary>
    public long Id { get; set; }

    /// <summary>SHA-256 of the token, lower-case hex.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The user the token acts as.</summary>
    public string UserName { get; set; } = "";

    /// <summary>What it is for (e.g. "Fachverfahren Meldewesen").</summary>
    public string Name { get; set; } = "";

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Unix milliseconds; from then on the token is refused.</summary>
    public long ExpiresAt { get; set; }

    /// <summary>Last successful use, Unix milliseconds (updated at most once a minute).</summary>
    public long? LastUsedAt { get; set; }
}

/// <summary>
/// Consecutive failed logins per typed user name in normal form, whether or not such a user exists (so a lockout
/// never tells which names are real).
/// </summary>
public sealed class LoginFailureRecord
{
    /// <summary>The typed user name in normal form.</summary>
    public string NameKey { get; set; } = "";

    /// <summary>Failures since the last success.</summary>
    public int Failures { get; set; }

    /// <summary>Unix milliseconds until which every login for the name is refused.</summary>
    public long? LockedUntil { get; set; }

    /// <summary>Unix milliseconds of the last failure.</summary>
    public long LastFailureAt { get; set; }
}

/// <summary>Mapping of <see cref="UserRecord"/>.</summary>
internal sealed class UserConfiguration : IEntityTypeConfiguration<UserRecord>
{
    public void Configure(EntityTypeBuilder<UserRecord> e)
    {
        e.ToTable("server_users");
        e.HasKey(x => x.UserName);
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(200);
        e.Property(x => x.NormalizedName).HasColumnName("normalized_name").HasMaxLength(200);
        e.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(200);
        e.Property(x => x.PasswordHash).HasColumnName("password_hash").HasMaxLength(500);
        e.Property(x => x.Roles).HasColumnName("roles").HasMaxLength(500);
        e.Property(x => x.CandidateGroups).HasColumnName("candidate_groups").HasMaxLength(2000);
        e.Property(x => x.SecurityStamp).HasColumnName("security_stamp").HasMaxLength(64);
        e.Property(x => x.Active).HasColumnName("active");
        e.Property(x => x.External).HasColumnName("external");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        // Not unique: names stored before normalisation existed may share a normal form; such a login is refused as ambiguous.
        e.HasIndex(x => x.NormalizedName).HasDatabaseName("ix_server_users_normalized_name");
    }
}

/// <summary>Mapping of <see cref="ApiTokenRecord"/>.</summary>
internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiTokenRecord>
{
    public void Configure(EntityTypeBuilder<ApiTokenRecord> e)
    {
        e.ToTable("server_api_tokens");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
        e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(200);
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
        e.Property(x => x.LastUsedAt).HasColumnName("last_used_at");
        e.HasIndex(x => x.TokenHash).IsUnique().HasDatabaseName("ux_server_api_tokens_token_hash");
        e.HasIndex(x => x.UserName).HasDatabaseName("ix_server_api_tokens_user_name");
    }
}

/// <summary>Mapping of <see cref="LoginFailureRecord"/>.</summary>
internal sealed class LoginFailureConfiguration : IEntityTypeConfiguration<LoginFailureRecord>
{
    public void Configure(EntityTypeBuilder<LoginFailureRecord> e)
    {
        e.ToTable("server_login_failures");
        e.HasKey(x => x.NameKey);
        e.Property(x => x.NameKey).HasColumnName("name_key").HasMaxLength(200);
        e.Property(x => x.Failures).HasColumnName("failures");
        e.Property(x => x.LockedUntil).HasColumnName("locked_until");
        e.Property(x => x.LastFailureAt).HasColumnName("last_failure_at");
        e.HasIndex(x => x.LastFailureAt).HasDatabaseName("ix_server_login_failures_last_failure_at");
    }
}
