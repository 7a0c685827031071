namespace Automation.Server.Connectors.Http;

/// <summary>Settings of the HTTP connector (section <c>Automation:Connectors:Http</c>).</summary>
internal sealed class HttpConnectorOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Automation:Connectors:Http";

    /// <summary>Time limit of a call when the step gives none, in seconds.</summary>
    public int DefaultTimeoutSeconds { get; set; } = 30;

    /// <summary>Longest time limit a step may ask for, in seconds.</summary>
    public int MaxTimeoutSeconds { get; set; } = 300;

    /// <summary>Largest response body read, in bytes; a larger one fails the call.</summary>
    public int MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Redirects followed at most (each target checked against the allow-list).</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Retries of the resilience pipeline after the first attempt (5xx, 408, 429, timeouts, lost connections).</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>First retry delay in milliseconds (exponential with jitter after it).</summary>
    public int RetryDelayMilliseconds { get; set; } = 2_000;
}
