using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Automation.Data.Schema;
using Automation.Server.Infrastructure;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Automation.Server.Tests;

/// <summary>The labour-market slice over HTTP: imports, matches and their role rules, the report and its suppression.</summary>
public sealed class LabourMarketTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Offers = """
        id;title;provider;skills;hours;location;start_dates;cost_eur;accreditation
        A;E-Akte und Prozesse;Studieninstitut;e-akte|prozessmanagement;160;online;2030-01-01;1200;AZAV
        B;Datenanalyse;Bildungswerk;datenanalyse;400;online;2030-02-01;3000;AZAV
        """;

    private const string Skills = """
        occupation;skills
        73202;datenschutz
        73203;e-akte|prozessmanagement|datenanalyse|datenschutz
        """;

    private static string Profiles(int consenting, int without)
    {
        var text = new StringBuilder("id;occupation;skills;weekly_hours;consent;target_occupations\n");
        for (var i = 0; i < consenting; i++) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"pseudo-{i};73202;datenschutz;39;ja;73203\n");
        for (var i = 0; i < without; i++) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"ohne-{i};73202;datenschutz;39;nein;73203\n");
        return text.ToString();
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string kind, string fileName, string content, bool importValid = false) =>
        await client.PostAsync($"/api/labour/import/{kind}?fileName={fileName}&importValid={importValid}", new StringContent(content, Encoding.UTF8, "text/csv"));

    private async Task SeedAsync()
    {
        using var admin = factory.ApiClient("admin");
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(admin, "offers", "offers.csv", Offers)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(admin, "occupation-skills", "skills.csv", Skills)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(admin, "profiles", "profiles.csv", Profiles(3, 2))).StatusCode);
    }

    [Fact]
    public async Task A_file_with_broken_rows_stores_nothing_unless_the_valid_rows_are_chosen()
    {
        using var admin = factory.ApiClient("admin");
        const string positions = """
            id;role;occupation;pay_level;weekly_hours
            S1;sachbearbeitung;73202;E9a;39
            S1;sachbearbeitung;73202;E9a;39
            S2;sachbearbeitung;12345;E9a;39
            S3;sachbearbeitung;73202;E9a;-1
            S4;sachbearbeitung;73202;E9a;20
            """;
        int Stored()
        {
            using var db = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host.Database.CreateContext();
            return db.Positions.Count();
        }
        var before = Stored();
        var refused = await ImportAsync(admin, "positions", "stellen.csv", positions);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var report = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        var rows = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(3, "id"), (4, "occupation"), (5, "weekly_hours")], rows);
        Assert.Equal(before, Stored());

        var accepted = await ImportAsync(admin, "positions", "stellen.csv", positions, importValid: true);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(2, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());

        var wrongColumns = await ImportAsync(admin, "positions", "stellen.csv", "nummer;beruf\n1;73202\n", importValid: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongColumns.StatusCode);
        var columnErrors = (await wrongColumns.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString());
        Assert.Contains("Die Spalte „rolle“ fehlt.", columnErrors);
    }

    [Fact]
    public async Task Every_import_answers_its_row_errors_in_german_with_german_numbers()
    {
        using var admin = factory.ApiClient("admin");
        var files = new (string Kind, string Content)[]
        {
            ("positions", "id;role;occupation;pay_level;weekly_hours\nS1;sb;73202;E9a;61,5\nS1;sb;7320;E9a;-1\n"),
            ("profiles", "id;occupation;skills;weekly_hours;consent\np1;73202;;39;vielleicht\np2;99999;Excel;abc;ja\n"),
            ("offers", "id;title;provider;skills;latitude;start_dates\no1;Kurs;Anbieter;;95;gestern\n"),
            ("occupation-skills", "occupation;skills\n7320;\n"),
            ("positions", "nummer;beruf\n1;73202\n"),
            ("positions", "id;role\n1;\"offen\n"),
        };
        var messages = new List<string>();
        foreach (var (kind, content) in files)
        {
            using var response = await ImportAsync(admin, kind, "liste.csv", content);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                messages.AddRange(errors.EnumerateArray().Select(e => e.GetProperty("message").GetString()!));
            else messages.Add(body.GetProperty("detail").GetString()!);
        }
        Assert.True(messages.Count >= 10, string.Join(" | ", messages));
        var hits = messages.SelectMany(Pages.EnglishWords.Hits).ToList();
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));
        Assert.Contains(messages, m => m.Contains("61,5 Wochenstunden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Job_centre_staff_see_consented_matches_with_explanations_and_managers_never_do()
    {
        await SeedAsync();
        using var jobcentre = factory.ApiClient("jobcenter");
        var matches = await jobcentre.GetFromJsonAsync<JsonElement>("/api/labour/matches");
        var ids = matches.EnumerateArray().Select(m => m.GetProperty("profileId").GetString()).ToList();
        Assert.Equal(["pseudo-0", "pseudo-1", "pseudo-2"], ids);
        var first = matches[0].GetProperty("offers")[0];
        Assert.Equal("A", first.GetProperty("offer").GetProperty("id").GetString());
        Assert.Contains("Schließt 2 von 3", first.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        using var manager = factory.ApiClient("leitung");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/labour/matches")).StatusCode);
        var managerPage = await (await factory.LoginAsync("leitung", "demo")).GetStringAsync("/jobcenter");
        Assert.DoesNotContain("pseudo-", managerPage, StringComparison.Ordinal);
        Assert.Contains("Fortschritt der Qualifizierung", managerPage, StringComparison.Ordinal);
        var jobcentrePage = await (await factory.LoginAsync("jobcenter", "demo")).GetStringAsync("/jobcenter");
        Assert.Contains("pseudo-0", jobcentrePage, StringComparison.Ordinal);
        Assert.DoesNotContain("ohne-0", jobcentrePage, StringComparison.Ordinal);

        var refused = await jobcentre.PostAsJsonAsync("/api/labour/outcomes", new { profileId = "ohne-0", offerId = "A", status = "accepted" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var bad = await jobcentre.PostAsJsonAsync("/api/labour/outcomes", new { profileId = "pseudo-0", offerId = "A", status = "vielleicht" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        for (var i = 0; i < 3; i++)
        {
            var ok = await jobcentre.PostAsJsonAsync("/api/labour/outcomes", new { profileId = $"pseudo-{i}", offerId = "A", status = "accepted" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        // Three people accepted: a group under five, so the aggregate shows it suppressed, for everyone.
        var progress = await manager.GetFromJsonAsync<JsonElement>("/api/labour/progress");
        var acceptedCell = progress.EnumerateArray().Single(p => p.GetProperty("status").GetString() == "Accepted").GetProperty("people");
        Assert.True(acceptedCell.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, acceptedCell.GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task Measured_impact_and_the_report_come_from_the_ledger_and_a_group_of_four_never_shows()
    {
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        var v1 = (await host.DeployAsync(TestBpmn.TwoTasks("meldung", "Meldung"), "meldung.bpmn")).Versions.Single();
        var v2 = (await host.DeployAsync(TestBpmn.TwoTasks("meldung", "Meldung digital"), "meldung.bpmn")).Versions.Single();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var db = host.Database.CreateContext())
        {
            for (var i = 0; i < 10; i++)
            {
                AddPricedStep(db, $"a{i}", v1.Id, "meldung v1", "Human", "73202", 30, 20, 12, now);
                AddPricedStep(db, $"b{i}", v2.Id, "meldung v2", "Automated", null, 0, 0, 2, now);
            }
            await db.SaveChangesAsync();
        }
        using var admin = factory.ApiClient("admin");
        var positions = "id;role;occupation;pay_level;weekly_hours\n" + string.Concat(Enumerable.Range(0, 4).Select(i => $"P{i};sachbearbeitung;73202;E9a;39\n"));
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(admin, "positions", "stellen.csv", positions)).StatusCode);

        using var manager = factory.ApiClient("leitung");
        var impact = await manager.GetFromJsonAsync<JsonElement>("/api/labour/impact?process=meldung&casesPerYear=3200");
        var occupation = impact.GetProperty("occupations").EnumerateArray().Single();
        Assert.Equal("73202", occupation.GetProperty("occupation").GetString());
        Assert.Equal(1.0, occupation.GetProperty("fte").GetDouble(), 9); // 30 min × 3,200 cases / 60 / 1,600 h
        Assert.Equal(["sachbearbeitung"], occupation.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var report = await manager.GetFromJsonAsync<JsonElement>("/api/labour/report");
        var row = report.GetProperty("occupations").GetProperty("rows").EnumerateArray().Single(o => o.GetProperty("occupation").GetString() == "73202");
        Assert.True(row.GetProperty("affected").GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("affected").GetProperty("value").ValueKind);
        var process = report.GetProperty("processes").EnumerateArray().Single(p => p.GetProperty("processId").GetString() == "meldung");
        var comparison = process.GetProperty("comparison");
        Assert.Equal(12.0, comparison.GetProperty("before").GetProperty("perCase").GetProperty("sciG").GetDouble(), 9);
        Assert.Equal(2.0, comparison.GetProperty("after").GetProperty("perCase").GetProperty("sciG").GetDouble(), 9);

        var html = await (await factory.LoginAsync("leitung", "demo")).GetStringAsync("/jobcenter/bericht");
        Assert.Contains("Frühzeitige Meldung an die Agentur für Arbeit", html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"Betroffene Personen\">•</td>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"sperrvermerk\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">4</td>", html, StringComparison.Ordinal);

        var xlsx = await manager.GetAsync("/api/labour/report.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var sheetRow = workbook.Worksheet("Berufe").RowsUsed().Single(r => r.Cell(1).GetString() == "73202");
        Assert.Equal("•", sheetRow.Cell(6).GetString());
    }

    [Fact]
    public async Task A_forecast_is_labelled_as_forecast_and_bad_codes_are_named()
    {
        using var owner = factory.ApiClient("prozess");
        var ok = await owner.PostAsJsonAsync("/api/labour/impact/forecast", new[]
        {
            new { processId = "p", nodeId = "S", nodeName = "Prüfen", occupation = "73202", roles = new[] { "sachbearbeitung" }, minutesSavedPerCase = 60.0,
                casesPerYear = 1600.0, basis = "Measured", source = "Szenario A" },
        });
        var row = (await ok.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Equal("Forecast", row.GetProperty("basis").GetString());
        Assert.Equal(1.0, row.GetProperty("fte").GetDouble(), 9);
        var bad = await owner.PostAsJsonAsync("/api/labour/impact/forecast", new[]
        {
            new { processId = "p", nodeId = "S", occupation = "99999", roles = Array.Empty<string>(), minutesSavedPerCase = 1.0, casesPerYear = 1.0, source = "x" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("steps[0].occupation", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Substitutability_needs_a_source_and_unknown_stays_unknown()
    {
        using var admin = factory.ApiClient("admin");
        var missing = await admin.PutAsJsonAsync("/api/occupations/71402/substitutability", new { sharePercent = 60.0, year = 2022 });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var saved = await admin.PutAsJsonAsync("/api/occupations/71402/substitutability", new { sharePercent = 60.0, source = "IAB Job-Futuromat, Abfrage 2026", year = 2022 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/occupations?q=7140");
        var entries = list.EnumerateArray().ToDictionary(o => o.GetProperty("code").GetString()!);
        Assert.Equal(60.0, entries["71402"].GetProperty("substitutabilityPercent").GetDouble());
        Assert.Equal(JsonValueKind.Null, entries["71401"].GetProperty("substitutabilityPercent").ValueKind);
        Assert.Equal(46.0, entries["71401"].GetProperty("levelAveragePercent").GetDouble());
    }

    [Fact]
    public async Task The_steps_of_each_role_come_from_the_published_definitions()
    {
        using var owner = factory.ApiClient("prozess");
        var roles = await owner.GetFromJsonAsync<JsonElement>("/api/labour/roles");
        var steps = roles.EnumerateObject().SelectMany(r => r.Value.EnumerateArray()).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("processId").GetString())));
        Assert.Contains(steps, s => s.GetProperty("occupation").ValueKind == JsonValueKind.String);
    }

    /// <summary>A priced step row as the writer stores it: the step with its ledger figures (shadow columns of steps).</summary>
    [Fact]
    public async Task The_impact_page_shows_the_figures_of_the_impact_api_and_only_to_the_roles_of_the_api()
    {
        var host = factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;
        var v1 = (await host.DeployAsync(TestBpmn.TwoTasks("wirkung", "Wirkung"), "wirkung.bpmn")).Versions.Single();
        var v2 = (await host.DeployAsync(TestBpmn.TwoTasks("wirkung", "Wirkung digital"), "wirkung.bpmn")).Versions.Single();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var db = host.Database.CreateContext())
        {
            for (var i = 0; i < 10; i++)
            {
                AddPricedStep(db, $"w-a{i}", v1.Id, "wirkung v1", "Human", "73202", 30, 20, 12, now, "wirkung");
                AddPricedStep(db, $"w-b{i}", v2.Id, "wirkung v2", "Automated", null, 0, 0, 2, now, "wirkung");
            }
            await db.SaveChangesAsync();
        }
        using var api = factory.ApiClient("jobcenter");
        var impact = await api.GetFromJsonAsync<JsonElement>("/api/labour/impact?process=wirkung");
        var occupation = impact.GetProperty("occupations").EnumerateArray().Single();
        var de = System.Globalization.CultureInfo.GetCultureInfo("de-DE");

        using var jobcentre = await factory.LoginAsync("jobcenter", "demo");
        var portal = WebUtility.HtmlDecode(await jobcentre.GetStringAsync("/jobcenter"));
        Assert.Contains("href=\"/jobcenter/wirkung\"", portal, StringComparison.Ordinal);
        // No delivery is set up here: the job centre is told who sets it up, not a configuration key it cannot change.
        Assert.Contains("Den regelmäßigen Versand an das Jobcenter richtet die Verwaltung (Betrieb) ein.", portal, StringComparison.Ordinal);
        Assert.DoesNotContain("Automation:", portal, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await jobcentre.GetStringAsync("/jobcenter/wirkung?prozess=wirkung"));
        Assert.Contains("<h1>Wirkung der Automatisierung</h1>", page, StringComparison.Ordinal);
        // The versions by the process's names (they differ from the id "wirkung"), the heading without the id.
        Assert.Contains("Wirkung Version 1 → Wirkung digital Version 2", page, StringComparison.Ordinal);
        Assert.Matches("<h3 id=\"prozess-wirkung\">Wirkung digital\\s*</h3>", page);
        Assert.Contains("data-label=\"Min./Vorgang eingespart\">30,0</td>", page, StringComparison.Ordinal);
        Assert.Contains("data-label=\"Betroffene Rollen\">sachbearbeitung</td>", page, StringComparison.Ordinal);
        Assert.Contains($"data-label=\"VZÄ\">{occupation.GetProperty("fte").GetDouble().ToString("0.00", de)}</td>", page, StringComparison.Ordinal);
        Assert.Contains($"data-label=\"Std./Jahr\">{occupation.GetProperty("hoursPerYear").GetDouble().ToString("N1", de)}</td>", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"prognosen\">Prognose (Simulation)</h2>", page, StringComparison.Ordinal);

        // Same policy as the API: a clerk is sent to the no-access page, a visitor to the login.
        using var clerk = await factory.LoginAsync("sachbearbeitung", "demo");
        var refused = await clerk.GetAsync("/jobcenter/wirkung");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/kein-zugriff", new Uri(new Uri("http://localhost"), refused.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient("sachbearbeitung").GetAsync("/api/labour/impact")).StatusCode);
        using var visitor = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var anonymous = await visitor.GetAsync("/jobcenter/wirkung");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/anmelden", new Uri(new Uri("http://localhost"), anonymous.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    internal static void AddPricedStep(AutomationDbContext db, string caseId, long definitionId, string label, string actor, string? occupation,
        double minutes, double cost, double grams, long at, string processId = "meldung", string status = "Completed")
    {
        var step = new StepRecord
        {
            CaseId = caseId, Sequence = 1, ProcessId = processId, NodeId = "Task_Pruefen", NodeName = "Antrag prüfen", Kind = "UserTask", Actor = actor,
            Outcome = "Completed", StartedAt = at, EndedAt = at,
        };
        // A completed case around the step: the ledger counts the steps of ended cases.
        db.Cases.Add(new CaseRecord
        {
            Id = caseId, DefinitionId = definitionId, ProcessId = processId, Status = status, State = "{}", Revision = 1, StartedAt = at, UpdatedAt = at, EndedAt = at,
        });
        var entry = db.Steps.Add(step);
        var figures = new Dictionary<string, object?>
        {
            [nameof(LedgerStepFigures.DefinitionId)] = definitionId, [nameof(LedgerStepFigures.DefinitionVersion)] = label,
            [nameof(LedgerStepFigures.StandardMinutes)] = minutes,
            [nameof(LedgerStepFigures.Authority)] = "Kommunen", [nameof(LedgerStepFigures.FactorSet)] = "de-2025", [nameof(LedgerStepFigures.Factors)] = "",
            [nameof(LedgerStepFigures.Occupation)] = occupation, [nameof(LedgerStepFigures.StaffMinutes)] = minutes,
            [nameof(LedgerStepFigures.StaffMinutesBasis)] = "Standard", [nameof(LedgerStepFigures.LabourCostEur)] = cost, [nameof(LedgerStepFigures.WorkplaceG)] = grams,
        };
        foreach (var (name, value) in figures) entry.Property(name).CurrentValue = value;
    }
}

/// <summary>The server with a report schedule firing every second and an SMTP sink on loopback.</summary>
public sealed class ReportDeliveryFactory : ServerFactory
{
    public SmtpSink Sink { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Automation:LabourMarket:Employer", "Stadt Musterstadt"),
        new("Automation:LabourMarket:Delivery:Cron", "0/1 * * * * ?"),
        new("Automation:LabourMarket:Delivery:SmtpHost", "127.0.0.1"),
        new("Automation:LabourMarket:Delivery:SmtpPort", Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Automation:LabourMarket:Delivery:Security", "None"),
        new("Automation:LabourMarket:Delivery:Recipients:0", "arbeitgeberservice@example.org"),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Sink.Dispose();
    }
}

/// <summary>A local SMTP server on a free loopback port that keeps every message it receives.</summary>
public sealed class SmtpSink : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Store store = new();

    public SmtpSink()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => store.Messages.ToList();

    public void Dispose()
    {
        // Cancelling stops the server; the source is not disposed because the server's tasks may still observe it.
        stop.Cancel();
    }

    private sealed class Store : MessageStore
    {
        public System.Collections.Concurrent.ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

public sealed class ReportDeliveryTests(ReportDeliveryFactory factory) : IClassFixture<ReportDeliveryFactory>
{
    [Fact]
    public async Task The_scheduled_job_mails_the_report_as_xlsx_through_the_configured_smtp_server()
    {
        using var client = factory.ApiClient("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        MimeMessage? message = null;
        for (var i = 0; i < 60 && message is null; i++)
        {
            var received = factory.Sink.Messages;
            message = received.Count > 0 ? received[0] : null;
            if (message is null) await Task.Delay(500);
        }
        Assert.NotNull(message);
        Assert.Equal("arbeitgeberservice@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains("Stadt Musterstadt", message.Subject, StringComparison.Ordinal);
        var attachment = message.Attachments.OfType<MimePart>().Single();
        Assert.EndsWith(".xlsx", attachment.FileName!, StringComparison.Ordinal);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        content.Position = 0;
        using var workbook = new XLWorkbook(content);
        Assert.Equal("Stadt Musterstadt", workbook.Worksheet("Meldung").Cell(2, 2).GetString());
        Assert.True(workbook.TryGetWorksheet("Nachhaltigkeit", out _));

        // The portal lists the delivery as sent, and its stored file is the attachment byte for byte.
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content.ToArray()));
        using var jobcentre = factory.ApiClient("jobcenter");
        // The sink has the message once the SMTP server accepted it; the job marks the delivery sent right after that.
        JsonElement delivery = default;
        for (var i = 0; i < 40; i++)
        {
            var deliveries = await jobcentre.GetFromJsonAsync<JsonElement>("/api/labour/deliveries");
            delivery = deliveries.EnumerateArray().Single(d => d.GetProperty("sha256").GetString() == sha);
            if (delivery.GetProperty("status").GetString() != "sending") break;
            await Task.Delay(250);
        }
        Assert.Equal("sent", delivery.GetProperty("status").GetString());
        Assert.Equal("arbeitgeberservice@example.org", delivery.GetProperty("recipients")[0].GetString());
        var file = await jobcentre.GetByteArrayAsync($"/api/labour/deliveries/{delivery.GetProperty("id").GetInt64()}/datei");
        Assert.Equal(content.ToArray(), file);
        Assert.Equal(HttpStatusCode.NotFound, (await jobcentre.GetAsync("/api/labour/deliveries/999999/datei")).StatusCode);
        var portal = await (await factory.LoginAsync("jobcenter", "demo")).GetStringAsync("/jobcenter");
        Assert.Contains("id=\"versand\"", portal, StringComparison.Ordinal);
        Assert.Contains("versandt am", portal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_firing_the_same_schedule_send_the_report_once()
    {
        var due = new DateTimeOffset(2001, 1, 1, 6, 0, 0, TimeSpan.Zero);
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var ids = await Task.WhenAll(
            first.ServiceProvider.GetRequiredService<Features.LabourMarket.ReportDeliveryLog>().DeliverAsync(due, CancellationToken.None),
            second.ServiceProvider.GetRequiredService<Features.LabourMarket.ReportDeliveryLog>().DeliverAsync(due, CancellationToken.None));
        Assert.Single(ids, id => id is not null);
        var deliveries = await factory.ApiClient("leitung").GetFromJsonAsync<JsonElement>("/api/labour/deliveries");
        Assert.Single(deliveries.EnumerateArray(), d => d.GetProperty("scheduledFor").GetDateTimeOffset() == due);
    }

    [Fact]
    public async Task A_delivery_the_smtp_server_refuses_is_recorded_as_failed_with_the_reason()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = Microsoft.Extensions.Options.Options.Create(new Features.LabourMarket.LabourOptions
        {
            Delivery = new Features.LabourMarket.DeliveryOptions { SmtpHost = "127.0.0.1", SmtpPort = closedPort, Security = "None", Recipients = ["meldung@example.org"] },
        });
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var log = new Features.LabourMarket.ReportDeliveryLog(services.GetRequiredService<WorkflowHostAccessor>(), services.GetRequiredService<Mediator.IMediator>(),
            new Features.LabourMarket.ReportMailer(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<Features.LabourMarket.ReportMailer>.Instance),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Features.LabourMarket.ReportDeliveryLog>.Instance);
        var due = new DateTimeOffset(2002, 2, 2, 6, 0, 0, TimeSpan.Zero);
        var id = await log.DeliverAsync(due, CancellationToken.None);

        var deliveries = await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>("/api/labour/deliveries");
        var failed = deliveries.EnumerateArray().Single(d => d.GetProperty("id").GetInt64() == id);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("sentAt").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(failed.GetProperty("error").GetString()));
        Assert.DoesNotContain(" at ", failed.GetProperty("error").GetString()!, StringComparison.Ordinal);
    }
}
