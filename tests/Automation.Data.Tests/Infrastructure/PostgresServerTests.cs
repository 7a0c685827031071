using Npgsql;
using Xunit.Abstractions;

namespace Automation.Data.Tests.Infrastructure;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresServerTests(PostgresServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task A_new_database_answers_on_the_private_loopback_port()
    {
        output.WriteLine($"PostgreSQL from {server.BinDirectory} on port {server.Port}, started in {server.StartupTime.TotalSeconds:0.00} s");
        var database = await server.CreateDatabaseAsync("smoke");

        await using var connection = new NpgsqlConnection(server.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT version(), current_database(), host(inet_server_addr()), inet_server_port(), current_user", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.StartsWith("PostgreSQL ", reader.GetString(0), StringComparison.Ordinal);
        Assert.Equal(database, reader.GetString(1));
        Assert.Equal("127.0.0.1", reader.GetString(2));
        Assert.Equal(server.Port, reader.GetInt32(3));
        Assert.Equal(PostgresServer.UserName, reader.GetString(4));
    }

    [Fact]
    public async Task Databases_created_in_parallel_are_independent()
    {
        var names = await Task.WhenAll(server.CreateDatabaseAsync("parallel"), server.CreateDatabaseAsync("parallel"));
        Assert.NotEqual(names[0], names[1]);

        await Task.WhenAll(names.Select(async name =>
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString(name));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE marker (value text); INSERT INTO marker VALUES (@v)", connection);
            command.Parameters.AddWithValue("v", name);
            await command.ExecuteNonQueryAsync();
        }));

        foreach (var name in names)
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString(name));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT string_agg(value, ',') FROM marker", connection);
            Assert.Equal(name, await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public void Database_names_are_unique_valid_identifiers()
    {
        var name = PostgresServer.UniqueDatabaseName("Fälle-Test " + new string('x', 80), 7);

        Assert.Matches("^fa?lle_test_x+_7_[0-9a-f]+$".Replace("a?", "_", StringComparison.Ordinal), name);
        Assert.True(name.Length <= 63, name);
        Assert.StartsWith("db_1", PostgresServer.UniqueDatabaseName("1st", 1), StringComparison.Ordinal);
        Assert.NotEqual(PostgresServer.UniqueDatabaseName("x", 1), PostgresServer.UniqueDatabaseName("x", 1));
    }
}

/// <summary>The fixture's failure path, without the shared cluster.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresServerFailureTests
{
    [Fact]
    public async Task Missing_binaries_fail_with_the_directory_and_the_install_command()
    {
        var server = new PostgresServer("/nonexistent/postgresql/bin");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(server.InitializeAsync);

        Assert.Contains("PostgreSQL server binaries not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("initdb and pg_ctl missing in '/nonexistent/postgresql/bin'", error.Message, StringComparison.Ordinal);
        Assert.Contains(PostgresServer.BinDirectoryVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_failing_initdb_puts_its_output_into_the_message_and_leaves_nothing_behind()
    {
        using var bin = new FakeBin("""
            #!/bin/sh
            echo "initdb: error: fake failure for the test" >&2
            exit 1
            """);
        var server = new PostgresServer(bin.Path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(server.InitializeAsync);

        Assert.Contains("initdb failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("initdb: error: fake failure for the test", error.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 1", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(server.DataDirectory), server.DataDirectory);
    }

    [Fact]
    public async Task A_hanging_tool_is_killed_after_the_timeout()
    {
        using var bin = new FakeBin("""
            #!/bin/sh
            echo "about to hang"
            sleep 30
            """);
        var server = new PostgresServer(bin.Path, TimeSpan.FromSeconds(1));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(server.InitializeAsync);

        Assert.Contains("Timed out after 1 s and killed", error.Message, StringComparison.Ordinal);
        Assert.Contains("about to hang", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), watch.Elapsed.ToString());
    }

    /// <summary>A directory with an initdb script and a pg_ctl that does nothing, readable by the postgres user.</summary>
    private sealed class FakeBin : IDisposable
    {
        private const UnixFileMode Open =
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

        public FakeBin(string initdb)
        {
            Path = Directory.CreateTempSubdirectory("automation-fake-pg-bin-").FullName;
            File.SetUnixFileMode(Path, Open);
            Write("initdb", initdb);
            Write("pg_ctl", "#!/bin/sh\nexit 0\n");
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);

        private void Write(string name, string script)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllText(file, script.ReplaceLineEndings("\n") + "\n");
            File.SetUnixFileMode(file, Open);
        }
    }
}
