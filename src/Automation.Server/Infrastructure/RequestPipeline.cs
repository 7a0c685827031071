using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mediator;

namespace Automation.Server.Infrastructure;

/// <summary>One problem with a request's arguments: the field, German text for users and, where there is one, a stable code.</summary>
/// <param name="Field">The field or parameter, as the caller named it (e.g. <c>steps[2].occupation</c>).</param>
/// <param name="Message">German text naming the problem.</param>
/// <param name="Code">Stable code for programs.</param>
internal sealed record InputProblem(string Field, string Message, string? Code = null);

/// <summary>
/// A request whose arguments are checked before its handler runs, without storage: whichever endpoint or page sends it,
/// <see cref="ValidationCheck{TMessage, TResponse}"/> answers the first problem as 400 Problem Details with field and code.
/// Checks that need the database (unknown ids, scope) stay in the handler.
/// </summary>
internal interface IValidated
{
    /// <summary>The problems with the request's arguments, most important first; empty when it is well-formed.</summary>
    IEnumerable<InputProblem> Validate();
}

/// <summary>Refuses a malformed <see cref="IValidated"/> request before its handler opens anything.</summary>
internal sealed class ValidationCheck<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IValidated, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message.Validate().FirstOrDefault() is { } problem) throw new BadInputException(problem.Field, problem.Message, problem.Code);
        return next(message, cancellationToken);
    }
}

/// <summary>The server's own figures for dotnet-counters or an OpenTelemetry exporter (meter <see cref="MeterName"/>).</summary>
internal static class ServerMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Automation.Server";

    /// <summary>Histogram of request handling time in seconds, tagged <c>request</c> with the request type's name.</summary>
    public const string RequestDuration = "automation.requests.duration";

    /// <summary>Charts drawn (SVG or PNG), tagged <c>format</c>: what the dashboards' pages and workbook cost.</summary>
    public const string ChartsRendered = "automation.charts.rendered";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>See <see cref="RequestDuration"/>.</summary>
    public static Histogram<double> Requests { get; } = Meter.CreateHistogram<double>(RequestDuration, "s",
        "Time to handle a Mediator request, from the first pipeline step to the handler's answer or error.");

    /// <summary>See <see cref="ChartsRendered"/>.</summary>
    public static Counter<long> Charts { get; } = Meter.CreateCounter<long>(ChartsRendered, "{chart}", "Charts drawn by ScottPlot.");
}

/// <summary>Times every request (also failed ones: a slow refusal is worth seeing) into <see cref="ServerMetrics.Requests"/>.</summary>
internal sealed class RequestTiming<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly KeyValuePair<string, object?> Tag = new("request", typeof(TMessage).Name);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            ServerMetrics.Requests.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, Tag);
        }
    }
}
