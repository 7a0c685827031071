using System.Globalization;
using System.Security.Cryptography;
using Automation.Data.Schema;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Automation.Workforce.Reporting;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MimeKit;
using Quartz;

namespace Automation.Server.Features.LabourMarket;

/// <summary>Sends the employment-office report as an xlsx attachment through the configured SMTP server (MailKit).</summary>
internal sealed partial class ReportMailer(IOptions<LabourOptions> options, ILogger<ReportMailer> logger)
{
    /// <summary>The configured recipients.</summary>
    public IReadOnlyList<string> Recipients => options.Value.Delivery.Recipients;

    /// <summary>Sends the report with <paramref name="workbook"/> attached as <paramref name="fileName"/> to the configured recipients.</summary>
    /// <exception cref="InvalidOperationException">No SMTP host or no recipient is configured.</exception>
    public async Task SendAsync(EmploymentReport report, byte[] workbook, string fileName, CancellationToken ct)
    {
        var delivery = options.Value.Delivery;
        if (string.IsNullOrWhiteSpace(delivery.SmtpHost) || delivery.Recipients.Count == 0)
        {
            throw new InvalidOperationException("Automation:LabourMarket:Delivery needs SmtpHost and at least one recipient.");
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(delivery.From));
        foreach (var to in delivery.Recipients) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = Texte.Format(Texte.MeldungBetreff, report.Employer.Employer, report.Employer.Office);
        var body = new BodyBuilder
        {
            TextBody = $"""
                Guten Tag,

                anbei die Meldung von {report.Employer.Employer} ({report.Employer.Office}) für den Zeitraum {report.PeriodFrom:dd.MM.yyyy} bis {report.PeriodTo:dd.MM.yyyy}:
                betroffene Berufe (KldB 2010) mit Vollzeitäquivalenten, Qualifizierungsbedarf, Qualifizierungsplan und Nachhaltigkeitskennzahlen.
                Alle Angaben sind zusammengefasst; Gruppen unter 5 Personen sind gesperrt.

                Ansprechperson: {report.Employer.Contact}
                """,
        };
        body.Attachments.Add(fileName, workbook, ContentType.Parse(LabourEndpoints.XlsxType));
        message.Body = body.ToMessageBody();
        var security = delivery.Security.ToUpperInvariant() switch
        {
            "NONE" => SecureSocketOptions.None,
            "REQUIRED" => SecureSocketOptions.StartTls,
            "SSL" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        using var client = new SmtpClient();
        await client.ConnectAsync(delivery.SmtpHost, delivery.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(delivery.User)) await client.AuthenticateAsync(delivery.User, delivery.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
        LogSent(logger, delivery.Recipients.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Employment-office report sent to {Count} recipient(s)")]
    private static partial void LogSent(ILogger logger, int count);
}

/// <summary>
/// Delivers the report once per scheduled time: claims the time in report_deliveries (unique; on several nodes only
/// one insert succeeds), mails the workbook and records the outcome beside the file exactly as sent.
/// </summary>
internal sealed partial class ReportDeliveryLog(WorkflowHostAccessor accessor, IMediator mediator, ReportMailer mailer, TimeProvider time,
    ILogger<ReportDeliveryLog> logger)
{
    /// <summary>Statuses of a delivery.</summary>
    public const string Sending = "sending", Sent = "sent", Failed = "failed";

    /// <summary>
    /// Builds, stores and mails the report for the schedule's fire time. Returns the delivery's id, or null when another
    /// node has claimed this fire time already. A failed send is recorded (status "failed" with the reason), not thrown.
    /// </summary>
    public async Task<long?> DeliverAsync(DateTimeOffset scheduledFor, CancellationToken ct)
    {
        var key = scheduledFor.ToUnixTimeMilliseconds();
        var database = accessor.Host.Database;
        await using (var context = database.CreateContext())
        {
            if (await context.ReportDeliveries.AnyAsync(d => d.ScheduledFor == key, ct)) return null;
        }
        var report = await mediator.Send(new BuildEmploymentReport(null, null), ct);
        var workbook = ReportWorkbook.Write(report);
        var record = new ReportDeliveryRecord
        {
            ScheduledFor = key,
            PeriodFrom = report.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PeriodTo = report.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Recipients = string.Join('\n', mailer.Recipients),
            Status = Sending,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            FileName = $"meldung-agentur-fuer-arbeit-{report.PeriodTo:yyyy-MM-dd}.xlsx",
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(workbook)),
            Content = workbook,
        };
        await using (var context = database.CreateContext())
        {
            context.ReportDeliveries.Add(record);
            try
            {
                await context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                if (!await ClaimedAsync(key, ct)) throw;
                LogClaimedElsewhere(logger, scheduledFor);
                return null;
            }
        }
        string status = Sent;
        string? error = null;
        try
        {
            await mailer.SendAsync(report, workbook, record.FileName, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Recorded for the portal and retried at the next scheduled time; the scheduler must keep running.
            (status, error) = (Failed, e.Message);
            LogFailed(logger, e);
        }
        await using (var context = database.CreateContext())
        {
            var sentAt = status == Sent ? time.GetUtcNow().ToUnixTimeMilliseconds() : (long?)null;
            await context.ReportDeliveries.Where(d => d.Id == record.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, status).SetProperty(d => d.Error, error).SetProperty(d => d.SentAt, sentAt), ct);
        }
        return record.Id;
    }

    /// <summary>The latest deliveries, newest first, without their files.</summary>
    public async Task<IReadOnlyList<DeliveryDto>> ListAsync(int limit, CancellationToken ct)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var rows = await context.ReportDeliveries.AsNoTracking().OrderByDescending(d => d.ScheduledFor).Take(limit)
            .Select(d => new { d.Id, d.ScheduledFor, d.PeriodFrom, d.PeriodTo, d.Recipients, d.Status, d.Error, d.SentAt, d.FileName, d.Sha256 })
            .ToListAsync(ct);
        return rows.Select(d => new DeliveryDto(d.Id, DateTimeOffset.FromUnixTimeMilliseconds(d.ScheduledFor),
            DateOnly.ParseExact(d.PeriodFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(d.PeriodTo, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            d.Recipients.Split('\n', StringSplitOptions.RemoveEmptyEntries), d.Status, d.Error,
            d.SentAt is { } sent ? DateTimeOffset.FromUnixTimeMilliseconds(sent) : null, d.FileName, d.Sha256)).ToList();
    }

    /// <summary>The file of one delivery, or null when there is none with that id.</summary>
    public async Task<(string FileName, byte[] Content)?> FileAsync(long id, CancellationToken ct)
    {
        await using var context = accessor.Host.Database.CreateContext();
        var row = await context.ReportDeliveries.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.FileName, d.Content }).SingleOrDefaultAsync(ct);
        return row is null ? null : (row.FileName, row.Content);
    }

    private async Task<bool> ClaimedAsync(long key, CancellationToken ct)
    {
        await using var context = accessor.Host.Database.CreateContext();
        return await context.ReportDeliveries.AnyAsync(d => d.ScheduledFor == key, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The employment-office report due at {ScheduledFor} is delivered by another node")]
    private static partial void LogClaimedElsewhere(ILogger logger, DateTimeOffset scheduledFor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Employment-office report delivery failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>One delivery of the employment-office report, as listed in the job-centre portal.</summary>
/// <param name="Id">Delivery id (download: /api/labour/deliveries/{id}/datei).</param>
/// <param name="ScheduledFor">The schedule's fire time.</param>
/// <param name="PeriodFrom">First day of the reported period.</param>
/// <param name="PeriodTo">Last day of the reported period.</param>
/// <param name="Recipients">Recipient addresses.</param>
/// <param name="Status">"sending", "sent" or "failed".</param>
/// <param name="Error">Why it failed.</param>
/// <param name="SentAt">When the SMTP server accepted it.</param>
/// <param name="FileName">Attachment file name.</param>
/// <param name="Sha256">SHA-256 of the attachment.</param>
internal sealed record DeliveryDto(long Id, DateTimeOffset ScheduledFor, DateOnly PeriodFrom, DateOnly PeriodTo, IReadOnlyList<string> Recipients,
    string Status, string? Error, DateTimeOffset? SentAt, string FileName, string Sha256)
{
    /// <summary>The status in German.</summary>
    public string StatusText => Status switch
    {
        ReportDeliveryLog.Sent => Texte.VersandVersandt,
        ReportDeliveryLog.Failed => Texte.VersandFehlgeschlagen,
        _ => Texte.VersandUnbekannt,
    };
}

/// <summary>The Quartz job that delivers the report for its scheduled fire time.</summary>
[DisallowConcurrentExecution]
internal sealed partial class ReportDeliveryJob(IServiceScopeFactory scopes, ILogger<ReportDeliveryJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReportDeliveryLog>().DeliverAsync(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The report could not be built or stored; logged and tried again at the next scheduled time.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Employment-office report could not be prepared for delivery")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Registers the labour-market services and, when a delivery schedule is configured, the Quartz job.</summary>
internal static class LabourSetup
{
    public static IServiceCollection AddLabourMarket(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LabourOptions.Section);
        services.Configure<LabourOptions>(section);
        services.AddSingleton<LabourStore>();
        services.AddSingleton<LabourFigures>();
        services.AddSingleton<ReportMailer>();
        services.AddScoped<ReportDeliveryLog>();
        services.TryAddSingleton(TimeProvider.System);
        var cron = section.GetSection("Delivery")["Cron"];
        if (!string.IsNullOrWhiteSpace(cron)) ScheduleDelivery(services, cron);
        return services;
    }

    // Apart, so a server without a schedule never loads Quartz (code loads the types a method names when it is
    // compiled or entered, even in a branch that never runs).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ScheduleDelivery(IServiceCollection services, string cron)
    {
        // Its own in-memory scheduler (workflow timers are jobs in the database, TimerJobs): the schedule
        // lives in configuration, so nothing needs to survive a restart. Every node may run it: the unique fire
        // time in report_deliveries lets one node send each report.
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "automation-reports");
            q.UseInMemoryStore();
            q.ScheduleJob<ReportDeliveryJob>(t => t.WithIdentity("employment-report").WithCronSchedule(cron));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
    }
}
