using System.Data.Common;
using System.Reflection;
using Automation.Data.Schema;
using Automation.Engine.Texts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Automation.Data;

/// <summary>Which database the server runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>SQLite file under ./data: the embedded default, one node.</summary>
    Sqlite,
    /// <summary>PostgreSQL: several nodes sharing the job queue (row locks with SKIP LOCKED).</summary>
    Postgres,
}

/// <summary>
/// When SQLite's commit returns: with <see cref="Full"/> the write-ahead log is synced to the disk in every commit, so
/// a commit the server acknowledged survives a power loss; with <see cref="Normal"/> only checkpoints sync, and a power
/// loss (not a crash of the process) can drop the last acknowledged commits.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>Sync the log in every commit (the default): acknowledged means durable.</summary>
    Full,
    /// <summary>Sync only at checkpoints: faster commits; a power loss may lose the commits since the last checkpoint.</summary>
    Normal,
}

/// <summary>Database settings.</summary>
/// <param name="Provider">Provider.</param>
/// <param name="ConnectionString">Connection string.</param>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>
    /// SQLite only: the most the database may grow to, in bytes (a quota on a shared disk). Reaching it behaves
    /// exactly like a full disk: a clear error, the host stops taking work, nothing is written half. Null: no cap.
    /// </summary>
    public long? MaxSizeBytes { get; init; }

    /// <summary>
    /// SQLite only: whether every commit syncs the log (<see cref="SqliteSynchronous.Full"/>, the default) or only the
    /// checkpoints do. The group committer writes many cases per commit, so one sync covers them all.
    /// </summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>SQLite at a file path.</summary>
    public static DatabaseOptions SqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString());

    /// <summary>SQLite in memory: the database ends with the process (and its connections), so no other process can set it up.</summary>
    public bool IsInMemory =>
        Provider == DatabaseProvider.Sqlite && new SqliteConnectionStringBuilder(ConnectionString) is var b
        && (b.Mode == SqliteOpenMode.Memory || b.DataSource is "" or ":memory:");

    /// <summary>Where the database is, without secrets, for messages and logs.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite) return "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        return DescribePostgres(ConnectionString);
    }

    // Apart, so a SQLite start never loads Npgsql (precompiled code loads the types a method names when it is entered).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string DescribePostgres(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database} as {b.Username}";
    }
}

/// <summary>The database could not be used: unreachable, read-only, full, or from a newer version.</summary>
public sealed class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public StorageException() : base("The database cannot be used.") { }

    /// <summary>Creates the exception.</summary>
    public StorageException(string message) : base(message) { }
}

/// <summary>
/// Opens connections and contexts for the configured provider, applies migrations, and refuses a database whose
/// schema is newer than this build.
/// </summary>
public sealed class AutomationDatabase : IAsyncDisposable
{
    // The base type, so code that only opens connections does not load Npgsql on a SQLite server.
    private readonly System.Data.Common.DbDataSource? npgsql;

    /// <summary>Creates the database access for the given options.</summary>
    public AutomationDatabase(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        if (options.Provider == DatabaseProvider.Postgres) npgsql = PostgresSource(options.ConnectionString);
    }

