using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Automation.Server.Tests.Inputs;

/// <summary>The server on SQLite with the database given as a bare file path, as the operator guide shows it.</summary>
public sealed class BarePathFactory : ServerFactory
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), "am-bare-" + Guid.NewGuid().ToString("N"), "sub", "automation.db");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Automation:Database:ConnectionString", DatabasePath)];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(DatabasePath))!, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }
}

/// <summary>Database settings: a bare path works; a malformed string stops the start with one German line and no stack trace.</summary>
public sealed class StartupConfigurationTests(BarePathFactory factory) : IClassFixture<BarePathFactory>
{
    [Fact]
    public async Task A_bare_file_path_is_the_sqlite_database()
    {
        var clerk = factory.ApiClient("sachbearbeitung");
        await TestBpmn.PublishAsync(factory.ApiClient("prozess"), TestBpmn.TwoTasks("pfad"));

        var id = await TestBpmn.StartAsync(clerk, "pfad", "AZ-PFAD");

        Assert.True(File.Exists(factory.DatabasePath), factory.DatabasePath);
        Assert.Equal("Waiting", (await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("status").GetString());
        var health = await factory.ApiClient(null).GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    public static TheoryData<string[], string> BadSettings => new()
    {
        { ["--Automation:Database:ConnectionString=Data Sourc=/tmp/x.db;Mode=Gibts"], "ist weder ein Dateipfad noch eine gültige SQLite-Verbindungszeichenfolge" },
        { ["--Automation:Database:ConnectionString=Cache=Shared"], "nennt keine SQLite-Datei" },
        { ["--Automation:Database:Provider=Postgres", "--Automation:Database:ConnectionString=Hots=db;Passwort=geheim"], "keine gültige PostgreSQL-Verbindungszeichenfolge" },
        { ["--Automation:Database:Provider=Postgres"], "fehlt; für PostgreSQL ist sie nötig" },
        { ["--Automation:Proxy:KnownNetworks:0=10.0.0.0/99"], "kein Netz in CIDR-Schreibweise" },
        { ["--Automation:Proxy:KnownProxies:0=proxy.intern"], "keine IP-Adresse" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Malformed_settings_stop_the_start_with_a_german_line_and_no_stack_trace(string[] arguments, string expected)
    {
        var (code, output, error) = await ServerProcess.RunToExitAsync(null, arguments, new Dictionary<string, string>
        {
            ["Automation__Admin__Password"] = "start-test-1",
            ["Automation__DataProtectionKeysPath"] = Path.Combine(Path.GetTempPath(), "am-start-" + Guid.NewGuid().ToString("N")),
        });
        var all = output + error;

        Assert.Equal(2, code);
        Assert.Contains("Der Server startet nicht: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, all, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", all, StringComparison.Ordinal);
    }
}
