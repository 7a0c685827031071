using Automation.Workforce.Reporting;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mediator;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MimeKit;
using Quartz;

namespace Automation.Server.Features.LabourMarket;

/// <summary>Sends the employment-office report as an xlsx attachment through the configured SMTP server (MailKit).</summary>
internal sealed partial class ReportMailer(IOptions<LabourOptions> options, ILogger<ReportMailer> logger)
{
    /// <summary>Sends the report to the configured recipients.</summary>
    /// <exception cref="InvalidOperationException">No SMTP host or no recipient is configured.</exception>
    public async Task SendAsync(EmploymentReport report, CancellationToken ct)
    {
        var delivery = options.Value.Delivery;
        if (string.IsNullOrWhiteSpace(delivery.SmtpHost) || delivery.Recipients.Count == 0)
        {
            throw new InvalidOperationException("Automation:LabourMarket:Delivery needs SmtpHost and at least one recipient.");
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(delivery.From));
        foreach (var to in delivery.Recipients) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"Frühzeitige Meldung nach §2 Abs. 3 SGB III – {report.Employer.Employer}, {report.Employer.Office}";
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
        body.Attachments.Add(LabourEndpoints.ReportFileName, ReportWorkbook.Write(report), ContentType.Parse(LabourEndpoints.XlsxType));
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

/// <summary>The Quartz job that builds the report and mails it.</summary>
[DisallowConcurrentExecution]
internal sealed partial class ReportDeliveryJob(IServiceScopeFactory scopes, ILogger<ReportDeliveryJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BuildEmploymentReport(null, null), cancellationToken);
            await scope.ServiceProvider.GetRequiredService<ReportMailer>().SendAsync(report, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed delivery is logged and retried at the next scheduled time; it must not stop the scheduler.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Employment-office report delivery failed")]
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
        services.AddSingleton<ReportMailer>();
        services.TryAddSingleton(TimeProvider.System);
        var cron = section.GetSection("Delivery")["Cron"];
        if (!string.IsNullOrWhiteSpace(cron))
        {
            // Its own in-memory scheduler, apart from the workflow timers' persistent one (QuartzTimers): the schedule
            // lives in configuration, so nothing needs to survive a restart. On several nodes, configure it on one.
            services.AddQuartz(q =>
            {
                q.ConfigureScheduler(o => o.InstanceName = "automation-reports");
                q.UseInMemoryStore();
                q.ScheduleJob<ReportDeliveryJob>(t => t.WithIdentity("employment-report").WithCronSchedule(cron));
            });
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        }
        return services;
    }
}
