using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// A secret (API key, password) a connector reads by name. Only the encrypted value is stored; the server encrypts it
/// with its Data Protection key ring (<see cref="DataProtectionKeyRecord"/>), so the database alone does not reveal it.
/// </summary>
public sealed class SecretRecord
{
    /// <summary>Key.</summary>
    public long Id { get; set; }

    /// <summary>The name models and settings refer to (unique).</summary>
    public string Name { get; set; } = "";

    /// <summary>The value, encrypted (Data Protection payload, base64url).</summary>
    public string Protected { get; set; } = "";

    /// <summary>Created, Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>Last replaced, Unix milliseconds.</summary>
    public long UpdatedAt { get; set; }

    /// <summary>Who last replaced it.</summary>
    public string UpdatedBy { get; set; } = "";
}

/// <summary>One key of the Data Protection key ring as the framework's XML (keys are themselves encrypted at rest only if configured).</summary>
public sealed class DataProtectionKeyRecord
{
    /// <summary>Key.</summary>
    public long Id { get; set; }

    /// <summary>The framework's name for the element (key-{guid}).</summary>
    public string FriendlyName { get; set; } = "";

    /// <summary>The key's XML element.</summary>
    public string Xml { get; set; } = "";
}

/// <summary>A host connectors may call: a host name or IP address, on one port or (null) every port.</summary>
public sealed class OutboundHostRecord
{
    /// <summary>Key.</summary>
    public long Id { get; set; }

    /// <summary>Host name (lower case, IDN as punycode) or IP address in its normal text form.</summary>
    public string Host { get; set; } = "";

    /// <summary>The only allowed port, or null for any.</summary>
    public int? Port { get; set; }

    /// <summary>Why the target is allowed (shown in the list).</summary>
    public string? Note { get; set; }

    /// <summary>Added, Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Who added it.</summary>
    public string CreatedBy { get; set; } = "";
}

/// <summary>Mapping of <see cref="SecretRecord"/>.</summary>
internal sealed class SecretConfiguration : IEntityTypeConfiguration<SecretRecord>
{
    public void Configure(EntityTypeBuilder<SecretRecord> e)
    {
        e.ToTable("secrets");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
        e.Property(x => x.Protected).HasColumnName("protected_value");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        e.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(200);
        e.HasIndex(x => x.Name).IsUnique().HasDatabaseName("ux_secrets_name");
    }
}

/// <summary>Mapping of <see cref="DataProtectionKeyRecord"/>.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRecord> e)
    {
        e.ToTable("data_protection_keys");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.FriendlyName).HasColumnName("friendly_name").HasMaxLength(200);
        e.Property(x => x.Xml).HasColumnName("xml");
    }
}

/// <summary>Mapping of <see cref="OutboundHostRecord"/>.</summary>
internal sealed class OutboundHostConfiguration : IEntityTypeConfiguration<OutboundHostRecord>
{
    public void Configure(EntityTypeBuilder<OutboundHostRecord> e)
    {
        e.ToTable("outbound_hosts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.Host).HasColumnName("host").HasMaxLength(253);
        e.Property(x => x.Port).HasColumnName("port");
        e.Property(x => x.Note).HasColumnName("note").HasMaxLength(500);
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(200);
        e.HasIndex(x => new { x.Host, x.Port }).HasDatabaseName("ix_outbound_hosts_host_port");
    }
}
