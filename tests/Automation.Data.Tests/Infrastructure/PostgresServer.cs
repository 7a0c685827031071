using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Automation.Data.Tests.Infrastructure;

/// <summary>
/// The xunit collection that shares one private PostgreSQL cluster. Put <c>[Collection(PostgresCollectionDefinition.Name)]</c>
/// on a test class and take <see cref="PostgresServer"/> in its constructor.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection name: "postgres".</summary>
    public const string Name = "postgres";
}

/// <summary>
/// One private PostgreSQL cluster for the whole test run: a fresh data directory under the temp folder (initdb), a
/// server on a free loopback port (pg_ctl), trust authentication for the role <see cref="UserName"/>, stopped and
/// deleted at the end. Run as root, initdb and pg_ctl run as the <c>postgres</c> OS user (initdb refuses root);
/// otherwise as the current user. Tests get a fresh database each from <see cref="CreateDatabaseAsync"/>.
/// There is no skipping: when PostgreSQL is missing or does not start, <see cref="InitializeAsync"/> throws and every
/// test in the collection fails with the reason (and, on a developer machine, the command that installs it).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>Environment variable that overrides the directory holding initdb and pg_ctl.</summary>
    public const string BinDirectoryVariable = "AUTOMATION_PG_BIN";

    /// <summary>The superuser role the cluster is created with (trust authentication, no password).</summary>
    public const string UserName = "automation";

    private const string InstallCommand = "apt-get install -y postgresql";
    private const string DebianBinPattern = "/usr/lib/postgresql/*/bin";
    private const string DirectoryPrefix = "automation-pg-";
    private const string OwnerFile = "owner.pid";
    private const int StartAttempts = 3;

    private readonly string? binDirectoryOverride;
    private readonly TimeSpan processTimeout;
    private readonly bool runAsPostgresUser = Environment.IsPrivilegedProcess;
    private int databaseCounter;
    private string? rootDirectory;

    /// <summary>Used by xunit: the binaries come from <see cref="BinDirectoryVariable"/> or the newest Debian install.</summary>
    public PostgresServer()
        : this(Environment.GetEnvironmentVariable(BinDirectoryVariable))
    {
    }

    /// <summary>For tests of the fixture itself: a given bin directory and process timeout.</summary>
    internal PostgresServer(string? binDirectory, TimeSpan? processTimeout = null)
    {
        binDirectoryOverride = string.IsNullOrWhiteSpace(binDirectory) ? null : binDirectory;
        this.processTimeout = processTimeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The directory initdb and pg_ctl were taken from.</summary>
    public string BinDirectory { get; private set; } = "";

    /// <summary>The cluster's data directory.</summary>
    public string DataDirectory { get; private set; } = "";

    /// <summary>How long initdb plus the server start took.</summary>
    public TimeSpan StartupTime { get; private set; }

    private static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private string LogFile => Path.Combine(rootDirectory ?? "", "server.log");

    /// <summary>A connection string for <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        if (Port == 0)
        {
            throw new InvalidOperationException("The PostgreSQL test cluster is not running.");
        }

        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = UserName,
            Database = database,
            Timeout = 15,
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    /// <summary>
    /// Creates an empty database with a unique name that starts with <paramref name="namePrefix"/> (lower-cased,
    /// letters, digits and underscores kept) and returns that name; pass it to <see cref="ConnectionString"/>.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string namePrefix)
    {
        var name = UniqueDatabaseName(namePrefix, Interlocked.Increment(ref databaseCounter));
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    internal static string UniqueDatabaseName(string namePrefix, int counter)
    {
        var prefix = new StringBuilder();
        foreach (var c in (namePrefix ?? "").ToLowerInvariant())
        {
            prefix.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        if (prefix.Length == 0 || !char.IsAsciiLetterLower(prefix[0]))
        {
            prefix.Insert(0, "db_");
        }

        var text = prefix.ToString();
        var suffix = string.Create(CultureInfo.InvariantCulture, $"_{counter}_{Guid.NewGuid():N}")[..14];
        return (text.Length > 40 ? text[..40] : text) + suffix;
    }

    /// <summary>Finds the binaries, creates the cluster and starts the server.</summary>
    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        BinDirectory = FindBinDirectory();
        await StopOrphanedClustersAsync();

        rootDirectory = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        DataDirectory = Path.Combine(rootDirectory, "data");
        try
        {
            await File.WriteAllTextAsync(
                Path.Combine(rootDirectory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            if (runAsPostgresUser)
            {
                await HandDirectoryToPostgresUserAsync(rootDirectory);
            }

            await InitDbAsync();
            await StartAsync();
            StartupTime = watch.Elapsed;
        }
        catch
        {
            await CleanUpAfterFailedStartAsync();
            throw;
        }
    }

    /// <summary>Stops the server (fast shutdown) and deletes its directory.</summary>
    public async Task DisposeAsync()
    {
        if (rootDirectory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var root = rootDirectory;
        if (Port != 0)
        {
            var stop = await PgCtlStopAsync(DataDirectory, "fast");
            if (stop.ExitCode != 0)
            {
                var immediate = await PgCtlStopAsync(DataDirectory, "immediate");
                if (immediate.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"Could not stop the PostgreSQL test cluster in {DataDirectory} (port {Port}); it may still " +
                        $"be running.\n{stop.Describe()}\n{immediate.Describe()}");
                }
            }

            Port = 0;
        }

        rootDirectory = null;
        DeleteDirectory(root);
    }

    private string FindBinDirectory()
    {
        var why = IsCi
            ? "CI=true: tests that need PostgreSQL fail instead of skipping; scripts/test.sh installs it before the " +
              $"tests run, so check its output. To install by hand: {InstallCommand}"
            : $"Install the server with: {InstallCommand} (scripts/test.sh does this when it runs as root or with sudo)" +
              $", or set {BinDirectoryVariable} to a directory holding initdb and pg_ctl.";

        if (binDirectoryOverride is not null)
        {
            var missing = MissingTools(binDirectoryOverride);
            if (missing.Count == 0)
            {
                return binDirectoryOverride;
            }

            throw new InvalidOperationException(
                $"PostgreSQL server binaries not found: {string.Join(" and ", missing)} missing in " +
                $"'{binDirectoryOverride}' (from {BinDirectoryVariable} or the fixture's constructor). {why}");
        }

        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (Version: ParseVersion(Path.GetFileName(dir)), Bin: Path.Combine(dir, "bin")))
                .Where(c => c.Version is not null && MissingTools(c.Bin).Count == 0)
                .OrderByDescending(c => c.Version)
                .Select(c => c.Bin)
                .ToList()
            : [];
        if (candidates.Count > 0)
        {
            return candidates[0];
        }

        throw new InvalidOperationException(
            $"PostgreSQL server binaries not found: no initdb and pg_ctl under {DebianBinPattern}. {why}");
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var v) ? v : null;

    private static List<string> MissingTools(string binDirectory) =>
        new[] { "initdb", "pg_ctl" }.Where(tool => !File.Exists(Path.Combine(binDirectory, tool))).ToList();

    private string Tool(string name) => Path.Combine(BinDirectory, name);

    private async Task HandDirectoryToPostgresUserAsync(string directory)
    {
        // The tool timeout is for PostgreSQL's tools; a chown on a busy machine may take longer than a short test timeout.
        var chown = await RunAsync("chown", ["-R", "postgres:postgres", directory], asPostgres: false, limit: TimeSpan.FromSeconds(60));
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException(
                "Running as root, the PostgreSQL test cluster has to run as the 'postgres' OS user (initdb refuses " +
                $"root), but handing {directory} to it failed. The Debian package creates that user: " +
                $"{InstallCommand}.\n{chown.Describe()}");
        }
    }

    private async Task InitDbAsync()
    {
        var initdb = await RunAsync(
            Tool("initdb"),
            ["-D", DataDirectory, "-A", "trust", "-U", UserName, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
             "--no-instructions"]);
        if (initdb.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"initdb failed to create the PostgreSQL test cluster in {DataDirectory}" +
                $"{(runAsPostgresUser ? " (run as the 'postgres' OS user)" : "")}.\n{initdb.Describe()}");
        }

        // Everything but the port goes into the configuration, so nothing needs shell quoting in pg_ctl -o.
        var settings = string.Join('\n',
            "",
            "# automation test cluster",
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{rootDirectory!.Replace("'", "''", StringComparison.Ordinal)}'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "max_connections = 200",
            "");
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings);
    }

    private async Task StartAsync()
    {
        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var port = FreeLoopbackPort();
            var start = await RunAsync(
                Tool("pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-o", $"-p {port}", "-w",
                 "-t", ((int)processTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "start"]);
            if (start.ExitCode == 0)
            {
                Port = port;
                return;
            }

            var log = ReadLog();
            failures.Append(CultureInfo.InvariantCulture, $"Attempt {attempt} on port {port}:\n{start.Describe()}\n");
            failures.Append(CultureInfo.InvariantCulture, $"server.log:\n{log}\n");
            await PgCtlStopAsync(DataDirectory, "immediate");
            if (!log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                && !log.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                break; // Not a port race: another attempt would fail the same way.
            }
        }

        throw new InvalidOperationException(
            $"pg_ctl could not start the PostgreSQL test cluster in {DataDirectory}.\n{failures}");
    }

    private string ReadLog()
    {
        try
        {
            var text = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";
            return text.Length > 4000 ? "…" + text[^4000..] : text;
        }
        catch (IOException e)
        {
            return "(server log unreadable: " + e.Message + ")";
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private Task<ProcessResult> PgCtlStopAsync(string dataDirectory, string mode) =>
        RunAsync(
            Tool("pg_ctl"),
            ["-D", dataDirectory, "-m", mode, "-w",
             "-t", ((int)processTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "stop"]);

    private async Task CleanUpAfterFailedStartAsync()
    {
        var root = rootDirectory;
        rootDirectory = null;
        Port = 0;
        if (root is null)
        {
            return;
        }

        if (File.Exists(Path.Combine(root, "data", "postmaster.pid")))
        {
            await PgCtlStopAsync(Path.Combine(root, "data"), "immediate");
        }

        DeleteDirectory(root);
    }

    /// <summary>
    /// A test run that was killed (SIGKILL, a crashed test host) leaves its postmaster running. Stops and deletes the
    /// clusters whose owning process is gone; best effort, never fails the run.
    /// </summary>
    private async Task StopOrphanedClustersAsync()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            try
            {
                var ownerFile = Path.Combine(dir, OwnerFile);
                if (!File.Exists(ownerFile)
                    || !int.TryParse(await File.ReadAllTextAsync(ownerFile), CultureInfo.InvariantCulture, out var owner)
                    || IsAlive(owner))
                {
                    continue;
                }

                var data = Path.Combine(dir, "data");
                var pidFile = Path.Combine(data, "postmaster.pid");
                if (File.Exists(pidFile)
                    && int.TryParse((await File.ReadAllLinesAsync(pidFile)).FirstOrDefault(), CultureInfo.InvariantCulture, out var postmaster)
                    && IsAlive(postmaster)
                    && ((await PgCtlStopAsync(data, "immediate")).ExitCode != 0
                        || (File.Exists(pidFile) && IsAlive(postmaster))))
                {
                    continue; // Still running and not ours to stop: never delete a live cluster's files.
                }

                DeleteDirectory(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Someone else's or still in use: leave it.
            }
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> arguments) =>
        RunAsync(tool, arguments, runAsPostgresUser);

    /// <summary>Runs a tool (as the postgres OS user when asked) with a timeout; kills it when the timeout passes.</summary>
    private async Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> arguments, bool asPostgres, TimeSpan? limit = null)
    {
        var allowed = limit ?? processTimeout;
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The postgres user must be able to enter its working directory (root's home is closed to it).
            WorkingDirectory = rootDirectory is not null && Directory.Exists(rootDirectory) ? rootDirectory : "/",
        };
        start.Environment["LC_ALL"] = "C.UTF-8";
        foreach (var variable in new[] { "PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGOPTIONS" })
        {
            start.Environment.Remove(variable);
        }

        var commandLine = new List<string> { tool };
        commandLine.AddRange(arguments);
        if (asPostgres)
        {
            var runuser = new[] { "/usr/sbin/runuser", "/sbin/runuser" }.FirstOrDefault(File.Exists);
            commandLine = runuser is not null
                ? [runuser, "-u", "postgres", "--", .. commandLine]
                : ["su", "postgres", "-s", "/bin/sh", "-c", string.Join(' ', commandLine.Select(ShellQuote))];
        }
        start.FileName = commandLine[0];
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        var command = string.Join(' ', commandLine);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(command, -1, $"could not run {commandLine[0]}: {e.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(allowed);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            process.WaitForExit(TimeSpan.FromSeconds(5));
            throw new InvalidOperationException(
                $"Timed out after {allowed.TotalSeconds:0} s and killed: {command}\n{Snapshot()}");
        }

        return new ProcessResult(command, process.ExitCode, Snapshot());

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        string Snapshot()
        {
            lock (output)
            {
                return output.ToString().TrimEnd();
            }
        }
    }

    private static string ShellQuote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private sealed record ProcessResult(string Command, int ExitCode, string Output)
    {
        public string Describe() => $"$ {Command}\nexit code {ExitCode}\n{(Output.Length == 0 ? "(no output)" : Output)}";
    }
}
