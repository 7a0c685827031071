using System.Collections.Concurrent;
using Automation.Data;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;

namespace Automation.Server.Features.Jobs;

/// <summary>State of a background job.</summary>
public enum JobStatus
{
    /// <summary>Still working.</summary>
    Running,

    /// <summary>Done; the result is there.</summary>
    Succeeded,

    /// <summary>Stopped by an unexpected error (logged on the server).</summary>
    Failed,

    /// <summary>Cancelled by its owner or by the server stopping.</summary>
    Cancelled,
}

/// <summary>
/// A long operation (a simulation, a workbook, a report, an import) that runs after its request has returned, so the
/// page can show progress instead of a spinning tab. Only its owner sees it, on <c>/auftraege/{id}</c>.
/// </summary>
public sealed class BackgroundJob
{
    private double progress;
    private readonly CancellationTokenSource cancel;

    internal BackgroundJob(string owner, string kind, string title, object? input, Func<Guid, string>? page, DateTimeOffset started, CancellationTokenSource cancel)
    {
        Owner = owner;
        Page = page?.Invoke(Id);
        Kind = kind;
        Title = title;
        Input = input;
        Started = started;
        this.cancel = cancel;
    }

    /// <summary>Random id: it is the only handle to the job, so it must not be guessable.</summary>
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>User who started it.</summary>
    public string Owner { get; }

    /// <summary>What it does, for the page that shows it (e.g. "simulation").</summary>
    public string Kind { get; }

    /// <summary>German title shown to the user.</summary>
    public string Title { get; }

    /// <summary>The request it works on, so the page can show the form filled as it was.</summary>
    public object? Input { get; }

    /// <summary>The page the job was started from, which shows its result in full (null: the job page is enough).</summary>
    public string? Page { get; }

    /// <summary>When it was started.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>When it ended, null while running.</summary>
    public DateTimeOffset? Finished { get; private set; }

    /// <summary>Current state.</summary>
    public JobStatus Status { get; private set; } = JobStatus.Running;

    /// <summary>Share done, 0 to 1.</summary>
    public double Progress => Volatile.Read(ref progress);

    /// <summary>The result once succeeded.</summary>
    public object? Result { get; private set; }

    /// <summary>German reason when failed or cancelled.</summary>
    public string? Error { get; private set; }

    /// <summary>The file the job produced, if its result is a <see cref="JobReport"/> with one.</summary>
    public JobFile? File => (Result as JobReport)?.File;

    internal CancellationToken Token => cancel.Token;

    internal void Report(double share) => Volatile.Write(ref progress, Math.Clamp(share, 0, 1));

    internal void Cancel() => cancel.Cancel();

    internal void End(JobStatus status, object? result, string? error, DateTimeOffset at)
    {
        Result = result;
        Error = error;
        if (status == JobStatus.Succeeded) Report(1);
        Finished = at;
        Status = status;
        cancel.Dispose();
    }
}

/// <summary>
/// The server's background jobs, kept in memory: a job belongs to the user who started it, at most
/// <see cref="PerUser"/> run at once per user, and an ended job is kept <see cref="Kept"/> for its page to show.
/// A restart loses them, which is fine for results that can be computed again.
/// </summary>
public sealed partial class BackgroundJobs(TimeProvider time, IHostApplicationLifetime lifetime, ILogger<BackgroundJobs> logger)
{
    /// <summary>Jobs one user may have running at once.</summary>
    public const int PerUser = 2;

    /// <summary>How long an ended job stays visible.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<Guid, BackgroundJob> jobs = new();
    private readonly Lock starting = new();

    /// <summary>Starts <paramref name="work"/> on the thread pool; it reports progress and gets a token cancelled by its owner or the server stopping.</summary>
    /// <exception cref="BadInputException">The user already has <see cref="PerUser"/> jobs running.</exception>
    /// <param name="owner">User who starts it.</param>
    /// <param name="kind">What it does.</param>
    /// <param name="title">German title.</param>
    /// <param name="input">What it works on, kept for the page that shows it.</param>
    /// <param name="work">The work itself.</param>
    /// <param name="page">Address (from the job's id) of the page that shows the result in full, linked from the job page; null when the job page is enough.</param>
    public BackgroundJob Start(string owner, string kind, string title, object? input,
        Func<IProgress<double>, CancellationToken, Task<object>> work, Func<Guid, string>? page = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        Sweep();
        BackgroundJob job;
        lock (starting)
        {
            if (jobs.Values.Count(j => j.Owner == owner && j.Status == JobStatus.Running) >= PerUser)
                throw new BadInputException("auftrag", Texte.Format(Texte.ServerLaufenSchonAuftraegeIhnenBitte, PerUser), "too-many-jobs");
            job = new BackgroundJob(owner, kind, title, input, page, time.GetUtcNow(), CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping));
            jobs[job.Id] = job;
        }
        _ = Task.Run(() => RunAsync(job, work));
        return job;
    }

    /// <summary>The job, if it exists and belongs to <paramref name="owner"/>; another user's job is as unknown as a missing one.</summary>
    public BackgroundJob? Find(Guid id, string owner)
    {
        Sweep();
        return jobs.TryGetValue(id, out var job) && job.Owner == owner ? job : null;
    }

    /// <summary>Asks a running job of <paramref name="owner"/> to stop; false when there is none.</summary>
    public bool Cancel(Guid id, string owner)
    {
        if (Find(id, owner) is not { Status: JobStatus.Running } job) return false;
        job.Cancel();
        return true;
    }

    /// <summary>The owner's jobs, newest first.</summary>
    public IReadOnlyList<BackgroundJob> ListFor(string owner)
    {
        Sweep();
        return [.. jobs.Values.Where(j => j.Owner == owner).OrderByDescending(j => j.Started)];
    }

    private async Task RunAsync(BackgroundJob job, Func<IProgress<double>, CancellationToken, Task<object>> work)
    {
        try
        {
            var result = await work(new Progress(job), job.Token);
            job.End(JobStatus.Succeeded, result, null, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
            job.End(JobStatus.Cancelled, null, Texte.ServerAuftragWurdeAbgebrochen, time.GetUtcNow());
        }
        catch (Exception e) when (e is BadInputException or NotFoundException)
        {
            // The user's mistake (an unknown process, a bad period): the German text says what to change.
            job.End(JobStatus.Failed, null, e.Message, time.GetUtcNow());
        }
#pragma warning disable CA1031 // A job's failure must end the job, whatever it is; the reason is logged, the user gets a German text.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, e, job.Kind, job.Id);
            job.End(JobStatus.Failed, null, Texte.ServerAuftragEinemInternenFehlerAbgebrochen, time.GetUtcNow());
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, job) in jobs)
        {
            if (job.Finished is { } end && now - end > Kept) jobs.TryRemove(id, out _);
        }
    }

    /// <summary>Progress written straight into the job: <see cref="Progress{T}"/> would post to a captured context.</summary>
    private sealed class Progress(BackgroundJob job) : IProgress<double>
    {
        public void Report(double value) => job.Report(value);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background job {Kind} {Id} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, Guid id);
}
