using Automation.Data;
using Automation.Engine.Model;
using Automation.Engine.Runtime;
using Automation.Engine.Texts;
using Automation.Server.Features.Definitions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Automation.Server.Infrastructure;

/// <summary>A definition that does not validate; carries its findings (as the check words them) for the 422 response.</summary>
internal sealed class DefinitionInvalidException(IReadOnlyList<DiagnosticDto> findings)
    : Exception(Texte.DefinitionUngueltig)
{
    public IReadOnlyList<DiagnosticDto> Findings { get; } = findings;
}

/// <summary>The request body is larger than the configured limit.</summary>
internal sealed class PayloadTooLargeException(long limit) : Exception(Texte.Format(Texte.DateiGroesserAls, limit))
{
    public long Limit { get; } = limit;
}

/// <summary>The user may use the endpoint but not this object (a task of another inbox).</summary>
internal sealed class ForbiddenException(string message) : Exception(message);

/// <summary>A request field is missing or malformed.</summary>
internal sealed class BadInputException(string field, string message, string? code = null) : Exception(message)
{
    public string Field { get; } = field;

    /// <summary>Stable code for programs, where the caller gives one.</summary>
    public string? Code { get; } = code;
}

/// <summary>Problem Details an endpoint returns itself (rather than throwing): stable code, its German title.</summary>
internal static class ProblemResults
{
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Of(int status, string code, string detail, params (string Key, object? Value)[] extensions)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        foreach (var (key, value) in extensions) all[key] = value;
        return TypedResults.Problem(statusCode: status, title: Texte.ProblemTitel(code), detail: detail, extensions: all);
    }
}

/// <summary>A diagnostic as the API reports it.</summary>
/// <param name="Severity">error, warning or info.</param>
/// <param name="Code">Stable code.</param>
/// <param name="Message">Text.</param>
/// <param name="ElementId">BPMN element id.</param>
/// <param name="Line">Line in the source.</param>
/// <param name="Column">Column in the source.</param>
/// <param name="Label">The element's name, where the check knows it.</param>
internal sealed record DiagnosticDto(string Severity, string Code, string Message, string? ElementId, int? Line, int? Column, string? Label = null);

/// <summary>
/// Turns exceptions into RFC 9457 Problem Details naming the field or element. Messages of known exceptions are
/// meant for users; anything else is reported without detail so no stack trace or internal text leaks.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            WorkflowInputException e => Problem(StatusCodes.Status422UnprocessableEntity, "invalid-input", e.Message, ("field", e.Field), ("code", e.Code)),
            BadInputException e => Problem(StatusCodes.Status400BadRequest, "bad-request", e.Message, ("field", e.Field), ("code", e.Code)),
            // Kestrel's own messages are English: the status's German wording instead.
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large",
                StatusText.Of("payload-too-large").Explanation),
            BadHttpRequestException e => Problem(e.StatusCode, "bad-request", StatusText.Of("bad-request").Explanation),
            Features.Register.RegisterIncompleteException e => Problem(StatusCodes.Status422UnprocessableEntity, PublishFindings.RegisterIncomplete, e.Message,
                ("diagnostics", e.Findings), ("missing", e.Missing)),
            DefinitionInvalidException e => Problem(StatusCodes.Status422UnprocessableEntity, "definition-invalid",
                string.Join("; ", e.Findings.Where(d => d.Severity == "error").Take(5).Select(d => d.ElementId is null ? d.Message : $"{d.ElementId}: {d.Message}")),
                ("diagnostics", e.Findings)),
            PayloadTooLargeException e => Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", e.Message, ("limit", e.Limit)),
            Features.Cases.IdempotencyKeyReusedException e => Problem(StatusCodes.Status422UnprocessableEntity, Features.Cases.IdempotencyKeyReusedException.Code, e.Message,
                ("field", Features.Cases.StartCaseOnceHandler.Header)),
            VariablesTooLargeException e => Problem(StatusCodes.Status413PayloadTooLarge, VariablesTooLargeException.Code, e.Message, ("limit", e.Limit)),
            // A decision that fails on the given inputs (UNIQUE/ANY violation, unknown decision): its own dmn-… code and German text.
            Automation.Engine.Decisions.DecisionException e => Problem(StatusCodes.Status422UnprocessableEntity, "decision-failed", Texte.Entscheidungsfehler(e),
                ("code", e.Code), ("decision", e.DecisionId), ("rules", e.RuleIds)),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "not-found", e.Message),
            KeyNotFoundException e => Problem(StatusCodes.Status404NotFound, "not-found", e.Message),
            ConcurrencyConflictException e => Problem(StatusCodes.Status409Conflict, "conflict", e.Message),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "forbidden", e.Message),
            AntiforgeryValidationException => Problem(StatusCodes.Status400BadRequest, "antiforgery", StatusText.Of("antiforgery").Explanation),
            StorageException e => Problem(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", e.Message),
            _ => null,
        };
        if (problem is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "internal-error", StatusText.Of("internal-error").Explanation);
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
    }

    /// <summary>
    /// A problem with its stable code and the code's German title; a more specific code given among the extensions
    /// (a field rule's own code) replaces the general one, the title stays the general one's.
    /// </summary>
    private static ProblemDetails Problem(int status, string code, string detail, params (string Key, object? Value)[] extensions)
    {
        var problem = new ProblemDetails { Status = status, Title = Texte.ProblemTitel(code), Detail = detail };
        problem.Extensions["code"] = code;
        foreach (var (key, value) in extensions.Where(e => e.Value is not null)) problem.Extensions[key] = value;
        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error on {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
