namespace Automation.Server.Tests;

/// <summary>
/// A server on SQLite loads only what it uses: not PostgreSQL's driver or EF Core provider, not Quartz without a
/// report schedule, not OpenID Connect without single sign-on, and no script engine before the first script (the demo's
/// ran in the setup process, Infrastructure/SetupProcess.cs). Each of
/// these was loaded at every start before (docs/operator-guide.md, memory): code loads the types a method names when
/// it is compiled, even in a branch that never runs, so one new mention in the wrong method brings an assembly back.
/// </summary>
public sealed class StartFootprintTests
{
    private static readonly string[] NeverOnSqlite =
        ["Npgsql.dll", "Npgsql.EntityFrameworkCore.PostgreSQL.dll", "Quartz.dll", "Microsoft.AspNetCore.Authentication.OpenIdConnect.dll"];

    [Fact]
    public async Task A_sqlite_server_loads_no_postgresql_quartz_or_single_sign_on_neither_on_its_first_start_nor_after()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = Path.Combine(Path.GetTempPath(), "am-footprint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // The first start's child process migrates and seeds the demo, whose scripts load Jint: not this process.
            var first = await LoadedAssembliesAsync(dir, ["--demo"]);
            Assert.Contains("Automation.Data.dll", first);
            Assert.Empty(first.Intersect([.. NeverOnSqlite, "Jint.dll", "Acornima.dll"]));

            // A restart runs no script: the script engine stays out too.
            var restart = await LoadedAssembliesAsync(dir, []);
            Assert.Contains("Microsoft.Data.Sqlite.dll", restart);
            Assert.Empty(restart.Intersect([.. NeverOnSqlite, "Jint.dll", "Acornima.dll"]));
        }
        finally
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
    }

    /// <summary>Runs the built server in <paramref name="dir"/> until /health answers 200 and a moment after, and returns the assemblies it has mapped.</summary>
    private static async Task<HashSet<string>> LoadedAssembliesAsync(string dir, string[] args)
    {
        await using var server = new ServerProcess(dir, args, new Dictionary<string, string>
        {
            ["Automation__Admin__Password"] = "footprint-test-1",
            ["Automation__WorkflowsPath"] = Path.Combine(ServerFactory.RepositoryRoot, "workflows"),
        });
        await server.WaitUntilHealthyAsync();
        // The background services' first rounds (job and connector workers, the rollup) run right after the start.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var maps = await File.ReadAllLinesAsync($"/proc/{server.Id}/maps");
        return [.. maps.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 6)
            .Select(p => Path.GetFileName(p[^1])).Where(n => n.EndsWith(".dll", StringComparison.Ordinal))];
    }
}
