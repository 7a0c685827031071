using Microsoft.Extensions.Logging;

namespace Automation.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file in the background (PASSIVE: never blocks readers or
/// the writer), so that no request waits for a checkpoint inside its commit.
/// </summary>
internal sealed partial class SqliteCheckpointer : IAsyncDisposable
{
    private readonly AutomationDatabase database;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public SqliteCheckpointer(AutomationDatabase database, ILogger logger)
    {
        this.database = database;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stopping.Token);
                await using var connection = await database.OpenAsync(stopping.Token);
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await cmd.ExecuteNonQueryAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The next round tries again; a failing disk is reported by the writers.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed; retrying.")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
