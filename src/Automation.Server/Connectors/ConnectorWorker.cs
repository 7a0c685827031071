using System.Diagnostics;
using Automation.Data;
using Automation.Engine.Accounting;
using Automation.Engine.Texts;
using Automation.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Automation.Server.Connectors;

/// <summary>
/// The server's own external-task worker: fetches the tasks of the registered connectors' topics, runs each connector
/// with a timeout, and completes the step, throws its BPMN error, or reports the failure — retried with doubling
/// backoff while attempts are left, then an incident with the connector's message. What the call measured goes on the
/// step's ledger row. Several nodes run it side by side; the lock decides who runs a task.
/// </summary>
internal sealed partial class ConnectorWorker(WorkflowHostAccessor accessor, ConnectorRegistry registry, IOptions<ServerOptions> options,
    ILogger<ConnectorWorker> logger) : BackgroundService
{
    // A step names a connector as "name" (its newest version) or "name:version": both are topics of the worker.
    private readonly string[] topicNames = [.. registry.All.SelectMany(c => new[] { c.Name, c.Name + ":" + c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }).Distinct(StringComparer.Ordinal)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Connectors;
        if (topicNames.Length == 0 || !settings.Enabled) return;
        while (!accessor.IsStarted)
        {
            await Task.Delay(100, stoppingToken);
        }
        var host = accessor.Host;
        var worker = "server/" + host.NodeName;
        var topics = Topics(settings);
        using var slots = new SemaphoreSlim(settings.Parallelism);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
                slots.Release();
                var tasks = await host.FetchAndLockAsync(worker, topics, Math.Max(1, slots.CurrentCount), stoppingToken);
                if (tasks.Count == 0)
                {
                    await host.WaitForExternalTasksAsync(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }
                foreach (var task in tasks)
                {
                    await slots.WaitAsync(stoppingToken);
                    running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await RunAsync(host, worker, task, settings, stoppingToken);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None));
                }
                running.RemoveAll(t => t.IsCompleted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The worker keeps running; a task whose report failed returns after its lock.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogWorkerFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
        await Task.WhenAll(running);
    }

    /// <summary>
    /// Runs what is due now, round after round while a round finds something, at most <paramref name="rounds"/> rounds:
    /// the setup process runs the demo cases' automated steps (Infrastructure/SetupProcess.cs). A failed call is
    /// retried later by the serving process, after its backoff.
    /// </summary>
    public async Task RunDueAsync(WorkflowHost host, int rounds, CancellationToken ct)
    {
        var settings = options.Value.Connectors;
        if (topicNames.Length == 0 || !settings.Enabled) return;
        var worker = "setup/" + host.NodeName;
        var topics = Topics(settings);
        for (var round = 0; round < rounds; round++)
        {
            var tasks = await host.FetchAndLockAsync(worker, topics, Math.Max(1, settings.Parallelism), ct);
            if (tasks.Count == 0) return;
            await Task.WhenAll(tasks.Select(t => RunAsync(host, worker, t, settings, ct)));
        }
    }

    private List<ExternalTaskTopic> Topics(ConnectorSettings settings)
    {
        var lockDuration = TimeSpan.FromSeconds(settings.TimeoutSeconds + 30);
        return [.. topicNames.Select(t => new ExternalTaskTopic(t, lockDuration))];
    }

    private async Task RunAsync(WorkflowHost host, string worker, LockedExternalTask task, ConnectorSettings settings, CancellationToken stopping)
    {
        var connector = registry.Find(task.Topic)
            ?? throw new InvalidOperationException($"No connector serves topic '{task.Topic}'.");
        var call = new ConnectorCall(task.CaseId, task.BusinessKey, task.ProcessId, task.NodeId, task.Id, task.Inputs, task.Variables, task.Attempts);
        var watch = Stopwatch.StartNew();
        ConnectorResult result;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            try
            {
                result = await connector.ExecuteAsync(call, timeout.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                result = ConnectorResult.Failure(Texte.Format(Texte.KonnektorZeitueberschreitung, connector.Label, settings.TimeoutSeconds), retryable: true);
            }
#pragma warning disable CA1031 // A connector's bug becomes a failure of its step, never a crash of the worker.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogConnectorThrew(logger, connector.Name, task.Id, e);
                result = ConnectorResult.Failure(Texte.Format(Texte.KonnektorInternerFehler, connector.Label, e.GetType().Name), retryable: false);
            }
        }
        var measurement = Measure(result.Measurement, watch.Elapsed);
        try
        {
            switch (result.Kind)
            {
                case ConnectorResultKind.Completed:
                    // Outputs reach the case through the step's output parameters, or whole under its resultVariable.
                    var variables = task.Inputs.TryGetValue("resultVariable", out var rv) && rv is string name && name.Length > 0
                        ? new Dictionary<string, object?> { [name] = result.Outputs.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) }
                        : null;
                    var described = Describe(result.Measurement, watch.Elapsed);
                    await host.CompleteExternalTaskAsync(task.Id, worker, variables, measurement, result.Outputs,
                        result.Note is { } note ? note + " " + described : described, stopping);
                    break;
                case ConnectorResultKind.BpmnError:
                    await host.ThrowExternalTaskErrorAsync(task.Id, worker, result.ErrorCode!, result.Message, null, measurement, stopping);
                    break;
                default:
                    var failuresBefore = task.Retries is { } left ? settings.MaxAttempts - left : 0;
                    var retries = result.Retryable ? Math.Max(0, settings.MaxAttempts - failuresBefore - 1) : 0;
                    var backoff = TimeSpan.FromSeconds(settings.RetryBackoffSeconds * Math.Pow(2, failuresBefore));
                    await host.HandleExternalTaskFailureAsync(task.Id, worker, result.Message, null, retries, backoff, measurement, stopping);
                    break;
            }
        }
        catch (Exception e) when (e is ConcurrencyConflictException or NotFoundException)
        {
            // The step was withdrawn (the case was cancelled, a boundary event fired) or the lock ran out meanwhile.
            LogReportRefused(logger, task.Id, e.Message);
        }
    }

    /// <summary>What the call measured, in words for the step's history (de-DE numbers).</summary>
    internal static string Describe(ConnectorMeasurement m, TimeSpan elapsed)
    {
        var parts = new List<string>();
        if (m.EmailsSent > 0) parts.Add(Texte.Format(m.EmailsSent == 1 ? Texte.MessungEmail : Texte.MessungEmails, m.EmailsSent));
        if (m.LettersAvoided > 0) parts.Add(Texte.Format(m.LettersAvoided == 1 ? Texte.MessungBrief : Texte.MessungBriefe, m.LettersAvoided));
        if (m.AiTokens > 0) parts.Add(Texte.Format(Texte.KiGemessen, m.AiTokens, m.AiSizeClass));
        if (m.PdfPages > 0) parts.Add(Texte.Format(m.PdfPages == 1 ? Texte.MessungPdfSeite : Texte.MessungPdfSeiten, m.PdfPages));
        parts.Add(Texte.Format(Texte.MessungBytes, m.BytesSent, m.BytesReceived));
        parts.Add(Texte.Format(Texte.MessungSekunden, elapsed.TotalSeconds));
        return Texte.Format(Texte.MessungGemessen, string.Join(", ", parts));
    }

    /// <summary>The ledger's measurement of a connector call: its wall time, the bytes it moved and what it delivered.</summary>
    internal static StepMeasurement Measure(ConnectorMeasurement m, TimeSpan elapsed) =>
        new(WallSeconds: (decimal)elapsed.TotalSeconds, TransferGigabytes: (m.BytesSent + m.BytesReceived) / 1_000_000_000m,
            EmailsSent: m.EmailsSent > 0 ? m.EmailsSent : null, LettersAvoided: m.LettersAvoided > 0 ? m.LettersAvoided : null,
            PdfPages: m.PdfPages > 0 ? m.PdfPages : null,
            // A language-model call is one inference, priced by its measured tokens; a step that had no model to ask
            // measured zero, so the ledger does not fall back to the inferences its annotation expects.
            Inferences: m.Inferences, AiTokens: m.AiTokens > 0 ? m.AiTokens : null, AiSizeClass: m.AiTokens > 0 ? m.AiSizeClass : null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector worker failed; retrying.")]
    private static partial void LogWorkerFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {Connector} threw on task {TaskId}.")]
    private static partial void LogConnectorThrew(ILogger logger, string connector, string taskId, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report on external task {TaskId} refused: {Reason}")]
    private static partial void LogReportRefused(ILogger logger, string taskId, string reason);
}

/// <summary>The server's connector worker (section <c>Automation:Connectors</c>).</summary>
public sealed class ConnectorSettings
{
    /// <summary>Whether this node runs the connector worker (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Connector calls at once on this node (default 16).</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>Time limit of one call in seconds (default 30).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts of a step before its incident, the first included (default 3).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry in seconds; it doubles with each further one (default 10).</summary>
    public double RetryBackoffSeconds { get; set; } = 10;
}
