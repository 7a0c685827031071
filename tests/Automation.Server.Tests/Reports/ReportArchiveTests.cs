using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Automation.Data.Reports;
using Automation.Server.Features.Reports;
using Automation.Server.Infrastructure;
using Automation.Tests.Shared;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests.Reports;

/// <summary>The server with two configured reports and the generated Wohngeld ledger (January to April 2026).</summary>
public sealed class ReportFactory : ServerFactory
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool written;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Automation:Reports:0:Name", "wirkung-monatlich"),
        new("Automation:Reports:0:Cron", "0 0 6 1 * ?"),
        new("Automation:Reports:1:Name", "wohngeld-monatlich"),
        new("Automation:Reports:1:Process", LedgerSample.ProcessId),
        new("Automation:Reports:1:Cron", "0 30 6 1 * ?"),
    ];

    internal ReportDefinition Report(string name) => Services.GetRequiredService<IReadOnlyList<ReportDefinition>>().Single(r => r.Name == name);

    internal ReportArchiver Archiver => Services.GetRequiredService<ReportArchiver>();

    internal WorkflowHostAccessor Accessor => Services.GetRequiredService<WorkflowHostAccessor>();

    internal async Task LedgerAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (written) return;
            using var client = ApiClient("admin");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            await LedgerSample.WriteAsync(Accessor.Host.Database, LedgerSample.Generate(200, new DateOnly(2026, 1, 5), 90).ToList());
            written = true;
        }
        finally
        {
            gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) gate.Dispose();
        base.Dispose(disposing);
    }
}

