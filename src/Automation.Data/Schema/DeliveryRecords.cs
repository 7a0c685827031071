using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Automation.Data.Schema;

/// <summary>
/// One scheduled delivery of the employment-office report: the workbook exactly as mailed, to whom, and how it ended.
/// The unique scheduled time is the claim: when several nodes fire the same schedule, only the one whose insert
/// succeeds sends, so the employment office gets each report once. Kept as proof of the notification.
/// </summary>
public sealed class ReportDeliveryRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The schedule's fire time this delivery belongs to, Unix milliseconds (unique).</summary>
    public long ScheduledFor { get; set; }

    /// <summary>First day of the reported period, "yyyy-MM-dd".</summary>
    public string PeriodFrom { get; set; } = "";

    /// <summary>Last day of the reported period, "yyyy-MM-dd".</summary>
    public string PeriodTo { get; set; } = "";

    /// <summary>Recipient addresses (the employment office's functional mailboxes), one per line.</summary>
    public string Recipients { get; set; } = "";

    /// <summary>"sending" (claimed; stays so if the node died while sending), "sent" or "failed".</summary>
    public string Status { get; set; } = "";

    /// <summary>Why sending failed (the SMTP or configuration message, never a stack trace).</summary>
    public string? Error { get; set; }

    /// <summary>When the delivery was claimed, Unix milliseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>When the SMTP server accepted the message, Unix milliseconds.</summary>
    public long? SentAt { get; set; }

    /// <summary>File name of the attachment.</summary>
    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The .xlsx attachment bytes.</summary>
    public byte[] Content { get; set; } = [];
}

/// <summary>Mapping of <see cref="ReportDeliveryRecord"/>.</summary>
internal sealed class ReportDeliveryConfiguration : IEntityTypeConfiguration<ReportDeliveryRecord>
{
    public void Configure(EntityTypeBuilder<ReportDeliveryRecord> e)
    {
        e.ToTable("report_deliveries");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        e.Property(x => x.ScheduledFor).HasColumnName("scheduled_for");
        e.Property(x => x.PeriodFrom).HasColumnName("period_from").HasMaxLength(10);
        e.Property(x => x.PeriodTo).HasColumnName("period_to").HasMaxLength(10);
        e.Property(x => x.Recipients).HasColumnName("recipients");
        e.Property(x => x.Status).HasColumnName("status").HasMaxLength(20);
        e.Property(x => x.Error).HasColumnName("error");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.SentAt).HasColumnName("sent_at");
        e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(300);
        e.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
        e.Property(x => x.Content).HasColumnName("content");
        e.HasIndex(x => x.ScheduledFor).IsUnique().HasDatabaseName("ux_report_deliveries_scheduled_for");
    }
}
