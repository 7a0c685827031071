using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Automation.Server.Tests;

/// <summary>
/// The built server sets a new database up in a child process of itself (`--setup`) and serves from a process that never
/// ran the migrator or the demo's scripts (Infrastructure/SetupProcess.cs): tried as the operator guide tells it, by
/// running the real server.
/// </summary>
public sealed partial class SetupProcessTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "am-setup-" + Guid.NewGuid().ToString("N"));

    public SetupProcessTests() => Directory.CreateDirectory(dir);

    private string DatabasePath => Path.Combine(dir, "data", "automation.db");

    private static Dictionary<string, string> Workflows => new() { ["Automation__WorkflowsPath"] = Path.Combine(ServerFactory.RepositoryRoot, "workflows") };

    [Fact]
    public async Task A_first_start_with_the_demo_is_set_up_by_a_child_while_the_server_answers_and_serves_with_nothing_due()
    {
        if (!OperatingSystem.IsLinux()) return;
        await using var server = new ServerProcess(dir, ["--demo"], Workflows);
        await server.WaitUntilHealthyAsync();
        using var http = server.Client();

        // Kestrel listened while the child worked: the key ring's preload no longer holds it back (both lines are this process's).
        var output = server.Output;
        Assert.True(output.IndexOf("Now listening", StringComparison.Ordinal) is var listening and >= 0
            && listening < output.IndexOf("Database set up by child process", StringComparison.Ordinal), output);
        var childLine = Assert.Single(output.Split('\n'), l => l.Contains("Database set up by child process", StringComparison.Ordinal));
        var childId = int.Parse(ChildId().Match(childLine).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(server.Id, childId);
        Assert.Contains("Demo data: 24 cases started", output, StringComparison.Ordinal);
        // The serving process migrated nothing (StartFootprintTests: nor did it load the demo's script engine).
        Assert.Equal(1, Regex.Count(output, "Applying [0-9]+ migration"));
        // The demo's AI steps were run by the child: nothing waits for a connector when the server is ready.
        Assert.True(await CountAsync("SELECT COUNT(*) FROM cases") >= 24);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM external_tasks"));
        Assert.True(await CountAsync("SELECT COUNT(*) FROM steps WHERE node_id = 'Task_EingangKlassifizieren'") >= 3);
        // The demo users exist for the serving process.
        using var login = await http.GetAsync("/anmelden");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task On_postgresql_the_first_start_is_set_up_by_the_child_as_well()
    {
        if (!OperatingSystem.IsLinux()) return;
        var postgres = new Automation.Data.Tests.Infrastructure.PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            var settings = new Dictionary<string, string>(Workflows)
            {
                ["Automation__Database__Provider"] = "Postgres",
                ["Automation__Database__ConnectionString"] = postgres.ConnectionString(await postgres.CreateDatabaseAsync("setup")),
            };
            await using var server = new ServerProcess(dir, ["--demo"], settings);
            await server.WaitUntilHealthyAsync();

            Assert.Contains("Database set up by child process", server.Output, StringComparison.Ordinal);
            Assert.Equal(1, Regex.Count(server.Output, "Applying [0-9]+ migration"));
            Assert.Contains("Demo data: 24 cases started", server.Output, StringComparison.Ordinal);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_an_administrator_the_serving_process_arms_the_setup_link_once_and_accepts_it()
    {
        if (!OperatingSystem.IsLinux()) return;
        await using var server = new ServerProcess(dir, []);
        await server.WaitUntilHealthyAsync();
        using var http = server.Client();

        var links = SetupLink().Matches(server.Output);
        // The child starts with no administrator too; a link it armed would die with it.
        var link = Assert.Single(links);
        Assert.Contains("Database set up by child process", server.Output, StringComparison.Ordinal);
        var form = await http.GetStringAsync("/einrichtung/" + link.Groups[1].Value);
        Assert.Contains("Ersteinrichtung", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setup_switch_sets_the_database_up_and_exits_and_a_second_run_changes_nothing()
    {
        var (code, output) = await RunToExitAsync(["--setup", "--demo"]);
        Assert.True(code == 0, output);
        Assert.Contains("Applying", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        var cases = await CountAsync("SELECT COUNT(*) FROM cases");
        var users = await CountAsync("SELECT COUNT(*) FROM server_users");
        Assert.True(cases >= 24, output);

        (code, output) = await RunToExitAsync(["--setup", "--demo"]);
        Assert.True(code == 0, output);
        Assert.DoesNotContain("Applying", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo data", output, StringComparison.Ordinal);
        Assert.Equal(cases, await CountAsync("SELECT COUNT(*) FROM cases"));
        Assert.Equal(users, await CountAsync("SELECT COUNT(*) FROM server_users"));
    }

    [Fact]
    public async Task A_database_the_setup_cannot_create_stops_the_server_with_german_lines_exit_code_1_and_no_stack_trace()
    {
        var blocker = Path.Combine(dir, "datei");
        await File.WriteAllTextAsync(blocker, "kein Ordner");

        var (code, output) = await RunToExitAsync([], new() { ["Automation__Database__ConnectionString"] = $"Data Source={blocker}/automation.db" });

        Assert.True(code == 1, output);
        Assert.Contains($"Der Server startet nicht: SQLite {blocker}/automation.db lässt sich nicht öffnen", output, StringComparison.Ordinal);
        // Where the child ran, the serving process says so and points to the child's line above.
        Assert.Contains("Die Einrichtung der Datenbank (Prozess", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the built server in the test's folder, with the sample processes, until it exits by itself.</summary>
    private async Task<(int Code, string Output)> RunToExitAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        var (code, output, error) = await ServerProcess.RunToExitAsync(dir, args, new Dictionary<string, string>(Workflows.Concat(environment ?? [])));
        return (code, output + error);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS later.
        }
    }

    [GeneratedRegex(@"child process (\d+)")]
    private static partial Regex ChildId();

    [GeneratedRegex(@"/einrichtung/([A-Za-z0-9_-]{20,})")]
    private static partial Regex SetupLink();
}