public sealed class ReportArchiveTests(ReportFactory factory) : IClassFixture<ReportFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Archiving_the_same_month_twice_or_from_two_nodes_at_once_stores_one_report()
    {
        await factory.LedgerAsync();
        var report = factory.Report("wirkung-monatlich");
        var february = new DateOnly(2026, 2, 1);
        Assert.True(await factory.Archiver.ArchiveAsync(report, february, CancellationToken.None));
        Assert.False(await factory.Archiver.ArchiveAsync(report, february, CancellationToken.None));

        // Two nodes firing at the same moment: both pass the existence check, the unique key lets one insert win.
        var march = new DateOnly(2026, 3, 1);
        var outcomes = await Task.WhenAll(factory.Archiver.ArchiveAsync(report, march, CancellationToken.None),
            factory.Archiver.ArchiveAsync(report, march, CancellationToken.None));
        Assert.Single(outcomes, created => created);

        await using var context = factory.Accessor.Host.Database.CreateContext();
        var periods = await context.ArchivedReports.Where(r => r.Name == report.Name).Select(r => r.Period).ToListAsync();
        Assert.Equal(["2026-02", "2026-03"], periods.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Archive_lists_generation_time_and_factor_versions_and_download_returns_the_stored_bytes()
    {
        await factory.LedgerAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var report = factory.Report("wohngeld-monatlich");
        var january = new DateOnly(2026, 1, 1);
        await factory.Archiver.ArchiveAsync(report, january, CancellationToken.None);

        using var client = factory.ApiClient("leitung");
        var list = await client.GetFromJsonAsync<List<ArchivedReportDto>>("/api/reports", Json);
        var entry = Assert.Single(list!, r => r.Name == report.Name && r.Period == "2026-01");
        Assert.Equal(LedgerSample.ProcessId, entry.ProcessId);
        Assert.InRange(entry.GeneratedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        var expected = await new ImpactQueries(factory.Accessor.Host.Database)
            .FactorIdsAsync(new ReportPeriod(january, new DateOnly(2026, 1, 31)), LedgerSample.ProcessId);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, entry.FactorIds);

        var response = await client.GetAsync(entry.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await using (var context = factory.Accessor.Host.Database.CreateContext())
        {
            var stored = await context.ArchivedReports.SingleAsync(r => r.Id == entry.Id);
            Assert.Equal(stored.Content, bytes);
        }
        Assert.Equal(entry.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var book = new XLWorkbook(new MemoryStream(bytes));
        Assert.Equal("01.01.2026 – 31.01.2026", book.Worksheet("Zusammenfassung").Cell(2, 2).GetString());
        var factorSheet = book.Worksheet("Faktoren und Quellen").RowsUsed().Skip(1).Select(r => r.Cell(1).GetString()).ToList();
        Assert.Equal(expected.Select(id => id.Split('@')[0]), factorSheet);

        var page = await client.GetStringAsync("/auswertung/berichte");
        Assert.Contains("Berichtsarchiv", page, StringComparison.Ordinal);
        Assert.Contains("Januar 2026", page, StringComparison.Ordinal);
        Assert.Contains(expected[0], page, StringComparison.Ordinal);
        Assert.Contains(entry.Url, page, StringComparison.Ordinal);
        Assert.Contains("0 30 6 1 * ?", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/reports/999999/datei")).StatusCode);
    }

    [Theory]
    [InlineData("sachbearbeitung")]
    [InlineData("jobcenter")]
    public async Task Clerks_and_the_job_centre_may_not_see_the_archive(string user)
    {
        using var client = factory.ApiClient(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/reports/1/datei")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/auswertung/berichte")).StatusCode);
    }

    [Theory]
    [InlineData("2026-03-01T05:00:00Z", "2026-02")]
    [InlineData("2026-02-28T23:30:00Z", "2026-02")] // 00:30 on 1 March in Berlin
    [InlineData("2026-01-01T06:00:00Z", "2025-12")]
    public void The_job_archives_the_month_before_the_firing_time_in_Berlin(string fireTime, string expected) =>
        Assert.Equal(expected, ReportArchiver.PeriodKey(ReportArchiver.PreviousMonth(DateTimeOffset.Parse(fireTime, System.Globalization.CultureInfo.InvariantCulture))));

    private sealed record ArchivedReportDto(long Id, string Name, string? ProcessId, string Period, DateTimeOffset GeneratedAt,
        List<string> FactorIds, string FileName, string Sha256, string Url);
}

/// <summary>A mistake in the report configuration stops the start with a message naming the report and the field.</summary>
public sealed class ReportConfigurationTests
{
    private sealed class BadFactory(params KeyValuePair<string, string?>[] settings) : ServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => settings;
    }

    [Theory]
    [InlineData("monatlich", "0 0 6 1 *", "Automation:Reports:0 ('monatlich'): field Cron '0 0 6 1 *' is not a valid Quartz cron expression")]
    [InlineData("monatlich", "", "Automation:Reports:0 ('monatlich'): field Cron is missing")]
    [InlineData("", "0 0 6 1 * ?", "Automation:Reports:0: field Name is missing")]
    public void Invalid_report_configuration_is_refused_at_start(string name, string cron, string message)
    {
        using var bad = new BadFactory(new("Automation:Reports:0:Name", name), new("Automation:Reports:0:Cron", cron),
            new("Automation:Reports:0:Process", "wohngeldantrag"));
        var error = Record.Exception(() => bad.CreateClient());
        Assert.NotNull(error);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>The configured cron actually drives the job through Quartz.</summary>
public sealed class ReportScheduleTests
{
    private sealed class EverySecondFactory : ServerFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Automation:RunScheduler", "true"),
            new("Automation:Reports:0:Name", "sekuendlich"),
            new("Automation:Reports:0:Cron", "* * * * * ?"),
        ];
    }

    [Fact]
    public async Task A_scheduled_report_archives_the_previous_month_once_although_it_fires_every_second()
    {
        using var factory = new EverySecondFactory();
        using var client = factory.ApiClient("leitung");
        var expected = ReportArchiver.PeriodKey(ReportArchiver.PreviousMonth(DateTimeOffset.UtcNow));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<string> periods = [];
        while (DateTime.UtcNow < deadline)
        {
            await using var context = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext();
            periods = await context.ArchivedReports.Where(r => r.Name == "sekuendlich").Select(r => r.Period).ToListAsync();
            if (periods.Count > 0) break;
            await Task.Delay(250);
        }
        await Task.Delay(2500);
        await using (var context = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext())
        {
            periods = await context.ArchivedReports.Where(r => r.Name == "sekuendlich").Select(r => r.Period).ToListAsync();
        }
        Assert.Equal([expected], periods);
    }
}