    // Apart, so a SQLite start never loads Npgsql (precompiled code loads the types a method names when it is entered).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
#pragma warning disable CA1859 // The base type on purpose: the JIT would load Npgsql to compile the caller otherwise.
    private static System.Data.Common.DbDataSource PostgresSource(string connectionString)
#pragma warning restore CA1859
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The hot path sends the same few statements all the time: prepared once per connection, PostgreSQL stops
        // parsing and planning them for every case. A connection string that sets Max Auto Prepare wins.
        if (!SetsAutoPrepare(connectionString)) builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        return builder.Build();
    }

    // SQLite lets one connection write at a time; the others sleep in its busy handler (1 ms, growing to 100 ms per
    // try) however soon the lock frees. Writers of this process queue here instead and go the moment it is free.
    private readonly SemaphoreSlim sqliteWriter = new(1, 1);

    /// <summary>
    /// On SQLite, waits for this process's write turn (the group committer's transactions, fetch and lock of external
    /// tasks): dispose the turn to end it. On PostgreSQL, which locks rows, returns at once.
    /// </summary>
    internal async ValueTask<WriteTurn> EnterWriteAsync(CancellationToken ct)
    {
        if (Provider != DatabaseProvider.Sqlite) return default;
        await sqliteWriter.WaitAsync(ct);
        return new WriteTurn(sqliteWriter);
    }

    /// <summary>A held write turn; disposing it lets the next writer go.</summary>
    internal readonly struct WriteTurn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }

    /// <summary>Statements Npgsql prepares per PostgreSQL connection unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    private static bool SetsAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare");
    }

    /// <summary>Settings.</summary>
    public DatabaseOptions Options { get; }

    /// <summary>Provider.</summary>
    public DatabaseProvider Provider => Options.Provider;

    /// <summary>Creates an EF Core context (for schema work and queries off the hot path).</summary>
    public AutomationDbContext CreateContext() => CreateContext(migrating: false);

    // Migrating skips EF Core's comparison of the model with the migrations' snapshot: it builds both models and diffs
    // them on every first start (a good part of a second). SchemaSnapshotTests makes that comparison for both providers.
    // Its service provider is not cached: EF Core would keep it, the migrator and every migration's target model for
    // the process's life.
    private AutomationDbContext CreateContext(bool migrating)
    {
        if (Provider != DatabaseProvider.Sqlite) return CreatePostgresContext(npgsql!, migrating);
        var builder = new DbContextOptionsBuilder<SqliteAutomationDbContext>().UseSqlite(Options.ConnectionString);
        if (migrating) builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).EnableServiceProviderCaching(false);
        if (StatementObserver is not null) builder.AddInterceptors(new ObservingInterceptor(this));
        return new SqliteAutomationDbContext(builder.Options);
    }

    // Apart, so a SQLite start never loads Npgsql (precompiled code loads the types a method names when it is entered).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static PostgresAutomationDbContext CreatePostgresContext(System.Data.Common.DbDataSource source, bool migrating)
    {
        var postgres = new DbContextOptionsBuilder<PostgresAutomationDbContext>().UseNpgsql((NpgsqlDataSource)source);
        if (migrating) postgres.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)).EnableServiceProviderCaching(false);
        return new PostgresAutomationDbContext(postgres.Options);
    }

    /// <summary>
    /// Tests only (SQLite): sees the text of every statement run on connections opened from now on, bound values
    /// expanded, so a test can count which rows a request reads.
    /// </summary>
    internal Action<string>? StatementObserver { get; set; }

    private void Observe(SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_trace(connection.Handle, (_, sql) => StatementObserver?.Invoke(sql.utf8_to_string()), null);

    private sealed class ObservingInterceptor(AutomationDatabase database) : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) =>
            database.Observe((SqliteConnection)connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            database.Observe((SqliteConnection)connection);
            return Task.CompletedTask;
        }
    }

    /// <summary>Opens a connection; SQLite connections get WAL-friendly settings.</summary>
    /// <exception cref="StorageException">The database cannot be opened.</exception>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (npgsql is not null) return await npgsql.OpenConnectionAsync(cancellationToken);
            var connection = new SqliteConnection(Options.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            if (StatementObserver is not null) Observe(connection);
            await using var pragma = connection.CreateCommand();
            // Checkpoints run in the background (SqliteCheckpointer), so no commit stalls to copy the WAL back.
            pragma.CommandText = (Options.Synchronous == SqliteSynchronous.Normal ? "PRAGMA synchronous=NORMAL;" : "PRAGMA synchronous=FULL;")
                + " PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=0;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            if (Options.MaxSizeBytes is { } cap)
            {
                // max_page_count counts pages of the connection's page size (4096 unless the file says otherwise).
                pragma.CommandText = "PRAGMA page_size";
                var pageSize = Convert.ToInt64(await pragma.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                pragma.CommandText = "PRAGMA max_page_count = " + Math.Max(1, cap / pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            return connection;
        }
        catch (Exception e) when (e is SqliteException or System.Net.Sockets.SocketException || PostgresErrors.IsNpgsql(e))
        {
            throw Translate(e);
        }
    }

    /// <summary>
    /// Applies pending migrations. PostgreSQL that cannot be reached is retried with backoff (naming the server,
    /// never the password); a schema newer than this build is refused.
    /// </summary>
    /// <exception cref="StorageException">Unreachable after the retries, or the schema is newer than this build.</exception>
    public async Task MigrateAsync(ILogger? logger = null, int attempts = 6, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        if (Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            try
            {
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StorageException(Texte.Format(Texte.ServerDatenbankNichtZuOeffnen, Options.Describe()), e);
            }
        }
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MigrateOnceAsync(logger, cancellationToken);
                return;
            }
            catch (Exception e) when (IsUnreachable(e) && attempt < attempts)
            {
                logger.LogWarning("Database {Database} unreachable (attempt {Attempt} of {Attempts}): {Reason}. Retrying in {Delay} s.",
                    Options.Describe(), attempt, attempts, e.Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
            catch (Exception e) when ((e is SqliteException or System.Net.Sockets.SocketException or InvalidOperationException || PostgresErrors.IsNpgsql(e)) && e is not StorageException)
            {
                throw Translate(e);
            }
        }
    }

    /// <summary>
    /// Whether <see cref="MigrateAsync"/> has migrations to apply; a database that does not exist yet has all of them.
    /// False for a schema newer than this build, which <see cref="MigrateAsync"/> refuses.
    /// </summary>
    /// <exception cref="StorageException">The database cannot be opened or read.</exception>
    public async Task<bool> NeedsMigrationAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == DatabaseProvider.Sqlite && !Options.IsInMemory
            && !File.Exists(new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource)) return true;
        try
        {
            await using var connection = await OpenUntranslatedAsync(cancellationToken);
            var applied = await AppliedMigrationsAsync(connection, cancellationToken);
            return KnownMigrations().Except(applied, StringComparer.Ordinal).Any();
        }
        catch (Exception e) when (e is SqliteException or System.Net.Sockets.SocketException or InvalidOperationException || PostgresErrors.IsNpgsql(e))
        {
            throw Translate(e);
        }
    }

    // The usual start finds nothing to apply: that is decided with two plain queries, because asking EF Core
    // (GetMigrations, GetAppliedMigrations) builds its service provider and model first, about a second of a start.
    private async Task MigrateOnceAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var known = KnownMigrations();
        List<string> pending;
        await using (var connection = await OpenUntranslatedAsync(cancellationToken))
        {
            var applied = await AppliedMigrationsAsync(connection, cancellationToken);
            var unknown = applied.Where(m => !known.Contains(m, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw new StorageException(
                    Texte.Format(Texte.ServerSchemaversionNeuer, Options.Describe(), unknown[^1], known.Count > 0 ? known[^1] : "–"));
            }
            pending = known.Except(applied, StringComparer.Ordinal).ToList();
            if (pending.Count == 0)
            {
                await UseWalAsync(connection, cancellationToken);
                return;
            }
        }
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Applying {Count} migration(s) to {Database}: {Migrations}", pending.Count, Options.Describe(), string.Join(", ", pending));
        await using (var context = CreateContext(migrating: true))
        {
            await context.Database.MigrateAsync(cancellationToken);
        }
        await using var after = await OpenUntranslatedAsync(cancellationToken);
        await UseWalAsync(after, cancellationToken);
    }

    /// <summary>The migrations this build carries for its provider, in order (what EF Core's migrator finds too).</summary>
    internal IReadOnlyList<string> KnownMigrations() =>
        Provider == DatabaseProvider.Sqlite ? Migrations.MigrationIds.Sqlite : Migrations.MigrationIds.Postgres;

    private async Task<List<string>> AppliedMigrationsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Provider == DatabaseProvider.Sqlite
            ? $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{HistoryTable}'"
            : $"SELECT COUNT(*) FROM (SELECT to_regclass('\"{HistoryTable}\"') AS t) r WHERE r.t IS NOT NULL";
        var exists = Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        var applied = new List<string>();
        if (!exists) return applied;
        cmd.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryTable}\"";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        return applied;
    }

    private const string HistoryTable = "__EFMigrationsHistory";

    // WAL lets readers work while the single writer commits.
    private async Task UseWalAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (Provider != DatabaseProvider.Sqlite) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    // Provider exceptions pass through, so MigrateAsync can tell an unreachable server (retry) from other failures.
    private async Task<DbConnection> OpenUntranslatedAsync(CancellationToken cancellationToken)
    {
        if (npgsql is not null) return await npgsql.OpenConnectionAsync(cancellationToken);
        var connection = new SqliteConnection(Options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static bool IsUnreachable(Exception e) =>
        e is System.Net.Sockets.SocketException || e.InnerException is System.Net.Sockets.SocketException || PostgresErrors.IsUnreachable(e);

    /// <summary>Turns a provider exception into a readable storage error (disk full, read-only, unreachable).</summary>
    public StorageException Translate(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is StorageException s) return s;
        var what = Options.Describe();
        return e switch
        {
            SqliteException { SqliteErrorCode: 8 } => new StorageException(Texte.Format(Texte.ServerDatenbankSchreibgeschuetzt, what), e),
            SqliteException { SqliteErrorCode: 13 } => new StorageException(Texte.Format(Texte.ServerDatentraegerVoll, what), e),
            SqliteException { SqliteErrorCode: 14 } => new StorageException(Texte.Format(Texte.ServerDatenbankNichtZuOeffnen, what), e),
            SqliteException { SqliteErrorCode: 10 } => new StorageException(Texte.Format(Texte.ServerDatentraegerFehler, what), e),
            _ when PostgresErrors.SqlState(e) == PostgresErrors.DiskFull => new StorageException(Texte.Format(Texte.ServerDatenbankDatentraegerVoll, what), e),
            _ when PostgresErrors.SqlState(e) == PostgresErrors.ReadOnly => new StorageException(Texte.Format(Texte.ServerDatenbankSchreibgeschuetzt, what), e),
            _ when IsUnreachable(e) => new StorageException(Texte.Format(Texte.ServerDatenbankNichtErreichbar, what, e.Message), e),
            _ => new StorageException($"{what}: {e.Message}", e),
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (npgsql is not null) await npgsql.DisposeAsync();
        sqliteWriter.Dispose();
    }
}
