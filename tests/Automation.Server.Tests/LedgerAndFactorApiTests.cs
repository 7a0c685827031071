using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Automation.Data;
using Automation.Data.Reports;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.Server.Tests;

/// <summary>Factors API and page, ledger queries (JSON and CSV) and the staff-privacy rules at the API.</summary>
public sealed class LedgerAndFactorApiTests : IClassFixture<LedgerServerFactory>, IAsyncLifetime
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="ledgerpruefung" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="pruefen" name="Antrag prüfen"><bpmn:extensionElements><am:role name="sachbearbeitung" />
              <am:effort activity="3" complexity="simple" payLevel="mittel" occupation="73202"/><am:footprint printedPages="2" letters="1"/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly string[] People = ["anna.a", "bert.b", "cem.c", "dora.d", "emil.e", "anna.a"];
    private readonly LedgerServerFactory factory;
    private IReadOnlyList<Guid> cases = [];

    public LedgerAndFactorApiTests(LedgerServerFactory factory) => this.factory = factory;

    private WorkflowHost Host => factory.Services.GetRequiredService<WorkflowHostAccessor>().Host;

    /// <summary>The middle of last month (Europe/Berlin): the cases ran then, so their month is closed.</summary>
    private static readonly DateOnly LastMonth = ReportPeriod.MonthOf(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).AddMonths(-1);

    /// <summary>
    /// Once per fixture: six cases of one human step, 12 measured minutes each, by five people, moved into the middle of last
    /// month, which is closed, and folded into the ledger cells.
    /// </summary>
    public async Task InitializeAsync() => cases = await factory.SeedOnceAsync(async () =>
    {
        var deploy = await Host.DeployAsync(Process, "ledgerpruefung.bpmn");
        Assert.True(deploy.Succeeded, string.Join("\n", deploy.Diagnostics));
        var ids = new List<Guid>();
        foreach (var person in People) ids.Add(await RunCaseAsync(person, 12));
        var shift = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - ReportPeriod.StartOfDayMs(LastMonth.AddDays(14));
        await using (var c = await Host.Database.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
                UPDATE cases SET started_at = started_at - {shift}, ended_at = ended_at - {shift};
                UPDATE steps SET started_at = started_at - {shift}, ended_at = ended_at - {shift};
                """);
            await cmd.ExecuteNonQueryAsync();
        }
        await new LedgerRollup(Host.Database).RebuildAsync();
        return ids;
    });

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> RunCaseAsync(string user, int minutes)
    {
        var started = await Host.StartCaseAsync("ledgerpruefung");
        var task = Assert.Single(started.State.Waits);
        await Host.ClaimTaskAsync(started.CaseId, task.Id, user);
        await using (var c = await Host.Database.OpenAsync())
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"UPDATE tasks SET claimed_at = claimed_at - {minutes * 60000L} WHERE case_id = '{started.CaseId}'");
            await cmd.ExecuteNonQueryAsync();
        }
        await Host.CompleteTaskAsync(started.CaseId, task.Id, completedBy: user);
        return started.CaseId;
    }

    private static async Task<string> FieldOfProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString()!;
    }

    [Fact]
    public async Task Managers_read_factors_with_source_year_and_status_and_the_history_of_one()
    {
        var manager = factory.ApiClient("leitung");
        var list = await manager.GetFromJsonAsync<JsonElement>("/api/factors?at=2025-06-01");
        var grid = list.EnumerateArray().Single(f => f.GetProperty("key").GetString() == "grid.intensity");
        var valid = grid.GetProperty("validToday");
        Assert.Equal((363m, 2024, "secondary"), (valid.GetProperty("value").GetDecimal(), valid.GetProperty("year").GetInt32(), valid.GetProperty("status").GetString()));
        Assert.StartsWith("Umweltbundesamt", valid.GetProperty("source").GetString(), StringComparison.Ordinal);
        var history = await manager.GetFromJsonAsync<JsonElement>("/api/factors/grid.intensity");
        Assert.Equal(["grid.intensity@1", "grid.intensity@2"], history.EnumerateArray().Select(v => v.GetProperty("id").GetString()));
        Assert.All(history.EnumerateArray(), v => Assert.Equal("seed", v.GetProperty("createdBy").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/factors/gibts.nicht")).StatusCode);
        Assert.Equal("at", await FieldOfProblemAsync(await manager.GetAsync("/api/factors?at=morgen")));
    }

    [Fact]
    public async Task Only_admins_add_factor_versions_and_bad_ones_get_a_400_naming_the_field()
    {
        var body = new
        {
            key = "post.letter", value = 25.5m, unit = "gCO2e/letter", source = "Deutsche Post, Nachhaltigkeitsbericht 2026", year = 2026,
            status = "secondary", validFrom = "2030-01-01",
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient("leitung").PostAsJsonAsync("/api/factors", body)).StatusCode);
        var admin = factory.ApiClient("admin");
        Assert.Equal("value", await FieldOfProblemAsync(await admin.PostAsJsonAsync("/api/factors", body with { value = -1m })));
        Assert.Equal("source", await FieldOfProblemAsync(await admin.PostAsJsonAsync("/api/factors", body with { source = "" })));
        Assert.Equal("validFrom", await FieldOfProblemAsync(await admin.PostAsJsonAsync("/api/factors",
            new { key = "grid.intensity", value = 300m, unit = "gCO2/kWh", source = "UBA", year = 2025, status = "secondary", validFrom = "2025-03-01", validTo = "2025-04-30" })));
        Assert.Equal("validFrom", await FieldOfProblemAsync(await admin.PostAsJsonAsync("/api/factors", body with { validFrom = "1.1.2030" })));

        var created = await admin.PostAsJsonAsync("/api/factors", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var version = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("admin", "2030-01-01"), (version.GetProperty("createdBy").GetString(), version.GetProperty("validFrom").GetString()));
        var history = await admin.GetFromJsonAsync<JsonElement>("/api/factors/post.letter");
        Assert.Equal("2029-12-31", history[history.GetArrayLength() - 2].GetProperty("validTo").GetString());
        // The change is in the audit log with who, before (the version it closed) and after.
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?kind=factor-version");
        var entry = Assert.Single(audit.EnumerateArray(), e => e.GetProperty("entityId").GetString() == version.GetProperty("id").GetString());
        Assert.Equal(("admin", "create"), (entry.GetProperty("actor").GetString(), entry.GetProperty("action").GetString()));
        Assert.Contains("\"validTo\":null", entry.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("2030-01-01", entry.GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_recomputation_report_compares_old_and_new_totals_per_definition_version()
    {
        var report = await (await factory.ApiClient("admin").PostAsync("/api/factors/recomputation?processId=ledgerpruefung", null)).Content.ReadFromJsonAsync<JsonElement>();
        var line = Assert.Single(report.GetProperty("definitions").EnumerateArray());
        Assert.Equal("ledgerpruefung@1", line.GetProperty("definitionVersion").GetString());
        Assert.Equal(People.Length, line.GetProperty("entries").GetInt32());
        Assert.Equal(line.GetProperty("old").GetProperty("paperG").GetDecimal(), line.GetProperty("new").GetProperty("paperG").GetDecimal());
        // The devices follow the staff minutes: on the standard basis in both totals, unchanged under the same factors.
        Assert.True(line.GetProperty("old").GetProperty("deviceStandardG").GetDecimal() > 0);
        Assert.Equal(line.GetProperty("old").GetProperty("deviceStandardG").GetDecimal(), line.GetProperty("new").GetProperty("deviceStandardG").GetDecimal(), 6);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient("leitung").PostAsync("/api/factors/recomputation", null)).StatusCode);
    }

    [Fact]
    public async Task Ledger_queries_group_in_the_database_and_the_csv_carries_the_same_rows()
    {
        var manager = factory.ApiClient("leitung");
        foreach (var by in new[] { "total", "case", "definition", "step", "month", "occupation" })
        {
            var json = await manager.GetFromJsonAsync<JsonElement>($"/api/ledger?by={by}&processId=ledgerpruefung");
            var csv = await manager.GetStringAsync($"/api/ledger/csv?by={by}&processId=ledgerpruefung");
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var rows = json.GetProperty("rows");
            Assert.Equal(rows.GetArrayLength() + 1, lines.Length);
            var header = lines[0].Split(',');
            for (var i = 0; i < rows.GetArrayLength(); i++)
            {
                var cells = lines[i + 1].Split(',');
                Assert.Equal(rows[i].GetProperty("key").GetString(), cells[Array.IndexOf(header, "key")]);
                Assert.Equal(rows[i].GetProperty("standardMinutes").GetDouble(), double.Parse(cells[Array.IndexOf(header, "standardMinutes")], CultureInfo.InvariantCulture));
                Assert.Equal(rows[i].GetProperty("paperG").GetDouble(), double.Parse(cells[Array.IndexOf(header, "paperG")], CultureInfo.InvariantCulture));
                Assert.Equal(rows[i].GetProperty("deviceG").GetDouble(), double.Parse(cells[Array.IndexOf(header, "deviceG")], CultureInfo.InvariantCulture));
            }
        }
        // The workplace devices' manufacturing is a component of its own and inside the SCI figure: SCI = workplace + devices +
        // compute + AI + server share, each as the row states it (rounded to 4 decimals, hence the tolerance).
        var total = (await manager.GetFromJsonAsync<JsonElement>("/api/ledger?by=total&processId=ledgerpruefung")).GetProperty("rows")[0];
        Assert.True(total.GetProperty("deviceG").GetDouble() > 0);
        var inside = new[] { "workplaceG", "deviceG", "computeG", "aiG", "embodiedG" }.Sum(f => total.GetProperty(f).GetDouble());
        // Five components, each off by at most half a unit of the fourth decimal; rounding both sides to three decimals
        // failed whenever the two straddled a rounding boundary (82.8054 against 82.8055).
        Assert.Equal(inside, total.GetProperty("sciCarbonG").GetDouble(), 5 * 0.00005 + 1e-9);
        var definition = (await manager.GetFromJsonAsync<JsonElement>("/api/ledger?by=definition&processId=ledgerpruefung")).GetProperty("rows")[0];
        Assert.Equal(("ledgerpruefung@1", 6, 6), (definition.GetProperty("key").GetString(), definition.GetProperty("cases").GetInt32(),
            definition.GetProperty("completedCases").GetInt32()));
        Assert.Equal(definition.GetProperty("staffMinutes").GetDouble() / 6, definition.GetProperty("staffMinutesPerCase").GetDouble(), 3);
        var month = LastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var inMonth = await manager.GetFromJsonAsync<JsonElement>($"/api/ledger?by=month&from={month}&to={month}&processId=ledgerpruefung");
        Assert.Equal(month, inMonth.GetProperty("rows")[0].GetProperty("key").GetString());
        var later = await manager.GetFromJsonAsync<JsonElement>($"/api/ledger?by=total&from={LastMonth.AddMonths(1):yyyy-MM}&processId=ledgerpruefung");
        Assert.Equal(0, later.GetProperty("rows").GetArrayLength());
        Assert.Equal("by", await FieldOfProblemAsync(await manager.GetAsync("/api/ledger?by=gibtsnicht")));
        Assert.Equal("from", await FieldOfProblemAsync(await manager.GetAsync("/api/ledger?from=gestern")));
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient("sachbearbeitung").GetAsync("/api/ledger")).StatusCode);
    }

    [Fact]
    public async Task Measured_times_show_only_for_a_closed_month_with_five_cases_and_five_people_and_finer_selections_get_standard_time()
    {
        var manager = factory.ApiClient("leitung");
        // Six cases by five people in a closed month: the cell passes the gate.
        var all = (await manager.GetFromJsonAsync<JsonElement>("/api/ledger?by=definition&processId=ledgerpruefung")).GetProperty("rows")[0];
        Assert.Equal("Measured", all.GetProperty("basis").GetString());
        Assert.InRange(all.GetProperty("staffMinutes").GetDouble(), 72, 73);
        Assert.Equal(30.0, all.GetProperty("standardMinutes").GetDouble());
        // One case: standard time, marked as such.
        var small = (await manager.GetFromJsonAsync<JsonElement>($"/api/ledger?by=total&caseId={cases[0]}")).GetProperty("rows")[0];
        Assert.Equal(("Standard", 5.0), (small.GetProperty("basis").GetString(), small.GetProperty("staffMinutes").GetDouble()));
        Assert.Contains("Standardzeit", small.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        // Part of the month, even all but one day of it: finer than a cell, so standard time.
        var days = await manager.GetFromJsonAsync<JsonElement>(
            $"/api/ledger?by=total&from={LastMonth:yyyy-MM}-02&to={LastMonth.AddMonths(1).AddDays(-1):yyyy-MM-dd}&processId=ledgerpruefung");
        Assert.Equal(30.0, days.GetProperty("rows")[0].GetProperty("staffMinutes").GetDouble());
        // Per case: every row is there, each on standard time.
        var perCase = (await manager.GetFromJsonAsync<JsonElement>("/api/ledger?by=case&processId=ledgerpruefung")).GetProperty("rows");
        Assert.Equal(6, perCase.GetArrayLength());
        Assert.All(perCase.EnumerateArray(), r => Assert.Equal(5.0, r.GetProperty("staffMinutes").GetDouble()));
        var csv = await manager.GetStringAsync("/api/ledger/csv?by=case&processId=ledgerpruefung");
        Assert.All(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), line => Assert.Contains(",Standard,", line, StringComparison.Ordinal));
        Assert.DoesNotContain("12", string.Join(",", perCase.EnumerateArray().Select(r => r.GetProperty("staffMinutes").GetDouble())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_ledger_or_factor_endpoint_returns_times_per_person_or_names_a_person()
    {
        var admin = factory.ApiClient("admin");
        foreach (var by in new[] { "person", "user", "assignee", "worker" })
            Assert.Equal("by", await FieldOfProblemAsync(await admin.GetAsync($"/api/ledger?by={by}")));
        var responses = new List<string>();
        foreach (var by in new[] { "total", "case", "definition", "step", "month", "occupation" })
        {
            responses.Add(await admin.GetStringAsync($"/api/ledger?by={by}"));
            responses.Add(await admin.GetStringAsync($"/api/ledger/csv?by={by}"));
        }
        responses.Add(await admin.GetStringAsync($"/api/ledger/cases/{cases[0]}"));
        responses.Add(await (await admin.PostAsync("/api/factors/recomputation", null)).Content.ReadAsStringAsync());
        var pseudonym = WorkerPseudonym.Of(Features.Ledger.PseudonymKey.LoadOrCreate(KeysFolder()), "anna.a")!;
        foreach (var text in responses)
        {
            Assert.DoesNotContain("anna.a", text, StringComparison.Ordinal);
            Assert.DoesNotContain(pseudonym, text, StringComparison.Ordinal);
            Assert.DoesNotContain("worker", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Admins_get_the_recomputation_report_as_a_page_and_managers_do_not()
    {
        var admin = await factory.LoginAsync("admin", "admin-secret-1");
        Assert.Contains("/faktoren/neuberechnung", await admin.GetStringAsync("/faktoren"), StringComparison.Ordinal);
        var form = await admin.GetStringAsync("/faktoren/neuberechnung");
        var report = await admin.PostAsync("/faktoren/neuberechnung", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ProcessId"] = "ledgerpruefung", ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var html = await report.Content.ReadAsStringAsync();
        Assert.Contains("id=\"recomputation\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>ledgerpruefung@1</td><td>6</td>", html, StringComparison.Ordinal);
        var bad = await admin.PostAsync("/faktoren/neuberechnung", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["From"] = "gestern", ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("from:", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var manager = await factory.LoginAsync("leitung", "demo");
        Assert.DoesNotContain("/faktoren/neuberechnung", await manager.GetStringAsync("/faktoren"), StringComparison.Ordinal);
        var denied = await manager.GetAsync("/faktoren/neuberechnung");
        Assert.StartsWith("/kein-zugriff", denied.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    private string KeysFolder() => factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.DataProtectionKeysPath;

    [Fact]
    public async Task The_factor_pages_list_sources_and_let_only_admins_add_a_version()
    {
        var manager = await factory.LoginAsync("leitung", "demo");
        var list = await manager.GetStringAsync("/faktoren");
        Assert.Contains("Stromverbrauchsmix Deutschland", list, StringComparison.Ordinal);
        Assert.Contains("Umweltbundesamt", list, StringComparison.Ordinal);
        Assert.Contains("Sekundärquelle", list, StringComparison.Ordinal);
        // Validity in German notation, not the API's ISO dates (issue 17: "2025-01-01 – offen").
        Assert.Contains("<td>01.01.2025 – offen</td>", list, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2} –", list);
        var readOnly = await manager.GetStringAsync("/faktoren/workplace.energy");
        Assert.Contains("workplace.energy", readOnly, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2} –", readOnly);
        Assert.DoesNotContain("Neue Version anlegen", readOnly, StringComparison.Ordinal);

        var admin = await factory.LoginAsync("admin", "admin-secret-1");
        var form = await admin.GetStringAsync("/faktoren/trip.distance");
        Assert.Contains("Neue Version anlegen", form, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["Value"] = "-3", ["Unit"] = "km/trip", ["Source"] = "Mobilität in Deutschland 2023", ["Year"] = "2023", ["Status"] = "secondary",
            ["ValidFrom"] = "2031-01-01", ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(form),
        };
        var refused = await admin.PostAsync("/faktoren/trip.distance", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("value: darf nicht negativ sein", refusedPage, StringComparison.Ordinal);
        fields["Value"] = "12,5";
        var accepted = await admin.PostAsync("/faktoren/trip.distance", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var acceptedPage = await accepted.Content.ReadAsStringAsync();
        Assert.Contains("Sie gilt für Schritte, die ab 01.01.2031 enden.", acceptedPage, StringComparison.Ordinal);
        Assert.Contains("<td>01.01.2031 – offen</td>", acceptedPage, StringComparison.Ordinal);
        var history = await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>("/api/factors/trip.distance");
        var last = history[history.GetArrayLength() - 1];
        Assert.Equal((12.5m, "admin"), (last.GetProperty("value").GetDecimal(), last.GetProperty("createdBy").GetString()));
        var denied = await manager.PostAsync("/faktoren/trip.distance", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Value"] = "1", ["Unit"] = "km/trip", ["Source"] = "x", ["Year"] = "2023", ["Status"] = "secondary", ["ValidFrom"] = "2032-01-01",
            ["__RequestVerificationToken"] = ServerFactory.AntiforgeryToken(readOnly),
        }));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/kein-zugriff", denied.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(history.GetArrayLength(), (await factory.ApiClient("admin").GetFromJsonAsync<JsonElement>("/api/factors/trip.distance")).GetArrayLength());
    }
}

/// <summary>The server for <see cref="LedgerAndFactorApiTests"/>, with its cases created once.</summary>
public sealed class LedgerServerFactory : ServerFactory
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<Guid>? seeded;

    public async Task<IReadOnlyList<Guid>> SeedOnceAsync(Func<Task<List<Guid>>> seed)
    {
        _ = Server;
        await gate.WaitAsync();
        try
        {
            return seeded ??= await seed();
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
